#include "ui/report/reportexport.h"

#include "model/report/reportdata.h"
#include "model/studyfile/study.h"
#include "ui/report/reportwriter.h"

#include <QFileInfo>
#include <QMutexLocker>

namespace concord {

void ExportProgress::report(const QString &step, int percent)
{
    {
        QMutexLocker lock(&m_mutex);
        m_step = step;
    }
    m_percent.store(percent);
}

QString ExportProgress::step() const
{
    QMutexLocker lock(&m_mutex);
    return m_step;
}

Status exportReport(const QString &studyPath, const QString &outPath, AgreementSettings settings,
                    ExportProgress *progress)
{
    const auto step = [&](const QString &text, int percent) {
        if (progress)
            progress->report(text, percent);
    };
    const Error cancelled{QStringLiteral("the export of %1 was cancelled; no file was written").arg(outPath)};
    step(QStringLiteral("Reading the study…"), 0);
    const auto access = QFileInfo(studyPath).isWritable() ? Study::Access::ReadWrite : Study::Access::ReadOnly;
    auto study = Study::open(studyPath, access);
    if (!study.ok())
        return study.error();
    // The analysis is most of the work: 5-90 %, by axis.
    if (progress)
        settings.cancelled = progress->cancelFlag();
    settings.axisDone = [&](std::size_t done, std::size_t total) {
        step(QStringLiteral("Analysed %1 of %2 axes…").arg(done).arg(total),
             5 + int(85 * done / std::max<std::size_t>(total, 1)));
    };
    auto report = buildReportData(*study.value(), settings);
    if (!report.ok())
        return report.error();
    if (progress && progress->cancelled())
        return cancelled;
    step(QStringLiteral("Writing %1…").arg(QFileInfo(outPath).fileName()), 90);
    if (auto written = writeReport(report.value(), outPath); !written.ok())
        return written;
    step(QStringLiteral("Done"), 100);
    return {};
}

} // namespace concord
