#include "stats/icc.h"

#include "stats/inference.h"

#include <algorithm>
#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>
#include <limits>
#include <vector>

namespace concord::stats {

const char *iccKindName(IccKind kind)
{
    switch (kind) {
    case IccKind::Icc1:
        return "ICC1";
    case IccKind::Icc2:
        return "ICC2";
    case IccKind::Icc3:
        return "ICC3";
    case IccKind::Icc1k:
        return "ICC1k";
    case IccKind::Icc2k:
        return "ICC2k";
    case IccKind::Icc3k:
        return "ICC3k";
    }
    return "ICC";
}

namespace {

constexpr std::array<IccKind, 6> kKinds{IccKind::Icc1,  IccKind::Icc2,  IccKind::Icc3,
                                        IccKind::Icc1k, IccKind::Icc2k, IccKind::Icc3k};

// Sums of squares below this share of the total are rounding error of an exact zero.
constexpr double kRelativeZero = 1e-13;

// Upper `tail` quantile of F(df1, df2).
double fUpperQuantile(double tail, double df1, double df2)
{
    return boost::math::quantile(boost::math::complement(boost::math::fisher_f_distribution<double>(df1, df2), tail));
}

double fUpperTail(double f, double df1, double df2)
{
    return boost::math::cdf(boost::math::complement(boost::math::fisher_f_distribution<double>(df1, df2), f));
}

struct FormFiller
{
    const IccAnova &anova;
    double confidence;
    double tail; // α / 2

    double n() const { return static_cast<double>(anova.units); }
    double k() const { return static_cast<double>(anova.raters); }

    static void setValue(IccForm &form, double value)
    {
        form.estimate.value = value;
        form.estimate.reason.clear();
    }

    static void setInterval(IccForm &form, double lower, double upper, const char *what)
    {
        if (!std::isfinite(lower) || !std::isfinite(upper)) {
            form.note = std::string("the interval is not finite (") + what + ")";
            return;
        }
        form.estimate.ci = Interval{lower, upper};
        form.estimate.ciMethod = IntervalMethod::FisherF;
    }

    // F = BMS / denominator on (df1, df2) with its p-value; false (and a note) when the denominator is 0.
    bool setFTest(IccForm &form, double denominator, double df2, const char *denominatorName) const
    {
        form.df1 = n() - 1;
        form.df2 = df2;
        if (!(denominator > 0)) {
            form.note = std::string(denominatorName) + " is 0, so F is infinite: no F test or interval";
            return false;
        }
        form.f = anova.bms / denominator;
        form.estimate.pValue = fUpperTail(*form.f, form.df1, form.df2);
        return true;
    }

    // ICC1 and ICC1k: one-way ANOVA, F = BMS / WMS.
    void oneWay(IccForm &single, IccForm &average) const
    {
        const double bms = anova.bms, wms = anova.wms;
        const double df2 = n() * (k() - 1);
        setValue(single, (bms - wms) / (bms + (k() - 1) * wms)); // denominator > 0: not all ratings are equal
        if (bms > 0)
            setValue(average, (bms - wms) / bms);
        else
            average.estimate.reason =
                "the unit means do not vary (BMS = 0), so ICC(1,k) = (BMS - WMS) / BMS is undefined";

        const bool finiteF = setFTest(single, wms, df2, "the within-unit mean square WMS");
        if (average.estimate.defined())
            setFTest(average, wms, df2, "the within-unit mean square WMS");
        if (!finiteF)
            return;
        const double f = *single.f;
        const double fLower = f / fUpperQuantile(tail, single.df1, df2);
        const double fUpper = f * fUpperQuantile(tail, df2, single.df1);
        setInterval(single, (fLower - 1) / (fLower + k() - 1), (fUpper - 1) / (fUpper + k() - 1), "ICC1");
        if (average.estimate.defined())
            setInterval(average, 1 - 1 / fLower, 1 - 1 / fUpper, "ICC1k");
    }

