#pragma once

#include "model/domain/result.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace concord {

class Study;

enum class ImportFormat
{
    Auto,
    Jsonl,
    Csv,
    Medval
};
// What a tidy CSV holds; JSONL lines say what they are themselves, MedVAL files hold cases + ratings (+ judge).
enum class ImportContent
{
    Auto,
    Cases,
    Judge,
    Ratings
};

struct ImportOptions
{
    ImportFormat format =
        ImportFormat::Auto; // Auto: by extension (.jsonl/.ndjson; .csv: MedVAL when its header says so)
    ImportContent content = ImportContent::Auto;
    QString annotator; // MedVAL: name of the physician annotator (default: the file's base name)
    QString judge;     // MedVAL / tidy CSV judge scores without a 'judge' column: name of the judge run
    QString actor = QStringLiteral("concord"); // recorded in the audit log
};

struct ImportSummary
{
    QString file;
    QString format;
    qint64 casesAdded = 0;
    qint64 responsesAdded = 0;
    qint64 ratingEventsAdded = 0;
    qint64 judgeScoresAdded = 0;
    qint64 annotatorsAdded = 0;
    qint64 judgeRunsAdded = 0;
    qint64 rowsRead = 0;
    qint64 rowsUnlabelled = 0; // MedVAL rows without a physician grade (-1 or empty)
    QStringList ignoredColumns;
    QString describe() const; // one paragraph for the command line and the GUI
};

// Imports one file in a single transaction: either everything is added, or nothing is and the study file is
// unchanged. Errors name the file, the line and the field.
Result<ImportSummary> importFile(Study &study, const QString &path, const ImportOptions &options);

std::optional<ImportFormat> importFormatFromString(const QString &text);
std::optional<ImportContent> importContentFromString(const QString &text);

} // namespace concord
