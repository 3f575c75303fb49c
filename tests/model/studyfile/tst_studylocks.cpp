// A study open in this process keeps SQLite's locks whatever else the process does with the file: opening it a second
// time, peeking at its schema version, building the report, merging a package that is itself open. A plain open() and
// close() of the file would drop every POSIX lock of the process on it (SQLite's "How To Corrupt", section 2.2), and
// another process would then checkpoint and delete the write-ahead log under the open connection. The locks are
// probed from a child process (this test binary run with --probe-shared-lock), as POSIX locks are per process.
#include "model/annotation/annotationsession.h"
#include "model/package/annotatorpackage.h"
#include "model/package/packagemerge.h"
#include "model/report/reportdata.h"
#include "model/store/casestore.h"
#include "model/studyfile/study.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace concord;

namespace {

// SQLite's unix VFS takes its SHARED lock as a read lock on bytes PENDING_BYTE + 2 ... + 511 of the database file; a
// connection in WAL mode holds it for as long as it is open, and a closing connection that can take an exclusive lock
// there believes it is the last one.
constexpr off_t kSharedFirst = 0x40000000 + 2;
constexpr off_t kSharedSize = 510;

// In the child: exit code 0 when another process holds a lock on the SHARED range, 1 when nobody does, 2 on error.
int probeSharedLock(const char *path)
{
    const int fd = ::open(path, O_RDONLY);
    if (fd < 0)
        return 2;
    struct flock lock;
    std::memset(&lock, 0, sizeof lock);
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = kSharedFirst;
    lock.l_len = kSharedSize;
    const int rc = ::fcntl(fd, F_GETLK, &lock);
    ::close(fd);
    if (rc != 0)
        return 2;
    return lock.l_type == F_UNLCK ? 1 : 0;
}

// From the parent: does a connection of this process still hold its lock on `path`?
bool lockHeldOn(const QString &path)
{
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--probe-shared-lock"), path});
    if (!child.waitForFinished(30000) || child.exitStatus() != QProcess::NormalExit) {
        qWarning("the lock probe did not finish");
        return false;
    }
    if (child.exitCode() == 2)
        qWarning("the lock probe could not read %s", qPrintable(path));
    return child.exitCode() == 0;
}

std::unique_ptr<Study> createStudy(const QString &path)
{
    auto created = Study::create(path, {.title = QStringLiteral("Locks"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    CaseStore cases(*created.value());
    CaseRecord record;
    record.externalId = QStringLiteral("c1");
    record.task = QStringLiteral("qa");
    record.input = QStringLiteral("Question");
    if (!cases.insertCase(record).ok())
        qFatal("cannot insert a case");
    ResponseRecord response;
    response.caseId = record.id;
    response.externalId = QStringLiteral("r1");
    response.system = QStringLiteral("Aster");
    response.text = QStringLiteral("Answer");
    if (!cases.insertResponse(response).ok())
        qFatal("cannot insert a response");
    ComparisonRecord comparison{0, {}, record.id, {response.id}};
    if (!cases.insertComparison(comparison).ok())
        qFatal("cannot insert a comparison");
    return std::move(created).value();
}

} // namespace

class TestStudyLocks : public QObject
{
    Q_OBJECT

private slots:
    void probe_seesTheLockOfAnOpenStudyAndNoneAfterClosing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        {
            auto study = createStudy(path);
            QVERIFY(lockHeldOn(path));
        }
        QVERIFY(!lockHeldOn(path));
    }

    void secondOpenAndPeek_keepTheFirstConnectionsLocks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        auto first = createStudy(path);
        QVERIFY(lockHeldOn(path));
        {
            auto second = Study::open(path, Study::Access::ReadOnly);
            QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
        }
        QVERIFY(lockHeldOn(path));
        {
            auto writable = Study::open(path);
            QVERIFY2(writable.ok(), qPrintable(writable.errorMessage()));
        }
        QVERIFY(lockHeldOn(path));
        auto version = Study::peekSchemaVersion(path);
        QVERIFY2(version.ok(), qPrintable(version.errorMessage()));
        QVERIFY(lockHeldOn(path));
        // The first connection still writes into the log the others see.
        QVERIFY(first->setMeta(QStringLiteral("probe"), QStringLiteral("1")).ok());
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
    }

    void report_keepsTheLocksAndNamesAContentDigest()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        auto study = createStudy(path);
        AgreementSettings settings;
        settings.bootstrap = 0;
        auto report = buildReportData(*study, settings);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QVERIFY(lockHeldOn(path));
        const QString digest = report->value(QStringLiteral("reproducibility"))
                                   .toObject()
                                   .value(QStringLiteral("study_content_sha256"))
                                   .toString();
        QCOMPARE(digest.size(), 64);
        // The digest is of the content: the same again, and different after a change.
        auto again = buildReportData(*study, settings);
        QVERIFY(again.ok());
        QCOMPARE(again->value(QStringLiteral("reproducibility"))
                     .toObject()
                     .value(QStringLiteral("study_content_sha256"))
                     .toString(),
                 digest);
        QVERIFY(study->setMeta(QStringLiteral("title"), QStringLiteral("Changed")).ok());
        auto changed = buildReportData(*study, settings);
        QVERIFY(changed.ok());
        QVERIFY(changed->value(QStringLiteral("reproducibility"))
                    .toObject()
                    .value(QStringLiteral("study_content_sha256"))
                    .toString() != digest);
    }

    void merge_keepsTheLocksOfAPackageOpenInThisProcess()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        const QString packagePath = dir.filePath(QStringLiteral("p.concord"));
        auto study = createStudy(path);
        {
            auto session = AnnotationSession::start(*study, {.annotatorName = QStringLiteral("Dr A")});
            QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
        }
        auto packaged = createAnnotatorPackage(*study, QStringLiteral("Dr A"), packagePath, QStringLiteral("lead"));
        QVERIFY2(packaged.ok(), qPrintable(packaged.errorMessage()));
        auto package = Study::open(packagePath);
        QVERIFY2(package.ok(), qPrintable(package.errorMessage()));
        QVERIFY(lockHeldOn(packagePath));
        auto merged = mergePackage(*study, packagePath, QStringLiteral("lead"));
        QVERIFY2(merged.ok(), qPrintable(merged.errorMessage()));
        QVERIFY(lockHeldOn(packagePath));
        QVERIFY(lockHeldOn(path));
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--probe-shared-lock") == 0)
        return probeSharedLock(argv[2]);
    QCoreApplication app(argc, argv);
    TestStudyLocks test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_studylocks.moc"
