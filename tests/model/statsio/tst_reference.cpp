// Every statistic of `concord stats` against reference libraries from Debian (statsmodels, scikit-learn, SciPy, R
// psych) and a direct implementation of Krippendorff's definitions, on seeded data with missing ratings. The expected
// values were generated once by tests/reference/generate.py and generate.R and are read from
// tests/reference/expected.json; each entry names its source library and version.
#include "model/statsio/statsrequest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <cmath>

using namespace concord;

namespace {

const QString kReferenceDir = QStringLiteral(CONCORD_SOURCE_DIR "/tests/reference/");

StatsRequest requestOf(const QJsonObject &entry)
{
    StatsRequest request;
    request.statistic = entry.value(QStringLiteral("statistic")).toString();
    request.input = kReferenceDir + entry.value(QStringLiteral("input")).toString();
    const QJsonObject options = entry.value(QStringLiteral("options")).toObject();
    request.level = options.value(QStringLiteral("level")).toString();
    const QString weights = options.value(QStringLiteral("weights")).toString();
    request.weights = weights == QStringLiteral("identity") ? QString() : weights;
    if (options.contains(QStringLiteral("categories")))
        request.categories = options.value(QStringLiteral("categories")).toString().split(QLatin1Char(','));
    request.definition = options.value(QStringLiteral("definition")).toString(QStringLiteral("pairwise"));
    request.bins = options.value(QStringLiteral("bins")).toInt(10);
    request.binning = options.value(QStringLiteral("binning")).toString(QStringLiteral("equal_width"));
    request.variant = options.value(QStringLiteral("variant")).toString(QStringLiteral("positive_class"));
    request.confidence = options.value(QStringLiteral("confidence")).toDouble(0.95);
    return request;
}

// Compares every expected key (numbers, arrays of numbers, objects of them) within the tolerance.
bool matches(const QJsonValue &expected, const QJsonValue &actual, double tolerance, const QString &path, QString &why)
{
    if (expected.isObject()) {
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            if (!a.contains(it.key())) {
                why = QStringLiteral("%1.%2 is missing").arg(path, it.key());
                return false;
            }
            if (!matches(it.value(), a.value(it.key()), tolerance, path + QLatin1Char('.') + it.key(), why))
                return false;
        }
        return true;
    }
    if (expected.isArray()) {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        if (e.size() != a.size()) {
            why = QStringLiteral("%1 has %2 entries, expected %3").arg(path).arg(a.size()).arg(e.size());
            return false;
        }
        for (qsizetype i = 0; i < e.size(); ++i)
            if (!matches(e[i], a[i], tolerance, QStringLiteral("%1[%2]").arg(path).arg(i), why))
                return false;
        return true;
    }
    if (expected.isNull()) {
        if (!actual.isNull())
            why = QStringLiteral("%1 is %2, expected null").arg(path).arg(actual.toDouble());
        return actual.isNull();
    }
    if (!actual.isDouble()) {
        why = QStringLiteral("%1 is not a number").arg(path);
        return false;
    }
    const double e = expected.toDouble();
    const double a = actual.toDouble();
    // p-values far in the tail are compared relatively.
    const double allowed = std::max(tolerance, std::abs(e) * 1e-9);
    if (std::abs(a - e) > allowed) {
        why = QStringLiteral("%1 = %2, expected %3").arg(path).arg(a, 0, 'g', 17).arg(e, 0, 'g', 17);
        return false;
    }
    return true;
}

} // namespace

class TestReference : public QObject
{
    Q_OBJECT

private slots:
    void statistic_matchesReferenceLibrary_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        QFile file(kReferenceDir + QStringLiteral("expected.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray entries = QJsonDocument::fromJson(file.readAll()).array();
        QVERIFY(entries.size() >= 70);
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const QJsonObject entry = entries[i].toObject();
            const QString source = entry.value(QStringLiteral("source")).toString().section(QLatin1Char(' '), 0, 0);
            const QString name =
                QStringLiteral("%1 %2 %3 [%4]")
                    .arg(i)
                    .arg(entry.value(QStringLiteral("statistic")).toString(),
                         entry.value(QStringLiteral("input")).toString().section(QLatin1Char('/'), -1), source);
            QTest::newRow(qPrintable(name)) << entry;
        }
    }

    void statistic_matchesReferenceLibrary()
    {
        QFETCH(QJsonObject, entry);
        auto result = runStatsRequest(requestOf(entry));
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QString why;
        const double tolerance = entry.value(QStringLiteral("tolerance")).toDouble(1e-9);
        QVERIFY2(
            matches(entry.value(QStringLiteral("expected")), result.value(), tolerance, QStringLiteral("result"), why),
            qPrintable(why + QStringLiteral(" (source: ") + entry.value(QStringLiteral("source")).toString() +
                       QLatin1Char(')')));
    }
};

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
