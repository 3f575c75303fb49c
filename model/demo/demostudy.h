#pragma once

#include "model/domain/result.h"

#include <QString>

namespace concord {

struct DemoOptions
{
    int cases = 60;
    int raters = 3;
    quint64 seed = 20261122;
};

struct DemoSummary
{
    qint64 cases = 0;
    qint64 responses = 0;
    qint64 ratingEvents = 0;
    qint64 judgeScores = 0;
    int raters = 0;
};

// Writes a synthetic study with known structure (see demostudy.cpp): clinical cases written for Concord, two
// fictional systems with different error rates, simulated physicians (latent severity + rater bias + noise) and
// an LLM judge with known leniency and over-confident probabilities. Deterministic by seed.
Result<DemoSummary> createDemoStudy(const QString &path, const DemoOptions &options);

} // namespace concord
