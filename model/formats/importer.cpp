#include "model/formats/importer.h"

#include "model/domain/messagetext.h"
#include "model/formats/csvreader.h"
#include "model/formats/importcontext.h"
#include "model/package/annotatorpackage.h"
#include "model/store/annotatorstore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

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
    if (header.contains(QStringLiteral("physician_risk_grade")) ||
        (header.contains(QStringLiteral("reference_output")) && header.contains(QStringLiteral("output"))))
        return ImportFormat::Medval;
    return ImportFormat::Csv;
}

// An annotator package takes its physician's ratings only (the readers name the line where they can), and merge checks
// every rating of a package against its audit log: the import's entry records the digest of each event it added.
Result<QJsonArray> checkPackageImport(Study &study, const QString &path, const QString &owner,
                                      const ImportSummary &summary, qint64 lastEventBefore)
{
    if (summary.casesAdded + summary.responsesAdded + summary.judgeRunsAdded + summary.judgeScoresAdded > 0)
        return Error{QStringLiteral("%1: %2 is the annotator package of '%3'; it takes only that physician's ratings, "
                                    "not cases or judge scores")
                         .arg(path, study.path(), owner)};
    auto ownerAnnotator = AnnotatorStore(study).annotatorByName(owner);
    if (!ownerAnnotator.ok())
        return ownerAnnotator.error();
    const QString uuid = ownerAnnotator.value() ? ownerAnnotator.value()->uuid : QString();
    auto events = portableRatingEvents(study);
    if (!events.ok())
        return events.error();
    QJsonArray digests;
    for (const PortableRatingEvent &event : events.value()) {
        if (event.id <= lastEventBefore)
            continue;
        if (uuid.isEmpty() || event.annotatorUuid != uuid)
            return Error{QStringLiteral("%1: %2 is the annotator package of '%3'; the file holds ratings of another "
                                        "annotator")
                             .arg(path, study.path(), owner)};
        digests.append(
            QJsonObject{{QStringLiteral("event"), event.uuid}, {QStringLiteral("digest"), ratingEventDigest(event)}});
    }
    return digests;
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
    if (!ignoredColumns.isEmpty()) {
        constexpr qsizetype kShown = 20;
        QStringList shown;
        for (const QString &name : ignoredColumns.mid(0, kShown))
            shown << quotedForMessage(name, 40);
        if (ignoredColumns.size() > kShown)
            shown << QStringLiteral("and %1 more").arg(ignoredColumns.size() - kShown);
        text += QStringLiteral(" Ignored columns: %1.").arg(shown.join(QStringLiteral(", ")));
    }
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
        const QString owner = packageAnnotator(study);
        auto lastEvent = latestRatingEventId(study);
        if (!lastEvent.ok())
            return lastEvent.error();
        const qint64 lastEventBefore = lastEvent.value();
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
        QJsonObject details{{QStringLiteral("file"), QFileInfo(path).fileName()},
                            {QStringLiteral("format"), summary.format},
                            {QStringLiteral("rows"), summary.rowsRead},
                            {QStringLiteral("cases"), summary.casesAdded},
                            {QStringLiteral("responses"), summary.responsesAdded},
                            {QStringLiteral("ratings"), summary.ratingEventsAdded},
                            {QStringLiteral("judge_scores"), summary.judgeScoresAdded}};
        if (!owner.isEmpty()) {
            auto digests = checkPackageImport(study, path, owner, summary, lastEventBefore);
            if (!digests.ok())
                return digests.error();
            details.insert(QStringLiteral("events"), digests.value());
        }
        return appendAudit(study, options.actor, QStringLiteral("import"), details);
    });
    if (!status.ok())
        return status.error();
    return summary;
}

} // namespace concord
