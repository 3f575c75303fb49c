// Tampered annotator packages are refused at merge: rows edited, deleted or added with or without a
// matching audit entry, the chain recomputed, a package relabelled as another physician's, and packages signed with
// another key or not at all after a signed one. Each refusal is one line naming the file, and leaves the study as it
// was.
#include "model/package/packagemerge.h"
#include "model/package/packagesigning.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/studycheck.h"
#include "tests/model/package/packagestudyfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace concord;
using namespace concord::packagetest;

namespace {

// The audit entry hash as model/studyfile/auditlog.cpp computes it: someone rewriting the chain knows it from the
// source.
QString forgedEntryHash(const QStringList &parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part : parts) {
        const QByteArray bytes = part.toUtf8();
        hash.addData(QByteArray(QByteArray::number(bytes.size()) + ':'));
        hash.addData(bytes);
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString quoted(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
}

} // namespace

class TestPackageTampering : public QObject, private PackageStudyFixture
{
    Q_OBJECT

private:
    // A copy of the package changed with plain SQL, every trigger dropped meanwhile and re-created as it was.
    QString tamperedCopy(const QString &source, const QString &name, const QStringList &statements)
    {
        const QString copy = path(name);
        if (!QFile::copy(source, copy))
            return {};
        RawFile raw(copy, true);
        const QStringList names = raw.column(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger'"));
        const QStringList sql = raw.column(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger'"));
        for (const QString &trigger : names) {
            if (!raw.exec(QStringLiteral("DROP TRIGGER ") + trigger))
                return {};
        }
        for (const QString &statement : statements) {
            if (!raw.exec(statement))
                return {};
        }
        for (const QString &statement : sql) {
            if (!raw.exec(statement))
                return {};
        }
        return copy;
    }

    // Recomputes every rating entry's digest from the rows, then the whole chain and the copy of its head.
    static bool rewriteHistory(const QString &file)
    {
        QHash<QString, QString> digests;
        {
            auto package = Study::open(file, Study::Access::ReadOnly);
            if (!package.ok())
                return false;
            auto events = portableRatingEvents(*package.value());
            if (!events.ok())
                return false;
            for (const PortableRatingEvent &event : events.value())
                digests.insert(event.uuid, ratingEventDigest(event));
        }
        RawFile raw(file, true);
        if (!raw.exec(QStringLiteral("DROP TRIGGER audit_log_no_update")))
            return false;
        auto field = [&](const char *column) {
            return raw.column(QStringLiteral("SELECT %1 FROM audit_log ORDER BY id").arg(QLatin1String(column)));
        };
        const QStringList ids = field("id"), uuids = field("uuid"), ats = field("at"), actors = field("actor"),
                          actions = field("action"), coverages = field("coverage");
        QStringList details = field("details_json");
        QString previous(64, QLatin1Char('0'));
        for (qsizetype i = 0; i < ids.size(); ++i) {
            QJsonObject object = QJsonDocument::fromJson(details[i].toUtf8()).object();
            if (actions[i] == QStringLiteral("rating"))
                object.insert(QStringLiteral("digest"),
                              digests.value(object.value(QStringLiteral("event")).toString()));
            if (object.contains(QStringLiteral("events"))) {
                QJsonArray events;
                for (const QJsonValue &value : object.value(QStringLiteral("events")).toArray()) {
                    QJsonObject event = value.toObject();
                    event.insert(QStringLiteral("digest"),
                                 digests.value(event.value(QStringLiteral("event")).toString()));
                    events.append(event);
                }
                object.insert(QStringLiteral("events"), events);
            }
            details[i] = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
            QStringList parts{previous, uuids[i], ats[i], actors[i], actions[i], details[i]};
            if (!coverages[i].isEmpty())
                parts << coverages[i];
            const QString hash = forgedEntryHash(parts);
            if (!raw.exec(QStringLiteral("UPDATE audit_log SET details_json = %1, prev_hash = '%2', hash = '%3'"
                                         " WHERE id = %4")
                              .arg(quoted(details[i]), previous, hash, ids[i])))
                return false;
            previous = hash;
        }
        return raw.exec(QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'audit_head'").arg(previous)) &&
               raw.exec(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
                                       "SELECT RAISE(ABORT, 'audit_log is append-only'); END"));
    }

    // The merge is refused with one line naming the file and containing the reason; the study is unchanged.
    bool refused(const QString &file, const QString &reason)
    {
        if (file.isEmpty())
            return false;
        const QString countsBefore = rowCounts(*m_study);
        auto merged = mergePackage(*m_study, file, QStringLiteral("lead"));
        if (merged.ok()) {
            qWarning("%s was merged", qPrintable(file));
            return false;
        }
        const QString message = merged.errorMessage();
        const bool ok = message.startsWith(file + QStringLiteral(": not merged: ")) && message.contains(reason) &&
                        !message.contains(QLatin1Char('\n')) && rowCounts(*m_study) == countsBefore;
        if (!ok)
            qWarning("expected '%s' in: %s", qPrintable(reason), qPrintable(message));
        return ok;
    }

    QString annotated(int physician)
    {
        if (!makePackage(physician).ok() || !annotatePackage(physician).ok())
            return {};
        return packagePath(physician);
    }

private slots:
    void init() { createStudy(); }
    void cleanup()
    {
        removeStudy();
        qunsetenv("CONCORD_SIGNING_KEY_DIR");
    }

    void merge_acceptsSignedPackageAndRecordsItsKey()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        auto opened = Study::open(file, Study::Access::ReadOnly);
        CONCORD_VERIFY_OK(opened);
        const QString key = opened.value()->meta(QString(kPackageSigningKeyMeta));
        QVERIFY(!key.isEmpty());
        opened.value().reset();
        const QString keyFile = signingKeyPath(annotatorUuid(*m_study, 0));
        QCOMPARE(QFile::permissions(keyFile),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);

        CONCORD_VERIFY_OK(mergePackage(*m_study, file, QStringLiteral("lead")));
        QCOMPARE(rows(*m_study, QStringLiteral("SELECT public_key FROM annotator_key WHERE annotator_uuid = ?"),
                      {annotatorUuid(*m_study, 0)}),
                 QStringList{key});
        // The physician rates on with the same key: the next package is merged too.
        CONCORD_VERIFY_OK(rateAgain(file));
        auto second = mergePackage(*m_study, file, QStringLiteral("lead"));
        CONCORD_VERIFY_OK(second);
        QCOMPARE(second->newEvents, 1);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM annotator_key")), 1);
    }

    void merge_acceptsUnsignedPackageNothingWasWrittenIn()
    {
        CONCORD_VERIFY_OK(makePackage(2));
        auto merged = mergePackage(*m_study, packagePath(2), QStringLiteral("lead"));
        CONCORD_VERIFY_OK(merged);
        QCOMPARE(merged->newEvents, 0);
    }

    void merge_refusesPackageWithItsLastEventsDeleted()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        // The last two ratings and every audit entry from the first of theirs on, the head copy adjusted.
        const QString cut = QStringLiteral("(SELECT min(id) FROM audit_log WHERE action = 'rating' AND id >= (SELECT"
                                           " id FROM audit_log WHERE action = 'rating' ORDER BY id DESC LIMIT 1"
                                           " OFFSET 1))");
        const QString copy = tamperedCopy(
            file, QStringLiteral("deleted.concord"),
            {QStringLiteral("DELETE FROM rating_event WHERE id IN (SELECT id FROM rating_event ORDER BY id DESC"
                            " LIMIT 2)"),
             QStringLiteral("DELETE FROM annotation_note"), QStringLiteral("DELETE FROM error_span"),
             QStringLiteral("DELETE FROM audit_log WHERE id >= %1").arg(cut),
             QStringLiteral("UPDATE meta SET value = (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)"
                            " WHERE key = 'audit_head'")});
        QVERIFY(refused(copy, QStringLiteral("tampered with: its signature does not match its contents")));
    }

