#include "model/importer.h"

#include "model/auditlog.h"
#include "model/csvreader.h"
#include "model/importcontext.h"
#include "model/study.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace concord {

namespace {

// ".csv" files are MedVAL-Bench when their header has MedVAL's own columns.
Result<ImportFormat> detectFormat(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("jsonl") || suffix == QStringLiteral("ndjson"))
        return ImportFormat::Jsonl;
    if (suffix != QStringLiteral("csv") && suffix != QStringLiteral("tsv"))
        return Error{QStringLiteral("%1: cannot tell the format from the extension '.%2'; use .jsonl or .csv, or "
                                    "give --format")
                         .arg(path, suffix)};
    auto reader = CsvReader::open(path);
    if (!reader.ok())
        return reader.error();
    const QStringList &header = reader.value()->header();
    if (header.contains(QStringLiteral("physician_risk_grade"))
        || (header.contains(QStringLiteral("reference_output")) && header.contains(QStringLiteral("output"))))
        return ImportFormat::Medval;
    return ImportFormat::Csv;
}

} // namespace

QString ImportSummary::describe() const
{
    QStringList parts;
    auto add = [&](qint64 n, const char *what) {
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(n).arg(QLatin1String(what));
    };
    add(casesAdded, "cases");
    add(responsesAdded, "responses");
    add(ratingEventsAdded, "ratings");
    add(judgeScoresAdded, "judge scores");
    add(annotatorsAdded, "new annotators");
    add(judgeRunsAdded, "new judge runs");
    QString text = QStringLiteral("Imported %1 (%2, %3 rows): %4.")
                       .arg(file, format)
                       .arg(rowsRead)
                       .arg(parts.isEmpty() ? QStringLiteral("nothing new") : parts.join(QStringLiteral(", ")));
    if (rowsUnlabelled > 0)
        text += QStringLiteral(" %1 rows had no physician grade (unlabelled).").arg(rowsUnlabelled);
    if (!ignoredColumns.isEmpty())
        text += QStringLiteral(" Ignored columns: %1.").arg(ignoredColumns.join(QStringLiteral(", ")));
    return text;
}

std::optional<ImportFormat> importFormatFromString(const QString &text)
{
    if (text == QStringLiteral("jsonl"))
        return ImportFormat::Jsonl;
    if (text == QStringLiteral("csv"))
        return ImportFormat::Csv;
    if (text == QStringLiteral("medval"))
        return ImportFormat::Medval;
    return std::nullopt;
}

std::optional<ImportContent> importContentFromString(const QString &text)
{
    if (text == QStringLiteral("cases"))
        return ImportContent::Cases;
    if (text == QStringLiteral("judge"))
        return ImportContent::Judge;
    if (text == QStringLiteral("ratings"))
        return ImportContent::Ratings;
    return std::nullopt;
}

Result<ImportSummary> importFile(Study &study, const QString &path, const ImportOptions &options)
{
    if (!QFileInfo::exists(path))
        return Error{QStringLiteral("%1: no such file").arg(path)};
    ImportFormat format = options.format;
    if (format == ImportFormat::Auto) {
        auto detected = detectFormat(path);
        if (!detected.ok())
            return detected.error();
        format = detected.value();
    }
    ImportSummary summary;
    summary.file = path;
    Status status = study.inTransaction([&]() -> Status {
        ImportContext context(study, summary, options);
        Status read;
        switch (format) {
        case ImportFormat::Jsonl:
            read = importJsonl(context, path);
            break;
        case ImportFormat::Medval:
            read = importMedval(context, path);
            break;
        case ImportFormat::Csv:
        case ImportFormat::Auto:
            read = importTidyCsv(context, path);
            break;
        }
        if (!read.ok())
            return read;
        return appendAudit(study, options.actor, QStringLiteral("import"),
                           QJsonObject{{QStringLiteral("file"), QFileInfo(path).fileName()},
                                       {QStringLiteral("format"), summary.format},
                                       {QStringLiteral("rows"), summary.rowsRead},
                                       {QStringLiteral("cases"), summary.casesAdded},
                                       {QStringLiteral("responses"), summary.responsesAdded},
                                       {QStringLiteral("ratings"), summary.ratingEventsAdded},
                                       {QStringLiteral("judge_scores"), summary.judgeScoresAdded}});
    });
    if (!status.ok())
        return status.error();
    return summary;
}

} // namespace concord
