// The study file on the command line: two `concord new` on one path (one wins, the other says so, the winner's file
// stays), `concord check` on broken and old files, and every kind of file Concord writes created owner-only.
#include "model/studyfile/schema.h"
#include "tests/cli/clisupport.h"
#include "tests/testsupport.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace concord;
using namespace concord::clitest;

namespace {

int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

void rawSql(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const auto &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

} // namespace

class TestStudyFileSafety : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { ::umask(022); } // the usual umask: without care files would be world-readable

    void new_twoAtOnceOnOnePath_oneWinsTheOtherSaysSo()
    {
        constexpr int kRounds = 30;
        int bothSucceeded = 0;
        for (int round = 0; round < kRounds; ++round) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("race.concord"));
            QProcess first;
            QProcess second;
            first.start(QStringLiteral(CONCORD_EXECUTABLE), {QStringLiteral("new"), path});
            second.start(QStringLiteral(CONCORD_EXECUTABLE), {QStringLiteral("new"), path});
            QVERIFY(first.waitForFinished(60000) && second.waitForFinished(60000));
            const int wins = (first.exitCode() == 0 ? 1 : 0) + (second.exitCode() == 0 ? 1 : 0);
            if (wins == 2)
                ++bothSucceeded;
            QCOMPARE(wins, 1);
            QProcess &loser = first.exitCode() == 0 ? second : first;
            const QString message = QString::fromUtf8(loser.readAllStandardError());
            QVERIFY2(message.contains(QStringLiteral("already exists")), qPrintable(message));
            const Run check = runConcord({QStringLiteral("check"), path});
            QVERIFY2(check.exitCode == 0, qPrintable(check.err));
            // Only the winner's file is left: no temporary of the loser beside it.
            QCOMPARE(QDir(dir.path()).entryList({QStringLiteral(".*partial*")}, QDir::Files | QDir::Hidden),
                     QStringList{});
        }
        QCOMPARE(bothSucceeded, 0);
    }

    void check_callsAFileWithoutSchemaDamaged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("interrupted.concord"));
        rawSql(path, {QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)});
        const Run check = runConcord({QStringLiteral("check"), path});
        QVERIFY(check.exitCode != 0);
        QVERIFY2(check.out.contains(QStringLiteral("schema version 0")), qPrintable(check.out));
        QVERIFY2(check.err.contains(QStringLiteral("damaged")), qPrintable(check.err));
        QVERIFY(!check.out.contains(QStringLiteral("upgraded the next time")));
    }

    void check_findsDamageInAnOldSchemaFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.concord"));
        QVERIFY(QFile::copy(QStringLiteral(CONCORD_SOURCE_DIR "/data/fixtures/schema-v1.concord"), path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const Run fine = runConcord({QStringLiteral("check"), path});
        QVERIFY2(fine.exitCode == 0, qPrintable(fine.err));
        QVERIFY(fine.out.contains(QStringLiteral("ok: integrity")));
        rawSql(path, {QStringLiteral("DROP TABLE rating_event")});
        const Run broken = runConcord({QStringLiteral("check"), path, QStringLiteral("--json")});
        QVERIFY(broken.exitCode != 0);
        QCOMPARE(broken.json().value(QStringLiteral("healthy")).toBool(true), false);
        QVERIFY(broken.out.contains(QStringLiteral("table 'rating_event' of schema version 1 is missing")));
    }

    // Commands that only read (check, export, report) leave no -wal or -shm beside the file: a package that was
    // only checked is not taken for one still open (merge warns of a -wal beside a package).
    void readingCommands_leaveNoWriteAheadLogBehind()
    {
        QTemporaryDir dir;
        const QString demo = dir.filePath(QStringLiteral("demo.concord"));
        const QString package = dir.filePath(QStringLiteral("package.concord"));
        QCOMPARE(runConcord({QStringLiteral("demo"), demo, QStringLiteral("--cases"), QStringLiteral("4")}).exitCode,
                 0);
        QCOMPARE(runConcord({QStringLiteral("package"), demo, QStringLiteral("--annotator"),
                             QStringLiteral("Physician 1"), QStringLiteral("--out"), package})
                     .exitCode,
                 0);
        const QList<QStringList> readers{
            {QStringLiteral("check"), package},
            {QStringLiteral("check"), demo},
            {QStringLiteral("export"), demo, QStringLiteral("--what"), QStringLiteral("cases"), QStringLiteral("--out"),
             dir.filePath(QStringLiteral("cases.csv"))},
            {QStringLiteral("report"), demo, QStringLiteral("--out"), dir.filePath(QStringLiteral("report.json")),
             QStringLiteral("--bootstrap"), QStringLiteral("0")}};
        for (const QStringList &arguments : readers) {
            const Run run = runConcord(arguments);
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            for (const QString &file : {demo, package})
                for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
                    QVERIFY2(!QFileInfo::exists(file + suffix),
                             qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(" left ") + file + suffix));
        }
        const Run merge = runConcord({QStringLiteral("merge"), demo, package});
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
        const QString said = merge.out + merge.err;
        QVERIFY2(!said.contains(QStringLiteral("-wal")), qPrintable(said));

        // A study of an older schema is checked without upgrading it, and without leaving a -wal either.
        const QString old = dir.filePath(QStringLiteral("v3.concord"));
        QVERIFY(QFile::copy(QStringLiteral(CONCORD_SOURCE_DIR "/data/fixtures/schema-v3.concord"), old));
        QFile::setPermissions(old, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const Run check = runConcord({QStringLiteral("check"), old});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        QVERIFY2(check.out.contains(QStringLiteral("schema version 3")), qPrintable(check.out));
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
            QVERIFY2(!QFileInfo::exists(old + suffix), qPrintable(QStringLiteral("check left ") + old + suffix));
    }

    void everyFileWritten_isOwnerOnly()
    {
        QTemporaryDir dir;
        auto file = [&](const QString &name) { return dir.filePath(name); };
        auto succeeds = [&](const QStringList &arguments) {
            const Run run = runConcord(arguments);
            if (run.exitCode != 0)
                qWarning("%s: %s", qPrintable(arguments.join(QLatin1Char(' '))), qPrintable(run.err));
            return run.exitCode == 0;
        };
        QVERIFY(succeeds({QStringLiteral("new"), file(QStringLiteral("new.concord"))}));
        QVERIFY(succeeds({QStringLiteral("demo"), file(QStringLiteral("demo.concord")), QStringLiteral("--cases"),
                          QStringLiteral("4")}));
        QVERIFY(succeeds({QStringLiteral("package"), file(QStringLiteral("demo.concord")),
                          QStringLiteral("--annotator"), QStringLiteral("Physician 1"), QStringLiteral("--out"),
                          file(QStringLiteral("package.concord"))}));
        QStringList written{QStringLiteral("new.concord"), QStringLiteral("demo.concord"),
                            QStringLiteral("package.concord")};
        for (const QString &name : {QStringLiteral("ratings.csv"), QStringLiteral("ratings.jsonl")}) {
            QVERIFY(succeeds({QStringLiteral("export"), file(QStringLiteral("demo.concord")), QStringLiteral("--what"),
                              QStringLiteral("ratings"), QStringLiteral("--out"), file(name)}));
            written << name;
        }
        for (const QString &name : {QStringLiteral("report.html"), QStringLiteral("report.json"),
                                    QStringLiteral("report.csv"), QStringLiteral("report.pdf")}) {
            QVERIFY(succeeds({QStringLiteral("report"), file(QStringLiteral("demo.concord")), QStringLiteral("--out"),
                              file(name), QStringLiteral("--bootstrap"), QStringLiteral("0")}));
            written << name;
        }
        for (const QString &name : written)
            QVERIFY2(modeOf(file(name)) == 0600,
                     qPrintable(QStringLiteral("%1 has mode %2").arg(name).arg(modeOf(file(name)), 0, 8)));
        // The study's write-ahead log and shared memory while a command has it open get the study's mode.
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            const QString sidecar = file(QStringLiteral("demo.concord")) + suffix;
            if (QFileInfo::exists(sidecar))
                QCOMPARE(modeOf(sidecar), 0600);
        }
    }
};

QTEST_GUILESS_MAIN(TestStudyFileSafety)
#include "tst_studyfilesafety.moc"
