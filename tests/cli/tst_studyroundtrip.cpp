// The multi-physician round trip on the command line, as a study lead runs it: a study from the sample cases and
// judge scores, three physicians, an overlap-2 design (previewed, then applied), one package each, each package
// annotated as on the physician's own laptop (through the model API on the package file), merged back (twice: the
// second time changes nothing), adjudicated, locked, unblinded and reported.
#include "model/annotation/annotationsession.h"
#include "model/studyfile/study.h"
#include "tests/cli/clisupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;
using namespace concord::clitest;

namespace {

QString sample(const QString &name)
{
    return QStringLiteral(CONCORD_SOURCE_DIR "/data/samples/") + name;
}

// Rates every response axis of every comparison in the package, as its physician: the value depends on the
// physician so that they disagree somewhere, and one rating is corrected afterwards.
Status annotatePackage(const QString &path, int physician)
{
    auto study = Study::open(path);
    if (!study.ok())
        return study.error();
    const QString name = study.value()->meta(QStringLiteral("package_annotator"));
    auto session = AnnotationSession::start(*study.value(), {.annotatorName = name});
    if (!session.ok())
        return session.error();
    AnnotationSession &s = *session.value();
    for (int row = 0; row < s.count(); ++row) {
        if (auto moved = s.goTo(row); !moved.ok())
            return moved;
        for (const RatingKey &key : s.requiredKeys()) {
            const Axis *axis = s.rubric().axisById(key.axisId);
            RatingState state = axis->target == AxisTarget::Comparison
                                    ? RatingState::preference(0)
                                    : RatingState::ofValue(axis->points[(row + physician) % axis->points.size()].value);
            if (auto set = s.setRating(key, state); !set.ok())
                return set;
        }
    }
    if (auto moved = s.goTo(0); !moved.ok())
        return moved;
    const RatingKey first = s.requiredKeys().front();
    return s.setRating(first, RatingState::ofValue(s.rubric().axisById(first.axisId)->points.front().value));
}

} // namespace

class TestStudyRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_designPackageAnnotateMergeAdjudicateLockUnblindReport()
    {
        QTemporaryDir dir;
        const QString study = dir.filePath(QStringLiteral("study.concord"));
        QCOMPARE(runConcord({QStringLiteral("new"), study, QStringLiteral("--title"), QStringLiteral("Round trip")})
                     .exitCode,
                 0);
        QCOMPARE(runConcord({QStringLiteral("import"), study, sample(QStringLiteral("cases.jsonl"))}).exitCode, 0);
        QCOMPARE(runConcord({QStringLiteral("import"), study, sample(QStringLiteral("judge.csv")),
                             QStringLiteral("--what"), QStringLiteral("judge")})
                     .exitCode,
                 0);

        // Physicians.
        Run run = runConcord({QStringLiteral("annotators"), study, QStringLiteral("add"), QStringLiteral("Dr A"),
                              QStringLiteral("Dr B"), QStringLiteral("Dr C"), QStringLiteral("Dr D")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(runConcord({QStringLiteral("annotators"), study, QStringLiteral("rename"), QStringLiteral("Dr C"),
                             QStringLiteral("Dr Cee")})
                     .exitCode,
                 0);
        QCOMPARE(runConcord({QStringLiteral("annotators"), study, QStringLiteral("retire"), QStringLiteral("Dr D")})
                     .exitCode,
                 0);
        run = runConcord({QStringLiteral("annotators"), study, QStringLiteral("add"), QStringLiteral("Dr A")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("already has an annotator named 'Dr A'")), qPrintable(run.err));
        run = runConcord({QStringLiteral("annotators"), study, QStringLiteral("--json")});
        const QJsonArray roster = run.json().value(QStringLiteral("annotators")).toArray();
        QCOMPARE(roster.size(), 4);
        QCOMPARE(roster[2].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Dr Cee"));
        QVERIFY(roster[3].toObject().value(QStringLiteral("retired")).toBool());

        // The design: previewed (nothing written), refused for a retired physician, then applied.
        const QString physicians = QStringLiteral("Dr A,Dr B,Dr Cee");
        run = runConcord({QStringLiteral("assign"), study, QStringLiteral("--annotators"), physicians,
                          QStringLiteral("--overlap"), QStringLiteral("2"), QStringLiteral("--seed"),
                          QStringLiteral("7"), QStringLiteral("--preview"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.json().value(QStringLiteral("applied")).toBool(), false);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment")), 0);
        const QJsonArray loads = run.json().value(QStringLiteral("physicians")).toArray();
        QCOMPARE(loads.size(), 3);
        for (const auto &physician : loads) // 3 comparisons x 2 physicians = 6 = 2 each
            QCOMPARE(physician.toObject().value(QStringLiteral("load")).toInt(), 2);
        run =
            runConcord({QStringLiteral("assign"), study, QStringLiteral("--annotators"), QStringLiteral("Dr A,Dr D")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("retired")), qPrintable(run.err));
        run = runConcord({QStringLiteral("assign"), study, QStringLiteral("--annotators"), physicians,
                          QStringLiteral("--overlap"), QStringLiteral("2"), QStringLiteral("--seed"),
                          QStringLiteral("7"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM assignment")), 6);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM (SELECT comparison_id FROM assignment GROUP BY 1 "
                                             "HAVING count(*) = 2)")),
                 3);

        // Packages, annotated on "other machines".
        const QString folder = dir.filePath(QStringLiteral("packages"));
        run = runConcord({QStringLiteral("package"), study, QStringLiteral("--all"), QStringLiteral("--out"), folder,
                          QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray packages = run.json().value(QStringLiteral("packages")).toArray();
        QCOMPARE(packages.size(), 3);
        QStringList files;
        for (int p = 0; p < packages.size(); ++p) {
            const QString file = packages[p].toObject().value(QStringLiteral("file")).toString();
            QCOMPARE(count(file, QStringLiteral("SELECT count(*) FROM judge_score")), 0);
            QCOMPARE(count(file, QStringLiteral("SELECT count(*) FROM response WHERE system <> ''")), 0);
            const Status annotated = annotatePackage(file, p);
            QVERIFY2(annotated.ok(), qPrintable(annotated.errorMessage()));
            files << file;
        }
        qint64 packaged = 0;
        for (const QString &file : files)
            packaged += count(file, QStringLiteral("SELECT count(*) FROM rating_event"));
        QVERIFY(packaged > 0);

        // Merged back; again, in reverse order: nothing changes.
        run = runConcord(QStringList{QStringLiteral("merge"), study} + files + QStringList{QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        qint64 merged = 0;
        for (const auto &entry : run.json().value(QStringLiteral("merged")).toArray())
            merged += entry.toObject().value(QStringLiteral("new_events")).toInteger();
        QCOMPARE(merged, packaged);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM rating_event")), packaged);
        QStringList reversed = files;
        std::reverse(reversed.begin(), reversed.end());
        run =
            runConcord(QStringList{QStringLiteral("merge"), study} + reversed + QStringList{QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const auto &entry : run.json().value(QStringLiteral("merged")).toArray())
            QCOMPARE(entry.toObject().value(QStringLiteral("new_events")).toInteger(), 0);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM rating_event")), packaged);
        // A plain study is not a package: refused, nothing changes.
        const QString other = dir.filePath(QStringLiteral("other.concord"));
        QCOMPARE(runConcord({QStringLiteral("new"), other}).exitCode, 0);
        run = runConcord({QStringLiteral("merge"), study, other});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("other.concord")), qPrintable(run.err));
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM rating_event")), packaged);

        // Adjudication: the physicians disagree somewhere; the study lead decides one item.
        run = runConcord({QStringLiteral("adjudicate"), study, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray items = run.json().value(QStringLiteral("items")).toArray();
        QVERIFY(!items.isEmpty());
        QJsonObject item;
        for (const auto &candidate : items) {
            if (candidate.toObject().value(QStringLiteral("axis")).toString() == QLatin1String("risk"))
                item = candidate.toObject();
        }
        QVERIFY(!item.isEmpty());
        // Physicians are unnamed unless asked for.
        QVERIFY(item.value(QStringLiteral("ratings"))
                    .toArray()[0]
                    .toObject()
                    .value(QStringLiteral("physician"))
                    .toString()
                    .startsWith(QStringLiteral("Physician ")));
        const qint64 responseId = item.value(QStringLiteral("response_id")).toInteger();
        auto opened = Study::open(study, Study::Access::ReadOnly);
        QVERIFY(opened.ok());
        auto ids = opened.value()->exec(QStringLiteral("SELECT external_id FROM response WHERE id = ?"), {responseId});
        QVERIFY(ids.ok() && ids->next());
        const QString responseExternalId = ids->value(0).toString();
        opened.value().reset();
        run =
            runConcord({QStringLiteral("adjudicate"), study, QStringLiteral("--case"),
                        item.value(QStringLiteral("case")).toString(), QStringLiteral("--response"), responseExternalId,
                        QStringLiteral("--axis"), QStringLiteral("risk"), QStringLiteral("--value"),
                        QStringLiteral("7"), QStringLiteral("--code"), QStringLiteral("majority")});
        QCOMPARE(run.exitCode, 1); // not a scale point of risk
        QVERIFY2(run.err.contains(QStringLiteral("risk")), qPrintable(run.err));
        run =
            runConcord({QStringLiteral("adjudicate"), study, QStringLiteral("--case"),
                        item.value(QStringLiteral("case")).toString(), QStringLiteral("--response"), responseExternalId,
                        QStringLiteral("--axis"), QStringLiteral("risk"), QStringLiteral("--value"),
                        QStringLiteral("4"), QStringLiteral("--code"), QStringLiteral("clinical_judgement"),
                        QStringLiteral("--reason"), QStringLiteral("Bleeding risk outweighs the benefit")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = runConcord({QStringLiteral("adjudicate"), study, QStringLiteral("--json")});
        for (const auto &left : run.json().value(QStringLiteral("items")).toArray()) {
            const QJsonObject entry = left.toObject();
            QVERIFY(!(entry.value(QStringLiteral("response_id")).toInteger() == responseId &&
                      entry.value(QStringLiteral("axis")).toString() == QLatin1String("risk")));
        }
        run = runConcord({QStringLiteral("agreement"), study, QStringLiteral("--axis"), QStringLiteral("risk"),
                          QStringLiteral("--bootstrap"), QStringLiteral("0"), QStringLiteral("--adjudicated"),
                          QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(
            run.json().value(QStringLiteral("settings")).toObject().value(QStringLiteral("judge_reference")).toString(),
            QStringLiteral("adjudicated"));

        // Lock, then unblind (not before), then the report says both.
        run = runConcord({QStringLiteral("unblind"), study});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("lock the analysis")), qPrintable(run.err));
        QCOMPARE(runConcord({QStringLiteral("lock"), study}).exitCode, 0);
        QCOMPARE(runConcord({QStringLiteral("unblind"), study}).exitCode, 0);
        const QString report = dir.filePath(QStringLiteral("report.json"));
        run = runConcord({QStringLiteral("report"), study, QStringLiteral("--out"), report,
                          QStringLiteral("--bootstrap"), QStringLiteral("20")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject stamp =
            QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("reproducibility")).toObject();
        QVERIFY(!stamp.value(QStringLiteral("analysis_locked_at")).toString().isEmpty());
        QVERIFY(!stamp.value(QStringLiteral("unblinded_at")).toString().isEmpty());
        QCOMPARE(stamp.value(QStringLiteral("events_after_lock")).toInteger(), 0);
        QCOMPARE(count(study, QStringLiteral("SELECT count(*) FROM audit_log WHERE action IN ('assign', 'package', "
                                             "'merge', 'lock_analysis', 'unblind', 'rename_annotator', "
                                             "'retire_annotator', 'adjudicate')")),
                 1 + 3 + 6 + 1 + 1 + 1 + 1 + 1);
    }

    // On the command line: a comment a spreadsheet would run as a formula is exported guarded and imported back
    // unchanged (export -> import -> export gives the same bytes), and a hostile field in a refused file reaches
    // the terminal as one escaped line.
    void exportImport_keepsFormulaTextAndErrorsStayOneEscapedLine()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath(QStringLiteral("first.concord"));
        const QString second = dir.filePath(QStringLiteral("second.concord"));
        for (const QString &path : {first, second})
            QCOMPARE(runConcord({QStringLiteral("new"), path}).exitCode, 0);
        const QString cases = dir.filePath(QStringLiteral("cases.jsonl"));
        QVERIFY(writeFile(cases,
                          "{\"kind\":\"case\",\"id\":\"=c1\",\"input\":\"-q\",\"responses\":[{\"id\":\"@a\","
                          "\"text\":\"'quoted\"}]}\n"
                          "{\"kind\":\"rating\",\"case\":\"=c1\",\"response\":\"@a\",\"annotator\":\"+Dr\","
                          "\"axis\":\"risk\",\"value\":2,\"comment\":\"=HYPERLINK(\\\"http://x.example\\\")\"}\n"));
        QCOMPARE(runConcord({QStringLiteral("import"), first, cases}).exitCode, 0);
        auto exportBoth = [&](const QString &study, const QString &prefix) {
            for (const QString &what : {QStringLiteral("cases"), QStringLiteral("ratings")}) {
                const Run run =
                    runConcord({QStringLiteral("export"), study, QStringLiteral("--what"), what,
                                QStringLiteral("--out"), dir.filePath(prefix + what + QStringLiteral(".csv"))});
                QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            }
        };
        exportBoth(first, QStringLiteral("first-"));
        for (const QString &what : {QStringLiteral("cases"), QStringLiteral("ratings")}) {
            const Run run = runConcord({QStringLiteral("import"), second,
                                        dir.filePath(QStringLiteral("first-") + what + QStringLiteral(".csv")),
                                        QStringLiteral("--what"), what});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
        exportBoth(second, QStringLiteral("second-"));
        for (const QString &what : {QStringLiteral("cases"), QStringLiteral("ratings")}) {
            QFile a(dir.filePath(QStringLiteral("first-") + what + QStringLiteral(".csv")));
            QFile b(dir.filePath(QStringLiteral("second-") + what + QStringLiteral(".csv")));
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            const QByteArray bytes = a.readAll();
            QCOMPARE(bytes, b.readAll());
            QVERIFY2(!bytes.contains(",=") && !bytes.contains(",@") && !bytes.contains(",+"), bytes.constData());
            if (what == QStringLiteral("ratings"))
                QVERIFY2(bytes.contains("\"'=HYPERLINK(\"\"http://x.example\"\")\""), bytes.constData());
        }

        const QString hostile = dir.filePath(QStringLiteral("hostile.csv"));
        QVERIFY(
            writeFile(hostile, "case,response,annotator,axis,value\n\"\x1b]0;owned\x07\x1b[2J\nfine\",a,A,risk,2\n"));
        const Run refused = runConcord({QStringLiteral("import"), second, hostile});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.count(QLatin1Char('\n')) == 1 && refused.err.endsWith(QLatin1Char('\n')),
                 qPrintable(refused.err));
        QVERIFY2(!refused.err.contains(QChar(0x1b)) && !refused.err.contains(QChar(0x07)), qPrintable(refused.err));
        QVERIFY2(refused.err.contains(QStringLiteral("'\\x1b]0;owned\\x07\\x1b[2J\\nfine'")), qPrintable(refused.err));
    }
};

QTEST_GUILESS_MAIN(TestStudyRoundTrip)
#include "tst_studyroundtrip.moc"
