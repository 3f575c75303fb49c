#include "model/studylead/assignmentplan.h"

#include "model/store/annotatorstore.h"
#include "model/store/trainingreferencestore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <algorithm>

namespace concord {

Result<AssignmentPlan> planAssignments(Study &study, const AssignmentPlanOptions &options)
{
    if (options.annotators.isEmpty())
        return Error{QStringLiteral("name the physicians to assign (--annotators A,B,C)")};
    AssignmentPlan plan;
    plan.annotatorNames = options.annotators;
    AnnotatorStore store(study);
    for (const QString &name : options.annotators) {
        auto found = store.annotatorByName(name);
        if (!found.ok())
            return found.error();
        if (!found.value())
            return Error{QStringLiteral("%1 has no annotator named '%2'; add them first").arg(study.path(), name)};
        if (found.value()->retired)
            return Error{QStringLiteral("annotator '%1' is retired and cannot be assigned").arg(name)};
        auto assigned = store.assignmentCountOf(found.value()->id);
        if (!assigned.ok())
            return assigned.error();
        if (assigned.value() > 0)
            return Error{QStringLiteral("annotator '%1' already has %2 assignments; a design is applied once per "
                                        "physician")
                             .arg(name)
                             .arg(assigned.value())};
        plan.request.annotatorIds.push_back(found.value()->id);
    }
    auto comparisons = store.assignableComparisons();
    if (!comparisons.ok())
        return comparisons.error();
    for (const AssignableComparison &comparison : std::as_const(comparisons.value()))
        plan.request.comparisons.push_back(
            DesignComparison{comparison.id, comparison.responseIds, comparison.systems, false});
    if (plan.request.comparisons.isEmpty())
        return Error{QStringLiteral("%1 has no comparisons to assign; import cases first").arg(study.path())};
    // A comparison is a training one when one of its responses has a reference: stored before, or in the file.
    auto stored = TrainingReferenceStore(study).referencedResponseIds();
    if (!stored.ok())
        return stored.error();
    QSet<qint64> trainingResponses = std::move(stored).value();
    if (!options.trainingFile.isEmpty()) {
        auto references = readTrainingReferences(study, options.trainingFile);
        if (!references.ok())
            return references.error();
        plan.newTrainingReferences = std::move(references).value();
        for (const TrainingReferenceRow &row : std::as_const(plan.newTrainingReferences))
            trainingResponses.insert(row.responseId);
    }
    for (DesignComparison &comparison : plan.request.comparisons) {
        comparison.training = std::any_of(comparison.responseIds.begin(), comparison.responseIds.end(),
                                          [&](qint64 id) { return trainingResponses.contains(id); });
    }
    plan.request.overlap = options.overlap;
    plan.request.repeatShare = options.repeatShare;
    // Stored as a signed 64-bit integer, hence the top bit is cleared.
    plan.request.seed = options.seed != 0 ? options.seed : QRandomGenerator::system()->generate64() >> 1;
    auto design = designAssignments(plan.request);
    if (!design.ok())
        return design.error();
    plan.design = std::move(design).value();
    return plan;
}

QJsonObject assignmentPreviewJson(const AssignmentPlan &plan)
{
    const DesignPreview &preview = plan.design.preview;
    QJsonArray physicians, overlap;
    for (int i = 0; i < plan.annotatorNames.size(); ++i) {
        QJsonObject sides;
        for (auto it = preview.sidesPerAnnotator[i].cbegin(); it != preview.sidesPerAnnotator[i].cend(); ++it)
            sides.insert(it.key(),
                         QJsonObject{{QStringLiteral("left"), it->first}, {QStringLiteral("right"), it->second}});
        physicians.append(QJsonObject{{QStringLiteral("name"), plan.annotatorNames[i]},
                                      {QStringLiteral("load"), preview.loadPerAnnotator[i]},
                                      {QStringLiteral("sides"), sides}});
        QJsonArray row;
        for (int count : preview.overlap[i])
            row.append(count);
        overlap.append(row);
    }
    const int n = int(plan.annotatorNames.size());
    return QJsonObject{
        {QStringLiteral("seed"), QString::number(plan.request.seed)},
        {QStringLiteral("overlap"), plan.request.overlap == 0 || plan.request.overlap >= n ? n : plan.request.overlap},
        {QStringLiteral("comparisons"), qint64(plan.request.comparisons.size())},
        {QStringLiteral("assignments"), qint64(plan.design.assignments.size())},
        {QStringLiteral("repeat_share"), plan.request.repeatShare},
        {QStringLiteral("repeats"), preview.repeats},
        {QStringLiteral("training"), preview.training},
        {QStringLiteral("physicians"), physicians},
        {QStringLiteral("overlap_matrix"), overlap}};
}

Status applyAssignmentPlan(Study &study, const AssignmentPlan &plan, const QString &actor)
{
    AnnotatorStore store(study);
    const QJsonObject preview = assignmentPreviewJson(plan);
    return study.inTransaction([&]() -> Status {
        for (int i = 0; i < plan.request.annotatorIds.size(); ++i) {
            auto assigned = store.assignmentCountOf(plan.request.annotatorIds[i]);
            if (!assigned.ok())
                return assigned.error();
            if (assigned.value() > 0)
                return Error{QStringLiteral("annotator '%1' got assignments after the design was made; make it again")
                                 .arg(plan.annotatorNames[i])};
        }
        for (const DesignedAssignment &designed : plan.design.assignments) {
            Assignment assignment;
            assignment.annotatorId = designed.annotatorId;
            assignment.comparisonId = designed.comparisonId;
            assignment.sequence = designed.sequence;
            assignment.responseOrder = designed.responseOrder;
            assignment.seed = qint64(plan.request.seed);
            assignment.repeat = designed.repeat;
            if (auto id = store.insertAssignment(assignment); !id.ok())
                return id.error();
        }
        if (auto saved = storeTrainingReferences(study, plan.newTrainingReferences); !saved.ok())
            return saved;
        const QJsonObject stored{{QStringLiteral("seed"), preview.value(QStringLiteral("seed"))},
                                 {QStringLiteral("overlap"), preview.value(QStringLiteral("overlap"))},
                                 {QStringLiteral("repeat_share"), plan.request.repeatShare},
                                 {QStringLiteral("training_comparisons"),
                                  qint64(std::count_if(plan.request.comparisons.begin(), plan.request.comparisons.end(),
                                                       [](const DesignComparison &c) { return c.training; }))},
                                 {QStringLiteral("physicians"), QJsonArray::fromStringList(plan.annotatorNames)},
                                 {QStringLiteral("applied_at"), Study::nowUtc()}};
        if (auto saved = study.setMeta(QStringLiteral("assignment_design"),
                                       QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
            !saved.ok())
            return saved;
        return appendAudit(study, actor, QStringLiteral("assign"),
                           QJsonObject{{QStringLiteral("design"), QStringLiteral("balanced overlap")},
                                       {QStringLiteral("preview"), preview}});
    });
}

} // namespace concord
