#include "model/demo/democases.h"

#include "model/demo/demovocabulary.h"

#include <QDate>
#include <QStringList>
#include <algorithm>
#include <charconv>
#include <cmath>

namespace concord::demo {

double Random::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spare;
    }
    const double u1 = std::max(uniform(), 0x1.0p-60);
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    constexpr double kTwoPi = 6.283185307179586;
    m_spare = radius * std::sin(kTwoPi * u2);
    m_hasSpare = true;
    return radius * std::cos(kTwoPi * u2);
}

quint64 deriveSeed(quint64 seed, quint64 stream)
{
    quint64 z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

UuidMaker::UuidMaker(quint64 seed)
    : m_namespace(QUuid::createUuidV5(QUuid(QStringLiteral("{6ba7b811-9dad-11d1-80b4-00c04fd430c8}")),
                                      QStringLiteral("concord-demo/%1").arg(seed)))
{}

QString UuidMaker::operator()(std::string_view kind, std::initializer_list<qint64> parts) const
{
    char buffer[128];
    std::size_t length = std::min(kind.size(), sizeof buffer - 1);
    std::copy_n(kind.data(), length, buffer);
    for (qint64 part : parts) {
        buffer[length++] = '/';
        length = static_cast<std::size_t>(std::to_chars(buffer + length, buffer + sizeof buffer, part).ptr - buffer);
    }
    return QUuid::createUuidV5(m_namespace, QByteArray::fromRawData(buffer, static_cast<qsizetype>(length)))
        .toString(QUuid::WithoutBraces);
}

QString WorkTime::at(int workday, double secondsIntoDay)
{
    const int calendarDay = workday / 5 * 7 + workday % 5; // day 0 is a Monday
    if (calendarDay != m_cachedDay) {
        m_cachedDay = calendarDay;
        m_datePrefix = QDate(2026, 1, 5).addDays(calendarDay).toString(Qt::ISODate) + QLatin1Char('T');
    }
    const auto ms = static_cast<qint64>(std::llround((8 * 3600.0 + secondsIntoDay) * 1000.0));
    const auto two = [](char *out, qint64 v) {
        out[0] = static_cast<char>('0' + v / 10 % 10);
        out[1] = static_cast<char>('0' + v % 10);
    };
    char time[13] = "00:00:00.000";
    two(time, ms / 3'600'000 % 24);
    two(time + 3, ms / 60'000 % 60);
    two(time + 6, ms / 1000 % 60);
    time[9] = static_cast<char>('0' + ms / 100 % 10);
    two(time + 10, ms % 100);
    return m_datePrefix + QLatin1StringView(time, 12) + QLatin1Char('Z');
}

namespace {

// Replaces {name} placeholders; the vocabularies below use a handful of names each.
QString fill(QString text, std::initializer_list<std::pair<QLatin1StringView, QString>> values)
{
    for (const auto &[name, value] : values)
        text.replace(QString(QLatin1Char('{') + name + QLatin1Char('}')), value);
    return text;
}

Flaw commission(int severity, const QString &category, const QString &description, const QString &text)
{
    return Flaw{FlawKind::Commission, severity, category, description, text};
}

Flaw omission(int severity, const QString &category, const QString &description, const QString &text)
{
    return Flaw{FlawKind::Omission, severity, category, description, text};
}

struct Person
{
    QString noun;
    QString subject; // he / she
    QString object;  // him / her
    QString possessive;
};

const Person &relative(Random &random)
{
    static const QVector<Person> people{
        {QStringLiteral("mother"), QStringLiteral("she"), QStringLiteral("her"), QStringLiteral("her")},
        {QStringLiteral("father"), QStringLiteral("he"), QStringLiteral("him"), QStringLiteral("his")},
        {QStringLiteral("husband"), QStringLiteral("he"), QStringLiteral("him"), QStringLiteral("his")},
        {QStringLiteral("wife"), QStringLiteral("she"), QStringLiteral("her"), QStringLiteral("her")}};
    return random.pick(people);
}

const Person &child(Random &random)
{
    static const QVector<Person> children{
        {QStringLiteral("son"), QStringLiteral("he"), QStringLiteral("him"), QStringLiteral("his")},
        {QStringLiteral("daughter"), QStringLiteral("she"), QStringLiteral("her"), QStringLiteral("her")}};
    return random.pick(children);
}

DemoCase medicationQuestion(Random &random)
{
    const Drug &drug = random.pick(drugs());
    const QString age = num(random.between(28, 86));
    const QString sex = random.chance(0.5) ? QStringLiteral("woman") : QStringLiteral("man");
    DemoCase c;
    c.task = QStringLiteral("medication_question");
    c.topic = drug.name;
    const QString name = capitalised(drug.name);
    if (random.chance(0.5)) {
        // Dosing.
        static const QStringList questions{
            QStringLiteral("What is the usual adult starting regimen of {drug} for {indication}, and what should be "
                           "monitored? The patient is {age}, weighs {weight} kg and has no other conditions."),
            QStringLiteral("A {age}-year-old {sex} with {indication} and normal kidney function is starting {drug}. "
                           "What dose and monitoring do you recommend?"),
            QStringLiteral("I'm {age} and I've just been prescribed {drug} for {indication}. How much should I take, "
                           "how often, and are there any checks I need?")};
        c.input = fill(questions[random.below(static_cast<int>(questions.size()))],
                       {{QLatin1StringView("drug"), drug.name},
                        {QLatin1StringView("indication"), drug.indication},
                        {QLatin1StringView("age"), age},
                        {QLatin1StringView("weight"), num(random.between(52, 118))},
                        {QLatin1StringView("sex"), sex}});
        c.reference = name + QStringLiteral(" for ") + drug.indication + QStringLiteral(": ") + drug.regimen +
                      QStringLiteral(". ") + drug.monitoring;
        c.good[0] = name + QStringLiteral(": ") + drug.regimen + QStringLiteral(". ") + drug.monitoring;
        c.good[1] = QStringLiteral("The usual approach is ") + drug.regimen + QStringLiteral(". ") + drug.monitoring +
                    QStringLiteral(" Your prescriber may adjust this to your situation.");
        c.flaws = {commission(drug.wrongSeverity, QStringLiteral("incorrect_recommendation"), drug.wrongDescription,
                              name + QStringLiteral(": ") + drug.wrongRegimen + QStringLiteral(". ") + drug.monitoring),
                   omission(drug.monitoringSeverity, QStringLiteral("missing_context"),
                            QStringLiteral("leaves out the monitoring"),
                            name + QStringLiteral(": ") + drug.regimen + QStringLiteral(".")),
                   commission(drug.slipSeverity, QStringLiteral("detail_misidentification"), drug.slipDescription,
                              name + QStringLiteral(": ") + drug.regimen + QStringLiteral(". ") + drug.slip +
                                  QStringLiteral(" ") + drug.monitoring)};
        return c;
    }
    // An interaction.
    static const QStringList questions{
        QStringLiteral("I take {drug} for {indication}. My doctor wants to start {partner} for {reason}. Is that "
                       "safe?"),
        QStringLiteral("Can {partner} be given for {reason} to a {age}-year-old {sex} who takes {drug} for "
                       "{indication}?"),
        QStringLiteral("Patient on {drug} ({indication}) now needs treatment for {reason}; {partner} is proposed. Any "
                       "concerns?")};
    c.input = fill(questions[random.below(static_cast<int>(questions.size()))],
                   {{QLatin1StringView("drug"), drug.name},
                    {QLatin1StringView("indication"), drug.indication},
                    {QLatin1StringView("partner"), drug.partner},
                    {QLatin1StringView("reason"), drug.partnerReason},
                    {QLatin1StringView("age"), age},
                    {QLatin1StringView("sex"), sex}});
    c.topic = drug.name + QStringLiteral(" + ") + drug.partner;
    c.reference = capitalised(drug.interaction) + QStringLiteral(". ") + drug.interactionAdvice;
    c.good[0] = QStringLiteral("Caution: ") + drug.interaction + QStringLiteral(". ") + drug.interactionAdvice;
    c.good[1] = QStringLiteral("Good question to ask before starting: ") + drug.interaction + QStringLiteral(". ") +
                drug.interactionAdvice + QStringLiteral(" Let the prescriber know about both medicines.");
    c.flaws = {commission(drug.interactionSeverity, QStringLiteral("fabricated_claim"),
                          QStringLiteral("denies a significant interaction"),
                          QStringLiteral("There is no important interaction between ") + drug.name +
                              QStringLiteral(" and ") + drug.partner +
                              QStringLiteral("; they can be taken together as prescribed.")),
               omission(std::max(1, drug.interactionSeverity - 1), QStringLiteral("missing_claim"),
                        QStringLiteral("does not mention the interaction"),
                        capitalised(drug.partner) + QStringLiteral(" is a reasonable choice for ") +
                            drug.partnerReason + QStringLiteral(". Take it as directed and complete the course.")),
               commission(std::max(1, drug.interactionSeverity - 1), QStringLiteral("understating_intensity"),
                          QStringLiteral("plays down the interaction"),
                          QStringLiteral("There is a minor interaction: ") + drug.interaction +
                              QStringLiteral(", but this is rarely a problem in practice and no change is needed."))};
    return c;
}

// The numbers and words of a patient's message.
QString fillNarrative(const QString &text, const Person &person, Random &random)
{
    static const QStringList thinners{QStringLiteral("warfarin"), QStringLiteral("apixaban"),
                                      QStringLiteral("aspirin and ibuprofen")};
    static const QStringList sports{QStringLiteral("football"), QStringLiteral("netball"), QStringLiteral("tennis"),
                                    QStringLiteral("basketball")};
    return fill(text, {{QLatin1StringView("age"), num(random.between(24, 82))},
                       {QLatin1StringView("minutes"), num(5 * random.between(2, 9))},
                       {QLatin1StringView("hours"), num(random.between(2, 6))},
                       {QLatin1StringView("days"), num(random.between(2, 9))},
                       {QLatin1StringView("weeks2"), num(random.between(2, 8))},
                       {QLatin1StringView("weeks"), num(random.between(28, 38))},
                       {QLatin1StringView("childAge"), num(random.between(1, 12))},
                       {QLatin1StringView("teenAge"), num(random.between(12, 17))},
                       {QLatin1StringView("ketones"), QString::number(random.between(30, 65) / 10.0, 'f', 1)},
                       {QLatin1StringView("thinner"), thinners[random.below(static_cast<int>(thinners.size()))]},
                       {QLatin1StringView("sport"), sports[random.below(static_cast<int>(sports.size()))]},
                       {QLatin1StringView("relative"), person.noun},
                       {QLatin1StringView("child"), person.noun},
                       {QLatin1StringView("subject"), person.subject},
                       {QLatin1StringView("object"), person.object},
                       {QLatin1StringView("possessive"), person.possessive}});
}

QString withPronouns(const QString &text, const Person &person)
{
    return fill(text, {{QLatin1StringView("subject"), person.subject},
                       {QLatin1StringView("object"), person.object},
                       {QLatin1StringView("possessive"), person.possessive}});
}

DemoCase patientQuestion(Random &random)
{
    DemoCase c;
    c.task = QStringLiteral("patient_question");
    if (random.chance(0.25)) {
        const SelfCare &s = random.pick(selfCare());
        c.topic = QStringLiteral("self-care");
        c.input = fillNarrative(s.narrative, relative(random), random);
        c.reference = s.advice + QStringLiteral(" ") + s.safetyNet;
        c.good[0] = s.advice + QStringLiteral(" ") + s.safetyNet;
        c.good[1] =
            QStringLiteral("I'm sorry you're dealing with this. ") + s.advice + QStringLiteral(" ") + s.safetyNet;
        c.flaws = {omission(s.safetyNetSeverity, QStringLiteral("missing_context"),
                            QStringLiteral("gives no advice on when to seek help"), s.advice),
                   commission(s.wrongSeverity, s.wrongCategory, s.wrongDescription,
                              s.wrong + QStringLiteral(" ") + s.safetyNet),
                   commission(s.doseSeverity, QStringLiteral("incorrect_recommendation"), s.doseDescription,
                              s.advice + QStringLiteral(" ") + s.dose + QStringLiteral(" ") + s.safetyNet)};
        return c;
    }
    const RedFlag &r = random.pick(redFlags());
    const Person &person = r.narrative.contains(QLatin1StringView("{child}")) ? child(random) : relative(random);
    c.topic = r.concern;
    c.input = fillNarrative(r.narrative, person, random);
    const QString warning = QStringLiteral("These symptoms can be a sign of ") + r.concern + QStringLiteral(". ");
    const QString detail = withPronouns(r.detail, person);
    c.reference = warning + r.action + QStringLiteral(" ") + detail;
    c.good[0] = r.action + QStringLiteral(" ") + warning + detail;
    c.good[1] = QStringLiteral("Please don't wait. ") + warning + r.action + QStringLiteral(" ") + detail;
    c.flaws = {omission(r.missSeverity, QStringLiteral("missing_claim"),
                        QStringLiteral("misses the warning signs of ") + r.concern,
                        r.benignGuess + QStringLiteral(" ") + withPronouns(r.homeCare, person)),
               commission(std::max(1, r.missSeverity - 1), QStringLiteral("incorrect_recommendation"),
                          QStringLiteral("advises a routine appointment instead of urgent care"),
                          r.benignGuess + QStringLiteral(" If it is not better in a day or two, book an appointment "
                                                         "with your doctor.")),
               commission(r.slipSeverity, QStringLiteral("incorrect_recommendation"), r.slipDescription,
                          r.action + QStringLiteral(" ") + warning + withPronouns(r.slip, person))};
    return c;
}

// ---- Notes and reports built from facts: a summary may leave a fact out (omission) or get it wrong (commission) ----

// Builds a summary task from a fact sheet: the source, a reference, two correct summaries and the flaws.
DemoCase fromFacts(const QString &task, const FactSheet &sheet, Random &random)
{
    DemoCase c;
    c.task = task;
    c.topic = sheet.topic;
    const bool plain = task == QStringLiteral("report_simplification");
    QStringList source{sheet.opening};
    QStringList phrases;
    for (const auto &fact : sheet.facts) {
        source << fact.note;
        phrases << fact.summary;
    }
    c.input = source.join(QLatin1Char(' '));
    auto summaryOf = [&](const QStringList &parts, int voice) -> QString {
        if (plain) {
            // One sentence per finding, for the patient.
            const QString opening = voice == 0 ? sheet.summaryOpening : QStringLiteral("In plain words: ");
            return opening + parts.join(QLatin1Char(' '));
        }
        if (voice == 0)
            return sheet.summaryOpening + parts.join(QStringLiteral("; ")) + QLatin1Char('.');
        return QStringLiteral("Summary: ") + sheet.summaryOpening + parts.join(QStringLiteral(", ")) + QLatin1Char('.');
    };
    c.reference = summaryOf(phrases, 0);
    c.good[0] = c.reference;
    c.good[1] = summaryOf(phrases, 1);
    for (int i = 0; i < sheet.facts.size(); ++i) {
        const Fact &fact = sheet.facts[i];
        const int voice = random.below(2);
        if (fact.omissionSeverity > 0 && phrases.size() > 1) {
            QStringList without = phrases;
            without.removeAt(i);
            c.flaws << omission(fact.omissionSeverity, QStringLiteral("missing_claim"),
                                QStringLiteral("leaves out: ") + fact.summary, summaryOf(without, voice));
        }
        if (!fact.wrong.isEmpty()) {
            QStringList corrupted = phrases;
            corrupted[i] = fact.wrong;
            c.flaws << commission(fact.wrongSeverity, fact.wrongCategory, fact.wrongDescription,
                                  summaryOf(corrupted, voice));
        }
    }
    return c;
}

} // namespace

DemoCase makeCase(int index, Random &random)
{
    switch (index % 4) {
    case 0:
        return patientQuestion(random);
    case 1:
        return medicationQuestion(random);
    case 2:
        return fromFacts(QStringLiteral("note_summary"), clinicalNote(random), random);
    default:
        return fromFacts(QStringLiteral("report_simplification"), report(random), random);
    }
}

QString inVoice(int system, const DemoCase &demoCase, const QString &text, Random &random)
{
    if (system == 0)
        return text;
    const bool forPatients =
        demoCase.task == QStringLiteral("patient_question") || demoCase.task == QStringLiteral("report_simplification");
    if (!forPatients || !random.chance(0.4))
        return text;
    static const QStringList closings{QStringLiteral(" I hope this helps."),
                                      QStringLiteral(" If anything is unclear, ask your doctor or pharmacist."),
                                      QStringLiteral(" Take care.")};
    return text + closings[random.below(static_cast<int>(closings.size()))];
}

} // namespace concord::demo