    // ICC3 and ICC3k: consistency, F = BMS / EMS.
    void consistency(IccForm &single, IccForm &average) const
    {
        const double bms = anova.bms, ems = anova.ems;
        const double df2 = (n() - 1) * (k() - 1);
        const double denominator = bms + (k() - 1) * ems;
        if (denominator > 0)
            setValue(single, (bms - ems) / denominator);
        else
            single.estimate.reason = "the unit means do not vary and there is no residual (BMS = EMS = 0): the ratings "
                                     "differ only between raters, so ICC(3,1) is undefined";
        if (bms > 0)
            setValue(average, (bms - ems) / bms);
        else
            average.estimate.reason =
                "the unit means do not vary (BMS = 0), so ICC(3,k) = (BMS - EMS) / BMS is undefined";

        if (!single.estimate.defined())
            return;
        const bool finiteF = setFTest(single, ems, df2, "the residual mean square EMS");
        if (average.estimate.defined())
            setFTest(average, ems, df2, "the residual mean square EMS");
        if (!finiteF)
            return;
        const double f = *single.f;
        const double fLower = f / fUpperQuantile(tail, single.df1, df2);
        const double fUpper = f * fUpperQuantile(tail, df2, single.df1);
        setInterval(single, (fLower - 1) / (fLower + k() - 1), (fUpper - 1) / (fUpper + k() - 1), "ICC3");
        if (average.estimate.defined())
            setInterval(average, 1 - 1 / fLower, 1 - 1 / fUpper, "ICC3k");
    }

