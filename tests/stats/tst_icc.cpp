// Intraclass correlation in the six Shrout & Fleiss (1979) forms: the paper's worked example, psych::ICC on the same
// data and on the cross-check data of tests/reference, complete-unit exclusion, and the cases where a form or its F
// test does not exist.
#include "stats/icc.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace concord::stats;

Q_DECLARE_METATYPE(std::vector<std::vector<double>>)

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

bool near(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

#define VERIFY_NEAR(actual, expected, tolerance)                                                                       \
    QVERIFY2(near((actual), (expected), (tolerance)), qPrintable(QStringLiteral("%1 is %2, expected %3")               \
                                                                     .arg(QString::fromLatin1(#actual))                \
                                                                     .arg(double(actual), 0, 'g', 17)                  \
                                                                     .arg(double(expected), 0, 'g', 17)))

RatingMatrix matrixOf(const std::vector<std::vector<double>> &rows)
{
    RatingMatrix m(rows.size(), rows.empty() ? 0 : rows.front().size());
    for (std::size_t u = 0; u < rows.size(); ++u)
        for (std::size_t r = 0; r < rows[u].size(); ++r)
            m.set(u, r, rows[u][r]);
    return m;
}

// The worked example of Shrout & Fleiss (1979): 6 targets (rows) rated by 4 judges (columns), the data of their
// Table 2 (also psych's `sf` in its tests/testthat/test_ICC.R).
const std::vector<std::vector<double>> shroutFleissRatings{
    {9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7},
};

// A wide numeric CSV of tests/reference/data (header "unit,r1,…"; empty cell = missing) as a rating matrix.
RatingMatrix readReferenceCsv(const QString &relativePath)
{
    QFile file(QStringLiteral(CONCORD_SOURCE_DIR "/tests/reference/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const qsizetype raters = lines.front().split(QLatin1Char(',')).size() - 1;
    RatingMatrix m(static_cast<std::size_t>(lines.size() - 1), static_cast<std::size_t>(raters));
    for (qsizetype line = 1; line < lines.size(); ++line) {
        const QStringList cells = lines[line].trimmed().split(QLatin1Char(','));
        for (qsizetype r = 0; r < raters; ++r) {
            const QString cell = r + 1 < cells.size() ? cells[r + 1].trimmed() : QString();
            if (!cell.isEmpty())
                m.set(static_cast<std::size_t>(line - 1), static_cast<std::size_t>(r), cell.toDouble());
        }
    }
    return m;
}

QJsonArray referenceEntries(const QString &statistic)
{
    QFile file(QStringLiteral(CONCORD_SOURCE_DIR "/tests/reference/expected.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    QJsonArray selected;
    for (const QJsonValue &entry : QJsonDocument::fromJson(file.readAll()).array())
        if (entry[QStringLiteral("statistic")].toString() == statistic)
            selected.append(entry);
    return selected;
}

const IccForm &formNamed(const IccResult &result, const QString &name)
{
    for (const IccForm &form : result.forms)
        if (QString::fromStdString(form.name) == name)
            return form;
    qFatal("no form %s", qPrintable(name));
}

} // namespace

class TestIcc : public QObject
{
    Q_OBJECT

private slots:
    void iccAll_matchesShroutFleiss1979PublishedValues_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("published");
        // Expected: the six ICCs Shrout & Fleiss (1979) print for their 6 × 4 example, to two decimals (the same
        // figures are asserted by psych's tests/testthat/test_ICC.R).
        QTest::newRow("ICC(1,1) = .17") << int(IccKind::Icc1) << 0.17;
        QTest::newRow("ICC(2,1) = .29") << int(IccKind::Icc2) << 0.29;
        QTest::newRow("ICC(3,1) = .71") << int(IccKind::Icc3) << 0.71;
        QTest::newRow("ICC(1,4) = .44") << int(IccKind::Icc1k) << 0.44;
        QTest::newRow("ICC(2,4) = .62") << int(IccKind::Icc2k) << 0.62;
        QTest::newRow("ICC(3,4) = .91") << int(IccKind::Icc3k) << 0.91;
    }

    void iccAll_matchesShroutFleiss1979PublishedValues()
    {
        QFETCH(int, kind);
        QFETCH(double, published);
        const IccResult result = iccAll(matrixOf(shroutFleissRatings));
        const Estimate &e = result.form(static_cast<IccKind>(kind)).estimate;
        QVERIFY2(e.defined(), e.reason.c_str());
        VERIFY_NEAR(std::round(*e.value * 100) / 100, published, 1e-12);
        QCOMPARE(e.nUnits, std::size_t(6));
        QCOMPARE(e.nRaters, std::size_t(4));
        QCOMPARE(e.nRatings, std::size_t(24));
        QCOMPARE(e.nUnitsExcluded, std::size_t(0));
        QVERIFY(e.exclusionReason.empty());
    }

    void iccAll_matchesPsychOnShroutFleissData_data()
    {
        QTest::addColumn<double>("confidence");
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("f");
        QTest::addColumn<double>("df1");
        QTest::addColumn<double>("df2");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        // Expected: psych::ICC(sf, lmer = FALSE, alpha = 0.05 and 0.10), psych 2.2.9 (Debian 12 r-cran-psych, R 4.2.2),
        // columns ICC, F, df1, df2, p, lower bound, upper bound printed with sprintf("%.17g"). psych's own printout
        // rounds the same numbers to .17 [-.133, .72], .29 [.019, .76], .71 [.342, .95], .44 [-.884, .91],
        // .62 [.071, .93], .91 [.676, .99] at 95%.
        const double f1 = 1.794678492239469, p1 = 0.16476880834463961;
        const double f2 = 11.027247956403272, p2 = 0.00013456651648433693;
        QTest::newRow("95% ICC1") << 0.95 << int(IccKind::Icc1) << 0.16574176840547555 << f1 << 5.0 << 18.0 << p1
                                  << -0.13293232487475087 << 0.72256006232812109;
        QTest::newRow("95% ICC2") << 0.95 << int(IccKind::Icc2) << 0.28976377952755922 << f2 << 5.0 << 15.0 << p2
                                  << 0.018786513374712047 << 0.7610843696489531;
        QTest::newRow("95% ICC3") << 0.95 << int(IccKind::Icc3) << 0.71484071484071487 << f2 << 5.0 << 15.0 << p2
                                  << 0.34246476503392537 << 0.94585825995535955;
        QTest::newRow("95% ICC1k") << 0.95 << int(IccKind::Icc1k) << 0.44279713367926893 << f1 << 5.0 << 18.0 << p1
                                   << -0.88444215523811898 << 0.91241542034077561;
        QTest::newRow("95% ICC2k") << 0.95 << int(IccKind::Icc2k) << 0.62005054759898925 << f2 << 5.0 << 15.0 << p2
                                   << 0.071136815302503487 << 0.92723204016772198;
        QTest::newRow("95% ICC3k") << 0.95 << int(IccKind::Icc3k) << 0.90931554237706946 << f2 << 5.0 << 15.0 << p2
                                   << 0.67567471381630473 << 0.98589167816906231;
        QTest::newRow("90% ICC1") << 0.90 << int(IccKind::Icc1) << 0.16574176840547555 << f1 << 5.0 << 18.0 << p1
                                  << -0.096722203657742117 << 0.64339831070442322;
        QTest::newRow("90% ICC2") << 0.90 << int(IccKind::Icc2) << 0.28976377952755922 << f2 << 5.0 << 15.0 << p2
                                  << 0.042901191540539951 << 0.69107060661835673;
        QTest::newRow("90% ICC3") << 0.90 << int(IccKind::Icc3) << 0.71484071484071487 << f2 << 5.0 << 15.0 << p2
                                  << 0.41183413091904414 << 0.92583280768027942;
        QTest::newRow("90% ICC1k") << 0.90 << int(IccKind::Icc1k) << 0.44279713367926893 << f1 << 5.0 << 18.0 << p1
                                   << -0.54504172473686729 << 0.87830103540640758;
        QTest::newRow("90% ICC2k") << 0.90 << int(IccKind::Icc2k) << 0.62005054759898925 << f2 << 5.0 << 15.0 << p2
                                   << 0.15203705385595825 << 0.89947670011362502;
        QTest::newRow("90% ICC3k") << 0.90 << int(IccKind::Icc3k) << 0.90931554237706946 << f2 << 5.0 << 15.0 << p2
                                   << 0.73689767857705224 << 0.98036605604721416;
    }

    void iccAll_matchesPsychOnShroutFleissData()
    {
        QFETCH(double, confidence);
        QFETCH(int, kind);
        QFETCH(double, value);
        QFETCH(double, f);
        QFETCH(double, df1);
        QFETCH(double, df2);
        QFETCH(double, p);
        QFETCH(double, lower);
        QFETCH(double, upper);
        const IccResult result = iccAll(matrixOf(shroutFleissRatings), confidence);
        const IccForm &form = result.form(static_cast<IccKind>(kind));
        QCOMPARE(form.name, std::string(iccKindName(static_cast<IccKind>(kind))));
        const Estimate &e = form.estimate;
        QVERIFY2(e.defined(), e.reason.c_str());
        VERIFY_NEAR(*e.value, value, 1e-12);
        QVERIFY(form.f.has_value());
        VERIFY_NEAR(*form.f, f, 1e-10);
        QCOMPARE(form.df1, df1);
        QCOMPARE(form.df2, df2);
        QVERIFY(e.pValue.has_value());
        VERIFY_NEAR(*e.pValue, p, 1e-12);
        QVERIFY(e.ci.has_value());
        QCOMPARE(e.ciMethod, IntervalMethod::FisherF);
        QCOMPARE(e.confidenceLevel, confidence);
        VERIFY_NEAR(e.ci->lower, lower, 1e-9);
        VERIFY_NEAR(e.ci->upper, upper, 1e-9);
        QVERIFY(form.note.empty());
        QVERIFY(!e.se.has_value());
    }

    void iccAll_anovaMatchesPsychMeanSquares()
    {
        const IccResult result = iccAll(matrixOf(shroutFleissRatings));
        QVERIFY(result.anova.has_value());
        // Expected: psych::ICC(sf, lmer = FALSE)$stats["MS", ] (subjects, Judges, Residual) and $MSW, psych 2.2.9;
        // by hand, BMS = 56.2083/5, JMS = 97.4583/3, EMS = 15.2917/15, WMS = (97.4583 + 15.2917)/18.
        VERIFY_NEAR(result.anova->bms, 11.2416666666666689, 1e-12);
        VERIFY_NEAR(result.anova->jms, 32.4861111111110930, 1e-12);
        VERIFY_NEAR(result.anova->ems, 1.0194444444444444, 1e-12);
        VERIFY_NEAR(result.anova->wms, 6.2638888888888866, 1e-12);
        QCOMPARE(result.anova->units, std::size_t(6));
        QCOMPARE(result.anova->raters, std::size_t(4));
        QVERIFY(result.reason.empty());
    }

    void iccAll_matchesPsychOnReferenceData_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        // Expected: tests/reference/expected.json, entries "icc" — psych::ICC(x, lmer = FALSE, alpha = 0.05),
        // psych 2.2.9 (Debian 12 r-cran-psych), R 4.2.2, written by tests/reference/generate.R.
        const QJsonArray entries = referenceEntries(QStringLiteral("icc"));
        QVERIFY(!entries.isEmpty());
        for (const QJsonValue &entry : entries)
            QTest::newRow(qPrintable(entry[QStringLiteral("input")].toString())) << entry.toObject();
    }

    void iccAll_matchesPsychOnReferenceData()
    {
        QFETCH(QJsonObject, entry);
        const RatingMatrix ratings = readReferenceCsv(entry[QStringLiteral("input")].toString());
        const double confidence = entry[QStringLiteral("options")][QStringLiteral("confidence")].toDouble(0.95);
        const double tolerance = entry[QStringLiteral("tolerance")].toDouble();
        const IccResult result = iccAll(ratings, confidence);
        const QJsonObject expected = entry[QStringLiteral("expected")].toObject();
        QCOMPARE(expected.size(), qsizetype(6));
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            const IccForm &form = formNamed(result, it.key());
            const QJsonObject values = it.value().toObject();
            QVERIFY2(form.estimate.defined(), form.estimate.reason.c_str());
            VERIFY_NEAR(*form.estimate.value, values[QStringLiteral("value")].toDouble(), tolerance);
            VERIFY_NEAR(form.estimate.ci->lower, values[QStringLiteral("ci_lower")].toDouble(), tolerance);
            VERIFY_NEAR(form.estimate.ci->upper, values[QStringLiteral("ci_upper")].toDouble(), tolerance);
            VERIFY_NEAR(*form.f, values[QStringLiteral("F")].toDouble(), tolerance);
            QCOMPARE(form.df1, values[QStringLiteral("df1")].toDouble());
            QCOMPARE(form.df2, values[QStringLiteral("df2")].toDouble());
            VERIFY_NEAR(*form.estimate.pValue, values[QStringLiteral("p_value")].toDouble(), tolerance);
        }
    }

    void iccAll_excludesIncompleteUnitsAndCountsThem()
    {
        // The Shrout & Fleiss example with two incomplete units added (one with a single missing rating, one empty)
        // and an extra rater column with no rating at all: the result must be that of the six complete units and
        // four raters (expected: the same psych 2.2.9 figures as above, via iccAll on the complete data).
        std::vector<std::vector<double>> rows;
        for (const std::vector<double> &row : shroutFleissRatings) {
            rows.push_back(row);
            rows.back().push_back(missing);
        }
        rows.insert(rows.begin() + 2, {3, missing, 4, 5, missing});
        rows.push_back({missing, missing, missing, missing, missing});
        const IccResult withMissing = iccAll(matrixOf(rows));
        const IccResult complete = iccAll(matrixOf(shroutFleissRatings));
        for (std::size_t i = 0; i < 6; ++i) {
            const Estimate &e = withMissing.forms[i].estimate;
            QVERIFY2(e.defined(), e.reason.c_str());
            QCOMPARE(*e.value, *complete.forms[i].estimate.value);
            QCOMPARE(e.ci->lower, complete.forms[i].estimate.ci->lower);
            QCOMPARE(e.ci->upper, complete.forms[i].estimate.ci->upper);
            QCOMPARE(e.nUnits, std::size_t(6));
            QCOMPARE(e.nRaters, std::size_t(4));
            QCOMPARE(e.nRatings, std::size_t(24));
            QCOMPARE(e.nUnitsExcluded, std::size_t(2));
            QVERIFY(QString::fromStdString(e.exclusionReason).contains(QStringLiteral("complete units")));
        }
    }

    void iccAll_isUndefinedWithReason_data()
    {
        QTest::addColumn<std::vector<std::vector<double>>>("rows");
        QTest::addColumn<double>("confidence");
        QTest::addColumn<QString>("reasonContains");
        QTest::addColumn<int>("expectedUnits");
        // Expected from the definitions: n − 1 = 0 or k − 1 = 0 leaves no degrees of freedom; equal ratings leave
        // 0/0; a confidence level must lie strictly between 0 and 1.
        QTest::newRow("one unit") << std::vector<std::vector<double>>{{1, 2, 3}} << 0.95 << QStringLiteral("2 units")
                                  << 1;
        QTest::newRow("no units") << std::vector<std::vector<double>>{} << 0.95 << QStringLiteral("raters") << 0;
        QTest::newRow("one rater") << std::vector<std::vector<double>>{{1}, {2}, {3}} << 0.95
                                   << QStringLiteral("2 raters") << 3;
        QTest::newRow("all missing") << std::vector<std::vector<double>>{{missing, missing}, {missing, missing}} << 0.95
                                     << QStringLiteral("raters") << 0;
        QTest::newRow("one complete unit") << std::vector<std::vector<double>>{{1, 2}, {missing, 3}, {4, missing}}
                                           << 0.95 << QStringLiteral("2 units") << 1;
        QTest::newRow("zero variance") << std::vector<std::vector<double>>{{3, 3, 3}, {3, 3, 3}, {3, 3, 3}} << 0.95
                                       << QStringLiteral("no variation") << 3;
        QTest::newRow("zero variance of 0.1") << std::vector<std::vector<double>>{{0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}}
                                              << 0.95 << QStringLiteral("no variation") << 2;
        QTest::newRow("confidence 1") << shroutFleissRatings << 1.0 << QStringLiteral("confidence") << 6;
        QTest::newRow("confidence 0") << shroutFleissRatings << 0.0 << QStringLiteral("confidence") << 6;
        QTest::newRow("confidence NaN") << shroutFleissRatings << missing << QStringLiteral("confidence") << 6;
    }

    void iccAll_isUndefinedWithReason()
    {
        QFETCH(std::vector<std::vector<double>>, rows);
        QFETCH(double, confidence);
        QFETCH(QString, reasonContains);
        QFETCH(int, expectedUnits);
        const IccResult result = iccAll(matrixOf(rows), confidence);
        QVERIFY(!result.anova.has_value());
        QVERIFY(QString::fromStdString(result.reason).contains(reasonContains));
        for (const IccForm &form : result.forms) {
            QVERIFY(!form.estimate.defined());
            QCOMPARE(form.estimate.reason, result.reason);
            QVERIFY(!form.estimate.ci.has_value());
            QVERIFY(!form.estimate.pValue.has_value());
            QVERIFY(!form.f.has_value());
            QCOMPARE(form.estimate.nUnits, std::size_t(expectedUnits));
        }
    }

    void iccAll_additiveRatingsGiveConsistencyOneWithoutFTest()
    {
        // x_ij = a_i + b_j with a = (1, 2, 3), b = (0, 1): no residual. By hand: grand mean 2.5, unit means 1.5, 2.5,
        // 3.5, rater means 2, 3; BMS = 2·(1 + 0 + 1)/2 = 2, JMS = 3·(0.25 + 0.25)/1 = 1.5, EMS = 0,
        // WMS = (1.5 + 0)/3 = 0.5.
        const IccResult result = iccAll(matrixOf({{1, 2}, {2, 3}, {3, 4}}));
        QVERIFY(result.anova.has_value());
        VERIFY_NEAR(result.anova->bms, 2.0, 1e-12);
        VERIFY_NEAR(result.anova->jms, 1.5, 1e-12);
        QCOMPARE(result.anova->ems, 0.0);
        VERIFY_NEAR(result.anova->wms, 0.5, 1e-12);

        // ICC3 = ICC3k = (2 − 0)/2 = 1; ICC2 = 2/(2 + 0 + 2·1.5/3) = 2/3; ICC2k = 2/(2 + 1.5/3) = 0.8: F = BMS/EMS is
        // infinite, so no F, p or interval, and a note says why.
        for (const auto &[kind, value] : {std::pair{IccKind::Icc3, 1.0}, std::pair{IccKind::Icc3k, 1.0},
                                          std::pair{IccKind::Icc2, 2.0 / 3.0}, std::pair{IccKind::Icc2k, 0.8}}) {
            const IccForm &form = result.form(kind);
            QVERIFY2(form.estimate.defined(), form.estimate.reason.c_str());
            VERIFY_NEAR(*form.estimate.value, value, 1e-12);
            QVERIFY(!form.f.has_value());
            QVERIFY(!form.estimate.pValue.has_value());
            QVERIFY(!form.estimate.ci.has_value());
            QCOMPARE(form.estimate.ciMethod, IntervalMethod::None);
            QVERIFY(QString::fromStdString(form.note).contains(QStringLiteral("EMS")));
        }

        // ICC1 = (2 − 0.5)/(2 + 0.5) = 0.6, ICC1k = 1.5/2 = 0.75, F = 2/0.5 = 4 on (2, 3) df; for F(2, d),
        // P(F > f) = (1 + 2f/d)^(−d/2), so p = (11/3)^(−3/2).
        const IccForm &icc1 = result.form(IccKind::Icc1);
        VERIFY_NEAR(*icc1.estimate.value, 0.6, 1e-12);
        VERIFY_NEAR(*result.form(IccKind::Icc1k).estimate.value, 0.75, 1e-12);
        VERIFY_NEAR(*icc1.f, 4.0, 1e-12);
        QCOMPARE(icc1.df1, 2.0);
        QCOMPARE(icc1.df2, 3.0);
        VERIFY_NEAR(*icc1.estimate.pValue, std::pow(11.0 / 3.0, -1.5), 1e-12);
        QVERIFY(icc1.estimate.ci.has_value());
        QVERIFY(icc1.estimate.ci->lower < 0.6 && 0.6 < icc1.estimate.ci->upper);
    }

    void iccAll_constantUnitsGiveOneWithoutFTest()
    {
        // Every unit's ratings are equal but units differ: WMS = JMS = EMS = 0, so every form is BMS/BMS = 1 (from the
        // formulas) and every F is infinite.
        const IccResult result = iccAll(matrixOf({{1, 1, 1}, {2, 2, 2}, {4, 4, 4}}));
        for (const IccForm &form : result.forms) {
            QVERIFY2(form.estimate.defined(), form.estimate.reason.c_str());
            VERIFY_NEAR(*form.estimate.value, 1.0, 1e-12);
            QVERIFY(!form.f.has_value());
            QVERIFY(!form.estimate.ci.has_value());
            QVERIFY(!form.note.empty());
        }
    }

    void iccAll_equalUnitMeansLeaveAverageFormsUndefined()
    {
        // Rows (1, 2) and (2, 1): unit means and rater means are both 1.5, so BMS = JMS = 0; residuals ±0.5 give
        // SSE = 1 on (2 − 1)(2 − 1) = 1 df, EMS = 1, WMS = (0 + 1)/2 = 0.5 (by hand).
        const IccResult result = iccAll(matrixOf({{1, 2}, {2, 1}}));
        QVERIFY(result.anova.has_value());
        QCOMPARE(result.anova->bms, 0.0);
        // ICC1 = (0 − 0.5)/(0 + 0.5) = −1 and ICC3 = (0 − 1)/(0 + 1) = −1, with F = 0 and p = 1.
        for (IccKind kind : {IccKind::Icc1, IccKind::Icc3}) {
            const IccForm &form = result.form(kind);
            QVERIFY2(form.estimate.defined(), form.estimate.reason.c_str());
            VERIFY_NEAR(*form.estimate.value, -1.0, 1e-12);
            QCOMPARE(*form.f, 0.0);
            VERIFY_NEAR(*form.estimate.pValue, 1.0, 1e-12);
        }
        // (BMS − X)/BMS is 0/0 or −X/0 for the average forms; ICC2's denominator 0 + 1·1 + 2·(0 − 1)/2 is 0 with
        // n = k = 2.
        for (IccKind kind : {IccKind::Icc1k, IccKind::Icc3k, IccKind::Icc2, IccKind::Icc2k}) {
            const Estimate &e = result.form(kind).estimate;
            QVERIFY(!e.defined());
            QVERIFY(!e.reason.empty());
            QVERIFY(!e.ci.has_value());
        }
    }

    void icc_singleFormEqualsTheFormOfIccAll()
    {
        const RatingMatrix ratings = matrixOf(shroutFleissRatings);
        const IccResult all = iccAll(ratings, 0.9);
        for (std::size_t i = 0; i < 6; ++i) {
            const Estimate one = icc(ratings, static_cast<IccKind>(i), 0.9);
            QCOMPARE(*one.value, *all.forms[i].estimate.value);
            QCOMPARE(one.ci->lower, all.forms[i].estimate.ci->lower);
            QCOMPARE(one.confidenceLevel, 0.9);
        }
    }

    void iccAll_largeInputIsLinear()
    {
        // 200,000 units × 5 raters (1,000,000 ratings) of a model with unit variance 1, fixed rater offsets and noise
        // variance 0.25: the estimate matches the model (speed is measured in tests/bench, not here).
        const std::size_t units = 200000, raters = 5;
        RatingMatrix ratings(units, raters);
        std::mt19937_64 generator(7);
        std::normal_distribution<double> normal;
        std::vector<double> raterBias(raters);
        for (double &b : raterBias)
            b = 0.5 * normal(generator);
        for (std::size_t u = 0; u < units; ++u) {
            const double trait = normal(generator);
            for (std::size_t r = 0; r < raters; ++r)
                ratings.set(u, r, trait + raterBias[r] + 0.5 * normal(generator));
        }
        const IccResult result = iccAll(ratings);
        QVERIFY(result.form(IccKind::Icc3).estimate.defined());
        // Expected from the model by hand: consistency ICC(3,1) = 1/(1 + 0.25) = 0.8 (rater offsets do not enter).
        VERIFY_NEAR(*result.form(IccKind::Icc3).estimate.value, 0.8, 0.01);
    }
};

QTEST_APPLESS_MAIN(TestIcc)
#include "tst_icc.moc"
