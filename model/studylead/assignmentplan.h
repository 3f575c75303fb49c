#pragma once

#include "model/domain/result.h"
#include "model/studylead/assignmentdesign.h"
#include "model/studylead/trainingreferences.h"

#include <QJsonObject>
#include <QStringList>

namespace concord {

class Study;

struct AssignmentPlanOptions
{
    QStringList annotators{}; // by name; they must exist, not be retired and have no assignments yet
    int overlap = 0;          // physicians per comparison; 0: all of them
    quint64 seed = 0;         // 0: a random seed (stored with the design)
    double repeatShare = 0;   // 0..0.5: share of each physician's comparisons shown again later, blinded
    QString trainingFile{};   // references of training comparisons (model/studylead/trainingreferences.h); empty: none
};

// A design for the study's comparisons, ready to preview and then to apply.
struct AssignmentPlan
{
    QStringList annotatorNames;
    DesignRequest request;
    AssignmentDesign design;
    QVector<TrainingReferenceRow> newTrainingReferences; // from the training file, stored when the plan is applied
};

Result<AssignmentPlan> planAssignments(Study &study, const AssignmentPlanOptions &options);

// The preview as data: seed, overlap, per physician the load and the left/right counts per system, and the overlap
// matrix (comparisons each pair of physicians shares).
QJsonObject assignmentPreviewJson(const AssignmentPlan &plan);

// Writes every assignment of the plan and the training references in one transaction, stores the design (meta
// "assignment_design": seed, overlap, repeat share, physicians) and records it in the audit log. Refused, changing
// nothing, when a physician got assignments since the plan was made.
Status applyAssignmentPlan(Study &study, const AssignmentPlan &plan, const QString &actor);

} // namespace concord
