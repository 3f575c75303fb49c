// Consensus rules over one unit's ratings: majority with a stated tie policy, median, mean.
#include "stats/consensus.h"

#include <QTest>
#include <vector>

using namespace concord::stats;

Q_DECLARE_METATYPE(std::vector<double>)

class TestConsensus : public QObject
{
    Q_OBJECT

private slots:
    void majority_data()
    {
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<int>("policy");
        QTest::addColumn<double>("expected"); // NaN: no consensus
        const double none = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("clear majority") << std::vector<double>{2, 2, 3} << int(MajorityTiePolicy::NoConsensus) << 2.0;
        QTest::newRow("plurality of three values") << std::vector<double>{1, 4, 4, 2, 3} << 0 << 4.0;
        QTest::newRow("tie, no consensus") << std::vector<double>{1, 3} << int(MajorityTiePolicy::NoConsensus) << none;
        QTest::newRow("tie, lower") << std::vector<double>{1, 3, 3, 1} << int(MajorityTiePolicy::Lower) << 1.0;
        QTest::newRow("tie, higher (cautious)")
            << std::vector<double>{1, 3, 3, 1} << int(MajorityTiePolicy::Higher) << 3.0;
        QTest::newRow("single rating") << std::vector<double>{4} << 0 << 4.0;
    }

    void majority()
    {
        QFETCH(std::vector<double>, values);
        QFETCH(int, policy);
        QFETCH(double, expected);
        const ConsensusValue result = majorityConsensus(values, static_cast<MajorityTiePolicy>(policy));
        QCOMPARE(result.ratingsUsed, values.size());
        if (std::isnan(expected)) {
            QVERIFY(!result.value);
            QVERIFY(result.reason.find("tie") != std::string::npos);
        } else {
            QCOMPARE(result.value.value_or(-1), expected);
            QVERIFY(result.reason.empty());
        }
    }

    void median_data()
    {
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<int>("policy");
        QTest::addColumn<double>("expected");
        QTest::newRow("odd") << std::vector<double>{3, 1, 2} << int(MedianPolicy::Interpolate) << 2.0;
        QTest::newRow("even, interpolated") << std::vector<double>{1, 2, 3, 4} << int(MedianPolicy::Interpolate) << 2.5;
        QTest::newRow("even, lower") << std::vector<double>{1, 2, 3, 4} << int(MedianPolicy::Lower) << 2.0;
        QTest::newRow("even, upper") << std::vector<double>{4, 3, 2, 1} << int(MedianPolicy::Higher) << 3.0;
    }

    void median()
    {
        QFETCH(std::vector<double>, values);
        QFETCH(int, policy);
        QFETCH(double, expected);
        QCOMPARE(medianConsensus(values, static_cast<MedianPolicy>(policy)).value.value_or(-1), expected);
    }

    void mean_isTheArithmeticMean()
    {
        const std::vector<double> values{1, 2, 2, 4};
        QCOMPARE(meanConsensus(values).value.value_or(-1), 2.25);
    }

    void everyRule_givesAReasonInsteadOfAValueWithoutRatings()
    {
        const std::vector<double> none;
        for (const ConsensusValue &result : {majorityConsensus(none, MajorityTiePolicy::Higher),
                                             medianConsensus(none, MedianPolicy::Interpolate), meanConsensus(none)}) {
            QVERIFY(!result.value);
            QCOMPARE(result.ratingsUsed, std::size_t{0});
            QCOMPARE(result.reason, std::string("no ratings"));
        }
    }
};

QTEST_APPLESS_MAIN(TestConsensus)
#include "tst_consensus.moc"
