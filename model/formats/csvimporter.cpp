// Tidy CSV (cases, ratings or judge scores) and MedVAL-Bench CSV.
#include "model/domain/messagetext.h"
#include "model/formats/csvreader.h"
#include "model/formats/importcontext.h"
#include "model/package/annotatorpackage.h"
#include "model/studyfile/study.h"

#include <QFileInfo>
#include <map>

namespace concord {

namespace {

// Column positions by name, with the "required column missing" error.
class Columns
{
public:
    explicit Columns(const CsvReader &reader)
        : m_reader(reader)
    {}

    Status require(const QStringList &names) const
    {
        for (const auto &name : names) {
            if (m_reader.column(name) < 0)
                return Error{
                    QStringLiteral("%1:1: field '%2': required column is missing (the header has %3)")
                        .arg(m_reader.name(), name,
                             escapedForMessage(m_reader.header().mid(0, 40).join(QStringLiteral(", ")).left(300)))};
        }
        return {};
    }
    bool has(const QString &name) const { return m_reader.column(name) >= 0; }
    QString value(const CsvReader::Record &record, const QString &name) const
    {
        const qsizetype index = m_reader.column(name);
        return index >= 0 ? record.fields.at(index) : QString();
    }

private:
    const CsvReader &m_reader;
};

void noteIgnoredColumns(ImportContext &context, const CsvReader &reader, const QStringList &known,
                        const QString &prefix = {})
{
    for (const auto &name : reader.header()) {
        if (!known.contains(name) && (prefix.isEmpty() || !name.startsWith(prefix)))
            context.summary().ignoredColumns << name;
    }
}

Status importTidyRatings(ImportContext &context, CsvReader &reader)
{
    const Columns columns(reader);
    const QStringList known{QStringLiteral("case"),    QStringLiteral("response"), QStringLiteral("annotator"),
                            QStringLiteral("axis"),    QStringLiteral("value"),    QStringLiteral("likelihood"),
                            QStringLiteral("comment"), QStringLiteral("time"),     QStringLiteral("active_seconds"),
                            QStringLiteral("repeat")};
    if (auto status = columns.require(known.mid(0, 5)); !status.ok())
        return status;
    noteIgnoredColumns(context, reader, known);
    // An annotator package takes its physician's ratings only.
    const QString owner = packageAnnotator(context.study());
    while (true) {
        auto record = reader.next();
        if (!record.ok())
            return record.error();
        if (!record.value())
            return {};
        const auto &row = *record.value();
        const SourceLine at{reader.name(), row.line};
        ++context.summary().rowsRead;
        if (const QString annotator = columns.value(row, QStringLiteral("annotator")).trimmed();
            !owner.isEmpty() && annotator != owner)
            return importError(at, QStringLiteral("annotator"),
                               QStringLiteral("%1 is not '%2', whose annotator package this is; a package takes "
                                              "only its physician's ratings")
                                   .arg(quotedForMessage(annotator, 60), owner));
        auto value = parseRatingValue(at, columns.value(row, QStringLiteral("value")), QStringLiteral("value"));
        if (!value.ok())
            return value.error();
        auto seconds = parseOptionalNumber(at, columns.value(row, QStringLiteral("active_seconds")),
                                           QStringLiteral("active_seconds"));
        if (!seconds.ok())
            return seconds.error();
        auto repeat = parseFlag(at, columns.value(row, QStringLiteral("repeat")), QStringLiteral("repeat"));
        if (!repeat.ok())
            return repeat.error();
        RatingInput input{columns.value(row, QStringLiteral("case")),
                          columns.value(row, QStringLiteral("response")),
                          columns.value(row, QStringLiteral("annotator")),
                          columns.value(row, QStringLiteral("axis")),
                          value.value(),
                          columns.value(row, QStringLiteral("likelihood")),
                          columns.value(row, QStringLiteral("comment")),
                          columns.value(row, QStringLiteral("time")),
                          seconds.value(),
                          repeat.value()};
        if (auto status = context.addRating(at, input); !status.ok())
            return status;
    }
}

Status importTidyJudge(ImportContext &context, CsvReader &reader)
{
    const Columns columns(reader);
    if (auto status = columns.require(
            {QStringLiteral("case"), QStringLiteral("response"), QStringLiteral("axis"), QStringLiteral("value")});
        !status.ok())
        return status;
    if (!columns.has(QStringLiteral("judge")) && context.options().judge.isEmpty())
        return Error{QStringLiteral("%1:1: field 'judge': required column is missing (or name the judge run with "
                                    "--judge)")
                         .arg(reader.name())};
    // Per-scale-point probability columns: p_1, p_2, ...
    std::vector<std::pair<qsizetype, double>> pointColumns;
    QHash<double, QString> columnOfPoint;
    for (qsizetype i = 0; i < reader.header().size(); ++i) {
        const QString &name = reader.header().at(i);
        if (!name.startsWith(QStringLiteral("p_")))
            continue;
        bool ok = false;
        const double point = name.mid(2).toDouble(&ok);
        if (!ok || !std::isfinite(point))
            return Error{QStringLiteral("%1:1: field '%2': a probability column is named p_<scale value>, e.g. p_1")
                             .arg(reader.name(), escapedForMessage(name.left(80)))};
        // "p_1" and "p_1.0" are one scale value: a score cannot hold two probabilities for it.
        if (auto seen = columnOfPoint.constFind(point); seen != columnOfPoint.constEnd())
            return Error{QStringLiteral("%1:1: field '%2': scale value %3 already has the column %4")
                             .arg(reader.name(), escapedForMessage(name.left(80)))
                             .arg(point)
                             .arg(quotedForMessage(*seen))};
        columnOfPoint.insert(point, name);
        pointColumns.emplace_back(i, point);
    }
    const QString confidenceColumn =
        columns.has(QStringLiteral("confidence")) ? QStringLiteral("confidence") : QStringLiteral("probability");
    noteIgnoredColumns(context, reader,
                       {QStringLiteral("case"), QStringLiteral("response"), QStringLiteral("judge"),
                        QStringLiteral("axis"), QStringLiteral("value"), QStringLiteral("confidence"),
                        QStringLiteral("probability"), QStringLiteral("rationale")},
                       QStringLiteral("p_"));
    while (true) {
        auto record = reader.next();
        if (!record.ok())
            return record.error();
        if (!record.value())
            return {};
        const auto &row = *record.value();
        const SourceLine at{reader.name(), row.line};
        ++context.summary().rowsRead;
        JudgeInput input;
        input.caseId = columns.value(row, QStringLiteral("case"));
        input.response = columns.value(row, QStringLiteral("response"));
        input.axis = columns.value(row, QStringLiteral("axis"));
        input.judge = columns.has(QStringLiteral("judge")) ? columns.value(row, QStringLiteral("judge"))
                                                           : context.options().judge;
        input.rationale = columns.value(row, QStringLiteral("rationale"));
        auto value = parseOptionalNumber(at, columns.value(row, QStringLiteral("value")), QStringLiteral("value"));
        if (!value.ok())
            return value.error();
        input.value = value.value();
        auto confidence = parseOptionalNumber(at, columns.value(row, confidenceColumn), confidenceColumn);
        if (!confidence.ok())
            return confidence.error();
        input.confidence = confidence.value();
        if (input.confidence && !(*input.confidence >= 0 && *input.confidence <= 1))
            return importError(at, confidenceColumn, QStringLiteral("%1 is outside [0, 1]").arg(*input.confidence));
        for (const auto &[index, point] : pointColumns) {
            const QString &name = reader.header().at(index);
            auto p = parseOptionalNumber(at, row.fields.at(index), name);
            if (!p.ok())
                return p.error();
            if (!p.value())
                continue;
            if (!(*p.value() >= 0 && *p.value() <= 1))
                return importError(at, name, QStringLiteral("probability %1 is outside [0, 1]").arg(*p.value()));
            input.probabilities.push_back({point, *p.value()});
        }
        if (auto status = context.addJudgeScore(at, input); !status.ok())
            return status;
    }
}

Status importTidyCases(ImportContext &context, CsvReader &reader)
{
    const Columns columns(reader);
    const QStringList known{QStringLiteral("case"),      QStringLiteral("task"),     QStringLiteral("input"),
                            QStringLiteral("reference"), QStringLiteral("response"), QStringLiteral("system"),
                            QStringLiteral("text")};
    if (auto status = columns.require({QStringLiteral("case"), QStringLiteral("response"), QStringLiteral("text")});
        !status.ok())
        return status;
    noteIgnoredColumns(context, reader, known);
    // A case's rows need not be adjacent: gather them, then insert in the order cases first appear.
    std::vector<CaseInput> cases;
    QHash<QString, std::size_t> index;
    QHash<QString, qint64> firstLine;
    while (true) {
        auto record = reader.next();
        if (!record.ok())
            return record.error();
        if (!record.value())
            break;
        const auto &row = *record.value();
        const SourceLine at{reader.name(), row.line};
        ++context.summary().rowsRead;
        const QString id = columns.value(row, QStringLiteral("case"));
        if (id.trimmed().isEmpty())
            return importError(at, QStringLiteral("case"), QStringLiteral("is empty"));
        CaseInput fields{id,
                         columns.value(row, QStringLiteral("task")),
                         columns.value(row, QStringLiteral("input")),
                         columns.value(row, QStringLiteral("reference")),
                         QStringLiteral("{}"),
                         {}};
        auto it = index.constFind(id);
        if (it == index.constEnd()) {
            index.insert(id, cases.size());
            firstLine.insert(id, row.line);
            cases.push_back(fields);
            it = index.constFind(id);
        } else {
            const CaseInput &known = cases[*it];
            for (const auto &[name, a, b] :
                 {std::tuple{QStringLiteral("task"), known.task, fields.task},
                  std::tuple{QStringLiteral("input"), known.input, fields.input},
                  std::tuple{QStringLiteral("reference"), known.reference, fields.reference}}) {
                if (a != b)
                    return importError(at, name,
                                       QStringLiteral("differs from line %1 for the same case %2")
                                           .arg(firstLine.value(id))
                                           .arg(quotedForMessage(id)));
            }
        }
        cases[*it].responses.push_back(ResponseInput{columns.value(row, QStringLiteral("response")),
                                                     columns.value(row, QStringLiteral("system")),
                                                     columns.value(row, QStringLiteral("text")), QStringLiteral("{}")});
    }
    for (const auto &c : cases) {
        if (auto status = context.addCase(SourceLine{reader.name(), firstLine.value(c.id)}, c); !status.ok())
            return status;
    }
    return {};
}

} // namespace

Status importTidyCsv(ImportContext &context, const QString &path)
{
    auto opened = CsvReader::open(path);
    if (!opened.ok())
        return opened.error();
    CsvReader &reader = *opened.value();
    ImportContent content = context.options().content;
    if (content == ImportContent::Auto) {
        const QStringList &h = reader.header();
        bool judgeColumns = h.contains(QStringLiteral("judge")) || h.contains(QStringLiteral("confidence")) ||
                            h.contains(QStringLiteral("probability")) || h.contains(QStringLiteral("rationale"));
        for (const auto &name : h)
            judgeColumns = judgeColumns || name.startsWith(QStringLiteral("p_"));
        if (h.contains(QStringLiteral("annotator")))
            content = ImportContent::Ratings;
        else if (judgeColumns)
            content = ImportContent::Judge;
        else if (h.contains(QStringLiteral("text")))
            content = ImportContent::Cases;
        else
            return Error{QStringLiteral("%1:1: cannot tell whether the file holds cases, ratings or judge scores from "
                                        "its columns (%2); use --what")
                             .arg(path, escapedForMessage(h.mid(0, 40).join(QStringLiteral(", ")).left(200)))};
    }
    switch (content) {
    case ImportContent::Ratings:
        context.summary().format = QStringLiteral("tidy CSV (ratings)");
        return importTidyRatings(context, reader);
    case ImportContent::Judge:
        context.summary().format = QStringLiteral("tidy CSV (judge scores)");
        return importTidyJudge(context, reader);
    case ImportContent::Cases:
    case ImportContent::Auto:
        context.summary().format = QStringLiteral("tidy CSV (cases)");
        return importTidyCases(context, reader);
    }
    return {};
}

Status importMedval(ImportContext &context, const QString &path)
{
    auto opened = CsvReader::open(path);
    if (!opened.ok())
        return opened.error();
    CsvReader &reader = *opened.value();
    const Columns columns(reader);
    context.summary().format = QStringLiteral("MedVAL-Bench CSV");
    if (auto status = columns.require({QStringLiteral("id"), QStringLiteral("input"), QStringLiteral("output"),
                                       QStringLiteral("physician_risk_grade")});
        !status.ok())
        return status;
    noteIgnoredColumns(context, reader,
                       {QStringLiteral("#"), QStringLiteral("id"), QStringLiteral("task"), QStringLiteral("input"),
                        QStringLiteral("reference_output"), QStringLiteral("output"),
                        QStringLiteral("physician_error_assessment"), QStringLiteral("physician_risk_grade"),
                        QStringLiteral("lm_reasoning"), QStringLiteral("lm_error_assessment"),
                        QStringLiteral("lm_risk_grade")});
    const SourceLine header{path, 1};
    auto riskAxis = context.axis(header, QStringLiteral("risk"), QStringLiteral("physician_risk_grade"));
    if (!riskAxis.ok())
        return Error{QStringLiteral("%1: the study's rubric has no 'risk' axis for MedVAL's risk grades").arg(path)};
    const Axis &risk = *riskAxis.value();
    const QString base = QFileInfo(path).completeBaseName();
    const QString annotatorBase = context.options().annotator.isEmpty() ? base : context.options().annotator;
    const bool hasJudge = columns.has(QStringLiteral("lm_risk_grade"));
    const QString judgeName =
        context.options().judge.isEmpty() ? base + QStringLiteral(" judge") : context.options().judge;

    struct Item
    {
        qint64 caseId = 0;
        qint64 responseId = 0;
        qint64 line = 0;
        size_t inputHash = 0;
        size_t outputHash = 0;
        int ratings = 0;
        std::optional<double> lmGrade; // the judge's grade, scored once per item
    };
    QHash<QString, Item> items;
    QHash<int, qint64> annotatorBySlot;
    qint64 judgeRun = 0;

    auto grade = [&](const SourceLine &at, const QString &text, const QString &field) -> Result<std::optional<double>> {
        auto number = parseOptionalNumber(at, text, field);
        if (!number.ok())
            return number.error();
        if (!number.value() || *number.value() == -1)
            return std::optional<double>{};
        if (!risk.hasPoint(*number.value()))
            return importError(at, field,
                               QStringLiteral("%1 is not on the scale of axis 'risk' (%2; -1 or empty "
                                              "for unlabelled)")
                                   .arg(*number.value())
                                   .arg(risk.describePoints()));
        return number.value();
    };

    while (true) {
        auto record = reader.next();
        if (!record.ok())
            return record.error();
        if (!record.value())
            return {};
        const auto &row = *record.value();
        const SourceLine at{path, row.line};
        ++context.summary().rowsRead;
        const QString id = columns.value(row, QStringLiteral("id")).trimmed();
        if (id.isEmpty())
            return importError(at, QStringLiteral("id"), QStringLiteral("is empty"));
        const QString input = columns.value(row, QStringLiteral("input"));
        const QString output = columns.value(row, QStringLiteral("output"));
        auto physician = grade(at, columns.value(row, QStringLiteral("physician_risk_grade")),
                               QStringLiteral("physician_risk_grade"));
        if (!physician.ok())
            return physician.error();
        std::optional<double> lm;
        if (hasJudge) {
            auto lmGrade =
                grade(at, columns.value(row, QStringLiteral("lm_risk_grade")), QStringLiteral("lm_risk_grade"));
            if (!lmGrade.ok())
                return lmGrade.error();
            lm = lmGrade.value();
        }

        auto found = items.find(id);
        if (found == items.end()) {
            Item item;
            item.line = row.line;
            item.inputHash = qHash(input);
            item.outputHash = qHash(output);
            std::optional<CaseRecord> existing;
            if (context.studyHadCases()) {
                auto lookup = context.cases().caseByExternalId(id);
                if (!lookup.ok())
                    return lookup.error();
                existing = lookup.value();
            }
            if (existing) {
                // The same item imported before (e.g. judge outputs after the physician labels): reuse it.
                auto response = context.cases().responseByExternalId(existing->id, id);
                if (!response.ok())
                    return response.error();
                if (existing->input != input || !response.value() || response.value()->text != output)
                    return importError(at, QStringLiteral("id"),
                                       QStringLiteral("case %1 already exists in the study with a different input "
                                                      "or output")
                                           .arg(quotedForMessage(id)));
                item.caseId = existing->id;
                item.responseId = response.value()->id;
            } else {
                CaseRecord c;
                c.externalId = id;
                c.task = columns.value(row, QStringLiteral("task"));
                c.input = input;
                c.reference = columns.value(row, QStringLiteral("reference_output"));
                auto added = context.cases().insertCase(c);
                if (!added.ok())
                    return added.error();
                ResponseRecord r;
                r.caseId = c.id;
                r.externalId = id;
                r.text = output;
                auto addedResponse = context.cases().insertResponse(r);
                if (!addedResponse.ok())
                    return addedResponse.error();
                // A one-response comparison, so a physician can be assigned the item and rate it in Concord.
                ComparisonRecord comparison{0, {}, c.id, {r.id}};
                if (auto addedComparison = context.cases().insertComparison(comparison); !addedComparison.ok())
                    return addedComparison.error();
                item.caseId = c.id;
                item.responseId = r.id;
                ++context.summary().casesAdded;
                ++context.summary().responsesAdded;
            }
            context.rememberCase(id, item.caseId);
            context.rememberResponse(item.caseId, id, item.responseId);
            found = items.insert(id, item);
        } else if (found->inputHash != qHash(input) || found->outputHash != qHash(output)) {
            return importError(at, QStringLiteral("id"),
                               QStringLiteral("duplicate id %1 with a different input or "
                                              "output than line %2")
                                   .arg(quotedForMessage(id))
                                   .arg(found->line));
        }

        if (physician.value()) {
            // The k-th rating of an item goes to the k-th rater slot, so double annotation keeps both ratings.
            const int slot = ++found->ratings;
            auto annotator = annotatorBySlot.constFind(slot);
            if (annotator == annotatorBySlot.constEnd()) {
                const QString name = slot == 1 ? annotatorBase : QStringLiteral("%1 #%2").arg(annotatorBase).arg(slot);
                auto id = context.annotatorId(name);
                if (!id.ok())
                    return id.error();
                annotator = annotatorBySlot.insert(slot, id.value());
            }
            RatingEvent event;
            event.annotatorId = *annotator;
            event.responseId = found->responseId;
            event.axisId = risk.id;
            event.value = *physician.value();
            event.comment = columns.value(row, QStringLiteral("physician_error_assessment"));
            auto appended = context.ratings().append(event);
            if (!appended.ok())
                return appended.error();
            ++context.summary().ratingEventsAdded;
        } else {
            ++context.summary().rowsUnlabelled;
        }

        if (lm && found->lmGrade) {
            // A doubly annotated item repeats the judge's output: score it once.
            if (*found->lmGrade != *lm)
                return importError(at, QStringLiteral("lm_risk_grade"),
                                   QStringLiteral("%1 differs from the grade %2 given to the same item on line %3")
                                       .arg(*lm)
                                       .arg(*found->lmGrade)
                                       .arg(found->line));
        } else if (lm) {
            found->lmGrade = lm;
            if (judgeRun == 0) {
                auto run = context.judgeRunId(judgeName);
                if (!run.ok())
                    return run.error();
                judgeRun = run.value();
            }
            JudgeScore score;
            score.judgeRunId = judgeRun;
            score.responseId = found->responseId;
            score.axisId = risk.id;
            score.value = *lm;
            QStringList rationale;
            const QString reasoning = columns.value(row, QStringLiteral("lm_reasoning")).trimmed();
            const QString errors = columns.value(row, QStringLiteral("lm_error_assessment")).trimmed();
            if (!reasoning.isEmpty())
                rationale << reasoning;
            if (!errors.isEmpty())
                rationale << QStringLiteral("Errors: ") + errors;
            score.rationale = rationale.join(QStringLiteral("\n\n"));
            auto inserted = context.judges().insertScore(score);
            if (!inserted.ok()) {
                if (inserted.error().code == ErrorCode::Duplicate)
                    return importError(at, QStringLiteral("lm_risk_grade"),
                                       QStringLiteral("judge run %1 already has a score for item %2 (name a new "
                                                      "run with --judge)")
                                           .arg(quotedForMessage(judgeName), quotedForMessage(id)));
                return inserted.error();
            }
            ++context.summary().judgeScoresAdded;
        }
    }
}

} // namespace concord
