#include "model/package/packagetrust.h"

#include "model/package/annotatorpackage.h"
#include "model/package/packagesigning.h"
#include "model/studyfile/auditcoverage.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace concord {

namespace {

const QString kTampered = QStringLiteral("it has been tampered with: ");

// The heads of the packages this study made for the physician; `legacy` when one was made before heads were kept.
Status madePackageHeads(const Study &study, const QString &annotatorUuid, QSet<QString> &heads, bool &legacy)
{
    auto entries = study.exec(QStringLiteral("SELECT details_json FROM audit_log WHERE action = 'package'"));
    if (!entries.ok())
        return entries.error();
    while (entries->next()) {
        const QJsonObject details = QJsonDocument::fromJson(entries->value(0).toString().toUtf8()).object();
        if (details.value(QStringLiteral("annotator_uuid")).toString() != annotatorUuid)
            continue;
        const QString head = details.value(QStringLiteral("package_head")).toString();
        if (head.isEmpty())
            legacy = true;
        else
            heads.insert(head);
    }
    return {};
}

Result<QString> annotatorNameOf(const Study &study, const QString &uuid)
{
    auto row = study.exec(QStringLiteral("SELECT name FROM annotator WHERE uuid = ?"), {uuid});
    if (!row.ok())
        return row.error();
    return row->next() ? row->value(0).toString() : uuid;
}

} // namespace

Result<PackageTrust> verifyPackageTrust(const Study &study, const Study &package, const QString &annotatorUuid,
                                        const QString &annotatorName, bool acceptNewKey, bool *newKeyRefused)
{
    const QString head = auditHead(package);

    QSet<QString> madeHeads;
    bool legacy = false;
    if (Status status = madePackageHeads(study, annotatorUuid, madeHeads, legacy); !status.ok())
        return status.error();

    // Made from this study's history (a package made before heads were kept records none).
    const QString origin = package.meta(QString(kPackageStudyHeadMeta));
    if (origin.isEmpty() && !legacy)
        return Error{kTampered + QStringLiteral("it does not record the state of the study it was made from")};
    if (!origin.isEmpty()) {
        auto known = study.exec(QStringLiteral("SELECT 1 FROM audit_log WHERE hash = ?"), {origin});
        if (!known.ok())
            return known.error();
        if (!known->next())
            return Error{QStringLiteral("it was not made from this study (the study's audit log does not hold the"
                                        " head %1 it was made from)")
                             .arg(origin)};
    }

    // Made by this study for this physician: its log holds the head the study recorded when it made it.
    qint64 madeEntry = 0;
    if (!madeHeads.isEmpty() || !legacy) {
        auto entries = package.exec(QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id"));
        if (!entries.ok())
            return entries.error();
        while (entries->next()) {
            if (madeHeads.contains(entries->value(1).toString()))
                madeEntry = entries->value(0).toLongLong();
        }
        if (madeEntry == 0)
            return Error{QStringLiteral("it is not a package this study made for '%1' (relabelled, or rebuilt: its"
                                        " audit log does not hold the head recorded when it was made)")
                             .arg(annotatorName)};
    } else {
        auto made = package.exec(QStringLiteral("SELECT max(id) FROM audit_log WHERE action = 'package'"));
        if (!made.ok())
            return made.error();
        madeEntry = made->next() ? made->value(0).toLongLong() : 0;
    }
    auto later = package.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE id > ?"), {madeEntry});
    if (!later.ok())
        return later.error();
    const qint64 writtenSinceMade = later->next() ? later->value(0).toLongLong() : 0;

    // Signed by the physician, with the key the study knows for them.
    auto recorded = study.exec(
        QStringLiteral("SELECT public_key FROM annotator_key WHERE annotator_uuid = ? ORDER BY id DESC LIMIT 1"),
        {annotatorUuid});
    if (!recorded.ok())
        return recorded.error();
    const QString recordedKey = recorded->next() ? recorded->value(0).toString() : QString();
    const QString signature = package.meta(QString(kPackageSignatureMeta));
    const QString publicKey = package.meta(QString(kPackageSigningKeyMeta));
    PackageTrust trust;
    if (signature.isEmpty()) {
        if (writtenSinceMade > 0 && !recordedKey.isEmpty())
            return Error{QStringLiteral("it is not signed, but the packages of '%1' are signed with the key this study"
                                        " recorded at their first merge")
                             .arg(annotatorName)};
        if (writtenSinceMade > 0)
            return Error{kTampered + QStringLiteral("it holds work written after it was made, but no signature")};
    } else {
        const QByteArray message =
            packageSignedMessage(package.meta(QString(kPackageStudyUuidMeta)), annotatorUuid, head);
        if (!verifyDetached(QByteArray::fromBase64(publicKey.toLatin1()), message,
                            QByteArray::fromBase64(signature.toLatin1())))
            return Error{kTampered + QStringLiteral("its signature does not match its contents (changed after it was"
                                                    " signed)")};
        auto owner =
            study.exec(QStringLiteral("SELECT annotator_uuid FROM annotator_key WHERE public_key = ?"), {publicKey});
        if (!owner.ok())
            return owner.error();
        if (owner->next() && owner->value(0).toString() != annotatorUuid) {
            auto other = annotatorNameOf(study, owner->value(0).toString());
            if (!other.ok())
                return other.error();
            return Error{QStringLiteral("it is signed with the key of another physician ('%1'), not of '%2'")
                             .arg(other.value(), annotatorName)};
        }
        const bool newKey = !recordedKey.isEmpty() && recordedKey != publicKey;
        if (newKey && !acceptNewKey) {
            if (newKeyRefused)
                *newKeyRefused = true;
            return Error{QStringLiteral("it is signed with another key than the one this study recorded for '%1' at"
                                        " their first merge (if they now work on another computer, confirm with"
                                        " them and merge with --accept-new-key)")
                             .arg(annotatorName)};
        }
        trust.publicKey = publicKey;
        trust.recordKey = recordedKey.isEmpty() || newKey;
        if (newKey)
            trust.replacedKey = recordedKey;
    }

    // Every row covered by the package's audit log, and its last entry the last one written.
    auto coverage = verifyCoverage(package);
    if (!coverage.ok())
        return coverage.error();
    if (!coverage->isEmpty())
        return Error{kTampered + coverage->front()};
    if (package.meta(QString(kAuditHeadMeta)) != head)
        return Error{kTampered + QStringLiteral("its last audit entry is not the last one written")};
    return trust;
}

Status recordPackageKey(Study &study, const QString &annotatorUuid, const QString &publicKey)
{
    auto inserted = study.exec(QStringLiteral("INSERT INTO annotator_key (annotator_uuid, public_key, recorded_at)"
                                              " VALUES (?, ?, ?)"),
                               {annotatorUuid, publicKey, Study::nowUtc()});
    if (!inserted.ok())
        return inserted.error();
    return {};
}

} // namespace concord
