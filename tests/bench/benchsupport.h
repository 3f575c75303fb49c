#pragma once

// Shared by the benchmark programs: a synthetic study of a given size, percentiles, peak memory and JSON output.
#include "model/annotatorstore.h"
#include "model/casestore.h"
#include "model/judgestore.h"
#include "model/ratingstore.h"
#include "model/study.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <sys/resource.h>
#include <vector>

namespace concord::bench {

// The file system's name as `stat -f` reports it (e.g. "ext2/ext3", "tmpfs"), or "unknown".
inline QString fileSystemType(const QString &dir)
{
    QProcess stat;
    stat.start(QStringLiteral("stat"), {QStringLiteral("-f"), QStringLiteral("-c"), QStringLiteral("%T"), dir});
    if (!stat.waitForFinished(5000) || stat.exitCode() != 0)
        return QStringLiteral("unknown");
    return QString::fromLatin1(stat.readAllStandardOutput()).trimmed();
}

// A pragma as the study's connection has it, so the JSON reports the durability actually measured.
inline QString pragmaValue(const Study &study, const QString &pragma)
{
    auto q = study.exec(QStringLiteral("PRAGMA ") + pragma);
    if (!q.ok() || !q->next())
        return QStringLiteral("unknown");
    return q->value(0).toString();
}

// SQLite's synchronous level by name (PRAGMA synchronous returns a number).
inline QString synchronousName(const QString &level)
{
    const QStringList names{QStringLiteral("OFF"), QStringLiteral("NORMAL"), QStringLiteral("FULL"),
                            QStringLiteral("EXTRA")};
    bool isNumber = false;
    const int index = level.toInt(&isNumber);
    return isNumber && index >= 0 && index < names.size() ? names[index] : level;
}

// Nearest-rank percentile (p in [0, 100]) of the samples.
inline double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
    return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

// Peak resident memory of this process so far, in MiB (Linux reports ru_maxrss in KiB).
inline double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

inline void printResult(const QJsonObject &result)
{
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
}

struct FillOptions
{
    int responses = 100'000;
    int raters = 3;
    bool everyResponseAxis = true; // otherwise only the first response axis is rated
    bool judgeScores = true;
};

// Cases of two responses each; every rater rates every response on the chosen axes, in one transaction.
inline Status fillStudy(Study &study, const FillOptions &options)
{
    QVector<qint64> axes;
    for (const auto &axis : study.rubric().axes) {
        if (axis.target == AxisTarget::Response && (options.everyResponseAxis || axes.isEmpty()))
            axes << axis.id;
    }
    return study.inTransaction([&]() -> Status {
        CaseStore cases(study);
        AnnotatorStore annotators(study);
        RatingStore ratings(study);
        JudgeStore judges(study);
        auto run = judges.ensureRun(QStringLiteral("judge"));
        if (!run.ok())
            return run.error();
        QVector<qint64> raterIds;
        for (int r = 0; r < options.raters; ++r) {
            auto annotator = annotators.ensureAnnotator(QStringLiteral("Physician %1").arg(r + 1));
            if (!annotator.ok())
                return annotator.error();
            raterIds << annotator->id;
        }
        const QString body = QStringLiteral("More of the response. ").repeated(80);
        for (int c = 0; c < (options.responses + 1) / 2; ++c) {
            CaseRecord record;
            record.externalId = QStringLiteral("case-%1").arg(c + 1, 6, 10, QLatin1Char('0'));
            record.task = c % 2 ? QStringLiteral("triage") : QStringLiteral("summary");
            record.input = QStringLiteral("The case as the rater reads it. ").repeated(20);
            if (auto inserted = cases.insertCase(record); !inserted.ok())
                return inserted.error();
            for (int k = 0; k < 2 && 2 * c + k < options.responses; ++k) {
                ResponseRecord response;
                response.caseId = record.id;
                response.externalId = QStringLiteral("r%1").arg(k + 1);
                response.system = k ? QStringLiteral("Birch") : QStringLiteral("Aster");
                response.text = QStringLiteral("First line of response %1 to case %2.\n").arg(k + 1).arg(c + 1) + body;
                if (auto inserted = cases.insertResponse(response); !inserted.ok())
                    return inserted.error();
                for (qint64 axis : axes) {
                    for (qint64 rater : raterIds) {
                        RatingEvent event;
                        event.annotatorId = rater;
                        event.responseId = response.id;
                        event.axisId = axis;
                        event.value = (c + rater) % 4 + 1;
                        event.rubricVersion = study.rubric().version;
                        if (auto appended = ratings.append(event); !appended.ok())
                            return appended.error();
                    }
                    if (!options.judgeScores)
                        continue;
                    JudgeScore score;
                    score.judgeRunId = run->id;
                    score.responseId = response.id;
                    score.axisId = axis;
                    score.value = c % 4 + 1;
                    if (auto inserted = judges.insertScore(score); !inserted.ok())
                        return inserted.error();
                }
            }
        }
        return {};
    });
}

} // namespace concord::bench
