#pragma once

// Clinical scenarios for the demo study, written for Concord. Each scenario has a correct answer and flaws of
// known kind and severity, so that simulated ratings have a ground truth to scatter around.
#include <QString>
#include <QVector>

#include <random>

namespace concord::demo {

struct Flaw
{
    bool omission = false; // false: something wrong is said (commission); true: something important is left out
    int severity = 1;      // 1 mild .. 4 death, on the harm scale
    QString text;          // the flawed response
};

struct Scenario
{
    QString task;
    QString input;
    QString reference;
    QString goodAster; // a correct response in each system's voice
    QString goodBirch;
    QVector<Flaw> flaws;
};

// A scenario for case number `index`, with details (ages, durations, doses) varied by the engine.
Scenario makeScenario(int index, std::mt19937_64 &engine);

} // namespace concord::demo
