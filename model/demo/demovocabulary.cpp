#include "model/demo/demovocabulary.h"

namespace concord::demo {

QString num(int value)
{
    return QString::number(value);
}

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

// ---- Medication questions: regimens, monitoring and one important interaction per drug ----

const QVector<Drug> &drugs()
{
    static const QVector<Drug> list{
        {QStringLiteral("metformin"), QStringLiteral("type 2 diabetes"),
         QStringLiteral(
             "500 mg once daily with the evening meal, increased by 500 mg every one to two weeks as tolerated, "
             "to a usual maximum of 2 g a day"),
         QStringLiteral(
             "Check kidney function before starting and at least once a year, and pause it during an illness "
             "with vomiting or dehydration."),
         2, QStringLiteral("2 g twice daily from the first day"),
         QStringLiteral("starts at twice the usual maximum daily dose"), 2,
         QStringLiteral("Take it on an empty stomach so that it is absorbed better."),
         QStringLiteral("advises taking it without food"), 1, QStringLiteral("prednisolone"),
         QStringLiteral("a flare of asthma"),
         QStringLiteral("prednisolone raises blood glucose, so diabetes control can worsen during the course"),
         QStringLiteral("Check blood glucose more often during the course and seek advice if readings stay high."), 2},
        {QStringLiteral("simvastatin"), QStringLiteral("a high cholesterol level"),
         QStringLiteral("20 to 40 mg once daily, taken in the evening"),
         QStringLiteral("Check liver tests before starting and the lipid profile after about three months."), 1,
         QStringLiteral("80 mg twice daily"), QStringLiteral("dose twice the licensed maximum"), 2,
         QStringLiteral("Muscle aches are expected and are no reason to contact your doctor."),
         QStringLiteral("dismisses muscle pain as a warning sign"), 2, QStringLiteral("clarithromycin"),
         QStringLiteral("a chest infection"),
         QStringLiteral("clarithromycin stops simvastatin being broken down, and the high levels can cause serious "
                        "muscle damage (rhabdomyolysis)"),
         QStringLiteral("Pause simvastatin until the course is over, or choose an antibiotic without this interaction "
                        "such as doxycycline."),
         3},
        {QStringLiteral("ramipril"), QStringLiteral("high blood pressure"),
         QStringLiteral("1.25 to 2.5 mg once daily, increased every two to four weeks to a usual maintenance dose of 5 "
                        "to 10 mg"),
         QStringLiteral("Check potassium and kidney function before starting and one to two weeks after each dose "
                        "increase."),
         2, QStringLiteral("20 mg once daily from the start"),
         QStringLiteral("twice the maximum dose from the first day"), 2,
         QStringLiteral("A dry cough is very rare with it and not worth mentioning."),
         QStringLiteral("misstates a common side effect"), 1, QStringLiteral("spironolactone"),
         QStringLiteral("heart failure"),
         QStringLiteral("ramipril and spironolactone both raise potassium, and together they can cause dangerously "
                        "high levels"),
         QStringLiteral("They are often used together, but only with potassium and kidney function checked within a "
                        "week of starting and regularly after that."),
         3},
        {QStringLiteral("levothyroxine"), QStringLiteral("an underactive thyroid"),
         QStringLiteral(
             "50 to 100 micrograms once daily (25 micrograms if older or with heart disease), taken 30 to 60 "
             "minutes before breakfast"),
         QStringLiteral("Check thyroid function (TSH) six to eight weeks after starting and after each dose change."),
         1, QStringLiteral("500 micrograms once daily"), QStringLiteral("dose five to ten times too high"), 3,
         QStringLiteral("Take it with breakfast and your morning coffee."),
         QStringLiteral("advises taking it with food and coffee"), 1, QStringLiteral("calcium carbonate"),
         QStringLiteral("bone protection"),
         QStringLiteral("calcium binds levothyroxine in the gut and reduces how much is absorbed"),
         QStringLiteral("Take the two at least four hours apart."), 1},
        {QStringLiteral("methotrexate"), QStringLiteral("rheumatoid arthritis"),
         QStringLiteral("7.5 mg once a week on the same day each week, with folic acid 5 mg once a week on a different "
                        "day"),
         QStringLiteral("Check blood count, liver and kidney function every two weeks until the dose is stable, then "
                        "every two to three months."),
         3, QStringLiteral("7.5 mg once daily"), QStringLiteral("daily instead of weekly dosing"), 4,
         QStringLiteral("Take the folic acid on the same day as the methotrexate."),
         QStringLiteral("wrong day for folic acid"), 1, QStringLiteral("trimethoprim"),
         QStringLiteral("a urine infection"),
         QStringLiteral("trimethoprim and methotrexate both block folate, and together they can suppress the bone "
                        "marrow"),
         QStringLiteral("Avoid trimethoprim and co-trimoxazole; choose another antibiotic such as nitrofurantoin."), 4},
        {QStringLiteral("sertraline"), QStringLiteral("depression"),
         QStringLiteral(
             "50 mg once daily, reviewed after two to four weeks and increased in 50 mg steps if needed, to a "
             "maximum of 200 mg"),
         QStringLiteral(
             "Review within two weeks of starting, asking about worsening mood or thoughts of self-harm, and "
             "check sodium in older people."),
         3, QStringLiteral("200 mg once daily from the start"), QStringLiteral("starts at the maximum dose"), 2,
         QStringLiteral("It usually works within two or three days."), QStringLiteral("overstates how fast it works"),
         1, QStringLiteral("tramadol"), QStringLiteral("back pain"),
         QStringLiteral("tramadol with sertraline can cause serotonin syndrome and makes seizures more likely"),
         QStringLiteral("Avoid the combination if possible; if it is used, start low and watch for agitation, tremor, "
                        "fever or sweating."),
         3},
        {QStringLiteral("apixaban"), QStringLiteral("atrial fibrillation"),
         QStringLiteral("5 mg twice daily, or 2.5 mg twice daily if at least two of: age 80 or over, weight 60 kg or "
                        "less, serum creatinine 133 micromol/L or more"),
         QStringLiteral("Check kidney function before starting and at least once a year."), 2,
         QStringLiteral("5 mg once daily"), QStringLiteral("once instead of twice daily"), 3,
         QStringLiteral("If you miss a dose, take two tablets at the next dose."),
         QStringLiteral("advises doubling a missed dose"), 2, QStringLiteral("naproxen"),
         QStringLiteral("a painful knee"),
         QStringLiteral("naproxen with apixaban raises the risk of serious bleeding, especially from the stomach"),
         QStringLiteral("Avoid anti-inflammatory tablets; use paracetamol, and an anti-inflammatory gel on the knee if "
                        "needed."),
         3},
        {QStringLiteral("alendronic acid"), QStringLiteral("osteoporosis"),
         QStringLiteral(
             "70 mg once a week, swallowed whole with a full glass of plain water at least 30 minutes before "
             "food, staying upright for 30 minutes"),
         QStringLiteral("Check calcium and vitamin D before starting and review the need for treatment after five "
                        "years."),
         1, QStringLiteral("70 mg every day"), QStringLiteral("daily instead of weekly dosing"), 2,
         QStringLiteral("Take it at bedtime with a glass of milk."), QStringLiteral("advises bedtime dosing with milk"),
         2, QStringLiteral("calcium and vitamin D tablets"), QStringLiteral("low vitamin D"),
         QStringLiteral("calcium taken at the same time stops alendronic acid being absorbed"),
         QStringLiteral("Take the calcium at a different time of day, well after the alendronic acid."), 1},
        {QStringLiteral("allopurinol"), QStringLiteral("recurrent gout"),
         QStringLiteral("100 mg once daily, increased by 100 mg every two to four weeks until the urate level is below "
                        "360 micromol/L"),
         QStringLiteral("Check urate and kidney function while the dose is increased, and stop it and seek advice at "
                        "once if a rash appears."),
         3, QStringLiteral("900 mg once daily from the start"), QStringLiteral("starts at the maximum dose"), 3,
         QStringLiteral("Stop it whenever you have a gout attack."), QStringLiteral("advises stopping during a flare"),
         1, QStringLiteral("azathioprine"), QStringLiteral("an autoimmune condition"),
         QStringLiteral(
             "allopurinol blocks the breakdown of azathioprine, and the build-up can cause severe bone marrow "
             "suppression"),
         QStringLiteral("Avoid the combination, or use it only under specialist supervision with a much lower "
                        "azathioprine dose and close blood count checks."),
         4},
        {QStringLiteral("sildenafil"), QStringLiteral("erectile dysfunction"),
         QStringLiteral("50 mg about one hour before sexual activity, no more than once in 24 hours, adjusted to 25 or "
                        "100 mg by response"),
         QStringLiteral("Review blood pressure and cardiovascular risk before starting."), 2,
         QStringLiteral("100 mg three times a day"), QStringLiteral("exceeds the once-daily maximum"), 2,
         QStringLiteral("It works best taken straight after a heavy meal."),
         QStringLiteral("advises taking it after a heavy meal"), 1, QStringLiteral("a glyceryl trinitrate (GTN) spray"),
         QStringLiteral("angina"),
         QStringLiteral("sildenafil with nitrates such as GTN can cause a sudden, severe fall in blood pressure"),
         QStringLiteral("Never use them together; GTN must not be used within 24 hours of a sildenafil dose."), 4},
        {QStringLiteral("clopidogrel"), QStringLiteral("a recently placed coronary stent"),
         QStringLiteral("75 mg once daily after a loading dose, usually with aspirin for the period the cardiologist "
                        "sets"),
         QStringLiteral("Watch for bleeding or unusual bruising, and never stop it without asking the cardiology "
                        "team."),
         3, QStringLiteral("75 mg once a week"), QStringLiteral("weekly instead of daily dosing"), 4,
         QStringLiteral("Stop it for a week before any dental treatment."),
         QStringLiteral("advises stopping it before dental work"), 3, QStringLiteral("omeprazole"),
         QStringLiteral("indigestion"),
         QStringLiteral("omeprazole reduces the activation of clopidogrel and may weaken its protection"),
         QStringLiteral("Use lansoprazole or pantoprazole instead."), 2},
        {QStringLiteral("nitrofurantoin"), QStringLiteral("an uncomplicated urine infection in a woman"),
         QStringLiteral("100 mg modified-release twice daily for three days"),
         QStringLiteral(
             "Avoid it if the eGFR is below 45, and seek review if symptoms persist beyond 48 hours or fever "
             "or back pain develop."),
         2, QStringLiteral("100 mg twice daily for six weeks"), QStringLiteral("six-week course"), 2,
         QStringLiteral("It may turn your urine bright blue."), QStringLiteral("wrong urine colour"), 1,
         QStringLiteral("a magnesium trisilicate antacid"), QStringLiteral("indigestion"),
         QStringLiteral("magnesium trisilicate antacids reduce how much nitrofurantoin is absorbed"),
         QStringLiteral("Avoid taking the antacid at the same time; separate them by a few hours."), 1},
        {QStringLiteral("prednisolone"), QStringLiteral("an acute asthma attack"),
         QStringLiteral("40 to 50 mg once daily in the morning for at least five days"),
         QStringLiteral("Review within 48 hours, and check blood glucose in people with diabetes."), 2,
         QStringLiteral("400 mg once daily for five days"), QStringLiteral("ten times the usual dose"), 3,
         QStringLiteral("Take it at bedtime so that it works overnight."), QStringLiteral("advises bedtime dosing"), 1,
         QStringLiteral("ibuprofen"), QStringLiteral("a sprained wrist"),
         QStringLiteral("ibuprofen with prednisolone raises the risk of stomach ulcers and bleeding"),
         QStringLiteral("Prefer paracetamol; if an anti-inflammatory is needed, add stomach protection and keep the "
                        "course short."),
         2},
    };
    return list;
}

// ---- Patient questions: presentations with a red flag, and a few that are safe to manage at home ----

const QVector<RedFlag> &redFlags()
{
    static const QVector<RedFlag> list{
        {QStringLiteral(
             "I'm {age} and for the last {minutes} minutes I've had a heavy, crushing pain in the middle of my "
             "chest that spreads to my left arm. I feel sweaty and sick. I don't want to waste anyone's time; "
             "should I just lie down?"),
         QStringLiteral("a heart attack"), QStringLiteral("Call an ambulance now."),
         QStringLiteral("While you wait, chew one 300 mg aspirin unless you are allergic to it, and do not drive "
                        "yourself."),
         QStringLiteral("This sounds like indigestion or a strained chest muscle."),
         QStringLiteral("Lie down, take an antacid and see your doctor if it is still there tomorrow."), 4,
         QStringLiteral("Drive yourself to the emergency department so that you get there sooner."),
         QStringLiteral("advises driving with suspected heart attack"), 2},
        {QStringLiteral(
             "My {age}-year-old {relative} suddenly can't lift {possessive} right arm and {possessive} speech "
             "is slurred. It started {minutes} minutes ago. Should we wait and see if it passes?"),
         QStringLiteral("a stroke"), QStringLiteral("Call an ambulance now."),
         QStringLiteral("Note the time the symptoms started and give nothing to eat or drink; treatment works best in "
                        "the first hours."),
         QStringLiteral("This sounds like a trapped nerve or tiredness."),
         QStringLiteral("Let {object} rest and see the doctor next week if it has not improved."), 4,
         QStringLiteral("Give {object} an aspirin straight away while you wait."),
         QStringLiteral("advises aspirin before a brain scan"), 2},
        {QStringLiteral(
             "I'm {age}. About {hours} hours ago I got a sudden, explosive headache, the worst of my life, at "
             "full strength within a minute. I've been sick twice. Can I take something and sleep it off?"),
         QStringLiteral("bleeding around the brain (subarachnoid haemorrhage)"),
         QStringLiteral("Call an ambulance or go to the emergency department now."),
         QStringLiteral("A sudden, severe headache like this needs an urgent brain scan even if it eases."),
         QStringLiteral("This sounds like a migraine."),
         QStringLiteral("Take paracetamol, rest in a dark room and drink plenty of water."), 4,
         QStringLiteral("Take ibuprofen for the pain before you set off."),
         QStringLiteral("advises an anti-inflammatory with a possible brain bleed"), 2},
        {QStringLiteral("My {child}, who is {childAge}, has had a temperature of 39 C since this morning and now has "
                        "small purple spots on {possessive} legs that don't fade when I press a glass on them. What "
                        "should I do?"),
         QStringLiteral("meningococcal infection (meningitis or sepsis)"), QStringLiteral("Call an ambulance now."),
         QStringLiteral("A rash that does not fade under a glass together with a fever needs emergency treatment; do "
                        "not wait for other symptoms."),
         QStringLiteral("Most rashes with a fever are caused by viruses and settle on their own."),
         QStringLiteral("Give children's paracetamol, keep {object} cool and see your doctor if it lasts more than a "
                        "few days."),
         4, QStringLiteral("Give {object} a cool bath first to bring the temperature down, then go."),
         QStringLiteral("adds a delay before emergency care"), 2},
        {QStringLiteral("I'm {age} and have had low back pain for {days} days. Since yesterday I feel numb between my "
                        "legs and it's hard to pass urine. Is it OK to keep taking painkillers and rest?"),
         QStringLiteral("pressure on the nerves at the base of the spine (cauda equina syndrome)"),
         QStringLiteral("Go to the emergency department today."),
         QStringLiteral("This needs an urgent MRI scan; delay can cause permanent bladder, bowel and leg problems."),
         QStringLiteral("This sounds like ordinary muscular back pain."),
         QStringLiteral("Keep moving gently, take regular painkillers and see a physiotherapist if it is not better in "
                        "six weeks."),
         3, QStringLiteral("Wait until the numbness has lasted 48 hours before going in."),
         QStringLiteral("advises waiting 48 hours"), 3},
        {QStringLiteral(
             "I'm {age} and flew back from a long-haul trip {days} days ago. My left calf has been swollen and "
             "sore, and today I'm short of breath with a sharp pain when I breathe in. Could it just be a "
             "pulled muscle?"),
         QStringLiteral("a blood clot in the lung (pulmonary embolism)"),
         QStringLiteral("Call an ambulance or go to the emergency department now."),
         QStringLiteral(
             "A swollen calf followed by breathlessness and chest pain can mean a clot that has travelled to "
             "the lungs."),
         QStringLiteral("It is most likely a pulled calf muscle from the journey."),
         QStringLiteral("Rest with your leg raised, use a warm compress and take ibuprofen."), 4,
         QStringLiteral("Massage the calf firmly to ease the pain while you wait."),
         QStringLiteral("advises massaging a suspected clot"), 2},
        {QStringLiteral(
             "I'm {age} and take {thinner}. For {days} days my stools have been black and sticky, and today I "
             "felt faint when I stood up. What should I do?"),
         QStringLiteral("bleeding from the stomach or bowel"),
         QStringLiteral("Go to the emergency department now, or call an ambulance if you feel faint again."),
         QStringLiteral("Black, tarry stools and feeling faint can mean significant internal bleeding; take no further "
                        "doses until you have been seen."),
         QStringLiteral("Black stools are usually caused by iron tablets or something you ate."),
         QStringLiteral("Drink plenty of fluids and mention it at your next check-up."), 3,
         QStringLiteral("Take your next dose as usual so that your levels stay steady."),
         QStringLiteral("advises continuing the blood thinner during a bleed"), 3},
        {QStringLiteral("My {age}-year-old {relative} has had a urine infection for {days} days. Today {subject} is "
                        "shivering, confused and hasn't passed urine since the morning. Should {subject} just finish "
                        "the antibiotics and rest?"),
         QStringLiteral("sepsis, a life-threatening reaction to infection"), QStringLiteral("Call an ambulance now."),
         QStringLiteral("New confusion, shivering and passing little urine during an infection are warning signs that "
                        "need treatment within the hour."),
         QStringLiteral("Confusion in older people is common with a urine infection and usually settles with "
                        "antibiotics."),
         QStringLiteral("Make sure {subject} finishes the course and drinks plenty of water."), 4,
         QStringLiteral("Give a double dose of the antibiotic tonight and go in tomorrow if {subject} is no better."),
         QStringLiteral("doubles the antibiotic and delays care overnight"), 3},
        {QStringLiteral("I'm {weeks} weeks pregnant. Since this morning I've had a bad headache, I'm seeing flashing "
                        "lights and my face and hands have swollen. Is this normal in pregnancy?"),
         QStringLiteral("pre-eclampsia, high blood pressure in pregnancy"),
         QStringLiteral("Contact your maternity unit and go in to be assessed now."),
         QStringLiteral("Your blood pressure and urine need checking today; this can become dangerous for you and your "
                        "baby quickly."),
         QStringLiteral("Headaches and some swelling are common in late pregnancy."),
         QStringLiteral("Rest with your feet up, drink water and take paracetamol."), 4,
         QStringLiteral("Take ibuprofen for the headache in the meantime."),
         QStringLiteral("advises ibuprofen late in pregnancy"), 2},
        {QStringLiteral("I'm {age} and my period is {days} days late. Since yesterday I've had sharp pain low on the "
                        "right side of my tummy, pain in my shoulder tip, and I nearly fainted. Could this be period "
                        "pain?"),
         QStringLiteral("an ectopic pregnancy, which can bleed internally"),
         QStringLiteral("Call an ambulance or go to the emergency department now."),
         QStringLiteral("Do a pregnancy test if you have one, but do not wait for the result to seek help."),
         QStringLiteral("This sounds like ordinary period or ovulation pain."),
         QStringLiteral("Use a hot water bottle, take ibuprofen and see your doctor if your period has not come in a "
                        "week."),
         4, QStringLiteral("Do a pregnancy test first and only seek help if it is positive."),
         QStringLiteral("makes seeking help depend on a home test"), 3},
        {QStringLiteral("My {teenAge}-year-old son woke with sudden, severe pain in one testicle and has been sick. It "
                        "started {hours} hours ago. Can we wait for the surgery to open tomorrow?"),
         QStringLiteral("a twisted testicle (testicular torsion)"),
         QStringLiteral("Go to the emergency department now."),
         QStringLiteral("Surgery within about six hours of the pain starting gives the best chance of saving the "
                        "testicle."),
         QStringLiteral("This is probably an infection or a minor knock."),
         QStringLiteral("Give him painkillers, supportive underwear and see the doctor if it is no better in a few "
                        "days."),
         3, QStringLiteral("Give him something to eat first to settle his stomach."),
         QStringLiteral("advises eating before likely surgery"), 1},
        {QStringLiteral(
             "I'm {age} and have type 1 diabetes. I've been vomiting since last night, my tummy hurts, I'm "
             "breathing fast and my blood ketones are {ketones} mmol/L. Should I skip my insulin because I'm "
             "not eating?"),
         QStringLiteral("diabetic ketoacidosis"), QStringLiteral("Go to the emergency department now."),
         QStringLiteral("Do not stop your long-acting insulin; ketones this high with vomiting need hospital "
                        "treatment."),
         QStringLiteral("This is probably a stomach bug."),
         QStringLiteral("Sip fluids, rest and check your blood sugar regularly."), 4,
         QStringLiteral("Skip your insulin until you can eat again."), QStringLiteral("advises stopping insulin"), 4},
    };
    return list;
}

const QVector<SelfCare> &selfCare()
{
    static const QVector<SelfCare> list{
        {QStringLiteral("I'm {age} and have had a sore throat and a blocked nose for {days} days. No fever, and I can "
                        "swallow and breathe fine. Do I need antibiotics?"),
         QStringLiteral(
             "This sounds like a viral throat infection, which usually clears within a week; antibiotics "
             "will not help. Paracetamol or ibuprofen, plenty of fluids and salt-water gargles can ease it."),
         QStringLiteral("Get urgent help if you have difficulty breathing or swallowing or start drooling, and see a "
                        "doctor if you are not improving after a week."),
         2, QStringLiteral("You need a course of antibiotics; ask your doctor for amoxicillin."),
         QStringLiteral("incorrect_recommendation"), QStringLiteral("recommends unneeded antibiotics"), 1,
         QStringLiteral("Take 2 g of paracetamol four times a day until it settles."),
         QStringLiteral("paracetamol dose twice the daily maximum"), 3},
        {QStringLiteral(
             "I'm {age} and twisted my ankle playing {sport} {days} days ago. It's swollen and bruised but I "
             "can walk on it. What should I do?"),
         QStringLiteral(
             "This sounds like a sprain. Rest it for a couple of days, use an ice pack wrapped in a towel for "
             "15 to 20 minutes every few hours, keep it raised, and use paracetamol or ibuprofen for the pain; "
             "start moving it gently as the pain allows."),
         QStringLiteral("See a doctor if you cannot put weight on it, the pain or swelling gets worse, or it is not "
                        "improving after a week."),
         2, QStringLiteral("Put ice straight on the skin for an hour at a time."),
         QStringLiteral("incorrect_recommendation"), QStringLiteral("advises ice directly on skin for an hour"), 1,
         QStringLiteral("Take ibuprofen 800 mg every four hours."),
         QStringLiteral("ibuprofen well above the daily maximum"), 2},
        {QStringLiteral("I'm {age} and have had a dull, band-like headache most afternoons for {weeks2} weeks, usually "
                        "after long days at the computer. No other symptoms. What can I do?"),
         QStringLiteral("This sounds like a tension-type headache. Regular breaks, water, sleep and posture help; "
                        "paracetamol or ibuprofen can be used, but on no more than two or three days a week, because "
                        "frequent use can itself cause headaches."),
         QStringLiteral(
             "See a doctor if the headaches change, wake you from sleep, or come with weakness, confusion or "
             "changes in vision."),
         2, QStringLiteral("This could be a brain tumour; ask for an urgent scan."),
         QStringLiteral("overstating_intensity"), QStringLiteral("raises an unwarranted fear of a tumour"), 1,
         QStringLiteral("Take painkillers every day to stop the headache coming back."),
         QStringLiteral("advises daily painkillers (medication-overuse headache)"), 2},
    };
    return list;
}

// ---- Notes and reports as facts: a summary may leave a fact out (omission) or get it wrong (commission) ----

namespace {

struct Allergy
{
    QString note;
    QString summary;
    bool penicillin;
    int omissionSeverity;
};

Allergy drawAllergy(Random &random)
{
    const double u = random.uniform();
    if (u < 0.3)
        return {QStringLiteral("Allergies: penicillin (anaphylaxis)."), QStringLiteral("penicillin anaphylaxis"), true,
                3};
    if (u < 0.45)
        return {QStringLiteral("Allergies: codeine (vomiting)."), QStringLiteral("codeine intolerance"), false, 1};
    return {QStringLiteral("No known drug allergies."), QStringLiteral("no known drug allergies"), false, 0};
}

Fact allergyFact(const Allergy &allergy)
{
    if (allergy.penicillin)
        return {allergy.note,
                allergy.summary,
                QStringLiteral("no known drug allergies"),
                QStringLiteral("misses a penicillin anaphylaxis"),
                3,
                QStringLiteral("detail_misidentification"),
                allergy.omissionSeverity};
    return {allergy.note, allergy.summary, {}, {}, 0, {}, allergy.omissionSeverity};
}

} // namespace

FactSheet clinicalNote(Random &random)
{
    const int age = random.between(38, 91);
    const QString person =
        num(age) + (random.chance(0.5) ? QStringLiteral("-year-old woman") : QStringLiteral("-year-old man"));
    const QString side = random.chance(0.5) ? QStringLiteral("left") : QStringLiteral("right");
    const QString otherSide = side == QStringLiteral("left") ? QStringLiteral("right") : QStringLiteral("left");
    const Allergy allergy = drawAllergy(random);
    const QString detail = QStringLiteral("detail_misidentification");
    const QString advice = QStringLiteral("incorrect_recommendation");
    FactSheet s;
    switch (random.below(6)) {
    case 0: {
        const QString t1 = num(random.between(8, 30));
        const QString t2 = num(random.between(120, 950));
        const QString leads = random.chance(0.5) ? QStringLiteral("V4 to V6") : QStringLiteral("II, III and aVF");
        s = {QStringLiteral("NSTEMI"),
             person + QStringLiteral(" admitted with ") + num(random.between(2, 8)) +
                 QStringLiteral(" hours of central chest pain."),
             person + QStringLiteral(" with an NSTEMI: "),
             {{QStringLiteral("Troponin rose from ") + t1 + QStringLiteral(" to ") + t2 + QStringLiteral(" ng/L."),
               QStringLiteral("troponin rising (") + t1 + QStringLiteral(" to ") + t2 + QStringLiteral(" ng/L)"),
               QStringLiteral("troponin normal"), QStringLiteral("reports a rising troponin as normal"), 4, detail, 3},
              {QStringLiteral("ECG: ST depression in ") + leads + QStringLiteral("."),
               QStringLiteral("ST depression in ") + leads, QStringLiteral("ST elevation in ") + leads,
               QStringLiteral("ST depression reported as elevation"), 2, detail, 2},
              {QStringLiteral("Started aspirin, ticagrelor and fondaparinux."),
               QStringLiteral("on aspirin, ticagrelor and fondaparinux"), QStringLiteral("on aspirin alone"),
               QStringLiteral("leaves the antithrombotics incomplete"), 2, detail, 2},
              {QStringLiteral("Plan: coronary angiography within 72 hours."),
               QStringLiteral("angiography within 72 hours"), QStringLiteral("for discharge today"),
               QStringLiteral("states a discharge plan"), 4, advice, 2},
              allergyFact(allergy)}};
        break;
    }
    case 1: {
        const QString sat = num(random.between(83, 87));
        const QString ph = QString::number(random.between(736, 742) / 100.0, 'f', 2);
        s = {QStringLiteral("COPD exacerbation"),
             person + QStringLiteral(" with COPD, ") + num(random.between(2, 5)) +
                 QStringLiteral(" days of worsening breathlessness and green sputum."),
             person + QStringLiteral(" with an infective COPD exacerbation: "),
             {{QStringLiteral("SpO2 ") + sat + QStringLiteral("% on air; target 88-92%."),
               QStringLiteral("SpO2 ") + sat + QStringLiteral("% on air with a target of 88-92%"),
               QStringLiteral("oxygen to keep saturations at 98-100%"),
               QStringLiteral("wrong oxygen target for CO2 retention"), 3, advice, 2},
              {QStringLiteral("Blood gas: pH ") + ph + QStringLiteral(", no acidosis."),
               QStringLiteral("no acidosis (pH ") + ph + QStringLiteral(")"), QStringLiteral("respiratory acidosis"),
               QStringLiteral("invents an acidosis"), 1, detail, 1},
              {QStringLiteral("Started controlled oxygen, prednisolone 30 mg daily for 5 days and doxycycline."),
               QStringLiteral("controlled oxygen, prednisolone 30 mg for 5 days and doxycycline"),
               QStringLiteral("prednisolone 300 mg daily"), QStringLiteral("tenfold steroid dose"), 3, detail, 2},
              allergyFact(allergy)}};
        break;
    }
    case 2: {
        const int curb = random.between(1, 2);
        const QString antibiotic = allergy.penicillin ? QStringLiteral("doxycycline") : QStringLiteral("amoxicillin");
        s = {QStringLiteral("pneumonia"),
             person + QStringLiteral(" with fever, cough and breathlessness for ") + num(random.between(2, 6)) +
                 QStringLiteral(" days."),
             person + QStringLiteral(" with community-acquired pneumonia: "),
             {{QStringLiteral("Chest X-ray: ") + side + QStringLiteral(" lower lobe consolidation."),
               side + QStringLiteral(" lower lobe consolidation"),
               otherSide + QStringLiteral(" lower lobe consolidation"), QStringLiteral("wrong side"), 1, detail, 1},
              {QStringLiteral("CURB-65 score ") + num(curb) + QStringLiteral("; CRP ") + num(random.between(80, 260)) +
                   QStringLiteral(" mg/L."),
               QStringLiteral("CURB-65 ") + num(curb), QStringLiteral("CURB-65 0, suitable for home treatment"),
               QStringLiteral("understates severity"), 2, detail, 1},
              {QStringLiteral("Started oral ") + antibiotic + QStringLiteral("."),
               QStringLiteral("on oral ") + antibiotic,
               allergy.penicillin ? QStringLiteral("on oral amoxicillin") : QStringLiteral("on no antibiotics"),
               allergy.penicillin ? QStringLiteral("penicillin given despite anaphylaxis")
                                  : QStringLiteral("omits the antibiotic"),
               allergy.penicillin ? 4 : 2, detail, 1},
              {QStringLiteral("Plan: repeat chest X-ray in 6 weeks."),
               QStringLiteral("repeat chest X-ray in 6 weeks"),
               {},
               {},
               0,
               {},
               1},
              allergyFact(allergy)}};
        break;
    }
    case 3: {
        const QString glucose = num(random.between(22, 36));
        const QString ketones = QString::number(random.between(40, 75) / 10.0, 'f', 1);
        const QString potassium = QString::number(random.between(33, 45) / 10.0, 'f', 1);
        s = {QStringLiteral("diabetic ketoacidosis"),
             person + QStringLiteral(" with type 1 diabetes, vomiting and abdominal pain for a day."),
             person + QStringLiteral(" in diabetic ketoacidosis: "),
             {{QStringLiteral("Glucose ") + glucose + QStringLiteral(" mmol/L, ketones ") + ketones +
                   QStringLiteral(" mmol/L, pH 7.1") + num(random.between(0, 9)) + QStringLiteral("."),
               QStringLiteral("glucose ") + glucose + QStringLiteral(", ketones ") + ketones,
               QStringLiteral("ketones negative"), QStringLiteral("denies ketosis"), 3, detail, 2},
              {QStringLiteral("Fixed-rate insulin infusion at 0.1 units/kg/hour and IV fluids started; usual "
                              "long-acting insulin continued."),
               QStringLiteral("fixed-rate insulin at 0.1 units/kg/hour with IV fluids, long-acting insulin continued"),
               QStringLiteral("insulin stopped until eating"), QStringLiteral("states insulin was stopped"), 4, advice,
               3},
              {QStringLiteral("Potassium ") + potassium + QStringLiteral(" mmol/L, replaced in the fluids."),
               QStringLiteral("potassium ") + potassium + QStringLiteral(" being replaced"),
               QStringLiteral("potassium high, no replacement needed"), QStringLiteral("wrong potassium management"), 3,
               advice, 2},
              allergyFact(allergy)}};
        break;
    }
    case 4: {
        const QString gain = num(random.between(3, 7));
        s = {QStringLiteral("heart failure"),
             person + QStringLiteral(" with known heart failure, breathless on minimal exertion and ") + gain +
                 QStringLiteral(" kg above dry weight."),
             person + QStringLiteral(" with decompensated heart failure: "),
             {{QStringLiteral("Bilateral leg oedema to the knees; NT-proBNP ") + num(100 * random.between(20, 90)) +
                   QStringLiteral(" ng/L."),
               gain + QStringLiteral(" kg fluid gain with leg oedema"),
               {},
               {},
               0,
               {},
               1},
              {QStringLiteral("IV furosemide 40 mg twice daily, fluid restriction 1.5 L a day, daily weights."),
               QStringLiteral("IV furosemide 40 mg twice daily with fluid restriction and daily weights"),
               QStringLiteral("IV fluids 1 litre every 8 hours"), QStringLiteral("fluids instead of diuretics"), 3,
               advice, 2},
              {QStringLiteral("Creatinine ") + num(random.between(95, 150)) +
                   QStringLiteral(" micromol/L; recheck renal function and potassium daily."),
               QStringLiteral("daily renal function and potassium"),
               {},
               {},
               0,
               {},
               2},
              allergyFact(allergy)}};
        break;
    }
    default: {
        const QString baseline = num(random.between(70, 100));
        const QString now = num(random.between(210, 420));
        s = {QStringLiteral("acute kidney injury"),
             person + QStringLiteral(" with diarrhoea and vomiting for ") + num(random.between(2, 5)) +
                 QStringLiteral(" days; takes ramipril and metformin."),
             person + QStringLiteral(" with acute kidney injury after gastroenteritis: "),
             {{QStringLiteral("Creatinine ") + now + QStringLiteral(" micromol/L (baseline ") + baseline +
                   QStringLiteral(")."),
               QStringLiteral("creatinine ") + now + QStringLiteral(" from a baseline of ") + baseline,
               QStringLiteral("creatinine at baseline"), QStringLiteral("reports kidney function as normal"), 3, detail,
               2},
              {QStringLiteral("Ramipril and metformin withheld."), QStringLiteral("ramipril and metformin withheld"),
               QStringLiteral("ramipril and metformin continued"), QStringLiteral("continues nephrotoxic medicines"), 3,
               advice, 3},
              {QStringLiteral("IV fluids and hourly urine output."),
               QStringLiteral("IV fluids with urine output monitoring"),
               {},
               {},
               0,
               {},
               1},
              allergyFact(allergy)}};
        break;
    }
    }
    return s;
}

// Reports in plain language: each finding becomes one sentence for the patient.
FactSheet report(Random &random)
{
    const QString side = random.chance(0.5) ? QStringLiteral("left") : QStringLiteral("right");
    const QString otherSide = side == QStringLiteral("left") ? QStringLiteral("right") : QStringLiteral("left");
    const QString detail = QStringLiteral("detail_misidentification");
    const QString overstating = QStringLiteral("overstating_intensity");
    const QString advice = QStringLiteral("incorrect_recommendation");
    const QString age = num(random.between(25, 85)) + QStringLiteral("-year-old");
    const QString days = num(random.between(2, 14));
    const QString weeks = num(random.between(2, 12));
    FactSheet s;
    switch (random.below(5)) {
    case 0:
        s = {QStringLiteral("chest X-ray"),
             QStringLiteral("Chest X-ray. Clinical details: ") + age + QStringLiteral(", cough and fever for ") + days +
                 QStringLiteral(" days."),
             QStringLiteral("What your chest X-ray report says: "),
             {{capitalised(side) + QStringLiteral(" lower lobe consolidation in keeping with pneumonia."),
               QStringLiteral("There is an infection (pneumonia) in the lower part of your ") + side +
                   QStringLiteral(" lung."),
               QStringLiteral("There is an infection in both of your lungs."), QStringLiteral("overstates the extent"),
               1, overstating, 3},
              {QStringLiteral("Small ") + side + QStringLiteral(" pleural effusion."),
               QStringLiteral("A little fluid has collected around that lung."),
               {},
               {},
               0,
               {},
               1},
              {QStringLiteral("Heart size normal."), QStringLiteral("Your heart is a normal size."),
               QStringLiteral("Your heart is enlarged."), QStringLiteral("invents an enlarged heart"), 1, detail, 0},
              {QStringLiteral("Repeat chest X-ray in 6 weeks to confirm resolution."),
               QStringLiteral("You need another X-ray in about six weeks to check that the infection has cleared."),
               QStringLiteral("You do not need any more X-rays."), QStringLiteral("cancels the follow-up X-ray"), 2,
               advice, 2}}};
        break;
    case 1: {
        const QString size = num(random.between(6, 8));
        s = {QStringLiteral("lung nodule"),
             QStringLiteral("CT chest. Clinical details: ") + age + QStringLiteral(", breathless for ") + weeks +
                 QStringLiteral(" weeks, former smoker."),
             QStringLiteral("What your CT scan report says: "),
             {{size + QStringLiteral(" mm solid nodule in the ") + side + QStringLiteral(" upper lobe."),
               QStringLiteral("There is a small spot, ") + size + QStringLiteral(" mm across, in the top of your ") +
                   side + QStringLiteral(" lung. Most spots like this are harmless."),
               QStringLiteral("There is a lung cancer in the top of your ") + side + QStringLiteral(" lung."),
               QStringLiteral("calls an indeterminate nodule cancer"), 2, overstating, 3},
              {QStringLiteral("No enlarged lymph nodes."),
               QStringLiteral("The glands in your chest are not swollen."),
               {},
               {},
               0,
               {},
               0},
              {QStringLiteral("Recommend follow-up CT in 6 to 12 months."),
               QStringLiteral("You need another scan in 6 to 12 months to make sure the spot has not grown."),
               QStringLiteral("No follow-up scan is needed."), QStringLiteral("cancels the follow-up scan"), 3, advice,
               3}}};
        break;
    }
    case 2:
        s = {QStringLiteral("lumbar spine MRI"),
             QStringLiteral("MRI lumbar spine. Clinical details: ") + age + QStringLiteral(", ") + weeks +
                 QStringLiteral(" weeks of ") + side + QStringLiteral(" leg pain."),
             QStringLiteral("What your back scan report says: "),
             {{QStringLiteral("L4/5 disc protrusion contacting the ") + side + QStringLiteral(" L5 nerve root."),
               QStringLiteral("A disc low in your back bulges and touches a nerve that runs to your ") + side +
                   QStringLiteral(" leg."),
               QStringLiteral("A disc low in your back bulges and touches a nerve that runs to your ") + otherSide +
                   QStringLiteral(" leg."),
               QStringLiteral("wrong side"), 1, detail, 2},
              {QStringLiteral("No compression of the cauda equina."),
               QStringLiteral("The nerves that control your bladder and bowel are not squeezed."),
               QStringLiteral("The nerves that control your bladder are squeezed and need urgent surgery."),
               QStringLiteral("invents nerve compression needing surgery"), 2, overstating, 1}}};
        break;
    case 3: {
        const QString duct = num(random.between(3, 6));
        s = {QStringLiteral("abdominal ultrasound"),
             QStringLiteral("Abdominal ultrasound. Clinical details: ") + age +
                 QStringLiteral(", right upper abdominal pain after meals for ") + weeks + QStringLiteral(" weeks."),
             QStringLiteral("What your ultrasound report says: "),
             {{QStringLiteral("Multiple gallstones; gallbladder wall not thickened."),
               QStringLiteral("There are several gallstones, with no sign that the gallbladder is inflamed."),
               QStringLiteral("Your gallbladder is inflamed and needs urgent surgery."),
               QStringLiteral("invents an inflamed gallbladder"), 2, overstating, 2},
              {QStringLiteral("Common bile duct ") + duct + QStringLiteral(" mm, normal."),
               QStringLiteral("The tube that drains bile is normal."),
               QStringLiteral("The tube that drains bile is blocked."), QStringLiteral("invents a blocked bile duct"),
               2, detail, 0},
              {QStringLiteral("Simple ") + num(random.between(10, 25)) + QStringLiteral(" mm cyst in the ") + side +
                   QStringLiteral(" kidney; no follow-up needed."),
               QStringLiteral("There is a small fluid-filled cyst on your ") + side +
                   QStringLiteral(" kidney, which is harmless and needs no follow-up."),
               QStringLiteral("There is a growth on your ") + side + QStringLiteral(" kidney that needs more tests."),
               QStringLiteral("calls a simple cyst a growth"), 1, overstating, 1}}};
        break;
    }
    default: {
        const QString hb = num(random.between(88, 112));
        s = {
            QStringLiteral("iron deficiency anaemia"),
            QStringLiteral("Blood tests. Clinical details: ") + age + QStringLiteral(", tired for ") + weeks +
                QStringLiteral(" weeks."),
            QStringLiteral("What your blood test report says: "),
            {{QStringLiteral("Haemoglobin ") + hb + QStringLiteral(" g/L (low), MCV ") + num(random.between(68, 78)) +
                  QStringLiteral(" fL (low), ferritin ") + num(random.between(4, 12)) +
                  QStringLiteral(" micrograms/L (low)."),
              QStringLiteral("You are anaemic (haemoglobin ") + hb +
                  QStringLiteral(" g/L) because your body is short of iron."),
              QStringLiteral("Your blood count is normal."), QStringLiteral("reports anaemia as normal"), 3, detail, 3},
             {QStringLiteral("Recommend investigation for a source of blood loss, including the bowel."),
              QStringLiteral("You need tests to find out why, including checks of your bowel for bleeding."),
              QStringLiteral("This is caused by your diet and needs no further tests."),
              QStringLiteral("dismisses the search for blood loss"), 3, QStringLiteral("misleading_justification"),
              3}}};
        break;
    }
    }
    return s;
}

} // namespace concord::demo
