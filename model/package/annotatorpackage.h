#pragma once

// Annotator packages: a study file for one physician, holding only what they need to rate offline — their
// comparisons with the cases and responses (no system names), their assignments, their own ratings, notes and spans
// so far, and the rubric — and nothing of other physicians or of the judges. The study lead merges it back with
// mergePackage() (model/package/packagemerge.h).
#include "model/domain/result.h"

#include <QLatin1String>
#include <QString>

namespace concord {

class Study;

// Meta keys of a package: the physician it belongs to (the GUI opens it in annotator mode under that name only), and
// the study it came from, which merge checks.
inline constexpr QLatin1String kPackageAnnotatorMeta{"package_annotator"};
inline constexpr QLatin1String kPackageAnnotatorUuidMeta{"package_annotator_uuid"};
inline constexpr QLatin1String kPackageStudyUuidMeta{"package_study_uuid"};
inline constexpr QLatin1String kPackageStudyTitleMeta{"package_study_title"};
inline constexpr QLatin1String kPackageCreatedAtMeta{"package_created_at"};
// The study's audit head when the package was made: merge checks that the study's log holds it.
inline constexpr QLatin1String kPackageStudyHeadMeta{"package_study_head"};

// The physician a package belongs to, or an empty string when the file is a study.
QString packageAnnotator(const Study &study);

struct PackageSummary
{
    QString annotator;
    QString path;
    qint64 comparisons = 0, cases = 0, responses = 0, ratingEvents = 0;
    QString auditHead; // the package's audit head as made, recorded in the study's "package" entry
};

// Writes the package of the physician named annotatorName to outPath. Refuses an unknown physician, one without
// assignments, an existing outPath (never overwritten), and a study that is itself a package. The file is built
// under a temporary name in the same folder and renamed into place only when complete; the study's audit log
// records the package in the same transaction, which also holds the study still while it is read.
Result<PackageSummary> createAnnotatorPackage(Study &study, const QString &annotatorName, const QString &outPath,
                                              const QString &actor);

} // namespace concord
