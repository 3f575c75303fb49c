// `concord merge` warns (on stderr, exit code still 0) about a package that merges but may not be what the study lead
// meant: one with no new rating events, one older than the physician's package merged before, and one with a
// write-ahead log beside it (copied while Concord had it open). A package rated while open elsewhere is read with
// its log, so nothing rated is lost.
#include "model/annotation/annotationsession.h"
#include "model/studyfile/study.h"
#include "tests/cli/clisupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace concord;
using namespace concord::clitest;

namespace {

QString sample(const QString &name)
{
    return QStringLiteral(CONCORD_SOURCE_DIR "/data/samples/") + name;
}

QString warningsOf(const Run &run)
{
    QStringList lines;
    for (const QString &line : run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("concord: warning: ")))
            lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

// Rates the first required rating of the package's first comparison, as its physician, on an open session.
Status rateOnce(AnnotationSession &session)
{
    const RatingKey key = session.requiredKeys().front();
    const Axis *axis = session.rubric().axisById(key.axisId);
    const RatingState state = axis->target == AxisTarget::Comparison ? RatingState::preference(0)
                                                                     : RatingState::ofValue(axis->points.front().value);
    return session.setRating(key, state);
}

} // namespace

class TestMergeWarnings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_study;

    QString package(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        const Run run = runConcord({QStringLiteral("package"), m_study, QStringLiteral("--annotator"),
                                    QStringLiteral("Dr A"), QStringLiteral("--out"), path});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return path;
    }

private slots:
    void init()
    {
        m_study =
            m_dir.filePath(QStringLiteral("study-%1.concord").arg(QString::fromLatin1(QTest::currentTestFunction())));
        QCOMPARE(runConcord({QStringLiteral("new"), m_study}).exitCode, 0);
        QCOMPARE(runConcord({QStringLiteral("import"), m_study, sample(QStringLiteral("cases.jsonl"))}).exitCode, 0);
        QCOMPARE(
            runConcord({QStringLiteral("annotators"), m_study, QStringLiteral("add"), QStringLiteral("Dr A")}).exitCode,
            0);
        QCOMPARE(runConcord({QStringLiteral("assign"), m_study, QStringLiteral("--annotators"), QStringLiteral("Dr A")})
                     .exitCode,
                 0);
    }

    void merge_warnsWhenThePackageHoldsNoNewEvents()
    {
        const QString path = package(QStringLiteral("empty.concord"));
        const Run run = runConcord({QStringLiteral("merge"), m_study, path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(warningsOf(run), QStringLiteral("concord: warning: %1: it holds no new rating events").arg(path));
        // In --json too.
        const Run json = runConcord({QStringLiteral("merge"), m_study, path, QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray warnings = json.json()
                                        .value(QStringLiteral("merged"))
                                        .toArray()
                                        .at(0)
                                        .toObject()
                                        .value(QStringLiteral("warnings"))
                                        .toArray();
        QCOMPARE(warnings.size(), 1);
    }

    void merge_noWarningForAPackageWithNewRatings()
    {
        const QString path = package(QStringLiteral("rated.concord"));
        {
            auto opened = Study::open(path);
            QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
            auto session = AnnotationSession::start(*opened.value(), {.annotatorName = QStringLiteral("Dr A")});
            QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
            QVERIFY(rateOnce(*session.value()).ok());
        }
        const Run run = runConcord({QStringLiteral("merge"), m_study, path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(warningsOf(run), QString());
    }

    void merge_warnsWhenThePackageIsOlderThanTheOneMergedBefore()
    {
        const QString older = package(QStringLiteral("monday.concord"));
        QThread::msleep(20); // the packages' creation times differ
        const QString newer = package(QStringLiteral("tuesday.concord"));
        Run run = runConcord({QStringLiteral("merge"), m_study, newer});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(!warningsOf(run).contains(QStringLiteral("older")), qPrintable(run.err));
        run = runConcord({QStringLiteral("merge"), m_study, older});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(warningsOf(run).contains(
                     QStringLiteral("concord: warning: %1: it is older than the package of this physician merged at ")
                         .arg(older)),
                 qPrintable(run.err));
    }

    void merge_warnsAboutAWriteAheadLogBesideThePackageAndReadsIt()
    {
        const QString path = package(QStringLiteral("open.concord"));
        // The physician's app still has the package open and has just saved a rating.
        auto opened = Study::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
        auto session = AnnotationSession::start(*opened.value(), {.annotatorName = QStringLiteral("Dr A")});
        QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
        QVERIFY(rateOnce(*session.value()).ok());
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        const Run run = runConcord({QStringLiteral("merge"), m_study, path, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(warningsOf(run).contains(
                     QStringLiteral("concord: warning: %1: a write-ahead log (-wal) lies beside it").arg(path)),
                 qPrintable(run.err));
        QCOMPARE(
            run.json().value(QStringLiteral("merged")).toArray().at(0).toObject().value(QStringLiteral("new_events")),
            1);
    }
};

QTEST_GUILESS_MAIN(TestMergeWarnings)
#include "tst_mergewarnings.moc"
