#pragma once

// `concord stats`: one statistic on a plain CSV file, as a JSON object, so that anyone can check Concord's numbers
// against R or Python on the same data.
#include "model/domain/result.h"
#include "model/statsio/statsinput.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace concord {

struct StatsRequest
{
    QString statistic;
    QString input;
    RatingLayout layout = RatingLayout::Wide;
    QString level;   // nominal, ordinal, interval, ratio; empty: the statistic's default
    QString weights; // identity, linear, quadratic or a JSON file with a square matrix; empty: identity
    QStringList categories;
    QString definition = QStringLiteral("pairwise"); // percent agreement: pairwise or unanimous
    int bins = 10;
    QString binning = QStringLiteral("equal_width");
    QString variant = QStringLiteral("positive_class");
    int bootstrap = 0;                                      // resamples; 0 for none
    QString bootstrapMethod = QStringLiteral("percentile"); // or bca
    quint64 seed = 1;
    double confidence = 0.95;
    std::optional<double> threshold; // confusion: a value >= threshold is "unsafe" (positive) in the binary view
};

// The statistics `concord stats` knows, in the order of its help.
QStringList statisticNames();

// Reads the input, computes the statistic and returns its JSON object. Errors (unknown statistic, bad option, bad
// input) name what is wrong; an undefined statistic is not an error: its value is null with a reason.
Result<QJsonObject> runStatsRequest(const StatsRequest &request);

} // namespace concord
