// An import (or a merge) started while another program writes to the study waits for it, saying so on stderr, for
// longer than the 5 s every connection waits by default, and then completes.
#include "tests/cli/clisupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace concord;
using namespace concord::clitest;

class TestWriterWait : public QObject
{
    Q_OBJECT

private slots:
    void import_waitsForAnotherWriterLongerThanFiveSeconds()
    {
        QTemporaryDir dir;
        const QString study = dir.filePath(QStringLiteral("busy.concord"));
        QCOMPARE(runConcord({QStringLiteral("new"), study}).exitCode, 0);
        const QString other = QStringLiteral("long-import");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), other);
            db.setDatabaseName(study);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE")));
        }
        QProcess import;
        import.start(QStringLiteral(CONCORD_EXECUTABLE),
                     {QStringLiteral("import"), study, QStringLiteral(CONCORD_SOURCE_DIR "/data/samples/cases.jsonl")});
        QVERIFY(import.waitForStarted());
        QElapsedTimer held;
        held.start();
        // It says that it waits, and it is still waiting after more than five seconds.
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += import.readAllStandardError()).contains("waiting for another program"), 5000);
        QVERIFY(!import.waitForFinished(std::max(1, 6000 - int(held.elapsed()))));
        QCOMPARE(import.state(), QProcess::Running);
        {
            QSqlDatabase db = QSqlDatabase::database(other, false);
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("ROLLBACK")));
            db.close();
        }
        QSqlDatabase::removeDatabase(other);
        QVERIFY(import.waitForFinished(60000));
        err += import.readAllStandardError();
        QVERIFY2(import.exitCode() == 0, err.constData());
        QVERIFY(count(study, QStringLiteral("SELECT count(*) FROM \"case\"")) > 0);
    }
};

QTEST_GUILESS_MAIN(TestWriterWait)
#include "tst_writerwait.moc"
