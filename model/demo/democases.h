#pragma once

// Clinical cases for the demo study, written for Concord from small vocabularies (drugs with their regimens and
// interactions, presentations with their red flags, clinical notes and reports built from facts). Each case has a
// reference answer, a correct response in each system's voice, and flawed responses of known kind and severity, so
// that simulated ratings have a ground truth to scatter around. Synthetic teaching material, not clinical advice.
#include <QString>
#include <QUuid>
#include <QVector>
#include <initializer_list>
#include <random>
#include <string_view>

namespace concord::demo {

// Deterministic draws on a 64-bit Mersenne Twister. The standard distributions are not portable between standard
// libraries, so the same seed gives the same study everywhere only with draws written out like these.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_engine(seed)
    {}

    quint64 next() { return m_engine(); }
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; } // [0, 1)
    double normal();                                                               // Box-Muller, mean 0, SD 1
    int below(int n) { return static_cast<int>(((m_engine() >> 32) * static_cast<quint64>(n)) >> 32); } // [0, n)
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }                                     // [lo, hi]
    bool chance(double p) { return uniform() < p; }
    template <typename T> const T &pick(const QVector<T> &items)
    {
        return items[below(static_cast<int>(items.size()))];
    }

private:
    std::mt19937_64 m_engine;
    double m_spare = 0;
    bool m_hasSpare = false;
};

// A seed for an independent stream, derived from the study seed (splitmix64 finaliser).
quint64 deriveSeed(quint64 seed, quint64 stream);

// Version-5 UUIDs of names like "case/17" in a namespace derived from the seed: the same seed, the same UUIDs.
class UuidMaker
{
public:
    explicit UuidMaker(quint64 seed);
    QString operator()(std::string_view kind, std::initializer_list<qint64> parts = {}) const;

private:
    QUuid m_namespace;
};

// ISO 8601 UTC times on a physician's working days (08:00-17:00 UTC, Monday to Friday, from Monday 2026-01-05),
// formatted without QDateTime because there are millions of them.
class WorkTime
{
public:
    QString at(int workday, double secondsIntoDay);

private:
    int m_cachedDay = -1;
    QString m_datePrefix;
};

enum class FlawKind
{
    Commission,
    Omission
};

// One concrete mistake and the response that contains it.
struct Flaw
{
    FlawKind kind = FlawKind::Commission;
    int severity = 1;    // on the harm scale: 1 mild, 2 moderate, 3 severe, 4 death
    QString category;    // a MedVAL error category key of the default rubric
    QString description; // what is wrong, in a few words ("daily instead of weekly dosing")
    QString text;        // the whole response
};

struct DemoCase
{
    QString task; // patient_question, medication_question, note_summary, report_simplification
    QString topic;
    QString input;
    QString reference;
    QString good[2];     // a correct response in the voice of system 0 (concise) and of system 1 (conversational)
    QVector<Flaw> flaws; // several, of both kinds where the case allows, of different severities
};

// The case with number `index` (0-based): the task rotates with the index, the rest is drawn from `random`.
DemoCase makeCase(int index, Random &random);

// The response text in a system's voice (0 concise, 1 conversational); the voice says nothing about correctness.
QString inVoice(int system, const DemoCase &demoCase, const QString &text, Random &random);

} // namespace concord::demo
