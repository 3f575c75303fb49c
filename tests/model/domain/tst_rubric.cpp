// Rubric definitions: the shipped default rubric, and validation errors that name the offending field.
#include "model/domain/rubric.h"
#include "model/studyfile/study.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

const char *kValidAxis = R"({"key": "risk", "label": "Risk", "level": "ordinal",
    "points": [{"value": 1, "label": "No risk"}, {"value": 2, "label": "Some"}, {"value": 3, "label": "High"}]})";

QByteArray rubricWith(const QByteArray &axes)
{
    return QByteArray(R"({"name": "Test rubric", "version": 2, "axes": [)") + axes + "]}";
}

} // namespace

class TestRubric : public QObject
{
    Q_OBJECT

private slots:
    void defaultRubric_hasTheAxesOfTheDesign()
    {
        const Rubric rubric = defaultRubric();
        QCOMPARE(rubric.axes.size(), 5);
        const Axis *commission = rubric.axis(QStringLiteral("commission_harm"));
        QVERIFY(commission);
        QCOMPARE(commission->points.size(), 5); // 0 none .. 4 death
        QCOMPARE(commission->points.front().value, 0.0);
        QVERIFY(commission->allowsUnableToAssess);
        QCOMPARE(commission->likelihoodLevels,
                 (QStringList{QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")}));
        QCOMPARE(commission->binaryView->threshold, 3.0); // severe harm = >= 3
        const Axis *risk = rubric.axis(QStringLiteral("risk"));
        QCOMPARE(risk->points.size(), 4);
        QCOMPARE(risk->binaryView->threshold, 3.0); // unsafe = >= 3
        QCOMPARE(risk->binaryView->positiveLabel, QStringLiteral("unsafe"));
        const Axis *reasoning = rubric.axis(QStringLiteral("reasoning"));
        QCOMPARE(reasoning->notApplicableLabel, QStringLiteral("No reasoning shown"));
        QVERIFY(rubric.axis(QStringLiteral("preference"))->target == AxisTarget::Comparison);
        QCOMPARE(rubric.errorCategories.size(), 11);
        for (const auto &axis : rubric.axes) {
            for (const auto &point : axis.points)
                QVERIFY2(!point.anchor.isEmpty(), qPrintable(axis.key));
        }
    }

    void rubric_survivesAJsonRoundTrip()
    {
        const Rubric original = defaultRubric();
        auto again = parseRubric(rubricToJson(original), QStringLiteral("round trip"));
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QCOMPARE(again->axisKeys(), original.axisKeys());
        QCOMPARE(again->axis(QStringLiteral("risk"))->points.size(), 4);
        QCOMPARE(again->axis(QStringLiteral("commission_harm"))->binaryView->positiveLabel,
                 QStringLiteral("severe harm"));
    }

    void parseRubric_namesTheFieldInItsError_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\"name\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("(top level)");
        QTest::newRow("no name") << QByteArray(R"({"axes": []})") << QStringLiteral("field 'name'");
        QTest::newRow("no axes") << QByteArray(R"({"name": "x", "axes": []})") << QStringLiteral("field 'axes'");
        QTest::newRow("bad version") << QByteArray(R"({"name": "x", "version": 0, "axes": []})")
                                     << QStringLiteral("field 'version'");
        QTest::newRow("axis without key") << rubricWith(R"({"label": "Risk"})") << QStringLiteral("axes[0].key");
        QTest::newRow("bad key") << rubricWith(R"({"key": "Risk Level", "label": "R", "level": "ordinal"})")
                                 << QStringLiteral("axes[0].key");
        QTest::newRow("bad level") << rubricWith(R"({"key": "r", "label": "R", "level": "ratio-ish"})")
                                   << QStringLiteral("axes[0].level");
        QTest::newRow("bad target") << rubricWith(R"({"key": "r", "label": "R", "level": "ordinal", "target": "x"})")
                                    << QStringLiteral("axes[0].target");
        QTest::newRow("one point") << rubricWith(R"({"key": "r", "label": "R", "level": "ordinal",
                                          "points": [{"value": 1, "label": "a"}]})")
                                   << QStringLiteral("axes[0].points");
        QTest::newRow("point value not a number") << rubricWith(R"({"key": "r", "label": "R", "level": "ordinal",
                  "points": [{"value": 1, "label": "a"}, {"value": "two", "label": "b"}]})")
                                                  << QStringLiteral("axes[0].points[1].value");
        QTest::newRow("duplicate point") << rubricWith(R"({"key": "r", "label": "R", "level": "ordinal",
                  "points": [{"value": 1, "label": "a"}, {"value": 1, "label": "b"}]})")
                                         << QStringLiteral("axes[0].points[1].value");
        QTest::newRow("point without label") << rubricWith(R"({"key": "r", "label": "R", "level": "ordinal",
                  "points": [{"value": 1, "label": "a"}, {"value": 2}]})")
                                             << QStringLiteral("axes[0].points[1].label");
        QTest::newRow("duplicate axis key")
            << rubricWith(QByteArray(kValidAxis) + "," + kValidAxis) << QStringLiteral("axes[1].key");
        QTest::newRow("threshold does not split")
            << rubricWith(R"({"key": "r", "label": "R", "level": "ordinal", "binary": {"threshold": 9},
                  "points": [{"value": 1, "label": "a"}, {"value": 2, "label": "b"}]})")
            << QStringLiteral("axes[0].binary.threshold");
        QTest::newRow("binary axis with three points") << rubricWith(R"({"key": "r", "label": "R", "level": "binary",
                  "points": [{"value": 0, "label": "a"}, {"value": 1, "label": "b"}, {"value": 2, "label": "c"}]})")
                                                       << QStringLiteral("axes[0].points");
        QTest::newRow("likelihood not strings")
            << rubricWith(R"({"key": "r", "label": "R", "level": "ordinal", "likelihood": [1, 2],
                  "points": [{"value": 1, "label": "a"}, {"value": 2, "label": "b"}]})")
            << QStringLiteral("axes[0].likelihood");
        QTest::newRow("unknown error group")
            << QByteArray(R"({"name": "x", "axes": [)") + kValidAxis +
                   R"(], "error_categories": [{"key": "k", "label": "K", "group": "style"}]})"
            << QStringLiteral("error_categories[0].group");
    }

    void parseRubric_namesTheFieldInItsError()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        auto rubric = parseRubric(json, QStringLiteral("my-rubric.json"));
        QVERIFY(!rubric.ok());
        QVERIFY2(rubric.errorMessage().contains(expected), qPrintable(rubric.errorMessage()));
        QVERIFY2(rubric.errorMessage().startsWith(QStringLiteral("my-rubric.json")), qPrintable(rubric.errorMessage()));
    }

    void study_canBeCreatedFromARubricFile()
    {
        QTemporaryDir dir;
        const QString rubricPath = dir.filePath(QStringLiteral("rubric.json"));
        QFile file(rubricPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(rubricWith(kValidAxis));
        file.close();
        auto rubric = loadRubricFile(rubricPath);
        QVERIFY2(rubric.ok(), qPrintable(rubric.errorMessage()));
        auto study = Study::create(dir.filePath(QStringLiteral("s.concord")),
                                   {.title = QStringLiteral("Custom"), .rubric = rubric.value()});
        QVERIFY2(study.ok(), qPrintable(study.errorMessage()));
        QCOMPARE(study.value()->rubric().name, QStringLiteral("Test rubric"));
        QCOMPARE(study.value()->rubric().version, 2);
        QCOMPARE(study.value()->rubric().axisKeys(), QStringList{QStringLiteral("risk")});
        QCOMPARE(study.value()->rubric().axis(QStringLiteral("risk"))->points.at(2).label, QStringLiteral("High"));
    }

    void loadRubricFile_reportsAMissingFile()
    {
        auto rubric = loadRubricFile(QStringLiteral("/nonexistent/rubric.json"));
        QVERIFY(!rubric.ok());
        QVERIFY(rubric.errorMessage().contains(QStringLiteral("/nonexistent/rubric.json")));
    }
};

QTEST_GUILESS_MAIN(TestRubric)
#include "tst_rubric.moc"
