#include "model/package/packagetrust.h"

#include "model/package/annotatorpackage.h"
#include "model/package/packagesigning.h"
#include "model/store/annotatorkeystore.h"
#include "model/store/annotatorstore.h"
#include "model/studyfile/auditcoverage.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QJsonObject>
#include <QSet>

namespace concord {

namespace {

const QString kTampered = QStringLiteral("it has been tampered with: ");

// The heads of the packages this study made for the physician; `legacy` when one was made before heads were kept.
Status madePackageHeads(const Study &study, const QString &annotatorUuid, QSet<QString> &heads, bool &legacy)
{
    auto entries = auditEntriesOf(study, {QStringLiteral("package")});
    if (!entries.ok())
        return entries.error();
    for (const AuditEntryDetails &entry : entries.value()) {
        if (entry.details.value(QStringLiteral("annotator_uuid")).toString() != annotatorUuid)
            continue;
        const QString head = entry.details.value(QStringLiteral("package_head")).toString();
        if (head.isEmpty())
            legacy = true;
        else
            heads.insert(head);
    }
    return {};
}

Result<QString> annotatorNameOf(const Study &study, const QString &uuid)
{
    auto annotator = annotatorByUuid(study, uuid);
    if (!annotator.ok())
        return annotator.error();
    return annotator.value() ? annotator.value()->name : uuid;
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
        auto known = auditLogHoldsHash(study, origin);
        if (!known.ok())
            return known.error();
        if (!known.value())
            return Error{QStringLiteral("it was not made from this study (the study's audit log does not hold the"
                                        " head %1 it was made from)")
                             .arg(origin)};
    }

    // Made by this study for this physician: its log holds the head the study recorded when it made it.
    qint64 madeEntry = 0;
    if (!madeHeads.isEmpty() || !legacy) {
        auto made = latestAuditEntryWithHash(package, madeHeads);
        if (!made.ok())
            return made.error();
        madeEntry = made.value();
        if (madeEntry == 0)
            return Error{QStringLiteral("it is not a package this study made for '%1' (relabelled, or rebuilt: its"
                                        " audit log does not hold the head recorded when it was made)")
                             .arg(annotatorName)};
    } else {
        auto made = latestAuditEntryOf(package, QStringLiteral("package"));
        if (!made.ok())
            return made.error();
        madeEntry = made.value();
    }
    auto later = auditEntriesAfter(package, madeEntry);
    if (!later.ok())
        return later.error();
    const qint64 writtenSinceMade = later.value();

    // Signed by the physician, with the key the study knows for them.
    auto recorded = currentAnnotatorKey(study, annotatorUuid);
    if (!recorded.ok())
        return recorded.error();
    const QString recordedKey = recorded.value();
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
        auto owner = annotatorOfKey(study, publicKey);
        if (!owner.ok())
            return owner.error();
        if (owner.value() && *owner.value() != annotatorUuid) {
            auto other = annotatorNameOf(study, *owner.value());
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
    return recordAnnotatorKey(study, annotatorUuid, publicKey);
}

} // namespace concord
