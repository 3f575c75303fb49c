// The CSV inputs of `concord stats`: wide and long ratings, text categories, probabilities with labels, and errors
// that name the file, line and field.
#include "model/statsio/statsinput.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

class TestStatsInput : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void wide_readsNumbersWithEmptyCellsAsMissing()
    {
        const QString path = write(QStringLiteral("wide.csv"), "unit,A,B,C\nu1,1,2,\nu2,,3,3\n\"u3\",4,4,4\n");
        auto read = readStatsRatings(path, RatingLayout::Wide, {});
        QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
        const auto &m = read->matrix;
        QCOMPARE(m.units(), std::size_t(3));
        QCOMPARE(m.raters(), std::size_t(3));
        QCOMPARE(read->raters, (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
        QCOMPARE(read->units.at(2), QStringLiteral("u3"));
        QVERIFY(!m.has(0, 2));
        QVERIFY(!m.has(1, 0));
        QCOMPARE(m.at(1, 1), 3.0);
        QCOMPARE(m.ratingCount(), std::size_t(7));
        QVERIFY(read->labels.isEmpty());
        QVERIFY(read->declaredCategories.empty());
    }

    void long_collectsUnitsAndRatersInOrderOfAppearance()
    {
        const QString path =
            write(QStringLiteral("long.csv"), "rater,unit,value,note\nR1,a,2,x\nR2,a,3,\nR1,b,1,\nR3,b,,\n");
        auto read = readStatsRatings(path, RatingLayout::Long, {});
        QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
        QCOMPARE(read->units, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(read->raters, (QStringList{QStringLiteral("R1"), QStringLiteral("R2"), QStringLiteral("R3")}));
        QCOMPARE(read->matrix.at(0, 1), 3.0);
        QVERIFY(!read->matrix.has(1, 2)); // an empty value is a missing rating
    }

    void text_isCodedByDeclaredOrderOrSortedWithout()
    {
        const QString path = write(QStringLiteral("text.csv"), "unit,A,B\n1,mild,severe\n2,none,mild\n");
        auto sorted = readStatsRatings(path, RatingLayout::Wide, {});
        QVERIFY2(sorted.ok(), qPrintable(sorted.errorMessage()));
        QCOMPARE(sorted->labels,
                 (QStringList{QStringLiteral("mild"), QStringLiteral("none"), QStringLiteral("severe")}));
        QCOMPARE(sorted->matrix.at(0, 1), 2.0);

        const QStringList order{QStringLiteral("none"), QStringLiteral("mild"), QStringLiteral("moderate"),
                                QStringLiteral("severe")};
        auto declared = readStatsRatings(path, RatingLayout::Wide, order);
        QVERIFY2(declared.ok(), qPrintable(declared.errorMessage()));
        QCOMPARE(declared->labels, order);
        QCOMPARE(declared->matrix.at(0, 1), 3.0);
        QCOMPARE(declared->matrix.at(1, 0), 0.0);
        QCOMPARE(declared->declaredCategories, (std::vector<double>{0, 1, 2, 3})); // "moderate" unused but declared
    }

    void numericCategories_areDeclared()
    {
        const QString path = write(QStringLiteral("num.csv"), "unit,A,B\n1,1,2\n2,2,2\n");
        auto read =
            readStatsRatings(path, RatingLayout::Wide,
                             {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")});
        QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
        QCOMPARE(read->declaredCategories, (std::vector<double>{1, 2, 3, 4}));
    }

    void errors_nameFileLineAndField_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("categories");
        QTest::addColumn<QString>("expected");
        const int wide = int(RatingLayout::Wide);
        const int longLayout = int(RatingLayout::Long);
        QTest::newRow("duplicate unit") << wide << QByteArray("unit,A\nx,1\nx,2\n") << QStringList{}
                                        << QStringLiteral("bad.csv:3: field 'unit': unit 'x' appears twice");
        QTest::newRow("short row") << wide << QByteArray("unit,A,B\nx,1\n") << QStringList{}
                                   << QStringLiteral("bad.csv:2: 2 fields, but the header has 3");
        QTest::newRow("no rater column") << wide << QByteArray("unit\nx\n") << QStringList{}
                                         << QStringLiteral("at least one rater column");
        QTest::newRow("no rows") << wide << QByteArray("unit,A\n") << QStringList{} << QStringLiteral("no units");
        QTest::newRow("value off the declared set")
            << wide << QByteArray("unit,A\nx,1\ny,7\n") << QStringList{QStringLiteral("1"), QStringLiteral("2")}
            << QStringLiteral("bad.csv:3: field 'A': 7 is not one of the declared categories (1,2)");
        QTest::newRow("text off the declared set")
            << wide << QByteArray("unit,A\nx,low\ny,hgih\n")
            << QStringList{QStringLiteral("low"), QStringLiteral("high")}
            << QStringLiteral("bad.csv:3: field 'A': 'hgih' is not one of the declared categories");
        QTest::newRow("text categories for numbers")
            << wide << QByteArray("unit,A\nx,1\n") << QStringList{QStringLiteral("low")}
            << QStringLiteral("--categories: 'low' is not a number");
        QTest::newRow("long without value column")
            << longLayout << QByteArray("unit,rater\nx,A\n") << QStringList{} << QStringLiteral("'value' is missing");
        QTest::newRow("long duplicate rating")
            << longLayout << QByteArray("unit,rater,value\nx,A,1\nx,B,1\nx,A,2\n") << QStringList{}
            << QStringLiteral("bad.csv:4: field 'rater': rater 'A' already rated unit 'x' on line 2");
        QTest::newRow("long empty rater") << longLayout << QByteArray("unit,rater,value\nx,,1\n") << QStringList{}
                                          << QStringLiteral("bad.csv:2: field 'rater': the rater is empty");
        QTest::newRow("unterminated quote")
            << wide << QByteArray("unit,A\n\"x,1\n") << QStringList{} << QStringLiteral("bad.csv");
    }

    void errors_nameFileLineAndField()
    {
        QFETCH(int, layout);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, categories);
        QFETCH(QString, expected);
        const QString path = write(QStringLiteral("bad.csv"), content);
        auto read = readStatsRatings(path, RatingLayout(layout), categories);
        QVERIFY(!read.ok());
        QVERIFY2(read.errorMessage().contains(expected), qPrintable(read.errorMessage()));
    }

    // 10,000 distinct units each rated by another of 10,000 raters: a dense table of 10^8 cells is refused
    // with a line, before it is allocated.
    void long_refusesATableTooLargeToHold()
    {
        QByteArray content = "unit,rater,value\n";
        for (int i = 0; i < 10000; ++i)
            content += "u" + QByteArray::number(i) + ",r" + QByteArray::number(i) + ",1\n";
        const QString path = write(QStringLiteral("sparse.csv"), content);
        auto read = readStatsRatings(path, RatingLayout::Long, {});
        QVERIFY(!read.ok());
        QVERIFY2(read.errorMessage().startsWith(path + QStringLiteral(": 10000 units by 10000 raters")),
                 qPrintable(read.errorMessage()));
    }

    void probabilities_readWithLabels()
    {
        const QString path = write(QStringLiteral("cal.csv"), "label,prob\n1,0.9\n0,0\n1,1\n");
        auto read = readProbabilityLabels(path);
        QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
        QCOMPARE(read->probabilities, (std::vector<double>{0.9, 0.0, 1.0}));
        QCOMPARE(read->labels, (std::vector<int>{1, 0, 1}));
    }

    void probabilities_rejectBadValues_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("above one") << QByteArray("prob,label\n0.2,1\n1.5,0\n")
                                   << QStringLiteral("cal.csv:3: field 'prob': '1.5' is not a probability in [0, 1]");
        QTest::newRow("not a number") << QByteArray("prob,label\nhigh,1\n")
                                      << QStringLiteral("cal.csv:2: field 'prob': 'high'");
        QTest::newRow("label not binary")
            << QByteArray("prob,label\n0.2,2\n") << QStringLiteral("cal.csv:2: field 'label': '2' is not 0 or 1");
        QTest::newRow("missing column") << QByteArray("p,label\n0.2,1\n")
                                        << QStringLiteral("needs the columns prob and label");
        QTest::newRow("no rows") << QByteArray("prob,label\n") << QStringLiteral("no rows");
    }

    void probabilities_rejectBadValues()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        auto read = readProbabilityLabels(write(QStringLiteral("cal.csv"), content));
        QVERIFY(!read.ok());
        QVERIFY2(read.errorMessage().contains(expected), qPrintable(read.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestStatsInput)
#include "tst_statsinput.moc"
