#include "model/package/packagesigning.h"

#include "model/package/annotatorpackage.h"
#include "model/studyfile/study.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

namespace concord {

namespace {

const QByteArray kKeyFileTag = QByteArrayLiteral("concord-ed25519-secret-key ");

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

Result<SigningKey> readKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read the package signing key: %2").arg(path, file.errorString())};
    const QByteArray text = file.readAll().trimmed();
    const QByteArray secret = QByteArray::fromBase64(text.mid(kKeyFileTag.size()));
    if (!text.startsWith(kKeyFileTag) || secret.size() != int(crypto_sign_SECRETKEYBYTES))
        return Error{QStringLiteral("%1: not a Concord package signing key").arg(path)};
    SigningKey key;
    key.secretKey = secret;
    key.publicKey = secret.right(int(crypto_sign_PUBLICKEYBYTES));
    return key;
}

// Created with O_EXCL and mode 0600 in one call, so the private key is never readable by others, and a key another
// process created meanwhile is kept (and read) instead of replaced.
Result<SigningKey> createKeyFile(const QString &path)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error{QStringLiteral("%1: cannot create the folder of the package signing key").arg(path)};
    SigningKey key;
    key.publicKey.resize(int(crypto_sign_PUBLICKEYBYTES));
    key.secretKey.resize(int(crypto_sign_SECRETKEYBYTES));
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(key.publicKey.data()),
                        reinterpret_cast<unsigned char *>(key.secretKey.data()));
    const QByteArray encoded = QFile::encodeName(path);
    const int fd = ::open(encoded.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return readKeyFile(path);
        return Error{QStringLiteral("%1: cannot create the package signing key: %2")
                         .arg(path, QString::fromLocal8Bit(strerror(errno)))};
    }
    const QByteArray text = kKeyFileTag + key.secretKey.toBase64() + '\n';
    const bool written = ::write(fd, text.constData(), size_t(text.size())) == text.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        QFile::remove(path);
        return Error{QStringLiteral("%1: cannot write the package signing key").arg(path)};
    }
    return key;
}

} // namespace

QString signingKeyPath(const QString &annotatorUuid)
{
    QString folder = qEnvironmentVariable("CONCORD_SIGNING_KEY_DIR");
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    // A uuid from the file names the key file: only its hex digits and dashes are kept.
    QString name = annotatorUuid;
    name.remove(QRegularExpression(QStringLiteral("[^0-9A-Fa-f-]")));
    return QDir(folder).filePath(QStringLiteral("signing-key-%1.ed25519").arg(name));
}

Result<SigningKey> machineSigningKey(const QString &annotatorUuid)
{
    if (!sodiumReady())
        return Error{QStringLiteral("the signature library (libsodium) cannot be initialised")};
    static QMutex mutex;
    static QHash<QString, SigningKey> loaded; // by path: tests switch keys through the environment
    const QString path = signingKeyPath(annotatorUuid);
    QMutexLocker locker(&mutex);
    if (auto it = loaded.constFind(path); it != loaded.constEnd())
        return *it;
    auto key = QFileInfo::exists(path) ? readKeyFile(path) : createKeyFile(path);
    if (!key.ok())
        return key.error();
    loaded.insert(path, key.value());
    return key;
}

QByteArray packageSignedMessage(const QString &studyUuid, const QString &annotatorUuid, const QString &auditHead)
{
    return QByteArrayLiteral("concord annotator package v1\n") + studyUuid.toUtf8() + '\n' + annotatorUuid.toUtf8() +
           '\n' + auditHead.toUtf8() + '\n';
}

QByteArray signDetached(const SigningKey &key, const QByteArray &message)
{
    QByteArray signature(int(crypto_sign_BYTES), '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(message.constData()),
                         static_cast<unsigned long long>(message.size()),
                         reinterpret_cast<const unsigned char *>(key.secretKey.constData()));
    return signature;
}

bool verifyDetached(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    if (!sodiumReady() || publicKey.size() != int(crypto_sign_PUBLICKEYBYTES) ||
        signature.size() != int(crypto_sign_BYTES))
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.constData()),
                                       reinterpret_cast<const unsigned char *>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char *>(publicKey.constData())) == 0;
}

Status signPackageHead(Study &package, const QString &auditHead)
{
    const QString annotatorUuid = package.meta(QString(kPackageAnnotatorUuidMeta));
    auto key = machineSigningKey(annotatorUuid);
    if (!key.ok())
        return key.error();
    const QByteArray message =
        packageSignedMessage(package.meta(QString(kPackageStudyUuidMeta)), annotatorUuid, auditHead);
    if (Status status =
            package.setMeta(QString(kPackageSigningKeyMeta), QString::fromLatin1(key->publicKey.toBase64()));
        !status.ok())
        return status;
    return package.setMeta(QString(kPackageSignatureMeta),
                           QString::fromLatin1(signDetached(key.value(), message).toBase64()));
}

} // namespace concord
