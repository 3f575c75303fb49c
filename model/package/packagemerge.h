#pragma once

// Merging an annotator package (model/package/annotatorpackage.h) back into its study.
#include "model/domain/result.h"

#include <QString>
#include <QStringList>

namespace concord {

class Study;

struct MergeSummary
{
    QString annotator;
    QString package; // the package's file name
    qint64 newEvents = 0;
    qint64 alreadyPresent = 0; // rating events, notes and spans the study already had (identical)
    qint64 newNotes = 0;
    qint64 newSpans = 0;
    qint64 spansRemoved = 0; // spans the study had that the physician has since removed in the package
    // (response, axis) pairs this merge touched on which physicians' current values now differ: the candidates for
    // adjudication.
    qint64 conflicts = 0;
    // Merged, but maybe not what was meant (model/package/packageintake.h): one line each, without the file name.
    QStringList warnings;
};

// Adds the package's rating events, notes and error spans that the study does not have yet, in one transaction,
// in the package's order (so the latest event stays the latest), with references mapped by uuid. Nothing in the
// study is overwritten and the package file is never modified. Merging the same package again adds nothing; the
// order in which several physicians' packages are merged does not change the result.
//
// Refused, with one line naming the file and the reason, and the study unchanged, when the file is not a study, is
// a study but not a package, is a package of another study, uses a rubric version the study does not have, names an
// annotator, comparison or response the study does not have, holds another physician's data, or has been tampered
// with (its audit chain is broken, or a rating event lacks an audit entry whose digest matches it), or when a uuid
// the study already has comes with different content.
//
// A package is also refused when it was not made by this study for its physician, when rows in it are not covered
// by its audit log, or when it is not signed by the physician's key (model/package/packagetrust.h); acceptNewKey lets a
// package signed with another key than the one recorded for its physician through, recording the new key. Refused
// only for that reason, *newKeyRefused (when given) is set: the caller may ask the study lead and merge again.
Result<MergeSummary> mergePackage(Study &study, const QString &packagePath, const QString &actor,
                                  bool acceptNewKey = false, bool *newKeyRefused = nullptr);

} // namespace concord
