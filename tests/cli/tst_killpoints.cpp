// Kill points: the built `concord` is SIGKILLed at randomised moments (seeded; the seed and every
// failing delay are printed) during `new`, `demo`, `import`, `merge` and the upgrade of an old-schema file. After
// each kill `concord check` must find the file absent or untouched, or complete and sound - never "fine" for a
// broken file; import and merge are all-or-nothing; and the next run of the same command succeeds.
//
// Delays are spread over the measured duration of each command (times 1.2, so that some land after it ends), and
// each kill is classified by what it left: before (nothing written yet), during (a temporary file or an uncommitted
// write-ahead log), after (the result in place).
//
// CONCORD_KILL_SEED and CONCORD_KILL_POINTS (default 200 per command) override the seed and the number of kills.
#include "model/store/annotatorstore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/study.h"
#include "tests/cli/clisupport.h"
#include "tests/testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <chrono>
#include <functional>
#include <random>
#include <thread>

using namespace concord;
using namespace concord::clitest;

namespace {

constexpr int kDemoCases = 20;
constexpr int kImportCases = 400;
constexpr int kOldSchemaVersion = 2;
constexpr int kOldFileCopies = 2500; // copies of the fixture's rating events: an upgrade that takes a while

enum class Landed
{
    Before,
    During,
    After
};

struct Tally
{
    int before = 0;
    int during = 0;
    int after = 0;
    int inCommit = 0; // of during: the commit was being written (an uncommitted -wal)
    void add(Landed landed) { ++(landed == Landed::Before ? before : landed == Landed::During ? during : after); }
    QString describe() const
    {
        return QStringLiteral("%1 before, %2 during (%3 while writing the commit), %4 after the commit")
            .arg(before)
            .arg(during)
            .arg(inCommit)
            .arg(after);
    }
};

struct Check
{
    bool fine = false;
    int schemaVersion = -1;
    qint64 cases = -1;
    qint64 ratingEvents = -1;
    QString text;
};

quint64 seedFromEnvironment()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("CONCORD_KILL_SEED").toULongLong(&ok);
    return ok ? seed : 20261202;
}

int killPointsFromEnvironment()
{
    bool ok = false;
    const int points = qEnvironmentVariable("CONCORD_KILL_POINTS").toInt(&ok);
    return ok && points > 0 ? points : 200;
}

// What a killed command that works in the study's write-ahead log left beside it, seen before anything else opens it:
// a -shm once it had opened the study, a non-empty -wal once it had begun writing its commit.
struct Traces
{
    bool opened = false;
    bool writing = false;
};

Traces tracesOf(const QString &path)
{
    const QFileInfo wal(path + QStringLiteral("-wal"));
    return {QFileInfo::exists(path + QStringLiteral("-shm")) || wal.exists(), wal.exists() && wal.size() > 0};
}

void removeStudyFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

bool copyStudy(const QString &from, const QString &to)
{
    removeStudyFiles(to);
    return QFile::copy(from, to);
}

} // namespace

