// The merge of annotator packages (model/packagemerge): every physician's work comes back exactly once, in any order,
// under its own uuids, and a span removed later is recorded; and the rating digests in the audit log that let a merge
// tell a package's events from tampered ones. Refused merges: tst_mergerefusals.
#include "model/package/packagemerge.h"
#include "model/studyfile/auditlog.h"
#include "tests/model/package/packagestudyfixture.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace concord;
using namespace concord::packagetest;

namespace {

// Every rating event as uuid and digest (the digest covers the whole content in file-independent terms).
QSet<QString> eventRows(const Study &study)
{
    QSet<QString> result;
    auto events = portableRatingEvents(study);
    if (!events.ok()) {
        qWarning("%s", qPrintable(events.errorMessage()));
        return result;
    }
    for (const PortableRatingEvent &event : events.value())
        result.insert(event.uuid + QLatin1Char(':') + ratingEventDigest(event));
    return result;
}

QSet<QString> noteRows(const Study &study)
{
    return asSet(rows(study, QStringLiteral("SELECT n.uuid, a.uuid, c.uuid, coalesce(r.uuid, ''), n.kind, n.text,"
                                            " n.raised, n.created_at, n.active_seconds FROM annotation_note n"
                                            " JOIN annotator a ON a.id = n.annotator_id"
                                            " JOIN comparison c ON c.id = n.comparison_id"
                                            " LEFT JOIN response r ON r.id = n.response_id")));
}

QSet<QString> spanRows(const Study &study)
{
    return asSet(rows(study, QStringLiteral("SELECT s.uuid, a.uuid, r.uuid, s.start_offset, s.end_offset, s.category,"
                                            " s.severity, s.created_at, coalesce(s.removed_at, '') FROM error_span s"
                                            " JOIN annotator a ON a.id = s.annotator_id"
                                            " JOIN response r ON r.id = s.response_id")));
}

} // namespace

class TestPackageMerge : public QObject, private PackageStudyFixture
{
    Q_OBJECT

private:
    int m_reads = 0;

    // Packages for every physician, each annotated.
    Status packageAndAnnotateAll()
    {
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            if (auto made = makePackage(physician); !made.ok())
                return made.error();
            if (auto annotated = annotatePackage(physician); !annotated.ok())
                return annotated;
        }
        return {};
    }

    // Reads a package through a copy, so that the test's own reading leaves nothing beside the package.
    Result<std::unique_ptr<Study>> openPackage(int physician)
    {
        const QString copy = path(QStringLiteral("read-%1-%2.concord").arg(physician).arg(++m_reads));
        if (!QFile::copy(packagePath(physician), copy))
            return Error{QStringLiteral("cannot copy %1").arg(packagePath(physician))};
        return Study::open(copy, Study::Access::ReadOnly);
    }

