#pragma once

// The demo study's clinical vocabulary: drugs with their regimens and interactions, patient presentations with
// their red flags, and clinical notes and reports as lists of facts. Written for Concord; synthetic teaching
// material, not clinical advice. Used by democases.cpp only.
#include "model/demo/democases.h"

#include <QString>
#include <QVector>

namespace concord::demo {

struct Drug
{
    QString name;
    QString indication;
    QString regimen;    // the usual adult regimen
    QString monitoring; // what to check
    int monitoringSeverity;
    QString wrongRegimen; // a concrete dosing or interval error
    QString wrongDescription;
    int wrongSeverity;
    QString slip; // a wrong practical detail
    QString slipDescription;
    int slipSeverity;
    QString partner; // a drug that interacts
    QString partnerReason;
    QString interaction;
    QString interactionAdvice;
    int interactionSeverity;
};

const QVector<Drug> &drugs();

struct RedFlag
{
    QString narrative; // placeholders: age, minutes, hours, days, weeks, relative, subject, object, possessive, child
    QString concern;
    QString action;
    QString detail;
    QString benignGuess;
    QString homeCare;
    int missSeverity;
    QString slip;
    QString slipDescription;
    int slipSeverity;
};

const QVector<RedFlag> &redFlags();

struct SelfCare
{
    QString narrative;
    QString advice;
    QString safetyNet;
    int safetyNetSeverity;
    QString wrong;
    QString wrongCategory;
    QString wrongDescription;
    int wrongSeverity;
    QString dose;
    QString doseDescription;
    int doseSeverity;
};

const QVector<SelfCare> &selfCare();

struct Fact
{
    QString note;    // as written in the source
    QString summary; // as a correct summary states it
    QString wrong;   // a wrong version of the summary phrase; empty when the fact cannot usefully be corrupted
    QString wrongDescription;
    int wrongSeverity;
    QString wrongCategory;
    int omissionSeverity; // 0: may be left out without harm
};

struct FactSheet
{
    QString topic;
    QString opening;        // first sentence of the source
    QString summaryOpening; // first words of a summary
    QVector<Fact> facts;
};

// A clinical note to summarise (note_summary) and a report to explain to a patient (report_simplification), with
// their details (ages, sides, results) drawn from `random`.
FactSheet clinicalNote(Random &random);
FactSheet report(Random &random);

QString num(int value);
QString capitalised(QString text);

} // namespace concord::demo