class TestKillPoints : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("tmp")));
        m_environment = QProcessEnvironment::systemEnvironment();
        // Temporary copies a killed merge leaves stay here, not in the system's temporary folder.
        m_environment.insert(QStringLiteral("TMPDIR"), work(QStringLiteral("tmp")));
        m_random.seed(m_seed);
        qInfo("kill seed %llu (CONCORD_KILL_SEED), %d kill points per command", m_seed, m_killPoints);
    }

    void kill_new_leavesNoFileOrASoundOne()
    {
        const QString path = work(QStringLiteral("new.concord"));
        killRepeatedly(
            QStringLiteral("new"), [&] { removeStudyFiles(path); }, {QStringLiteral("new"), path},
            [&]() -> std::pair<Landed, QString> {
                return afterNewFileKill(path, {QStringLiteral("new"), path}, 0);
            });
    }

    void kill_demo_leavesNoFileOrACompleteDemo()
    {
        const QString path = work(QStringLiteral("demo.concord"));
        const QStringList command{QStringLiteral("demo"), path, QStringLiteral("--cases"), QString::number(kDemoCases)};
        killRepeatedly(
            QStringLiteral("demo"), [&] { removeStudyFiles(path); }, command,
            [&]() -> std::pair<Landed, QString> { return afterNewFileKill(path, command, kDemoCases); });
    }

    void kill_import_isAllOrNothing()
    {
        const QString base = work(QStringLiteral("import-base.concord"));
        const QString path = work(QStringLiteral("import.concord"));
        const QString cases = work(QStringLiteral("cases.jsonl"));
        QVERIFY(writeFile(cases, testsupport::twoResponseCasesJsonl(kImportCases)));
        QVERIFY(runConcord({QStringLiteral("new"), base}).exitCode == 0);
        const QStringList command{QStringLiteral("import"), path, cases};
        killRepeatedly(
            QStringLiteral("import"), [&] { QVERIFY(copyStudy(base, path)); }, command,
            [&]() -> std::pair<Landed, QString> {
                const Traces traces = tracesOf(path);
                const Check after = check(path);
                if (!after.fine)
                    return {Landed::Before, QStringLiteral("check failed: ") + after.text};
                if (after.cases == kImportCases)
                    return {Landed::After, {}};
                if (after.cases != 0)
                    return {Landed::During,
                            QStringLiteral("%1 of %2 cases: not all-or-nothing").arg(after.cases).arg(kImportCases)};
                const Landed landed = traces.opened ? Landed::During : Landed::Before;
                if (traces.writing)
                    ++m_inCommit;
                const Run again = runConcord(command);
                if (again.exitCode != 0)
                    return {landed, QStringLiteral("the next import failed: ") + again.err};
                if (const qint64 next = casesIn(path); next != kImportCases)
                    return {landed, QStringLiteral("%1 cases after the next import").arg(next)};
                return {landed, {}};
            });
    }

    void kill_merge_isAllOrNothing()
    {
        const QString base = work(QStringLiteral("merge-base.concord"));
        const QString package = work(QStringLiteral("package.concord"));
        const QString path = work(QStringLiteral("merge.concord"));
        QVERIFY(runConcord({QStringLiteral("demo"), base, QStringLiteral("--cases"), QString::number(kDemoCases)})
                    .exitCode == 0);
        const Run packaged = runConcord({QStringLiteral("package"), base, QStringLiteral("--annotator"),
                                         QStringLiteral("Physician 1"), QStringLiteral("--out"), package});
        QVERIFY2(packaged.exitCode == 0, qPrintable(packaged.err));
        const qint64 added = ratePackage(package, QStringLiteral("Physician 1"));
        QVERIFY(added > 100);
        const qint64 before = check(base).ratingEvents;
        QVERIFY(before > 0);
        const QStringList command{QStringLiteral("merge"), path, package};
        killRepeatedly(
            QStringLiteral("merge"), [&] { QVERIFY(copyStudy(base, path)); }, command,
            [&]() -> std::pair<Landed, QString> {
                const Traces traces = tracesOf(path);
                const Check after = check(path);
                if (!after.fine)
                    return {Landed::Before, QStringLiteral("check failed: ") + after.text};
                Landed landed = Landed::After;
                if (after.ratingEvents == before) {
                    landed = traces.opened ? Landed::During : Landed::Before;
                    m_inCommit += traces.writing ? 1 : 0;
                } else if (after.ratingEvents != before + added) {
                    return {Landed::During, QStringLiteral("%1 rating events, neither %2 nor %3")
                                                .arg(after.ratingEvents)
                                                .arg(before)
                                                .arg(before + added)};
                }
                // The next merge succeeds; after a merge that had committed it adds nothing (run on every fourth such
                // point only, to keep the test short).
                if (landed == Landed::After && ++m_afterCount % 4 != 0)
                    return {landed, {}};
                const Run again = runConcord(command);
                if (again.exitCode != 0)
                    return {landed, QStringLiteral("the next merge failed: ") + again.err};
                if (const qint64 next = ratingEventsIn(path); next != before + added)
                    return {landed, QStringLiteral("%1 rating events after the next merge").arg(next)};
                return {landed, {}};
            });
    }

    void kill_upgrade_leavesTheOldOrTheNewVersion()
    {
        const QString base = work(QStringLiteral("old-base.concord"));
        const QString path = work(QStringLiteral("old.concord"));
        const qint64 events = makeLargeOldFile(base);
        QVERIFY(events > 10000);
        const Check original = check(base);
        QVERIFY2(original.fine && original.schemaVersion == kOldSchemaVersion, qPrintable(original.text));
        const QStringList command{QStringLiteral("export"), path,
                                  QStringLiteral("--what"), QStringLiteral("cases"),
                                  QStringLiteral("--out"),  work(QStringLiteral("cases.csv"))};
        killRepeatedly(
            QStringLiteral("upgrade"), [&] { QVERIFY(copyStudy(base, path)); }, command,
            [&]() -> std::pair<Landed, QString> {
                const Traces traces = tracesOf(path);
                const Check after = check(path);
                if (!after.fine)
                    return {Landed::Before, QStringLiteral("check failed: ") + after.text};
                Landed landed = Landed::After;
                if (after.schemaVersion == kOldSchemaVersion) {
                    landed = traces.opened ? Landed::During : Landed::Before;
                    m_inCommit += traces.writing ? 1 : 0;
                } else if (after.schemaVersion != currentSchemaVersion()) {
                    return {Landed::During, QStringLiteral("left at schema version %1").arg(after.schemaVersion)};
                }
                if (landed == Landed::After && ++m_afterCount % 4 != 0)
                    return {landed, {}}; // upgraded already: the next run is tried on every fourth such point
                const Run again = runConcord(command);
                if (again.exitCode != 0)
                    return {landed, QStringLiteral("the next export failed: ") + again.err};
                // Opened read-only only at the current version: the next run upgraded it.
                if (const qint64 next = ratingEventsIn(path); next != events)
                    return {landed, QStringLiteral("%1 rating events after the next run, %2 before the upgrade")
                                        .arg(next)
                                        .arg(events)};
                return {landed, {}};
            });
    }

