// New study files appear complete or not at all, never replace or remove another's file, are owner-only; a failed
// upgrade leaves the file at its old version; checkStudyFile never calls a broken file fine, at any schema version.
#include "model/formats/exporter.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/newstudyfile.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/study.h"
#include "model/studyfile/studyfilecheck.h"
#include "tests/testsupport.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace concord;

namespace {

// Runs raw SQL on a file outside the Study API (as another program would).
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

int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

QString fixture(int version)
{
    return QStringLiteral(CONCORD_SOURCE_DIR "/data/fixtures/schema-v%1.concord").arg(version);
}

Study::CreateOptions options()
{
    return {.title = QStringLiteral("New"), .rubric = defaultRubric()};
}

} // namespace

class TestNewStudyFile : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_previousUmask = ::umask(022); }
    void cleanup() { ::umask(m_previousUmask); }

    void create_putsNothingUnderTheFinalNameUntilPublished()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        auto file = NewStudyFile::create(path, options());
        CONCORD_VERIFY_OK(file);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(file.value()->temporaryPath().startsWith(dir.filePath(QStringLiteral(".s.concord.partial-"))));
        QVERIFY(QFileInfo::exists(file.value()->temporaryPath()));
        CONCORD_VERIFY_OK(file.value()->publish());
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("s.concord")}); // no temporary, no -wal left
        auto study = Study::open(path);
        CONCORD_VERIFY_OK(study);
        QCOMPARE(study.value()->info().title, QStringLiteral("New"));
    }

    void publish_refusesAFileCreatedMeanwhileAndLeavesIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        auto file = NewStudyFile::create(path, options());
        CONCORD_VERIFY_OK(file);
        {
            QFile winner(path);
            QVERIFY(winner.open(QIODevice::WriteOnly));
            winner.write("the winner's file");
        }
        const Status published = file.value()->publish();
        QVERIFY(!published.ok());
        QVERIFY2(published.errorMessage().contains(QStringLiteral("already exists")),
                 qPrintable(published.errorMessage()));
        QFile winner(path);
        QVERIFY(winner.open(QIODevice::ReadOnly));
        QCOMPARE(winner.readAll(), QByteArray("the winner's file"));
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("s.concord")});
    }

    void discarded_removesOnlyItsOwnTemporary()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        auto file = NewStudyFile::create(path, options());
        CONCORD_VERIFY_OK(file);
        // Another program's file appears at the final path while this one is being written and abandoned.
        QVERIFY(QFile(path).open(QIODevice::WriteOnly));
        file.value().reset();
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("s.concord")});
    }

    void create_failingStudyRemovesOnlyItsTemporary()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        Study::CreateOptions tooNew = options();
        tooNew.schemaVersion = currentSchemaVersion() + 1;
        auto created = Study::create(path, tooNew);
        QVERIFY(!created.ok());
        QVERIFY(filesIn(dir.path()).isEmpty());
    }

    void create_refusesAnExistingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        CONCORD_VERIFY_OK(Study::create(path, options()));
        auto again = Study::create(path, options());
        QVERIFY(!again.ok());
        QVERIFY(again.errorMessage().contains(QStringLiteral("already exists")));
        CONCORD_VERIFY_OK(Study::open(path));
    }

    void create_studyAndItsLogAreOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        auto study = Study::create(path, options());
        CONCORD_VERIFY_OK(study);
        CONCORD_VERIFY_OK(study.value()->setMeta(QStringLiteral("note"), QStringLiteral("written through the WAL")));
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(modeOf(path + QStringLiteral("-wal")), 0600);
        QCOMPARE(modeOf(path + QStringLiteral("-shm")), 0600);
    }

    void create_sweepsLeftoversOfKilledWritersButNoLiveOnes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        const QString dead = dir.filePath(QStringLiteral(".s.concord.partial-0123abcd"));
        const QString live = dir.filePath(QStringLiteral(".s.concord.partial-89abcdef"));
        const QString unrelated = dir.filePath(QStringLiteral(".s.concord.partial-notours"));
        for (const QString &name : QStringList{dead, dead + QStringLiteral("-wal"), live, unrelated})
            QVERIFY(QFile(name).open(QIODevice::WriteOnly));
        // A writer in another process holds its temporary's in-use lock (an open file description of its own).
        const int liveDescriptor = ::open(QFile::encodeName(live).constData(), O_RDWR | O_CLOEXEC);
        QVERIFY(liveDescriptor >= 0);
        struct flock lock = {};
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        lock.l_start = off_t(1) << 62;
        lock.l_len = 1;
        QVERIFY(::fcntl(liveDescriptor, F_OFD_SETLK, &lock) == 0);

        // A writer of the same path in this process is never touched either.
        auto inProgress = NewStudyFile::create(path, options());
        CONCORD_VERIFY_OK(inProgress);
        auto study = Study::create(path, options());
        CONCORD_VERIFY_OK(study);
        ::close(liveDescriptor);

        QVERIFY(!QFileInfo::exists(dead));
        QVERIFY(!QFileInfo::exists(dead + QStringLiteral("-wal")));
        QVERIFY(QFileInfo::exists(live));
        QVERIFY(QFileInfo::exists(unrelated));
        QVERIFY(QFileInfo::exists(inProgress.value()->temporaryPath()));
        // The one in progress lost the race for the name and says so.
        const Status published = inProgress.value()->publish();
        QVERIFY(!published.ok());
        QVERIFY(published.errorMessage().contains(QStringLiteral("already exists")));
    }

    void migrate_failedUpgradeLeavesTheFileAtItsOldVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.concord"));
        QVERIFY(QFile::copy(fixture(1), path));
        // An object the last migration creates already exists: the upgrade fails at its last step.
        rawSql(path, {QStringLiteral("CREATE TABLE training_reference (id INTEGER PRIMARY KEY)")});
        auto opened = Study::open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.errorMessage().contains(QStringLiteral("still at version 1")),
                 qPrintable(opened.errorMessage()));
        auto version = Study::peekSchemaVersion(path);
        CONCORD_VERIFY_OK(version);
        QCOMPARE(version.value(), 1);
    }

    void migrate_upgradesEveryFixtureWithOneAuditEntryPerStep()
    {
        for (int from = 1; from < currentSchemaVersion(); ++from) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("old.concord"));
            QVERIFY(QFile::copy(fixture(from), path));
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            auto study = Study::open(path);
            CONCORD_VERIFY_OK(study);
            QCOMPARE(study.value()->schemaVersion(), currentSchemaVersion());
            auto migrations =
                study.value()->exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'migrate'"));
            CONCORD_VERIFY_OK(migrations);
            QVERIFY(migrations->next());
            QCOMPARE(migrations->value(0).toInt(), currentSchemaVersion() - from);
        }
    }

    void checkStudyFile_passesEveryFixture()
    {
        for (int version = 1; version <= currentSchemaVersion(); ++version) {
            auto check = checkStudyFile(fixture(version));
            CONCORD_VERIFY_OK(check);
            QCOMPARE(check->schemaVersion, version);
            QVERIFY2(check->healthy(), qPrintable(check->problems.join(QLatin1Char('\n'))));
        }
    }

    void checkStudyFile_callsAFileWithoutSchemaDamaged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.concord"));
        // What an interrupted creation of an older Concord left: the application id set, nothing else.
        rawSql(path, {QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)});
        auto check = checkStudyFile(path);
        CONCORD_VERIFY_OK(check);
        QVERIFY(!check->healthy());
        QVERIFY(check->problems.join(QLatin1Char(' ')).contains(QStringLiteral("schema version 0")));
    }

    void checkStudyFile_findsAMissingTableOfAnOldVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.concord"));
        QVERIFY(QFile::copy(fixture(2), path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        rawSql(path, {QStringLiteral("DROP TABLE judge_score")});
        auto check = checkStudyFile(path);
        CONCORD_VERIFY_OK(check);
        QCOMPARE(check->problems, QStringList{QStringLiteral("table 'judge_score' of schema version 2 is missing")});
    }

    void checkStudyFile_refusesOtherFiles()
    {
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other.db"));
        rawSql(other, {QStringLiteral("CREATE TABLE t (x)")});
        auto check = checkStudyFile(other);
        QVERIFY(!check.ok());
        QVERIFY(check.errorMessage().contains(QStringLiteral("not a Concord study")));
        const QString text = dir.filePath(QStringLiteral("text.concord"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        QVERIFY(!checkStudyFile(text).ok());
    }

    void exportFile_isOwnerOnlyAlsoWhenReplacingAWiderFile()
    {
        QTemporaryDir dir;
        auto study = Study::create(dir.filePath(QStringLiteral("s.concord")), options());
        CONCORD_VERIFY_OK(study);
        for (const QString &name : {QStringLiteral("ratings.csv"), QStringLiteral("ratings.jsonl")}) {
            const QString path = dir.filePath(name);
            CONCORD_VERIFY_OK(exportFile(*study.value(), path, ExportOptions{}));
            QCOMPARE(modeOf(path), 0600);
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                    QFileDevice::ReadGroup | QFileDevice::ReadOther));
            CONCORD_VERIFY_OK(exportFile(*study.value(), path, ExportOptions{}));
            QCOMPARE(modeOf(path), 0600);
        }
    }

private:
    mode_t m_previousUmask = 022;
};

QTEST_GUILESS_MAIN(TestNewStudyFile)
#include "tst_newstudyfile.moc"
