// Blinded repeats and training comparisons on the command line: `concord assign --repeat-share --training` previewed
// (nothing written) and applied (repeat assignments and training references stored), bad training files and shares
// refused without writing, and the intra-rater agreement that `concord agreement` computes from ratings given in both
// showings, with the training responses kept out of the units.
#include "model/annotation/annotationsession.h"
#include "model/studyfile/study.h"
#include "tests/cli/clisupport.h"
#include "tests/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;
using namespace concord::clitest;

namespace {

const QString kPhysicians = QStringLiteral("Dr A,Dr B,Dr C");
const int kPhysicianCount = 3;
const int kCases = 10;              // c01 .. c10, each one comparison of responses a and b
const int kTrainingComparisons = 2; // c01 and c02 (both responses have a reference in kTrainingCsv)
const QByteArray kTrainingCsv = "case_id,response_id,axis,value,explanation\n"
                                "c01,a,risk,1,\"Advises against NSAIDs with warfarin, safe\"\n"
                                "c01,b,risk,4,Recommends ibuprofen with warfarin\n"
                                "c02,a,commission_harm,2,\n"
                                "c02,b,risk,3,Misses the kidney check\n";

// A study of kCases two-response cases and the three physicians, without assignments. Empty on failure.
QString makeStudy(const QTemporaryDir &dir)
{
    const QByteArray cases = testsupport::twoResponseCasesJsonl(kCases);
    const QString casesFile = dir.filePath(QStringLiteral("cases.jsonl"));
    const QString study = dir.filePath(QStringLiteral("study.concord"));
    if (!writeFile(casesFile, cases) || runConcord({QStringLiteral("new"), study}).exitCode != 0 ||
        runConcord({QStringLiteral("import"), study, casesFile}).exitCode != 0 ||
        runConcord({QStringLiteral("annotators"), study, QStringLiteral("add"), QStringLiteral("Dr A"),
                    QStringLiteral("Dr B"), QStringLiteral("Dr C")})
                .exitCode != 0)
        return {};
    return study;
}

QStringList assignArguments(const QString &study, const QString &repeatShare, const QString &training)
{
    return {QStringLiteral("assign"),         study,
            QStringLiteral("--annotators"),   kPhysicians,
            QStringLiteral("--overlap"),      QStringLiteral("2"),
            QStringLiteral("--repeat-share"), repeatShare,
            QStringLiteral("--training"),     training,
            QStringLiteral("--seed"),         QStringLiteral("7"),
            QStringLiteral("--json")};
}

// The axis object of `key` in `concord agreement --json` output.
QJsonObject axisOf(const QJsonObject &agreement, const QString &key)
{
    for (const auto &axis : agreement.value(QStringLiteral("axes")).toArray()) {
        if (axis.toObject().value(QStringLiteral("key")).toString() == key)
            return axis.toObject();
    }
    return {};
}

} // namespace