private:
    QString work(const QString &name) const { return m_dir.filePath(name); }

    // `concord check --json`: fine only with exit code 0 and a healthy report.
    Check check(const QString &path) const
    {
        const Run run = runConcord({QStringLiteral("check"), path, QStringLiteral("--json")});
        const QJsonObject json = run.json();
        Check result;
        result.fine = run.exitCode == 0 && json.value(QStringLiteral("healthy")).toBool(false);
        result.schemaVersion = json.value(QStringLiteral("schema_version")).toInt(-1);
        result.cases = json.value(QStringLiteral("cases")).toInteger(-1);
        result.ratingEvents = json.value(QStringLiteral("rating_events")).toInteger(-1);
        result.text = QString(run.out + run.err).trimmed();
        return result;
    }

    // After a successful next run, read in this process (cheaper than another `concord check`); -1 when the file
    // cannot be opened read-only at the current schema version.
    static qint64 casesIn(const QString &path) { return count(path, QStringLiteral("SELECT count(*) FROM \"case\"")); }
    static qint64 ratingEventsIn(const QString &path)
    {
        return count(path, QStringLiteral("SELECT count(*) FROM rating_event"));
    }

    bool hasTemporary(const QString &path) const
    {
        const QString pattern = QStringLiteral(".%1.partial-*").arg(QFileInfo(path).fileName());
        return !QDir(m_dir.path()).entryList({pattern}, QDir::Files | QDir::Hidden).isEmpty();
    }

    // new and demo: no file (then the next run succeeds and sweeps any temporary) or a complete, sound one.
    std::pair<Landed, QString> afterNewFileKill(const QString &path, const QStringList &command, qint64 cases)
    {
        if (QFileInfo::exists(path)) {
            const Check after = check(path);
            if (!after.fine || after.schemaVersion != currentSchemaVersion() || after.cases != cases)
                return {Landed::After, QStringLiteral("a file was left that is not complete and sound: ") + after.text};
            return {Landed::After, {}};
        }
        const Landed landed = hasTemporary(path) ? Landed::During : Landed::Before;
        const Run again = runConcord(command);
        if (again.exitCode != 0)
            return {landed, QStringLiteral("the next run failed: ") + again.err};
        if (const qint64 next = casesIn(path); next != cases)
            return {landed, QStringLiteral("%1 cases after the next run").arg(next)};
        if (hasTemporary(path))
            return {landed, QStringLiteral("the next run left the killed run's temporary file")};
        return {landed, {}};
    }

    // Runs the command and SIGKILLs it after delay (unless it has ended by then); true when it was killed.
    bool runAndKill(const QStringList &command, std::chrono::microseconds delay)
    {
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.start(QStringLiteral(CONCORD_EXECUTABLE), command);
        if (!process.waitForStarted())
            return false;
        std::this_thread::sleep_for(delay);
        const bool running = process.state() == QProcess::Running;
        if (running)
            process.kill(); // SIGKILL
        process.waitForFinished(60000);
        return process.exitStatus() == QProcess::CrashExit;
    }

    // The median wall time of three undisturbed runs, in microseconds.
    qint64 measure(const std::function<void()> &reset, const QStringList &command)
    {
        std::vector<qint64> times;
        for (int i = 0; i < 3; ++i) {
            reset();
            QProcess process;
            process.setProcessEnvironment(m_environment);
            process.start(QStringLiteral(CONCORD_EXECUTABLE), command);
            if (!process.waitForStarted())
                return -1;
            QElapsedTimer timer;
            timer.start();
            process.waitForFinished(120000);
            times.push_back(timer.nsecsElapsed() / 1000);
            if (process.exitCode() != 0)
                qWarning("%s", process.readAllStandardError().constData());
        }
        std::sort(times.begin(), times.end());
        return times[1];
    }

    void killRepeatedly(const QString &name, const std::function<void()> &reset, const QStringList &command,
                        const std::function<std::pair<Landed, QString>()> &inspect)
    {
        const qint64 duration = measure(reset, command);
        QVERIFY(duration > 0);
        std::uniform_int_distribution<qint64> delays(0, duration * 6 / 5);
        Tally tally;
        m_inCommit = 0;
        int killed = 0;
        for (int point = 0; point < m_killPoints; ++point) {
            reset();
            const qint64 delay = delays(m_random);
            if (runAndKill(command, std::chrono::microseconds(delay)))
                ++killed;
            const auto [landed, problem] = inspect();
            tally.add(landed);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1, kill point %2 (seed %3, %4 us after start): %5")
                                                       .arg(name)
                                                       .arg(point)
                                                       .arg(m_seed)
                                                       .arg(delay)
                                                       .arg(problem)));
        }
        tally.inCommit = m_inCommit;
        qInfo("%s: %d kill points over 0-%lld us (the command takes %lld us), %d killed while running: %s",
              qPrintable(name), m_killPoints, duration * 6 / 5, duration, killed, qPrintable(tally.describe()));
        QVERIFY2(tally.during > 0, "no kill landed inside the work; the delays miss it");
    }

    // A package of the physician's with their ratings changed: new rating events for merge to bring back.
    static qint64 ratePackage(const QString &package, const QString &physician)
    {
        auto opened = Study::open(package);
        if (!opened.ok()) {
            qWarning("%s", qPrintable(opened.errorMessage()));
            return -1;
        }
        Study &study = *opened.value();
        AnnotatorStore annotators(study);
        auto annotator = annotators.annotatorByName(physician);
        if (!annotator.ok() || !annotator.value())
            return -1;
        auto assignments = annotators.assignmentsOf(annotator.value()->id);
        if (!assignments.ok())
            return -1;
        RatingStore ratings(study);
        qint64 added = 0;
        // Every response axis changed twice (to the scale's top, then its bottom): two new events per rating.
        const QStringList axes{QStringLiteral("commission_harm"), QStringLiteral("omission_harm"),
                               QStringLiteral("risk"), QStringLiteral("reasoning")};
        for (int pass = 0; pass < 2; ++pass) {
            for (const QString &key : axes) {
                const Axis *axis = study.rubric().axis(key);
                if (!axis)
                    return -1;
                for (const Assignment &assignment : assignments.value()) {
                    for (qint64 response : assignment.responseOrder) {
                        RatingEvent event;
                        event.annotatorId = annotator.value()->id;
                        event.responseId = response;
                        event.axisId = axis->id;
                        event.value = pass == 0 ? axis->points.back().value : axis->points.front().value;
                        event.comment = QStringLiteral("revised offline");
                        if (auto committed = ratings.commit(event, physician); !committed.ok()) {
                            qWarning("%s", qPrintable(committed.errorMessage()));
                            return -1;
                        }
                        ++added;
                    }
                }
            }
        }
        return added;
    }

    // The schema fixture of an old version with its rating events copied many times (as a study that has been used
    // for a while), so that its upgrade takes long enough to be killed in the middle.
    // Returns the number of rating events in it, -1 when it could not be made.
    qint64 makeLargeOldFile(const QString &path) const
    {
        if (!QFile::copy(QStringLiteral(CONCORD_SOURCE_DIR "/data/fixtures/schema-v%1.concord").arg(kOldSchemaVersion),
                         path))
            return -1;
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        qint64 events = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery query(db);
                const bool ok = query.exec(
                    QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1)"
                                   " INSERT INTO rating_event (uuid, annotator_id, response_id, comparison_id, axis_id,"
                                   " status, value, preferred_response_id, likelihood, comment, rubric_version,"
                                   " created_at, active_seconds)"
                                   " SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' ||"
                                   " hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),"
                                   " annotator_id, response_id, comparison_id, axis_id, status, value,"
                                   " preferred_response_id, likelihood, comment, rubric_version, created_at,"
                                   " active_seconds FROM rating_event, n")
                        .arg(kOldFileCopies));
                if (!ok)
                    qWarning("%s", qPrintable(query.lastError().text()));
                if (ok && query.exec(QStringLiteral("SELECT count(*) FROM rating_event")) && query.next())
                    events = query.value(0).toLongLong();
                query.finish();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        return events;
    }

    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
    const quint64 m_seed = seedFromEnvironment();
    const int m_killPoints = killPointsFromEnvironment();
    std::mt19937_64 m_random;
    int m_inCommit = 0;
    int m_afterCount = 0;
};

int main(int argc, char **argv)
{
    // A thousand runs of the executable outlast Qt Test's default five minutes per test function on a busy machine.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "1200000");
    QCoreApplication app(argc, argv);
    TestKillPoints test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_killpoints.moc"
