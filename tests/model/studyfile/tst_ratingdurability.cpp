// Ratings reach the study file itself (not only its write-ahead log) within about a second, even while the physician
// rates continuously, and at once in an annotator package: a copy of the main file alone, made by another process,
// holds them. A rating made while another program holds the write lock is never refused: it is kept, shown, undoable,
// and saved as soon as the lock is released.
#include "model/package/annotatorpackage.h"
#include "tests/model/annotation/annotationsessionfixture.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace concord;
using namespace concord::annotationtest;

namespace {

// Rating events in a copy of the main file alone, made by `cp` in a child process (this process holds the study
// open and must not touch its files with plain file calls).
qint64 eventsInCopyOfMainFile(const QString &path, const QString &copy)
{
    QProcess cp;
    cp.start(QStringLiteral("cp"), {path, copy});
    if (!cp.waitForFinished(30000) || cp.exitCode() != 0) {
        qWarning("cp failed");
        return -1;
    }
    qint64 events = -1;
    {
        auto opened = Study::open(copy, Study::Access::ReadOnly);
        if (!opened.ok()) {
            qWarning("%s", qPrintable(opened.errorMessage()));
            return -1;
        }
        auto q = opened.value()->exec(QStringLiteral("SELECT count(*) FROM rating_event"));
        if (q.ok() && q->next())
            events = q->value(0).toLongLong();
    }
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(copy + QLatin1String(suffix)); // the copy is closed: no connection has it open
    return events;
}

// Another program's write transaction on the study, held until release().
class WriteLockHolder
{
public:
    explicit WriteLockHolder(const QString &path)
        : m_name(QStringLiteral("other-writer-") + Study::newUuid())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_held = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteLockHolder()
    {
        release();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool held() const { return m_held; }
    void release()
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (m_held)
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        m_held = false;
        if (db.isOpen())
            db.close();
    }

private:
    QString m_name;
    bool m_held = false;
};

} // namespace

class TestRatingDurability : public QObject, private AnnotationSessionFixture
{
    Q_OBJECT

private slots:
    void init() { createStudy(); }
    void cleanup() { removeStudy(); }

    void ratings_reachTheMainFileWithinASecondWhileRatingContinuously()
    {
        auto session = startSession();
        QVERIFY(session);
        QSignalSpy inFile(session.get(), &AnnotationSession::allInStudyFileChanged);
        const QString copy = m_dir->filePath(QStringLiteral("copy.concord"));
        // One rating every 150 ms for three seconds, never pausing for two.
        QElapsedTimer clock;
        clock.start();
        QVector<qint64> ratedAt;
        while (clock.elapsed() < 3000) {
            const QVector<RatingKey> missing = session->missingKeys();
            if (missing.isEmpty()) {
                QVERIFY(session->goTo(session->currentRow() + 1).ok());
                continue;
            }
            CONCORD_VERIFY_OK(session->setRating(missing.front(),
                                                 validStateFor(*m_study->rubric().axisById(missing.front().axisId))));
            ratedAt << clock.elapsed();
            QTest::qWait(150);
        }
        QVERIFY(!session->allInStudyFile());
        // Every rating older than 1.5 s is in the main file already, while the physician is still rating.
        const qint64 now = clock.elapsed();
        const auto older = std::count_if(ratedAt.begin(), ratedAt.end(), [&](qint64 at) { return now - at > 1500; });
        QVERIFY(older >= 3); // at least a few, even on a loaded machine
        QVERIFY2(eventsInCopyOfMainFile(m_path, copy) >= older, qPrintable(QString::number(older)));
        // Shortly after the last one, all of them, and the window may say so.
        QTRY_VERIFY_WITH_TIMEOUT(session->allInStudyFile(), 2000);
        QCOMPARE(eventsInCopyOfMainFile(m_path, copy), qint64(ratedAt.size()));
        QVERIFY(!inFile.isEmpty());
        QCOMPARE(inFile.last().at(0).toBool(), true);
    }

    void ratings_inAPackageReachTheMainFileAtOnce()
    {
        {
            auto lead = startSession();
            QVERIFY(lead);
        }
        const QString packagePath = m_dir->filePath(QStringLiteral("package.concord"));
        auto packaged = createAnnotatorPackage(*m_study, kAnnotator, packagePath, QStringLiteral("lead"));
        QVERIFY2(packaged.ok(), qPrintable(packaged.errorMessage()));
        auto opened = Study::open(packagePath);
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
        auto session = AnnotationSession::start(*opened.value(), options());
        QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
        AnnotationSession &s = *session.value();
        const QString copy = m_dir->filePath(QStringLiteral("package-copy.concord"));
        for (int n = 1; n <= 5; ++n) {
            const RatingKey key = s.missingKeys().front();
            CONCORD_VERIFY_OK(s.setRating(key, validStateFor(*opened.value()->rubric().axisById(key.axisId))));
            QVERIFY(s.allInStudyFile());
            QCOMPARE(eventsInCopyOfMainFile(packagePath, copy), qint64(n)); // no wait at all
        }
    }

    void rating_whileAnotherProgramWrites_waitsAndIsSavedAfterwards()
    {
        auto session = startSession();
        QVERIFY(session);
        QSignalSpy waiting(session.get(), &AnnotationSession::waitingForWriterChanged);
        QSignalSpy failures(session.get(), &AnnotationSession::saveFailed);
        const QVector<RatingKey> keys = session->missingKeys();
        const RatingKey first = keys[0];
        const RatingKey second = keys[1];
        const RatingState firstState = validStateFor(*m_study->rubric().axisById(first.axisId));
        const RatingState secondState = validStateFor(*m_study->rubric().axisById(second.axisId));
        const int row = session->currentRow();
        WriteLockHolder other(m_path);
        QVERIFY(other.held());

        QElapsedTimer clock;
        clock.start();
        CONCORD_VERIFY_OK(session->setRating(first, firstState));
        QVERIFY2(clock.elapsed() < 1000, "the UI thread waited for the lock"); // not the 5 s busy timeout
        QVERIFY(session->waitingForWriter());
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(session->rating(first), firstState); // shown as made
        CONCORD_VERIFY_OK(session->setRating(second, secondState));
        // Undo, and a visit to the next comparison and back, while waiting: nothing is lost.
        session->undo();
        QCOMPARE(session->rating(second), RatingState{});
        session->redo();
        QCOMPARE(session->rating(second), secondState);
        CONCORD_VERIFY_OK(session->goTo(row + 1));
        CONCORD_VERIFY_OK(session->goTo(row));
        QCOMPARE(session->rating(first), firstState);
        QCOMPARE(session->rating(second), secondState);
        QTest::qWait(800); // retries meanwhile find the lock taken
        QVERIFY(session->waitingForWriter());
        QCOMPARE(eventCount(), 0);

        other.release();
        QTRY_VERIFY_WITH_TIMEOUT(!session->waitingForWriter(), 3000);
        QCOMPARE(waiting.size(), 2);
        QVERIFY(failures.isEmpty());
        QCOMPARE(eventCount(), 4); // first, second, its undo and its redo, in that order
        QCOMPARE(session->rating(first), firstState);
        QCOMPARE(session->rating(second), secondState);
        // What the file holds after reopening is what was shown.
        session.reset();
        QVERIFY(reopen());
        auto again = startSession();
        QVERIFY(again);
        CONCORD_VERIFY_OK(again->goTo(row));
        QCOMPARE(again->rating(first), firstState);
        QCOMPARE(again->rating(second), secondState);
    }
};

QTEST_GUILESS_MAIN(TestRatingDurability)
#include "tst_ratingdurability.moc"