private slots:
    void init() { createStudy(); }
    void cleanup() { removeStudy(); }

    void digest_changesWithEveryField()
    {
        PortableRatingEvent base;
        base.uuid = QStringLiteral("u");
        base.annotatorUuid = QStringLiteral("a");
        base.responseUuid = QStringLiteral("r");
        base.rubricUuid = QStringLiteral("rb");
        base.axisKey = QStringLiteral("risk");
        base.status = QStringLiteral("value");
        base.value = 2;
        base.rubricVersion = 1;
        base.createdAt = QStringLiteral("2026-01-01T00:00:00.000Z");
        base.activeSeconds = 1.5;
        const QString digest = ratingEventDigest(base);
        QCOMPARE(digest.size(), 64);
        QCOMPARE(ratingEventDigest(base), digest);
        QVector<PortableRatingEvent> changed(14, base);
        changed[0].uuid += QLatin1Char('x');
        changed[1].annotatorUuid += QLatin1Char('x');
        changed[2].responseUuid.clear();
        changed[3].comparisonUuid = QStringLiteral("c");
        changed[4].preferredResponseUuid = QStringLiteral("p");
        changed[5].rubricUuid += QLatin1Char('x');
        changed[6].axisKey = QStringLiteral("reasoning");
        changed[7].status = QStringLiteral("unable");
        changed[8].value = 2.0000000000000004;
        changed[9].likelihood = QStringLiteral("low");
        changed[10].comment = QStringLiteral("c");
        changed[11].rubricVersion = 2;
        changed[12].activeSeconds = 1.25;
        changed[13].id = 99; // the row id is not content
        for (int i = 0; i < 13; ++i)
            QVERIFY2(ratingEventDigest(changed[i]) != digest, qPrintable(QString::number(i)));
        QCOMPARE(ratingEventDigest(changed[13]), digest);
        // Moving text from one field to the next changes the digest.
        PortableRatingEvent moved = base;
        moved.likelihood = QStringLiteral("ab");
        PortableRatingEvent movedOther = base;
        movedOther.likelihood = QStringLiteral("a");
        movedOther.comment = QStringLiteral("b");
        QVERIFY(ratingEventDigest(moved) != ratingEventDigest(movedOther));
    }

    void commit_recordsTheDigestOfTheStoredEvent()
    {
        const QStringList entries = rows(*m_study, QStringLiteral("SELECT details_json FROM audit_log"
                                                                  " WHERE action = 'rating' ORDER BY id"));
        QCOMPARE(entries.size(), 2);
        auto events = portableRatingEvents(*m_study);
        CONCORD_VERIFY_OK(events);
        QCOMPARE(events->size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject details = QJsonDocument::fromJson(entries[i].toUtf8()).object();
            QCOMPARE(details.value(QStringLiteral("event")).toString(), events->at(i).uuid);
            QCOMPARE(details.value(QStringLiteral("digest")).toString(), ratingEventDigest(events->at(i)));
        }
    }

    void merge_bringsBackEveryPhysiciansWorkOnce()
    {
        CONCORD_VERIFY_OK(packageAndAnnotateAll());
        struct Expected
        {
            QSet<QString> events, notes, spans;
            QMap<QString, QString> current;
            QSet<QString> newPairs; // (response uuid, axis key) of events the study does not have yet
            qint64 carried = 0;     // events and notes the study already has
        };
        QVector<Expected> expected(kPhysicians.size());
        const QSet<QString> studyEventsBefore = asSet(rows(*m_study, QStringLiteral("SELECT uuid FROM rating_event")));
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            auto package = openPackage(physician);
            CONCORD_VERIFY_OK(package);
            Expected &e = expected[physician];
            e.events = eventRows(*package.value());
            e.notes = noteRows(*package.value());
            e.spans = spanRows(*package.value());
            e.current = currentRatings(*package.value());
            for (const QString &row :
                 rows(*package.value(), QStringLiteral("SELECT e.uuid, coalesce(r.uuid, ''), ax.key FROM rating_event e"
                                                       " LEFT JOIN response r ON r.id = e.response_id"
                                                       " JOIN axis ax ON ax.id = e.axis_id"))) {
                const QStringList fields = row.split(QLatin1Char('|'));
                if (!studyEventsBefore.contains(fields[0]) && !fields[1].isEmpty())
                    e.newPairs.insert(fields[1] + QLatin1Char('/') + fields[2]);
            }
            e.carried = physician == 0 ? 1 : physician == 1 ? 2 : 0;
            // Every required rating (4 comparisons x (2 responses x 4 axes + a preference)) and one correction; a
            // comment, a flag and a span.
            QCOMPARE(scalar(*package.value(), QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT axis_id,"
                                                             " response_id, comparison_id FROM rating_event)")),
                     36);
            QVERIFY(e.events.size() >= 37);
            QCOMPARE(e.notes.size(), 2 + (physician == 1 ? 1 : 0));
            QCOMPARE(e.spans.size(), 1);
        }

        const QByteArray packageHash = fileHash(packagePath(0));
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            auto merged = mergePackage(*m_study, packagePath(physician), QStringLiteral("lead"));
            CONCORD_VERIFY_OK(merged);
            const Expected &e = expected[physician];
            QCOMPARE(merged->annotator, kPhysicians[physician]);
            QCOMPARE(merged->package, QStringLiteral("package-%1.concord").arg(physician + 1));
            QCOMPARE(merged->newEvents + merged->newNotes + merged->newSpans + merged->alreadyPresent,
                     qint64(e.events.size() + e.notes.size() + e.spans.size()));
            QCOMPARE(merged->alreadyPresent, e.carried);
            QCOMPARE(merged->newSpans, 1);
            // The conflicts, counted independently through the current_rating view.
            qint64 conflicts = 0;
            for (const QString &row :
                 rows(*m_study,
                      QStringLiteral("SELECT r.uuid, ax.key FROM current_rating e"
                                     " JOIN response r ON r.id = e.response_id JOIN axis ax ON ax.id = e.axis_id"
                                     " WHERE e.status = 'value' GROUP BY e.response_id, e.axis_id"
                                     " HAVING count(DISTINCT e.value) >= 2"))) {
                if (e.newPairs.contains(row.split(QLatin1Char('|')).join(QLatin1Char('/'))))
                    ++conflicts;
            }
            QCOMPARE(merged->conflicts, conflicts);
            if (physician > 0)
                QVERIFY(merged->conflicts > 0); // the design makes every pair of physicians meet
        }
        QCOMPARE(fileHash(packagePath(0)), packageHash); // the package is never modified
        QVERIFY(!QFile::exists(packagePath(0) + QStringLiteral("-wal")));

        // Each physician's events, notes and spans are in the study under their own uuid, with equal current ratings.
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            const Expected &e = expected[physician];
            const QString uuid = annotatorUuid(*m_study, physician);
            QCOMPARE(scalar(*m_study,
                            QStringLiteral("SELECT count(*) FROM rating_event e JOIN annotator a"
                                           " ON a.id = e.annotator_id WHERE a.uuid = ?"),
                            {uuid}),
                     qint64(e.events.size()));
            QVERIFY(eventRows(*m_study).contains(e.events));
            QVERIFY(noteRows(*m_study).contains(e.notes));
            QVERIFY(spanRows(*m_study).contains(e.spans));
            QCOMPARE(currentRatings(*m_study, uuid), e.current);
        }
        auto owners = portableRatingEvents(*m_study);
        CONCORD_VERIFY_OK(owners);
        for (const PortableRatingEvent &event : owners.value()) {
            int owner = -1;
            for (int physician = 0; physician < kPhysicians.size(); ++physician) {
                if (expected[physician].events.contains(event.uuid + QLatin1Char(':') + ratingEventDigest(event)))
                    owner = physician;
            }
            QVERIFY2(owner >= 0, qPrintable(event.uuid));
            QCOMPARE(event.annotatorUuid, annotatorUuid(*m_study, owner));
        }

        // Merging again changes nothing but the audit log, which records the merge with nothing new.
        const QString countsBefore = rowCounts(*m_study);
        const QMap<QString, QString> currentBefore = currentRatings(*m_study);
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            auto again = mergePackage(*m_study, packagePath(physician), QStringLiteral("lead"));
            CONCORD_VERIFY_OK(again);
            QCOMPARE(again->newEvents, 0);
            QCOMPARE(again->newNotes, 0);
            QCOMPARE(again->newSpans, 0);
            QCOMPARE(again->spansRemoved, 0);
            QCOMPARE(again->alreadyPresent,
                     qint64(expected[physician].events.size() + expected[physician].notes.size() +
                            expected[physician].spans.size()));
        }
        QCOMPARE(rowCounts(*m_study).replace(QRegularExpression(QStringLiteral("audit_log=\\d+")), QString()),
                 QString(countsBefore).replace(QRegularExpression(QStringLiteral("audit_log=\\d+")), QString()));
        QCOMPARE(currentRatings(*m_study), currentBefore);
        const QStringList merges = rows(*m_study, QStringLiteral("SELECT details_json FROM audit_log"
                                                                 " WHERE action = 'merge' ORDER BY id"));
        QCOMPARE(merges.size(), 6);
        const QJsonObject last = QJsonDocument::fromJson(merges.back().toUtf8()).object();
        QCOMPARE(last.value(QStringLiteral("file")).toString(), QStringLiteral("package-3.concord"));
        QCOMPARE(last.value(QStringLiteral("new_events")).toInt(), 0);
        QCOMPARE(last.value(QStringLiteral("content_sha256")).toString().size(), 64);
        QCOMPARE(last.value(QStringLiteral("annotator")).toString(), kPhysicians[2]);
        auto chain = verifyAuditChain(*m_study);
        CONCORD_VERIFY_OK(chain);
        QVERIFY(chain->intact());
    }

    void merge_orderDoesNotMatter()
    {
        CONCORD_VERIFY_OK(packageAndAnnotateAll());
        m_study.reset();
        const QString copyPath = path(QStringLiteral("study-copy.concord"));
        QVERIFY(QFile::copy(m_studyPath, copyPath));
        auto first = Study::open(m_studyPath);
        CONCORD_VERIFY_OK(first);
        auto second = Study::open(copyPath);
        CONCORD_VERIFY_OK(second);
        for (int physician : {0, 1, 2})
            CONCORD_VERIFY_OK(mergePackage(*first.value(), packagePath(physician), QStringLiteral("lead")));
        for (int physician : {2, 0, 1})
            CONCORD_VERIFY_OK(mergePackage(*second.value(), packagePath(physician), QStringLiteral("lead")));
        QCOMPARE(eventRows(*second.value()), eventRows(*first.value()));
        QCOMPARE(noteRows(*second.value()), noteRows(*first.value()));
        QCOMPARE(spanRows(*second.value()), spanRows(*first.value()));
        QCOMPARE(currentRatings(*second.value()), currentRatings(*first.value()));
        QCOMPARE(currentRatings(*first.value()).size(), 3 * 36);
    }

    void merge_spanRemovedLaterIsRecorded()
    {
        CONCORD_VERIFY_OK(makePackage(2));
        CONCORD_VERIFY_OK(annotatePackage(2));
        CONCORD_VERIFY_OK(mergePackage(*m_study, packagePath(2), QStringLiteral("lead")));
        {
            auto package = Study::open(packagePath(2));
            CONCORD_VERIFY_OK(package);
            auto session = AnnotationSession::start(*package.value(), {.annotatorName = kPhysicians[2]});
            CONCORD_VERIFY_OK(session);
            CONCORD_VERIFY_OK(session.value()->goTo(0));
            const qint64 response = session.value()->current().responses.back().id;
            QCOMPARE(session.value()->spans(response).size(), 1);
            CONCORD_VERIFY_OK(session.value()->removeSpan(response, session.value()->spans(response).front().id));
        }
        auto merged = mergePackage(*m_study, packagePath(2), QStringLiteral("lead"));
        CONCORD_VERIFY_OK(merged);
        QCOMPARE(merged->spansRemoved, 1);
        QCOMPARE(merged->newSpans, 0);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM error_span WHERE removed_at IS NOT NULL")), 1);
    }
};

QTEST_GUILESS_MAIN(TestPackageMerge)
#include "tst_packagemerge.moc"
