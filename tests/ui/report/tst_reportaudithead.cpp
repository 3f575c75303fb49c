// The report anchors the study's history: it prints the audit log's head, which a reader keeps and later
// compares with `concord check --expect-head`.
#include "model/demo/demostudy.h"
#include "model/report/reportdata.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"
#include "ui/report/reportwriter.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

class TestReportAuditHead : public QObject
{
    Q_OBJECT

private slots:
    void html_printsTheVerifiedAuditHead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(path, DemoOptions{.cases = 6, .raters = 2, .seed = 3}).ok());
        auto study = Study::open(path);
        QVERIFY(study.ok());
        auto report = buildReportData(*study.value(), AgreementSettings{.bootstrap = 0});
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        const QString head = auditHead(*study.value());
        QCOMPARE(head.size(), 64);
        QCOMPARE(
            report->value(QStringLiteral("reproducibility")).toObject().value(QStringLiteral("audit_head")).toString(),
            head);
        const QString html = reportHtml(report.value());
        QVERIFY(html.contains(QStringLiteral("Audit log head")));
        QVERIFY(html.contains(QStringLiteral("<code><bdi>%1</bdi></code>").arg(head)));
        QVERIFY(html.contains(QStringLiteral("concord check --expect-head")));
    }
};

QTEST_MAIN(TestReportAuditHead)
#include "tst_reportaudithead.moc"
