#pragma once

#include "model/domain/result.h"

#include <QString>
#include <optional>

namespace concord {

class Study;

// Physicians' package signing keys (annotator_key, append-only): the first recorded at their first signed merge
// (trust on first use), a later one when the study lead accepts a new key. The latest is the current one.

// The physician's current key (base64); empty when none is recorded.
Result<QString> currentAnnotatorKey(const Study &study, const QString &annotatorUuid);
// The uuid of the physician the key is recorded for, if it is recorded (a key belongs to one physician).
Result<std::optional<QString>> annotatorOfKey(const Study &study, const QString &publicKey);
// Records a key as the physician's current one.
Status recordAnnotatorKey(Study &study, const QString &annotatorUuid, const QString &publicKey);

} // namespace concord