    // ICC2 and ICC2k: absolute agreement, F = BMS / EMS, interval with Satterthwaite's degrees of freedom.
    void absoluteAgreement(IccForm &single, IccForm &average) const
    {
        const double bms = anova.bms, jms = anova.jms, ems = anova.ems;
        const double nn = n(), kk = k();
        const double df2 = (nn - 1) * (kk - 1);
        const double denominator = bms + (kk - 1) * ems + kk * (jms - ems) / nn;
        if (!(denominator > 0)) {
            single.estimate.reason = "the denominator BMS + (k - 1) EMS + k (JMS - EMS) / n of ICC(2,1) is 0";
            average.estimate.reason = single.estimate.reason;
            return;
        }
        const double rho = (bms - ems) / denominator;
        setValue(single, rho);
        const double averageDenominator = bms + (jms - ems) / nn;
        if (averageDenominator > 0)
            setValue(average, (bms - ems) / averageDenominator);
        else
            average.estimate.reason = "BMS + (JMS - EMS) / n is not positive (ICC(2,1) at or below -1/(k - 1)), so "
                                      "ICC(2,k) is undefined";

        const bool finiteF = setFTest(single, ems, df2, "the residual mean square EMS");
        if (average.estimate.defined())
            setFTest(average, ems, df2, "the residual mean square EMS");
        if (!finiteF)
            return;

        const double fJudges = jms / ems;
        const double a = nn * (1 + (kk - 1) * rho) - kk * rho;
        const double numerator = (kk - 1) * (nn - 1) * (kk * rho * fJudges + a) * (kk * rho * fJudges + a);
        const double v = numerator / ((nn - 1) * kk * kk * rho * rho * fJudges * fJudges + a * a);
        if (!(v > 0) || !std::isfinite(v)) {
            single.note = "Satterthwaite's degrees of freedom are not positive: no interval";
            average.note = single.note;
            return;
        }
        const double fStar = fUpperQuantile(tail, nn - 1, v);
        const double fStarStar = fUpperQuantile(tail, v, nn - 1);
        const double shared = kk * jms + (kk * nn - kk - nn) * ems;
        const double lower = nn * (bms - fStar * ems) / (fStar * shared + nn * bms);
        const double upper = nn * (fStarStar * bms - ems) / (shared + nn * fStarStar * bms);
        setInterval(single, lower, upper, "ICC2");
        if (!average.estimate.defined() || !single.estimate.ci)
            return;
        // Spearman–Brown step-up; it needs 1 + (k − 1) b > 0.
        const double lowerBase = 1 + (kk - 1) * lower, upperBase = 1 + (kk - 1) * upper;
        if (!(lowerBase > 0) || !(upperBase > 0)) {
            average.note = "the ICC(2,1) interval reaches -1/(k - 1), where the Spearman–Brown step-up to ICC(2,k) "
                           "is not defined: no interval";
            return;
        }
        setInterval(average, lower * kk / lowerBase, upper * kk / upperBase, "ICC2k");
    }
};

} // namespace

IccResult iccAll(const RatingMatrix &ratings, double confidence)
{
    IccResult result;
    for (std::size_t i = 0; i < kKinds.size(); ++i) {
        result.forms[i].name = iccKindName(kKinds[i]);
        result.forms[i].estimate.confidenceLevel = confidence;
    }
    auto undefinedAll = [&result](const std::string &why) {
        result.reason = why;
        for (IccForm &form : result.forms)
            form.estimate.reason = why;
        return result;
    };

    // Raters with at least one rating; a column with none is not a rater of this data.
    std::vector<std::size_t> raters;
    for (std::size_t r = 0; r < ratings.raters(); ++r) {
        for (std::size_t u = 0; u < ratings.units(); ++u) {
            if (ratings.has(u, r)) {
                raters.push_back(r);
                break;
            }
        }
    }

    // First pass: complete units, their means, the raters' sums, the grand sum, and whether anything varies.
    const std::size_t k = raters.size();
    std::vector<double> unitMean(ratings.units(), std::numeric_limits<double>::quiet_NaN());
    std::vector<double> raterSum(k, 0.0);
    std::size_t n = 0;
    double grandSum = 0;
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -lowest;
    for (std::size_t u = 0; u < ratings.units() && k > 0; ++u) {
        const std::span<const double> row = ratings.row(u);
        bool complete = true;
        for (std::size_t r : raters)
            complete = complete && !std::isnan(row[r]);
        if (!complete)
            continue;
        double sum = 0;
        for (std::size_t j = 0; j < k; ++j) {
            const double x = row[raters[j]];
            sum += x;
            raterSum[j] += x;
            lowest = std::min(lowest, x);
            highest = std::max(highest, x);
        }
        unitMean[u] = sum / static_cast<double>(k);
        grandSum += sum;
        ++n;
    }

    const std::size_t excluded = ratings.units() - n;
    for (IccForm &form : result.forms) {
        form.estimate.nUnits = n;
        form.estimate.nRaters = n > 0 ? k : 0;
        form.estimate.nRatings = n * k;
        form.estimate.nUnitsExcluded = excluded;
        if (excluded > 0)
            form.estimate.exclusionReason = std::to_string(excluded) + " of " + std::to_string(ratings.units()) +
                                            " units lack a rating from at least one of the " + std::to_string(k) +
                                            " raters; the ICC's two-way ANOVA uses complete units only";
    }

    if (!validConfidenceLevel(confidence))
        return undefinedAll("the confidence level must be strictly between 0 and 1");
    if (k < 2)
        return undefinedAll("ICC needs at least 2 raters with ratings; there are " + std::to_string(k));
    if (n < 2)
        return undefinedAll("ICC needs at least 2 units rated by every rater; there are " + std::to_string(n));
    if (!std::isfinite(lowest) || !std::isfinite(highest))
        return undefinedAll("a rating is not a finite number");
    if (lowest == highest)
        return undefinedAll("all ratings used are equal: there is no variation to attribute to units");

    // Second pass: sums of squares around the grand mean and the two-way residual.
    const double nn = static_cast<double>(n), kk = static_cast<double>(k);
    const double grandMean = grandSum / (nn * kk);
    std::vector<double> raterMean(k);
    double ssRaters = 0;
    for (std::size_t j = 0; j < k; ++j) {
        raterMean[j] = raterSum[j] / nn;
        ssRaters += (raterMean[j] - grandMean) * (raterMean[j] - grandMean);
    }
    ssRaters *= nn;
    double ssTotal = 0, ssUnits = 0, ssResidual = 0;
    for (std::size_t u = 0; u < ratings.units(); ++u) {
        if (std::isnan(unitMean[u]))
            continue;
        const std::span<const double> row = ratings.row(u);
        const double unitEffect = unitMean[u] - grandMean;
        ssUnits += unitEffect * unitEffect;
        for (std::size_t j = 0; j < k; ++j) {
            const double deviation = row[raters[j]] - grandMean;
            const double residual = row[raters[j]] - unitMean[u] - raterMean[j] + grandMean;
            ssTotal += deviation * deviation;
            ssResidual += residual * residual;
        }
    }
    ssUnits *= kk;
    const auto clean = [ssTotal](double ss) { return ss <= kRelativeZero * ssTotal ? 0.0 : ss; };
    ssUnits = clean(ssUnits);
    ssRaters = clean(ssRaters);
    ssResidual = clean(ssResidual);

    IccAnova anova;
    anova.units = n;
    anova.raters = k;
    anova.bms = ssUnits / (nn - 1);
    anova.jms = ssRaters / (kk - 1);
    anova.ems = ssResidual / ((nn - 1) * (kk - 1));
    anova.wms = (ssRaters + ssResidual) / (nn * (kk - 1));
    result.anova = anova;

    const FormFiller filler{anova, confidence, (1 - confidence) / 2};
    auto &forms = result.forms;
    filler.oneWay(forms[static_cast<std::size_t>(IccKind::Icc1)], forms[static_cast<std::size_t>(IccKind::Icc1k)]);
    filler.absoluteAgreement(forms[static_cast<std::size_t>(IccKind::Icc2)],
                             forms[static_cast<std::size_t>(IccKind::Icc2k)]);
    filler.consistency(forms[static_cast<std::size_t>(IccKind::Icc3)], forms[static_cast<std::size_t>(IccKind::Icc3k)]);
    return result;
}

Estimate icc(const RatingMatrix &ratings, IccKind kind, double confidence)
{
    return iccAll(ratings, confidence).form(kind).estimate;
}

} // namespace concord::stats
