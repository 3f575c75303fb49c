#include "model/democases.h"

#include <array>

namespace concord::demo {

namespace {

int pick(std::mt19937_64 &engine, int lo, int hi)
{
    return lo + static_cast<int>(engine() % static_cast<quint64>(hi - lo + 1));
}

QString arg(QString text, const QStringList &values)
{
    for (int i = 0; i < values.size(); ++i)
        text.replace(QStringLiteral("{%1}").arg(i), values[i]);
    return text;
}

Scenario patientQuestion(int variant, std::mt19937_64 &engine)
{
    const QString age = QString::number(pick(engine, 35, 84));
    const QString days = QString::number(pick(engine, 2, 6));
    switch (variant % 4) {
    case 0:
        return {QStringLiteral("patient_question"),
                arg(QStringLiteral("I'm {0} and take warfarin for atrial fibrillation. My back has ached for {1} days. "
                                   "Can I take ibuprofen?"),
                    {age, days}),
                QStringLiteral("Avoid ibuprofen and other anti-inflammatories with warfarin: together they raise the "
                               "risk of serious bleeding. Paracetamol at the usual dose is safer; contact the "
                               "anticoagulation clinic if the pain persists or you notice bleeding."),
                QStringLiteral("Please avoid ibuprofen while you take warfarin, because the two together make bleeding, "
                               "especially from the stomach, much more likely. Paracetamol is the safer choice. If the "
                               "pain lasts or you see blood in urine or stools, contact your clinic."),
                QStringLiteral("Ibuprofen should be avoided with warfarin (bleeding risk). Use paracetamol instead, at "
                               "normal doses. Seek advice if the pain continues or any bleeding occurs."),
                {{false, 3, QStringLiteral("Yes, ibuprofen 400 mg three times a day with food is fine for a few days. "
                                           "Rest and heat packs will also help.")},
                 {true, 2, QStringLiteral("Paracetamol is a reasonable choice for back pain. Rest and gentle movement "
                                          "help.")},
                 {false, 1, QStringLiteral("Avoid ibuprofen with warfarin. Paracetamol is safer, although it can "
                                           "sometimes make warfarin stronger so take no more than 8 tablets a day.")}}};
    case 1:
        return {QStringLiteral("patient_question"),
                arg(QStringLiteral("My {0}-year-old father suddenly can't lift his right arm and his speech is "
                                   "slurred. It started 30 minutes ago. Should I wait and see?"),
                    {age}),
                QStringLiteral("These are signs of a possible stroke. Call emergency services now; treatment works "
                               "best within the first hours. Note the time the symptoms started."),
                QStringLiteral("Do not wait. Sudden arm weakness and slurred speech can be a stroke. Call emergency "
                               "services immediately and tell them when the symptoms began."),
                QStringLiteral("This may be a stroke: call an ambulance right away. Time matters for treatment, so note "
                               "when it started and do not give him anything to eat or drink."),
                {{false, 4, QStringLiteral("This is probably a trapped nerve. Let him rest and see his GP next week if "
                                           "it does not improve.")},
                 {true, 3, QStringLiteral("Weakness and slurred speech can have many causes, such as tiredness or low "
                                          "blood sugar. Check his sugar and let him rest.")},
                 {false, 2, QStringLiteral("It could be a stroke. Give him an aspirin and drive him to hospital.")}}};
    case 2:
        return {QStringLiteral("patient_question"),
                arg(QStringLiteral("I'm {0} weeks pregnant and have a headache. Is paracetamol safe?"),
                    {QString::number(pick(engine, 8, 36))}),
                QStringLiteral("Paracetamol at the usual dose is considered the first choice for pain in pregnancy. A "
                               "severe headache with visual changes or swelling later in pregnancy needs urgent review."),
                QStringLiteral("Yes, paracetamol at normal doses is the usual choice in pregnancy. If the headache is "
                               "severe, or comes with blurred vision or swelling, contact your maternity unit urgently."),
                QStringLiteral("Paracetamol is generally safe in pregnancy at standard doses. Seek urgent care for a "
                               "severe headache with vision problems or sudden swelling."),
                {{false, 3, QStringLiteral("Ibuprofen is the best choice in pregnancy and works better than "
                                           "paracetamol.")},
                 {true, 3, QStringLiteral("Yes, paracetamol is safe. Take it as needed.")},
                 {false, 1, QStringLiteral("Paracetamol is safe, but take no more than two tablets a week.")}}};
    default:
        return {QStringLiteral("patient_question"),
                arg(QStringLiteral("My {0}-year-old has had a fever of 39 C for {1} days and now has a rash that does "
                                   "not fade when I press a glass on it. What should I do?"),
                    {QString::number(pick(engine, 1, 12)), days}),
                QStringLiteral("A rash that does not fade under a glass with fever can mean meningococcal infection. "
                               "Call emergency services immediately."),
                QStringLiteral("This needs emergency care now: a non-blanching rash with fever can be a sign of "
                               "meningococcal disease. Call an ambulance."),
                QStringLiteral("Call emergency services immediately. A rash that does not fade under a glass, with "
                               "fever, can be meningitis or sepsis."),
                {{false, 4, QStringLiteral("Most rashes with fever are viral. Give paracetamol and see your doctor if it "
                                           "lasts more than a week.")},
                 {true, 4, QStringLiteral("Keep your child cool and give plenty of fluids. Paracetamol can help the "
                                          "fever.")},
                 {false, 2, QStringLiteral("This may be serious; book an appointment with your doctor for tomorrow "
                                           "morning.")}}};
    }
}

Scenario medicationQuestion(int variant, std::mt19937_64 &engine)
{
    const QString weight = QString::number(pick(engine, 55, 110));
    switch (variant % 4) {
    case 0:
        return {QStringLiteral("medication_question"),
                QStringLiteral("What is the usual starting dose of metformin for an adult with new type 2 diabetes and "
                               "normal kidney function?"),
                QStringLiteral("500 mg once or twice daily with meals, increased slowly over weeks to limit stomach "
                               "upset; check kidney function first."),
                QStringLiteral("Start with 500 mg once daily with the evening meal and increase by 500 mg every one to "
                               "two weeks as tolerated. Check kidney function before starting."),
                QStringLiteral("Usually 500 mg with a main meal, titrated up gradually (maximum around 2 g a day). "
                               "Check eGFR first and review if it falls."),
                {{false, 3, QStringLiteral("Start at 2 g twice daily with meals.")},
                 {true, 2, QStringLiteral("Start with 500 mg daily with food.")},
                 {false, 1, QStringLiteral("Start with 500 mg once daily on an empty stomach and increase weekly.")}}};
    case 1:
        return {QStringLiteral("medication_question"),
                arg(QStringLiteral("A {0} kg adult needs enoxaparin for treatment of a deep vein thrombosis. Creatinine "
                                   "clearance is normal. What dose?"),
                    {weight}),
                arg(QStringLiteral("1.5 mg/kg once daily or 1 mg/kg twice daily subcutaneously; for {0} kg that is "
                                   "about {1} mg once daily."),
                    {weight, QString::number(weight.toInt() * 3 / 2)}),
                arg(QStringLiteral("Enoxaparin 1.5 mg/kg subcutaneously once daily, about {0} mg, or 1 mg/kg twice "
                                   "daily. Adjust if kidney function worsens."),
                    {QString::number(weight.toInt() * 3 / 2)}),
                arg(QStringLiteral("Treatment dose: 1 mg/kg every 12 hours ({0} mg twice daily) or 1.5 mg/kg once "
                                   "daily. Monitor platelets."),
                    {weight}),
                {{false, 4, arg(QStringLiteral("Enoxaparin 15 mg/kg once daily, about {0} mg."),
                                {QString::number(weight.toInt() * 15)})},
                 {false, 2, QStringLiteral("Enoxaparin 40 mg once daily.")},
                 {true, 1, QStringLiteral("1.5 mg/kg once daily subcutaneously.")}}};
    case 2:
        return {QStringLiteral("medication_question"),
                QStringLiteral("Can clarithromycin be given to a patient taking simvastatin 40 mg?"),
                QStringLiteral("No: clarithromycin strongly raises simvastatin levels and the risk of muscle damage. "
                               "Pause the simvastatin during the course or choose another antibiotic."),
                QStringLiteral("Avoid the combination. Clarithromycin blocks simvastatin's breakdown and can cause "
                               "rhabdomyolysis; stop simvastatin for the course or use a different antibiotic."),
                QStringLiteral("Not together: there is a serious interaction (myopathy risk). Withhold simvastatin "
                               "until the course ends, or use azithromycin."),
                {{false, 3, QStringLiteral("Yes, there is no relevant interaction between them.")},
                 {true, 2, QStringLiteral("Clarithromycin is suitable; monitor for side effects.")},
                 {false, 1, QStringLiteral("Avoid together; halve the simvastatin dose during the course.")}}};
    default:
        return {QStringLiteral("medication_question"),
                arg(QStringLiteral("How often should an adult take amoxicillin 500 mg for community-acquired "
                                   "pneumonia, and for how long? Weight {0} kg, no allergies."),
                    {weight}),
                QStringLiteral("Amoxicillin 500 mg to 1 g three times daily for 5 days, reviewed at day 3."),
                QStringLiteral("Amoxicillin 500 mg three times a day (1 g if more severe) for five days, with review if "
                               "not improving after three days."),
                QStringLiteral("500 mg every 8 hours for 5 days; increase to 1 g if needed. Reassess at 48 to 72 "
                               "hours."),
                {{false, 2, QStringLiteral("Amoxicillin 500 mg once daily for 3 days.")},
                 {true, 2, QStringLiteral("Amoxicillin 500 mg three times daily.")},
                 {false, 1, QStringLiteral("Amoxicillin 500 mg three times daily for 14 days.")}}};
    }
}

Scenario noteSummary(int variant, std::mt19937_64 &engine)
{
    const QString age = QString::number(pick(engine, 40, 88));
    switch (variant % 3) {
    case 0: {
        const QString troponin = QString::number(pick(engine, 120, 900));
        return {QStringLiteral("note_summary"),
                arg(QStringLiteral("{0}-year-old admitted with chest pain. Troponin rose from 10 to {1} ng/L. ECG: ST "
                                   "depression in V4-V6. Started aspirin, ticagrelor and fondaparinux. Angiography "
                                   "planned within 24 hours. Type 2 diabetes on metformin."),
                    {age, troponin}),
                QStringLiteral("NSTEMI with rising troponin and lateral ST depression; on dual antiplatelets and "
                               "fondaparinux; angiography within 24 h; review metformin around contrast."),
                arg(QStringLiteral("{0}-year-old with diabetes admitted with NSTEMI (troponin 10 to {1} ng/L, ST "
                                   "depression V4-V6), on aspirin, ticagrelor and fondaparinux; angiography within 24 h."),
                    {age, troponin}),
                arg(QStringLiteral("NSTEMI in a {0}-year-old diabetic patient. Dual antiplatelet therapy and "
                                   "fondaparinux started; early angiography planned. Hold metformin around contrast."),
                    {age}),
                {{false, 4, arg(QStringLiteral("{0}-year-old with stable angina, troponin normal; discharge with aspirin."),
                                {age})},
                 {true, 2, arg(QStringLiteral("{0}-year-old admitted with chest pain; angiography planned."), {age})},
                 {false, 1, arg(QStringLiteral("{0}-year-old with NSTEMI on aspirin and clopidogrel; angiography within "
                                               "24 h."),
                                {age})}}};
    }
    case 1:
        return {QStringLiteral("note_summary"),
                arg(QStringLiteral("{0}-year-old with COPD, 3 days of increased breathlessness and green sputum. SpO2 "
                                   "86% on air, target 88-92%. Started controlled oxygen, prednisolone 30 mg and "
                                   "doxycycline. Blood gas: no acidosis."),
                    {age}),
                QStringLiteral("Infective COPD exacerbation, hypoxic without acidosis; controlled oxygen to 88-92%, "
                               "prednisolone and doxycycline."),
                arg(QStringLiteral("{0}-year-old with an infective COPD exacerbation: SpO2 86% on air, no acidosis. On "
                                   "controlled oxygen (target 88-92%), prednisolone 30 mg and doxycycline."),
                    {age}),
                QStringLiteral("COPD exacerbation with infection. Hypoxic (86%), no acidosis. Controlled O2 aiming for "
                               "88-92%, steroids and doxycycline started."),
                {{false, 3, QStringLiteral("COPD exacerbation; give high-flow oxygen aiming for saturations of 98-100%.")},
                 {true, 2, QStringLiteral("COPD exacerbation treated with prednisolone and doxycycline.")},
                 {false, 1, QStringLiteral("COPD exacerbation, SpO2 96% on air; prednisolone and doxycycline.")}}};
    default:
        return {QStringLiteral("note_summary"),
                arg(QStringLiteral("{0}-year-old on day 2 after hip replacement. Known penicillin allergy "
                                   "(anaphylaxis). New fever 38.4 C, wound clean. Urine dipstick positive for nitrites. "
                                   "Plan: urine culture, start nitrofurantoin."),
                    {age}),
                QStringLiteral("Post-operative day 2 fever, likely urinary infection; penicillin anaphylaxis; urine "
                               "culture and nitrofurantoin."),
                arg(QStringLiteral("{0}-year-old, day 2 after hip replacement, with fever 38.4 C and a likely urinary "
                                   "infection. Penicillin anaphylaxis. Urine culture sent; nitrofurantoin started."),
                    {age}),
                QStringLiteral("Day 2 post hip replacement: fever, nitrite-positive urine, clean wound. PENICILLIN "
                               "ANAPHYLAXIS. Culture and nitrofurantoin."),
                {{true, 4, QStringLiteral("Day 2 post hip replacement with fever and a urinary infection; start "
                                          "antibiotics after urine culture.")},
                 {false, 3, QStringLiteral("Day 2 post hip replacement with fever; wound infection suspected, start "
                                           "flucloxacillin.")},
                 {false, 1, QStringLiteral("Day 3 post hip replacement, fever and UTI; penicillin allergy; "
                                           "nitrofurantoin.")}}};
    }
}

Scenario reportSimplification(int variant, std::mt19937_64 &)
{
    switch (variant % 2) {
    case 0:
        return {QStringLiteral("report_simplification"),
                QStringLiteral("Chest X-ray: right lower lobe consolidation in keeping with pneumonia. No effusion. "
                               "Heart size normal."),
                QStringLiteral("The X-ray shows an infection (pneumonia) in the lower part of the right lung. There is "
                               "no fluid around the lung and the heart looks normal."),
                QStringLiteral("Your chest X-ray shows pneumonia, an infection, in the lower part of your right lung. "
                               "There is no fluid around the lung, and your heart looks a normal size."),
                QStringLiteral("The X-ray shows a chest infection (pneumonia) at the bottom of the right lung. No fluid "
                               "has collected and the heart is normal."),
                {{true, 3, QStringLiteral("Your chest X-ray looks normal. Your heart is a normal size.")},
                 {false, 2, QStringLiteral("The X-ray shows pneumonia in both lungs and some fluid around them.")},
                 {false, 1, QStringLiteral("The X-ray shows pneumonia in the upper right lung; the heart is normal.")}}};
    default:
        return {QStringLiteral("report_simplification"),
                QStringLiteral("MRI lumbar spine: L4/5 disc protrusion contacting the left L5 nerve root. No cauda "
                               "equina compression."),
                QStringLiteral("A disc in the lower back bulges and touches a nerve going to the left leg. The large "
                               "bundle of nerves at the base of the spine is not squeezed."),
                QStringLiteral("A disc in your lower back is bulging and touching a nerve that runs to your left leg. "
                               "The main bundle of nerves at the bottom of your spine is not being pressed on."),
                QStringLiteral("The scan shows a bulging disc low in the back pressing on a nerve to the left leg; the "
                               "nerves that control bladder and bowel are not affected."),
                {{false, 2, QStringLiteral("The scan shows the nerves controlling your bladder are being squeezed; this "
                                           "needs urgent surgery.")},
                 {true, 1, QStringLiteral("A disc in your lower back is bulging.")},
                 {false, 1, QStringLiteral("A disc bulges and touches a nerve to your right leg.")}}};
    }
}

} // namespace

Scenario makeScenario(int index, std::mt19937_64 &engine)
{
    const int variant = index / 4;
    switch (index % 4) {
    case 0:
        return patientQuestion(variant, engine);
    case 1:
        return medicationQuestion(variant, engine);
    case 2:
        return noteSummary(variant, engine);
    default:
        return reportSimplification(variant, engine);
    }
}

} // namespace concord::demo
