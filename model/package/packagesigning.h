#pragma once

// Ed25519 signatures of annotator packages, with libsodium. Each physician's machine creates a key pair
// (for them) the first time it writes to their package; the private key stays in their configuration folder (0600).
// Every audit entry written in a package re-signs the package's audit head, so a package edited afterwards, even with
// its whole audit chain recomputed, no longer matches its signature. The study records a physician's public key at the
// first merge of a signed package (trust on first use) and refuses their later packages signed with another key.
#include "model/domain/result.h"

#include <QByteArray>
#include <QString>

namespace concord {

class Study;

// Meta keys of a package: the signature of its audit head and the public key it verifies with (base64).
inline constexpr QLatin1String kPackageSignatureMeta{"package_signature"};
inline constexpr QLatin1String kPackageSigningKeyMeta{"package_signing_key"};

// Where this machine's private key for the physician is: signing-key-<annotator uuid>.ed25519 in
// $CONCORD_SIGNING_KEY_DIR when set (tests), otherwise in the application's configuration folder. One key per
// physician, so that two physicians sharing a computer account still sign apart.
QString signingKeyPath(const QString &annotatorUuid);

struct SigningKey
{
    QByteArray publicKey; // 32 bytes
    QByteArray secretKey; // 64 bytes (libsodium's form, the public key included)
};

// This machine's key for the physician, created (0600) on first use.
Result<SigningKey> machineSigningKey(const QString &annotatorUuid);

// What a package's signature covers: the study and the physician it is for, and its audit head.
QByteArray packageSignedMessage(const QString &studyUuid, const QString &annotatorUuid, const QString &auditHead);

QByteArray signDetached(const SigningKey &key, const QByteArray &message);
bool verifyDetached(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature);

// Signs the package's current audit head with this machine's key (inside the transaction of the entry).
Status signPackageHead(Study &package, const QString &auditHead);

} // namespace concord
