// Kill points in annotation: a child process rates through the real annotation page with key
// events (offscreen) and prints each rating the moment the page shows it as saved; it is SIGKILLed right after a
// randomly chosen "saved" (seeded; 0-2 ms later), 200 times by default. Every rating shown as saved must be in the
// file afterwards, and the file must pass `checkStudy`.
//
// CONCORD_KILL_SEED and CONCORD_KILL_POINTS override the seed and the number of kills.
#include "model/annotation/annotationsession.h"
#include "model/demo/demostudy.h"
#include "model/studyfile/study.h"
#include "model/studyfile/studycheck.h"
#include "tests/testsupport.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <chrono>
#include <random>
#include <signal.h>
#include <thread>

using namespace concord;

namespace {

const QString kAnnotator = QStringLiteral("Dr Kill Point");

// The child: rates one response axis per comparison, moving on after each, and reports each rating as soon as the
// page shows it as saved, until it is killed.
int runRatingChild(const QString &path)
{
    auto study = Study::open(path);
    if (!study.ok())
        return 3;
    auto session = AnnotationSession::start(*study.value(), {.annotatorName = kAnnotator});
    if (!session.ok())
        return 4;
    AnnotationPage page;
    page.setSession(session.value().get());
    page.resize(1280, 800);
    page.show();
    QTextStream out(stdout);
    for (int step = 0; step < 100000; ++step) {
        page.ratingRows().value(0)->setFocus();
        QApplication::processEvents();
        auto *row = qobject_cast<RatingRow *>(QApplication::focusWidget());
        if (!row)
            return 5;
        const RatingKey key = row->key();
        const int value = step % 5; // commission harm 0..4
        QTest::keyClick(row, char('0' + value));
        if (page.savedIndicator()->text().startsWith(QStringLiteral("✓")) &&
            row->accessibleDescription().startsWith(QString::number(value)))
            out << "SAVED " << key.responseId << ' ' << key.axisId << ' ' << value << Qt::endl; // flushed
        page.showNext();
        if (session.value()->currentRow() + 1 >= session.value()->count())
            static_cast<void>(session.value()->goTo(0));
    }
    return 0;
}

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

} // namespace

class TestAnnotationKillPoints : public QObject
{
    Q_OBJECT

private slots:
    void kill_rightAfterSaved_losesNoSavedRating()
    {
        QTemporaryDir dir;
        const QString base = dir.filePath(QStringLiteral("base.concord"));
        const QString path = dir.filePath(QStringLiteral("rated.concord"));
        CONCORD_VERIFY_OK(createDemoStudy(base, DemoOptions{.cases = 12, .raters = 2}));
        const quint64 seed = seedFromEnvironment();
        const int points = killPointsFromEnvironment();
        qInfo("kill seed %llu (CONCORD_KILL_SEED), %d kill points", seed, points);
        std::mt19937_64 random(seed);
        std::uniform_int_distribution<int> savesBeforeKill(1, 3);
        std::uniform_int_distribution<int> delayMicroseconds(0, 2000);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config"))); // not the user's
        int savedRatings = 0;
        for (int point = 0; point < points; ++point) {
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(path + suffix);
            QVERIFY(QFile::copy(base, path));
            const int saves = savesBeforeKill(random);
            const int delay = delayMicroseconds(random);
            const QString where = QStringLiteral("kill point %1 (seed %2, after save %3 + %4 us)")
                                      .arg(point)
                                      .arg(seed)
                                      .arg(saves)
                                      .arg(delay);

            QProcess child;
            child.setProcessEnvironment(environment);
            child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--rating-child"), path});
            QVERIFY(child.waitForStarted());
            QStringList reported;
            while (reported.size() < saves && child.waitForReadyRead(30000)) {
                while (child.canReadLine() && reported.size() < saves) {
                    const QString line = QString::fromUtf8(child.readLine()).trimmed();
                    if (line.startsWith(QStringLiteral("SAVED ")))
                        reported << line;
                }
            }
            if (reported.size() == saves) {
                std::this_thread::sleep_for(std::chrono::microseconds(delay));
                ::kill(pid_t(child.processId()), SIGKILL);
            }
            QVERIFY2(child.waitForFinished(30000), qPrintable(where));
            QVERIFY2(reported.size() == saves,
                     qPrintable(where + QStringLiteral(": the child reported %1 saves: %2")
                                            .arg(reported.size())
                                            .arg(QString::fromUtf8(child.readAllStandardError()))));
            QVERIFY2(child.exitStatus() == QProcess::CrashExit, qPrintable(where));

            auto study = Study::open(path, Study::Access::ReadOnly);
            QVERIFY2(study.ok(), qPrintable(where + QStringLiteral(": ") + study.errorMessage()));
            auto check = checkStudy(*study.value());
            QVERIFY2(check.ok() && check->healthy(),
                     qPrintable(where + QStringLiteral(": ") +
                                (check.ok() ? check->problems.join(QStringLiteral("; ")) : check.errorMessage())));
            for (const QString &line : reported) {
                const QStringList parts = line.split(QLatin1Char(' '));
                auto q = study.value()->exec(QStringLiteral("SELECT value FROM current_rating WHERE response_id = ?"
                                                            " AND axis_id = ? AND annotator_id ="
                                                            " (SELECT id FROM annotator WHERE name = ?)"),
                                             {parts[1].toLongLong(), parts[2].toLongLong(), kAnnotator});
                QVERIFY2(q.ok() && q->next(), qPrintable(where + QStringLiteral(": lost ") + line));
                QVERIFY2(q->value(0).toDouble() == parts[3].toDouble(),
                         qPrintable(where + QStringLiteral(": ") + line + QStringLiteral(" stored as ") +
                                    q->value(0).toString()));
                ++savedRatings;
            }
        }
        qInfo("%d kill points, %d ratings shown as saved, 0 lost", points, savedRatings);
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--rating-child") == 0) {
        QApplication app(argc, argv);
        return runRatingChild(QString::fromLocal8Bit(argv[2]));
    }
    QApplication app(argc, argv);
    TestAnnotationKillPoints test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_annotationkillpoints.moc"
