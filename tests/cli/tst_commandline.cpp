// The concord executable as a user runs it: exit codes, one-line errors, --help/--version, and the commands
// new, demo, import, export, check and agreement end to end.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run concord(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(CONCORD_EXECUTABLE), arguments);
    process.waitForFinished(300000);
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
               QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QString sample(const QString &name)
{
    return QStringLiteral(CONCORD_SOURCE_DIR "/data/samples/") + name;
}

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void version_printsTheVersion()
    {
        const Run run = concord({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), QStringLiteral("concord " CONCORD_VERSION));
    }

    void help_listsEveryCommand()
    {
        const Run run = concord({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *command : {"new", "import", "export", "demo", "check", "agreement", "report", "stats"}) {
            QVERIFY2(run.out.contains(QStringLiteral("concord %1 ").arg(QLatin1String(command))), command);
            const Run help = concord({QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(help.exitCode, 0);
            QVERIFY(help.out.startsWith(QStringLiteral("Usage: concord %1").arg(QLatin1String(command))));
        }
    }

    void manPage_documentsEveryCommandAndOption()
    {
        const Run run = concord({QStringLiteral("--manpage")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(
            QStringLiteral(".TH CONCORD 1 \"" CONCORD_RELEASE_DATE "\" \"concord " CONCORD_VERSION)));
        const Run help = concord({QStringLiteral("--help")});
        int commands = 0;
        for (const QString &line : help.out.split(QLatin1Char('\n'))) {
            const QString synopsis = line.section(QStringLiteral("concord "), 1).trimmed();
            const QString name = synopsis.section(QLatin1Char(' '), 0, 0);
            if (name.isEmpty() || name.startsWith(QLatin1Char('[')) || name == QLatin1String("COMMAND") ||
                name.startsWith(QLatin1Char('-')))
                continue;
            ++commands;
            // The section heading is the synopsis with roff's minus signs.
            QVERIFY2(run.out.contains(QStringLiteral(".SS \"concord ") +
                                      QString(synopsis).replace(QLatin1Char('-'), QStringLiteral("\\-"))),
                     qPrintable(name));
        }
        QVERIFY(commands >= 15);
        QVERIFY(run.out.contains(QStringLiteral("\\-\\-repeat\\-share <P>")));
        // Nothing in it starts a line with a dot that roff would take for a request.
        for (const QString &line : run.out.split(QLatin1Char('\n')))
            QVERIFY2(!line.startsWith(QLatin1String(". ")), qPrintable(line));
    }

    void wrongUsage_exitsWithTwoAndOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate"), QStringLiteral("x")};
        // One word that is no command and no file: not taken for a study to open in the GUI.
        QTest::newRow("mistyped command alone") << QStringList{QStringLiteral("agreemnet")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("check"), QStringLiteral("--colour"),
                                                       QStringLiteral("x.concord")};
        QTest::newRow("missing argument") << QStringList{QStringLiteral("import"), QStringLiteral("x.concord")};
        QTest::newRow("bad number") << QStringList{QStringLiteral("demo"), QStringLiteral("x.concord"),
                                                   QStringLiteral("--cases"), QStringLiteral("many")};
        QTest::newRow("stats without input") << QStringList{QStringLiteral("stats"), QStringLiteral("fleiss_kappa")};
        QTest::newRow("stats with a bad bootstrap count")
            << QStringList{QStringLiteral("stats"), QStringLiteral("gwet_ac1"),    QStringLiteral("--input"),
                           QStringLiteral("x.csv"), QStringLiteral("--bootstrap"), QStringLiteral("-5")};
        QTest::newRow("bad format") << QStringList{QStringLiteral("import"), QStringLiteral("x.concord"),
                                                   QStringLiteral("y.csv"), QStringLiteral("--format"),
                                                   QStringLiteral("xlsx")};
    }

    void wrongUsage_exitsWithTwoAndOneLine()
    {
        QFETCH(QStringList, arguments);
        const Run run = concord(arguments);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY(run.err.startsWith(QStringLiteral("concord: ")));
    }

    void new_createsAStudyAndRefusesToOverwriteIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        Run run = concord({QStringLiteral("new"), path, QStringLiteral("--title"), QStringLiteral("Pilot")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("Pilot")));
        run = concord({QStringLiteral("new"), path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("already exists")));
        run = concord({QStringLiteral("check"), path, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("title")).toString(), QStringLiteral("Pilot"));
        QCOMPARE(report.value(QStringLiteral("healthy")).toBool(), true);
    }

    void new_reportsTheFieldOfABadRubric()
    {
        QTemporaryDir dir;
        const QString rubric = dir.filePath(QStringLiteral("rubric.json"));
        QFile file(rubric);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"name": "x", "axes": [{"key": "risk", "label": "Risk", "level": "loud"}]})");
        file.close();
        const Run run = concord(
            {QStringLiteral("new"), dir.filePath(QStringLiteral("s.concord")), QStringLiteral("--rubric"), rubric});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("axes[0].level")), qPrintable(run.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("s.concord"))));
    }

    void demo_checkAndAgreement_describeTheStudy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.concord"));
        Run run =
            concord({QStringLiteral("demo"), path, QStringLiteral("--cases"), QStringLiteral("20"),
                     QStringLiteral("--raters"), QStringLiteral("4"), QStringLiteral("--seed"), QStringLiteral("5")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("20 cases")));
        run = concord({QStringLiteral("check"), path});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("ok: integrity")));

        run = concord({QStringLiteral("agreement"), path, QStringLiteral("--json"), QStringLiteral("--bootstrap"),
                       QStringLiteral("50"), QStringLiteral("--seed"), QStringLiteral("9")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonArray axes = report.value(QStringLiteral("rating_counts")).toArray();
        QCOMPARE(axes.size(), 5);
        // The analysis: every response axis, with agreement among physicians and the judge against them.
        const QJsonArray analysed = report.value(QStringLiteral("axes")).toArray();
        QCOMPARE(analysed.size(), 4);
        QCOMPARE(report.value(QStringLiteral("settings")).toObject().value(QStringLiteral("seed")).toString(),
                 QStringLiteral("9"));
        for (const auto &axis : analysed) {
            const QJsonObject a = axis.toObject();
            const QJsonObject alpha = a.value(QStringLiteral("among_physicians"))
                                          .toObject()
                                          .value(QStringLiteral("overall"))
                                          .toObject()
                                          .value(QStringLiteral("krippendorff_alpha"))
                                          .toObject();
            QVERIFY2(alpha.value(QStringLiteral("value")).isDouble(),
                     qPrintable(a.value(QStringLiteral("key")).toString()));
            QCOMPARE(alpha.value(QStringLiteral("bootstrap")).toObject().value(QStringLiteral("B")).toInt(), 50);
            const QJsonArray judges = a.value(QStringLiteral("judges")).toArray();
            QCOMPARE(judges.size(), 1);
            QVERIFY(judges[0]
                        .toObject()
                        .value(QStringLiteral("versus_consensus"))
                        .toObject()
                        .contains(QStringLiteral("kappa")));
        }
        QVERIFY(report.value(QStringLiteral("position_bias")).toObject().contains(QStringLiteral("physicians")));
        // The same seed, the same bytes.
        const auto again =
            concord({QStringLiteral("agreement"), path, QStringLiteral("--json"), QStringLiteral("--bootstrap"),
                     QStringLiteral("50"), QStringLiteral("--seed"), QStringLiteral("9")});
        QCOMPARE(again.out, run.out);
        for (const auto &axis : axes) {
            const QJsonObject a = axis.toObject();
            if (a.value(QStringLiteral("axis")).toString() == QStringLiteral("risk")) {
                QCOMPARE(a.value(QStringLiteral("targets")).toInt(), 40);
                QCOMPARE(a.value(QStringLiteral("annotators")).toInt(), 4);
                QCOMPARE(a.value(QStringLiteral("judge_scores")).toInt(), 40);
                QVERIFY(a.value(QStringLiteral("ratings")).toInt() > 100);
            }
        }
        run = concord({QStringLiteral("agreement"), path, QStringLiteral("--axis"), QStringLiteral("risk"),
                       QStringLiteral("--bootstrap"), QStringLiteral("20")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("risk")));
        QVERIFY(!run.out.contains(QStringLiteral("omission_harm")));
        QVERIFY2(run.out.contains(QStringLiteral("Krippendorff's alpha (ordinal)")), qPrintable(run.out));
        run = concord({QStringLiteral("agreement"), path, QStringLiteral("--bootstrap"), QStringLiteral("many")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("--bootstrap")));

        // The report in every format; an unknown format and a missing --out are refused with one line.
        for (const QString &suffix :
             {QStringLiteral("json"), QStringLiteral("html"), QStringLiteral("pdf"), QStringLiteral("csv")}) {
            const QString out = QFileInfo(path).dir().filePath(QStringLiteral("report.") + suffix);
            run = concord({QStringLiteral("report"), path, QStringLiteral("--out"), out, QStringLiteral("--bootstrap"),
                           QStringLiteral("20")});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY(QFileInfo(out).size() > 1000);
        }
        run = concord({QStringLiteral("report"), path, QStringLiteral("--out"),
                       QFileInfo(path).dir().filePath(QStringLiteral("report.docx"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("report.docx")));
        run = concord({QStringLiteral("report"), path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("--out")));
        run = concord({QStringLiteral("agreement"), path, QStringLiteral("--axis"), QStringLiteral("saftey")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("saftey")));
    }

    void importAndExport_roundTripThroughTheCommandLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        QCOMPARE(concord({QStringLiteral("new"), path}).exitCode, 0);
        for (const QString &file : {sample(QStringLiteral("cases.jsonl")), sample(QStringLiteral("ratings.csv")),
                                    sample(QStringLiteral("judge.csv"))}) {
            const Run run = concord({QStringLiteral("import"), path, file});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
        const QString exported = dir.filePath(QStringLiteral("ratings.csv"));
        Run run = concord({QStringLiteral("export"), path, QStringLiteral("--what"), QStringLiteral("ratings"),
                           QStringLiteral("--out"), exported});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFile::exists(exported));
        run = concord({QStringLiteral("export"), path, QStringLiteral("--what"), QStringLiteral("consensus"),
                       QStringLiteral("--out"), dir.filePath(QStringLiteral("consensus.jsonl"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = concord({QStringLiteral("check"), path});
        QCOMPARE(run.exitCode, 0);
    }

    void import_failureLeavesTheStudyUnchangedAndSaysWhere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.concord"));
        QCOMPARE(concord({QStringLiteral("new"), path}).exitCode, 0);
        QCOMPARE(concord({QStringLiteral("import"), path, sample(QStringLiteral("cases.jsonl"))}).exitCode, 0);
        const QString bad = dir.filePath(QStringLiteral("bad-ratings.csv"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("case,response,annotator,axis,value\n");
        // The first row is fine; the second names an axis the rubric does not have.
        QFile cases(sample(QStringLiteral("cases.jsonl")));
        QVERIFY(cases.open(QIODevice::ReadOnly));
        const QJsonObject firstCase = QJsonDocument::fromJson(cases.readLine()).object();
        const QString caseId = firstCase.value(QStringLiteral("id")).toString();
        const QString responseId = firstCase.value(QStringLiteral("responses"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("id"))
                                       .toString();
        file.write(QStringLiteral("%1,%2,Dr A,risk,2\n%1,%2,Dr A,saftey,2\n").arg(caseId, responseId).toUtf8());
        file.close();
        const QByteArray before = fileHash(path);
        const Run run = concord({QStringLiteral("import"), path, bad});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(run.err.contains(QStringLiteral("bad-ratings.csv:3")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("axis")), qPrintable(run.err));
        QCOMPARE(fileHash(path), before);
    }

    void stats_printsOneJsonObjectWithTheConventionsNamed()
    {
        const QString input = QStringLiteral(CONCORD_SOURCE_DIR "/tests/reference/data/four_raters_ord5_missing.csv");
        const Run run =
            concord({QStringLiteral("stats"), QStringLiteral("gwet_ac1"), QStringLiteral("--input"), input,
                     QStringLiteral("--weights"), QStringLiteral("quadratic"), QStringLiteral("--categories"),
                     QStringLiteral("1,2,3,4,5"), QStringLiteral("--bootstrap"), QStringLiteral("200"),
                     QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(result.value(QStringLiteral("statistic")).toString(), QStringLiteral("gwet_ac1"));
        QCOMPARE(result.value(QStringLiteral("coefficient")).toString(), QStringLiteral("AC2"));
        for (const char *key :
             {"value", "se", "ci_lower", "ci_upper", "p_o", "p_e", "n_units", "n_raters", "n_ratings"})
            QVERIFY2(result.value(QLatin1String(key)).isDouble(), key);
        QCOMPARE(result.value(QStringLiteral("ci_method")).toString(), QStringLiteral("student_t"));
        const QJsonObject bootstrap = result.value(QStringLiteral("bootstrap")).toObject();
        QCOMPARE(bootstrap.value(QStringLiteral("B")).toInt(), 200);
        QCOMPARE(bootstrap.value(QStringLiteral("seed")).toString(), QStringLiteral("7"));
        QVERIFY(bootstrap.value(QStringLiteral("ci_lower")).toDouble() <
                bootstrap.value(QStringLiteral("ci_upper")).toDouble());
        // The same seed gives the same interval.
        const Run again =
            concord({QStringLiteral("stats"), QStringLiteral("gwet_ac1"), QStringLiteral("--input"), input,
                     QStringLiteral("--weights"), QStringLiteral("quadratic"), QStringLiteral("--categories"),
                     QStringLiteral("1,2,3,4,5"), QStringLiteral("--bootstrap"), QStringLiteral("200"),
                     QStringLiteral("--seed"), QStringLiteral("7")});
        QCOMPARE(again.out, run.out);
    }

    void stats_confusionGivesTheMatrixAndTheBinaryView()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("judge.csv"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Reference (consensus) then judge, on a 1-4 risk scale; by hand: 4 of 6 exact, all within one, judge
        // lower on average by (0 - 1 + 0 - 1 + 0 + 0) / 6; "unsafe" (>= 3): reference 3 cases, judge finds 2.
        file.write("unit,consensus,judge\na,1,1\nb,3,2\nc,4,4\nd,2,1\ne,3,3\nf,1,1\n");
        file.close();
        const Run run = concord({QStringLiteral("stats"), QStringLiteral("confusion"), QStringLiteral("--input"), input,
                                 QStringLiteral("--categories"), QStringLiteral("1,2,3,4"),
                                 QStringLiteral("--threshold"), QStringLiteral("3")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(result.value(QStringLiteral("matrix")).toArray().at(2).toArray().at(1).toInt(), 1); // 3 rated 2
        QCOMPARE(result.value(QStringLiteral("exact_agreement")).toObject().value(QStringLiteral("value")).toDouble(),
                 4.0 / 6.0);
        QCOMPARE(
            result.value(QStringLiteral("within_one_agreement")).toObject().value(QStringLiteral("value")).toDouble(),
            1.0);
        QCOMPARE(
            result.value(QStringLiteral("mean_signed_difference")).toObject().value(QStringLiteral("value")).toDouble(),
            -2.0 / 6.0);
        const QJsonObject binary = result.value(QStringLiteral("binary")).toObject();
        QCOMPARE(binary.value(QStringLiteral("sensitivity")).toObject().value(QStringLiteral("value")).toDouble(),
                 2.0 / 3.0);
        QCOMPARE(binary.value(QStringLiteral("specificity")).toObject().value(QStringLiteral("value")).toDouble(), 1.0);
    }

    void stats_undefinedValueIsNullWithAReason()
    {
        QTemporaryDir dir;
        const QString input = dir.filePath(QStringLiteral("same.csv"));
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("unit,A,B\nu1,2,2\nu2,2,2\n");
        file.close();
        const Run run =
            concord({QStringLiteral("stats"), QStringLiteral("fleiss_kappa"), QStringLiteral("--input"), input});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY(result.value(QStringLiteral("value")).isNull());
        QVERIFY(!result.value(QStringLiteral("reason")).toString().isEmpty());
    }

    void stats_badInputOrStatisticFailsWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString wide = QStringLiteral(CONCORD_SOURCE_DIR "/tests/reference/data/four_raters_ord5_missing.csv");
        const QString text =
            QStringLiteral(CONCORD_SOURCE_DIR "/tests/reference/data/two_raters_nominal_text_missing.csv");
        QTest::newRow("unknown statistic")
            << QStringList{QStringLiteral("stats"), QStringLiteral("kappa_paradox"), QStringLiteral("--input"), wide}
            << QStringLiteral("unknown statistic 'kappa_paradox'");
        QTest::newRow("two-rater statistic on four raters")
            << QStringList{QStringLiteral("stats"), QStringLiteral("cohen_kappa"), QStringLiteral("--input"), wide}
            << QStringLiteral("cohen_kappa needs exactly 2 raters");
        QTest::newRow("text ratings need an order for weights")
            << QStringList{QStringLiteral("stats"),     QStringLiteral("cohen_kappa"), QStringLiteral("--input"), text,
                           QStringLiteral("--weights"), QStringLiteral("linear")}
            << QStringLiteral("needs --categories to give their order");
        QTest::newRow("missing file") << QStringList{QStringLiteral("stats"), QStringLiteral("fleiss_kappa"),
                                                     QStringLiteral("--input"), QStringLiteral("/nonexistent.csv")}
                                      << QStringLiteral("/nonexistent.csv");
        QTest::newRow("confidence out of range")
            << QStringList{QStringLiteral("stats"),        QStringLiteral("fleiss_kappa"),
                           QStringLiteral("--input"),      wide,
                           QStringLiteral("--confidence"), QStringLiteral("95")}
            << QStringLiteral("--confidence");
    }

    void stats_badInputOrStatisticFailsWithOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Run run = concord(arguments);
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    }

    void commands_refuseAFileThatIsNotAStudy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.concord"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just some notes\n");
        file.close();
        for (const QString &command : {QStringLiteral("check"), QStringLiteral("agreement")}) {
            const Run run = concord({command, path});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(QStringLiteral("not a Concord study")), qPrintable(run.err));
        }
        QCOMPARE(fileHash(path), QCryptographicHash::hash("just some notes\n", QCryptographicHash::Sha256).toHex());
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
