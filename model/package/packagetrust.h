#pragma once

// Whether an annotator package can be trusted at merge, beyond its audit chain: it was made by this study
// for this physician (the study's "package" entry records the package's head, and the package records the study's
// head), every row in it is covered by its audit log, and what the physician wrote in it is signed with their key —
// the key the study recorded at their first signed merge (trust on first use).
#include "model/domain/result.h"

#include <QString>

namespace concord {

class Study;

struct PackageTrust
{
    QString publicKey;      // base64; empty for a package nothing was written in since it was made
    bool recordKey = false; // the physician's first signed package, or a new key accepted: the merge records it
    QString replacedKey;    // the key a new one replaces
};

// The refusal's reason, as merge prints it after "not merged: ". acceptNewKey: a package signed with another key than
// the one recorded for the physician is accepted and its key becomes theirs (the lead confirmed a new computer);
// without it, such a package is refused and *newKeyRefused (when given) set, so that the GUI can ask.
Result<PackageTrust> verifyPackageTrust(const Study &study, const Study &package, const QString &annotatorUuid,
                                        const QString &annotatorName, bool acceptNewKey = false,
                                        bool *newKeyRefused = nullptr);

// Records the physician's key in the study (inside the merge's transaction).
Status recordPackageKey(Study &study, const QString &annotatorUuid, const QString &publicKey);

} // namespace concord