class TestAssignRepeats : public QObject
{
    Q_OBJECT

private slots:
    void preview_countsRepeatsAndTrainingAndWritesNothing()
    {
        QTemporaryDir dir;
        const QString study = makeStudy(dir);
        QVERIFY(!study.isEmpty());
        const QString training = dir.filePath(QStringLiteral("training.csv"));
        QVERIFY(writeFile(training, kTrainingCsv));

        const Run run =
            runConcord(assignArguments(study, QStringLiteral("0.25"), training) << QStringLiteral("--preview"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject preview = run.json();
        QCOMPARE(preview.value(QStringLiteral("applied")).toBool(true), false);
        QCOMPARE(preview.value(QStringLiteral("repeat_share")).toDouble(), 0.25);
        QVERIFY2(preview.value(QStringLiteral("repeats")).toInt() > 0, qPrintable(run.out));
        QCOMPARE(preview.value(QStringLiteral("training")).toInt(), kTrainingComparisons * kPhysicianCount);
        // Each training comparison goes to every physician, each other comparison to two, plus the repeats.
        QCOMPARE(preview.value(QStringLiteral("assignments")).toInt(),
                 kTrainingComparisons * kPhysicianCount + (kCases - kTrainingComparisons) * 2 +
                     preview.value(QStringLiteral("repeats")).toInt());
        QCOMPARE(preview.value(QStringLiteral("physicians")).toArray().size(), kPhysicianCount);
        QCOMPARE(preview.value(QStringLiteral("overlap_matrix")).toArray().size(), kPhysicianCount);

        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment")), 0);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM training_reference")), 0);
    }

    void apply_storesRepeatAssignmentsAndTrainingReferences()
    {
        QTemporaryDir dir;
        const QString study = makeStudy(dir);
        QVERIFY(!study.isEmpty());
        const QString training = dir.filePath(QStringLiteral("training.csv"));
        QVERIFY(writeFile(training, kTrainingCsv));
        const Run preview =
            runConcord(assignArguments(study, QStringLiteral("0.25"), training) << QStringLiteral("--preview"));
        QVERIFY2(preview.exitCode == 0, qPrintable(preview.err));

        const Run run = runConcord(assignArguments(study, QStringLiteral("0.25"), training));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.json().value(QStringLiteral("applied")).toBool(), true);
        // The same seed gives the design that was previewed.
        const int repeats = preview.json().value(QStringLiteral("repeats")).toInt();
        QVERIFY(repeats > 0);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment WHERE is_repeat = 1")), repeats);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment")),
                 preview.json().value(QStringLiteral("assignments")).toInteger());
        // A repeat is the second showing of a comparison the physician already has.
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment r WHERE r.is_repeat = 1 AND NOT EXISTS"
                                             " (SELECT 1 FROM assignment f WHERE f.is_repeat = 0 AND f.annotator_id ="
                                             " r.annotator_id AND f.comparison_id = r.comparison_id AND f.sequence <"
                                             " r.sequence)")),
                 0);
        // Every physician rates the training comparisons first.
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment a JOIN comparison m ON m.id ="
                                             " a.comparison_id JOIN \"case\" c ON c.id = m.case_id WHERE"
                                             " c.external_id IN ('c01', 'c02') AND a.sequence <= 2")),
                 kTrainingComparisons * kPhysicianCount);

        // The references, as the file gives them.
        auto opened = Study::open(study, Study::Access::ReadOnly);
        QVERIFY(opened.ok());
        auto rows = opened.value()->exec(QStringLiteral(
            "SELECT c.external_id, r.external_id, x.key, t.value, t.explanation FROM training_reference t"
            " JOIN response r ON r.id = t.response_id JOIN \"case\" c ON c.id = r.case_id"
            " JOIN axis x ON x.id = t.axis_id ORDER BY 1, 2, 3"));
        QVERIFY(rows.ok());
        QStringList stored;
        while (rows->next()) {
            stored << QStringLiteral("%1,%2,%3,%4,%5")
                          .arg(rows->value(0).toString(), rows->value(1).toString(), rows->value(2).toString())
                          .arg(rows->value(3).toDouble())
                          .arg(rows->value(4).toString());
        }
        QCOMPARE(stored, (QStringList{QStringLiteral("c01,a,risk,1,Advises against NSAIDs with warfarin, safe"),
                                      QStringLiteral("c01,b,risk,4,Recommends ibuprofen with warfarin"),
                                      QStringLiteral("c02,a,commission_harm,2,"),
                                      QStringLiteral("c02,b,risk,3,Misses the kidney check")}));
    }

    void apply_badTrainingFile_namesFileLineAndFieldAndWritesNothing_data()
    {
        QTest::addColumn<QByteArray>("badLine");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown axis") << QByteArray("c01,b,harmfulness,2,") << QStringLiteral("field 'axis'");
        QTest::newRow("value off the scale") << QByteArray("c01,b,risk,7,") << QStringLiteral("field 'value'");
        QTest::newRow("unknown response") << QByteArray("c01,z,risk,2,") << QStringLiteral("field 'response_id'");
    }

    void apply_badTrainingFile_namesFileLineAndFieldAndWritesNothing()
    {
        QFETCH(QByteArray, badLine);
        QFETCH(QString, field);
        QTemporaryDir dir;
        const QString study = makeStudy(dir);
        QVERIFY(!study.isEmpty());
        const QString training = dir.filePath(QStringLiteral("bad-training.csv"));
        // The bad record is the file's third line, after a good one.
        QVERIFY(writeFile(training, "case_id,response_id,axis,value,explanation\nc01,a,risk,1,\n" + badLine + "\n"));

        const Run run = runConcord(assignArguments(study, QStringLiteral("0.25"), training));
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(training), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("line 3")), qPrintable(run.err));
        QVERIFY2(run.err.contains(field), qPrintable(run.err));
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment")), 0);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM training_reference")), 0);
    }

    void apply_repeatShareAboveOneHalf_isRefused()
    {
        QTemporaryDir dir;
        const QString study = makeStudy(dir);
        QVERIFY(!study.isEmpty());
        const QString training = dir.filePath(QStringLiteral("training.csv"));
        QVERIFY(writeFile(training, kTrainingCsv));

        const Run run = runConcord(assignArguments(study, QStringLiteral("0.7"), training));
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(QStringLiteral("--repeat-share")) && run.err.contains(QStringLiteral("0.7")),
                 qPrintable(run.err));
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment")), 0);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM training_reference")), 0);
    }

    void agreement_pairsBothShowingsForIntraRaterAgreementAndLeavesTrainingOut()
    {
        QTemporaryDir dir;
        const QString study = makeStudy(dir);
        QVERIFY(!study.isEmpty());
        const QString training = dir.filePath(QStringLiteral("training.csv"));
        QVERIFY(writeFile(training, kTrainingCsv));
        const Run assigned = runConcord(assignArguments(study, QStringLiteral("0.25"), training));
        QVERIFY2(assigned.exitCode == 0, qPrintable(assigned.err));

        // Every physician rates risk on every response of every comparison they have: a 2, b 1 (training included).
        // In a repeat Dr A changes b to 4; the others repeat themselves exactly.
        QHash<QString, int> repeatsOf;
        {
            auto opened = Study::open(study);
            QVERIFY(opened.ok());
            Study &s = *opened.value();
            const qint64 risk = s.rubric().axis(QStringLiteral("risk"))->id;
            for (const QString &name : kPhysicians.split(QLatin1Char(','))) {
                auto started = AnnotationSession::start(s, {.annotatorName = name});
                QVERIFY2(started.ok(), qPrintable(started.errorMessage()));
                AnnotationSession &session = *started.value();
                for (int row = 0; row < session.count(); ++row) {
                    const QueueEntry entry = session.entry(row);
                    QVERIFY(!(entry.repeat && entry.training));
                    repeatsOf[name] += entry.repeat ? 1 : 0;
                    QVERIFY(session.goTo(row).ok());
                    for (const ResponseRecord &response : session.current().responses) {
                        const bool a = response.externalId == QLatin1String("a");
                        const double value = a ? 2 : entry.repeat && name == QLatin1String("Dr A") ? 4 : 1;
                        const RatingKey key = session.keyOnScreen(response.id, risk);
                        QCOMPARE(key.repeat, entry.repeat);
                        QVERIFY(session.setRating(key, RatingState::ofValue(value)).ok());
                    }
                }
            }
        }
        QVERIFY(repeatsOf.value(QStringLiteral("Dr A")) > 0);
        const int repeats = repeatsOf.value(QStringLiteral("Dr A")) + repeatsOf.value(QStringLiteral("Dr B")) +
                            repeatsOf.value(QStringLiteral("Dr C"));
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM rating_event WHERE is_repeat = 1")), 2 * repeats);

        const Run run = runConcord({QStringLiteral("agreement"), study, QStringLiteral("--json"),
                                    QStringLiteral("--bootstrap"), QStringLiteral("0")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject risk = axisOf(run.json(), QStringLiteral("risk"));
        QVERIFY2(!risk.isEmpty(), qPrintable(run.out.left(2000)));
        // Units: the responses of the non-training comparisons, each rated by someone; the training ones are not.
        QCOMPARE(risk.value(QStringLiteral("counts")).toObject().value(QStringLiteral("units")).toInt(),
                 (kCases - kTrainingComparisons) * 2);

        const QJsonObject intra = risk.value(QStringLiteral("intra_rater")).toObject();
        // Each repeat shows two responses, each a (physician, response) pair rated in both showings.
        QCOMPARE(intra.value(QStringLiteral("pairs")).toInt(), 2 * repeats);
        QCOMPARE(intra.value(QStringLiteral("physicians")).toInt(), kPhysicianCount);
        // By hand: every pair agrees except Dr A's b in each of Dr A's repeats (1 then 4), so the share of pairs that
        // agree is (2 * repeats - repeats of Dr A) / (2 * repeats); Dr A alone: half; Dr B alone: all.
        const double expected = double(2 * repeats - repeatsOf.value(QStringLiteral("Dr A"))) / double(2 * repeats);
        const auto percentAgreement = [](const QJsonObject &coefficients) {
            return coefficients.value(QStringLiteral("percent_agreement"))
                .toObject()
                .value(QStringLiteral("value"))
                .toDouble(-1);
        };
        const QJsonObject overall = intra.value(QStringLiteral("overall")).toObject();
        QVERIFY2(qAbs(percentAgreement(overall) - expected) < 1e-12,
                 QJsonDocument(overall).toJson(QJsonDocument::Compact).constData());
        QVERIFY(overall.contains(QStringLiteral("krippendorff_alpha")));
        const QJsonObject byPhysician = intra.value(QStringLiteral("by_physician")).toObject();
        const QJsonObject drA = byPhysician.value(QStringLiteral("Dr A")).toObject();
        QCOMPARE(drA.value(QStringLiteral("pairs")).toInt(), 2 * repeatsOf.value(QStringLiteral("Dr A")));
        QCOMPARE(percentAgreement(drA.value(QStringLiteral("coefficients")).toObject()), 0.5);
        QCOMPARE(
            percentAgreement(
                byPhysician.value(QStringLiteral("Dr B")).toObject().value(QStringLiteral("coefficients")).toObject()),
            1.0);

        // An axis nobody rated in a repeat says so instead of giving a number.
        const QJsonObject harm =
            axisOf(run.json(), QStringLiteral("omission_harm")).value(QStringLiteral("intra_rater")).toObject();
        QCOMPARE(harm.value(QStringLiteral("pairs")).toInt(-1), 0);
        QVERIFY(!harm.value(QStringLiteral("reason")).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAssignRepeats)
#include "tst_assignrepeats.moc"