    void merge_refusesPackageWithAnEventDeletedInTheMiddle()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = tamperedCopy(
            file, QStringLiteral("hole.concord"),
            {QStringLiteral("DELETE FROM rating_event WHERE id = (SELECT max(id) FROM rating_event) - 3")});
        QVERIFY(refused(copy, QStringLiteral("tampered with: rating events: the rows with ids")));
    }

    void merge_refusesForgedEventWithMatchingAuditDigest()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = tamperedCopy(
            file, QStringLiteral("forged.concord"),
            {QStringLiteral("INSERT INTO rating_event (uuid, annotator_id, response_id, axis_id, status, value,"
                            " rubric_version, created_at) SELECT 'e0000000-0000-4000-8000-000000000000', annotator_id,"
                            " response_id, axis_id, 'value', 1, rubric_version, created_at FROM rating_event"
                            " WHERE response_id IS NOT NULL LIMIT 1"),
             QStringLiteral("INSERT INTO audit_log (uuid, at, actor, action, details_json, prev_hash, hash)"
                            " VALUES ('f0000000-0000-4000-8000-000000000000', '2026-12-02T00:00:00Z', 'x', 'rating',"
                            " '{\"event\":\"e0000000-0000-4000-8000-000000000000\"}', '', 'forged')")});
        QVERIFY(rewriteHistory(copy));
        QVERIFY(refused(copy, QStringLiteral("tampered with: its signature does not match its contents")));
    }

    // The physician (or anyone) can check a package before sending it: `check` verifies its signature too.
    void check_reportsPackageChangedAfterItWasSigned()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        {
            auto package = Study::open(file, Study::Access::ReadOnly);
            CONCORD_VERIFY_OK(package);
            auto report = checkStudy(*package.value());
            CONCORD_VERIFY_OK(report);
            QVERIFY2(report->healthy(), qPrintable(report->problems.join(QStringLiteral(" | "))));
        }
        const QString copy = tamperedCopy(file, QStringLiteral("checked.concord"),
                                          {QStringLiteral("UPDATE rating_event SET comment = 'changed' WHERE id ="
                                                          " (SELECT max(id) FROM rating_event)")});
        QVERIFY(rewriteHistory(copy));
        auto package = Study::open(copy, Study::Access::ReadOnly);
        CONCORD_VERIFY_OK(package);
        auto report = checkStudy(*package.value());
        CONCORD_VERIFY_OK(report);
        QVERIFY2(report->problems.contains(QStringLiteral(
                     "package: its signature does not match its audit head (changed after it was signed)")),
                 qPrintable(report->problems.join(QStringLiteral(" | "))));
    }

    void merge_refusesChangedRatingWithNewDigest()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = tamperedCopy(file, QStringLiteral("changed.concord"),
                                          {QStringLiteral("UPDATE rating_event SET comment = 'changed' WHERE id ="
                                                          " (SELECT max(id) FROM rating_event)")});
        QVERIFY(rewriteHistory(copy));
        QVERIFY(refused(copy, QStringLiteral("tampered with: its signature does not match its contents")));
    }

    // Everything recomputed consistently by the app itself, without the physician's key: the old signature stays.
    void merge_refusesConsistentRewriteWithoutThePhysiciansKey()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = path(QStringLiteral("rewritten.concord"));
        QVERIFY(QFile::copy(file, copy));
        const QStringList signature = RawFile(copy).column(
            QStringLiteral("SELECT value FROM meta WHERE key IN ('package_signature', 'package_signing_key')"
                           " ORDER BY key"));
        QCOMPARE(signature.size(), 2);
        CONCORD_VERIFY_OK(rateAgain(copy, path(QStringLiteral("attacker"))));
        {
            RawFile raw(copy, true);
            QVERIFY(raw.exec(QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'package_signature'")
                                 .arg(quoted(signature[0]))));
            QVERIFY(raw.exec(QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'package_signing_key'")
                                 .arg(quoted(signature[1]))));
        }
        QVERIFY(refused(copy, QStringLiteral("tampered with: its signature does not match its contents")));
    }

    void merge_refusesNoteWithoutAuditEntry()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = tamperedCopy(
            file, QStringLiteral("note.concord"),
            {QStringLiteral("INSERT INTO annotation_note (uuid, annotator_id, comparison_id, kind, text, created_at)"
                            " SELECT 'c0000000-0000-4000-8000-000000000000', annotator_id, comparison_id, 'comment',"
                            " 'forged', created_at FROM annotation_note LIMIT 1")});
        QVERIFY(refused(copy, QStringLiteral("tampered with: comments and flags: 1 row(s)")));
    }

    void merge_refusesErrorSpanWithoutAuditEntry()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = tamperedCopy(
            file, QStringLiteral("span.concord"),
            {QStringLiteral("INSERT INTO error_span (uuid, response_id, annotator_id, start_offset, end_offset,"
                            " category, created_at) SELECT 'd0000000-0000-4000-8000-000000000000', response_id,"
                            " annotator_id, 1, 4, category, created_at FROM error_span LIMIT 1")});
        QVERIFY(refused(copy, QStringLiteral("tampered with: error spans: 1 row(s)")));
    }

    void merge_refusesSpanRemovalWithoutAuditEntry()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = tamperedCopy(file, QStringLiteral("removal.concord"),
                                          {QStringLiteral("UPDATE error_span SET removed_at = created_at")});
        QVERIFY(refused(copy, QStringLiteral("tampered with: error span removals")));
    }

    // Physician A's package made to look like physician B's, digests and chain recomputed.
    void merge_refusesPackageRelabelledAsAnotherPhysicians()
    {
        CONCORD_VERIFY_OK(makePackage(1));
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString other = annotatorUuid(*m_study, 1);
        const QString copy = tamperedCopy(
            file, QStringLiteral("relabelled.concord"),
            {QStringLiteral("UPDATE annotator SET uuid = %1, name = %2").arg(quoted(other), quoted(kPhysicians[1])),
             QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'package_annotator_uuid'").arg(quoted(other)),
             QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'package_annotator'").arg(quoted(kPhysicians[1]))});
        QVERIFY(rewriteHistory(copy));
        QVERIFY(refused(copy, QStringLiteral("it is not a package this study made for 'Dr Bo Lindqvist'")));
    }

    void merge_refusesPackageSignedWithAnotherKey()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        CONCORD_VERIFY_OK(mergePackage(*m_study, file, QStringLiteral("lead")));
        CONCORD_VERIFY_OK(rateAgain(file, path(QStringLiteral("another-machine"))));
        QVERIFY(refused(file, QStringLiteral("signed with another key than the one this study recorded for"
                                             " 'Dr Ada Brennan'")));
    }

    // A physician on a new computer: the lead accepts the new key, which then replaces the old one.
    void merge_acceptsNewKeyOnlyWhenTheLeadSaysSo()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        CONCORD_VERIFY_OK(mergePackage(*m_study, file, QStringLiteral("lead")));
        const QString copy = path(QStringLiteral("old-key.concord"));
        QVERIFY(QFile::copy(file, copy));
        CONCORD_VERIFY_OK(rateAgain(copy));
        CONCORD_VERIFY_OK(rateAgain(file, path(QStringLiteral("new-computer"))));
        QVERIFY(refused(file, QStringLiteral("merge with --accept-new-key")));
        bool newKeyRefused = false; // the GUI asks the study lead when it is set
        QVERIFY(!mergePackage(*m_study, file, QStringLiteral("lead"), false, &newKeyRefused).ok());
        QVERIFY(newKeyRefused);
        auto merged = mergePackage(*m_study, file, QStringLiteral("lead"), true);
        CONCORD_VERIFY_OK(merged);
        QCOMPARE(merged->newEvents, 1);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM annotator_key")), 2);
        QVERIFY(rows(*m_study, QStringLiteral("SELECT details_json FROM audit_log ORDER BY id DESC LIMIT 1"))
                    .value(0)
                    .contains(QStringLiteral("\"signing_key_replaced\":\"")));
        // The old key is no longer the physician's.
        QVERIFY(refused(copy, QStringLiteral("signed with another key than the one this study recorded")));
    }

    void merge_refusesPackageSignedWithAnotherPhysiciansKey()
    {
        const QString first = annotated(0);
        QVERIFY(!first.isEmpty());
        CONCORD_VERIFY_OK(mergePackage(*m_study, first, QStringLiteral("lead")));
        // Physician B's package rated with A's key.
        QVERIFY(QFile::copy(signingKeyPath(annotatorUuid(*m_study, 0)), signingKeyPath(annotatorUuid(*m_study, 1))));
        const QString second = annotated(1);
        QVERIFY(!second.isEmpty());
        QVERIFY(refused(second, QStringLiteral("signed with the key of another physician ('Dr Ada Brennan')")));
        bool newKeyRefused = true;
        QVERIFY(!mergePackage(*m_study, second, QStringLiteral("lead"), false, &newKeyRefused).ok());
        QVERIFY(!newKeyRefused); // another physician's key is no new computer: nothing to ask
    }

    void merge_refusesUnsignedPackageAfterSignedOne()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        CONCORD_VERIFY_OK(mergePackage(*m_study, file, QStringLiteral("lead")));
        CONCORD_VERIFY_OK(rateAgain(file));
        const QString copy = tamperedCopy(file, QStringLiteral("unsigned.concord"),
                                          {QStringLiteral("DELETE FROM meta WHERE key IN ('package_signature',"
                                                          " 'package_signing_key')")});
        QVERIFY(refused(copy, QStringLiteral("it is not signed, but the packages of 'Dr Ada Brennan' are signed")));
    }

    void merge_refusesUnsignedPackageWithWorkInIt()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = tamperedCopy(file, QStringLiteral("unsigned.concord"),
                                          {QStringLiteral("DELETE FROM meta WHERE key IN ('package_signature',"
                                                          " 'package_signing_key')")});
        QVERIFY(refused(copy, QStringLiteral("holds work written after it was made, but no signature")));
    }

    void merge_refusesPackageNotMadeFromThisStudysHistory()
    {
        const QString file = annotated(0);
        QVERIFY(!file.isEmpty());
        const QString copy = tamperedCopy(file, QStringLiteral("origin.concord"),
                                          {QStringLiteral("UPDATE meta SET value = '%1' WHERE key ="
                                                          " 'package_study_head'")
                                               .arg(QString(64, QLatin1Char('a')))});
        QVERIFY(refused(copy, QStringLiteral("it was not made from this study")));
    }
};

QTEST_GUILESS_MAIN(TestPackageTampering)
#include "tst_packagetampering.moc"
