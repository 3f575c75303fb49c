// What an annotator package holds (model/annotatorpackage): one physician's part of the study and nothing else, read
// back with plain SQL; what cannot be packaged; and the ratings CSV import into a package, which takes only its
// physician's rows. Merging packages back: tst_packagemerge and tst_mergerefusals.
#include "model/formats/importer.h"
#include "model/package/packagemerge.h"
#include "model/studyfile/auditlog.h"
#include "tests/model/package/packagestudyfixture.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace concord;
using namespace concord::packagetest;

class TestAnnotatorPackage : public QObject, private PackageStudyFixture
{
    Q_OBJECT

private slots:
    void init() { createStudy(); }
    void cleanup() { removeStudy(); }

    void package_holdsOnlyThePhysiciansPart()
    {
        const QString studyUuid = m_study->info().uuid;
        const Rubric &rubric = m_study->rubric();
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            const QString name = kPhysicians[physician];
            const qint64 id = physicianId(*m_study, physician);
            auto made = makePackage(physician);
            CONCORD_VERIFY_OK(made);
            QCOMPARE(made->annotator, name);
            QCOMPARE(made->path, packagePath(physician));
            QCOMPARE(made->comparisons, 4); // 6 comparisons x 2 physicians / 3
            QCOMPARE(made->cases, 4);
            QCOMPARE(made->responses, 8);
            QCOMPARE(made->ratingEvents, physician < 2 ? 1 : 0);

            RawFile raw(packagePath(physician));
            QVERIFY(raw.isOpen());
            for (const char *table : {"judge_run", "judge_score", "adjudication"})
                QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table)), 0);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM response WHERE system <> ''")), 0);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM response WHERE metadata_json <> '{}'")), 0);
            QCOMPARE(raw.column(QStringLiteral("SELECT uuid, name FROM annotator")),
                     QStringList{annotatorUuid(*m_study, physician) + QLatin1Char('|') + name});
            // The system named in a case's metadata stays behind; other metadata travels.
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM \"case\" WHERE metadata_json LIKE '%aster%'")), 0);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM \"case\" WHERE external_id <> 'case-1'"
                                               " AND metadata_json <> '{\"ward\":\"cardiology\"}'")),
                     0);

            // The right comparisons, each with its responses in the stored order, and the assignments as designed.
            QCOMPARE(asSet(raw.column(QStringLiteral("SELECT c.uuid, r.uuid, cr.position FROM comparison c"
                                                     " JOIN comparison_response cr ON cr.comparison_id = c.id"
                                                     " JOIN response r ON r.id = cr.response_id"))),
                     asSet(rows(*m_study,
                                QStringLiteral("SELECT c.uuid, r.uuid, cr.position FROM assignment a"
                                               " JOIN comparison c ON c.id = a.comparison_id"
                                               " JOIN comparison_response cr ON cr.comparison_id = c.id"
                                               " JOIN response r ON r.id = cr.response_id WHERE a.annotator_id = ?"),
                                {id})));
            auto orderAsUuids = [](const QStringList &assignmentRows, auto responseUuid) {
                QSet<QString> result;
                for (const QString &row : assignmentRows) {
                    QStringList fields = row.split(QLatin1Char('|'));
                    QStringList order;
                    for (const auto &value : QJsonDocument::fromJson(fields.takeLast().toUtf8()).array())
                        order << responseUuid(value.toInteger());
                    result.insert(fields.join(QLatin1Char('|')) + QLatin1Char('|') + order.join(QLatin1Char(',')));
                }
                return result;
            };
            const QString assignmentSql = QStringLiteral("SELECT a.uuid, c.uuid, a.sequence, a.seed,"
                                                         " a.response_order_json FROM assignment a"
                                                         " JOIN comparison c ON c.id = a.comparison_id");
            const QSet<QString> packaged = orderAsUuids(raw.column(assignmentSql), [&](qint64 responseId) {
                return raw.column(QStringLiteral("SELECT uuid FROM response WHERE id = %1").arg(responseId)).value(0);
            });
            const QSet<QString> designed = orderAsUuids(
                rows(*m_study, assignmentSql + QStringLiteral(" WHERE a.annotator_id = ?"), {id}),
                [&](qint64 responseId) {
                    return rows(*m_study, QStringLiteral("SELECT uuid FROM response WHERE id = ?"), {responseId})
                        .value(0);
                });
            QCOMPARE(packaged.size(), 4);
            QCOMPARE(packaged, designed);

            // Only their own ratings and notes, with the same uuids.
            QCOMPARE(
                asSet(raw.column(QStringLiteral("SELECT uuid FROM rating_event"))),
                asSet(rows(*m_study, QStringLiteral("SELECT uuid FROM rating_event WHERE annotator_id = ?"), {id})));
            QCOMPARE(
                asSet(raw.column(QStringLiteral("SELECT uuid FROM annotation_note"))),
                asSet(rows(*m_study, QStringLiteral("SELECT uuid FROM annotation_note WHERE annotator_id = ?"), {id})));
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM annotation_note")), physician == 1 ? 1 : 0);

            // The same rubric version, and what the package says about itself.
            QCOMPARE(raw.column(QStringLiteral("SELECT uuid, version FROM rubric")),
                     QStringList{rubric.uuid + QLatin1Char('|') + QString::number(rubric.version)});
            auto meta = [&](const char *key) {
                return raw.column(QStringLiteral("SELECT value FROM meta WHERE key = '%1'").arg(QLatin1String(key)))
                    .value(0);
            };
            QCOMPARE(meta("package_annotator"), name);
            QCOMPARE(meta("package_annotator_uuid"), annotatorUuid(*m_study, physician));
            QCOMPARE(meta("package_study_uuid"), studyUuid);
            QCOMPARE(meta("package_study_title"), QStringLiteral("Chest pain triage"));
            QVERIFY(!meta("package_created_at").isEmpty());
            QCOMPARE(meta("blinded"), QStringLiteral("1"));
            QVERIFY(meta("study_uuid") != studyUuid);
            QCOMPARE(raw.column(QStringLiteral("SELECT action FROM audit_log ORDER BY id")),
                     (QStringList{QStringLiteral("create study"), QStringLiteral("package")}));
            QCOMPARE(raw.column(QStringLiteral("PRAGMA journal_mode")), QStringList{QStringLiteral("delete")});
        }
        // The study records each package; nothing half-written is left in the folder.
        const QStringList recorded = rows(*m_study, QStringLiteral("SELECT details_json FROM audit_log"
                                                                   " WHERE action = 'package' ORDER BY id"));
        QCOMPARE(recorded.size(), 3);
        for (int physician = 0; physician < 3; ++physician) {
            const QJsonObject details = QJsonDocument::fromJson(recorded[physician].toUtf8()).object();
            QCOMPARE(details.value(QStringLiteral("annotator")).toString(), kPhysicians[physician]);
            QCOMPARE(details.value(QStringLiteral("file")).toString(),
                     QStringLiteral("package-%1.concord").arg(physician + 1));
            QCOMPARE(details.value(QStringLiteral("comparisons")).toInt(), 4);
            QCOMPARE(details.value(QStringLiteral("rating_events")).toInt(), physician < 2 ? 1 : 0);
        }
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("partial")),
                 QStringList{});
        auto chain = verifyAuditChain(*m_study);
        CONCORD_VERIFY_OK(chain);
        QVERIFY(chain->intact());
    }

    void package_refusesWhatItCannotPackage()
    {
        const qint64 auditBefore = scalar(*m_study, QStringLiteral("SELECT count(*) FROM audit_log"));
        const QString out = path(QStringLiteral("refused.concord"));

        auto unknown = createAnnotatorPackage(*m_study, QStringLiteral("Dr Nobody"), out, QStringLiteral("lead"));
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.errorMessage().contains(QStringLiteral("no annotator named 'Dr Nobody'")),
                 qPrintable(unknown.errorMessage()));

        Annotator late;
        late.name = QStringLiteral("Dr Late");
        CONCORD_VERIFY_OK(AnnotatorStore(*m_study).insertAnnotator(late));
        auto unassigned = createAnnotatorPackage(*m_study, late.name, out, QStringLiteral("lead"));
        QVERIFY(!unassigned.ok());
        QVERIFY2(unassigned.errorMessage().contains(QStringLiteral("assign comparisons first")),
                 qPrintable(unassigned.errorMessage()));
        QVERIFY(!QFile::exists(out));

        QVERIFY(writeFile(out, "keep me"));
        auto existing = createAnnotatorPackage(*m_study, kPhysicians[0], out, QStringLiteral("lead"));
        QVERIFY(!existing.ok());
        QVERIFY2(existing.errorMessage().contains(out) && existing.errorMessage().contains(QStringLiteral("already")),
                 qPrintable(existing.errorMessage()));
        QFile kept(out);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep me"));
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM audit_log")), auditBefore);

        CONCORD_VERIFY_OK(makePackage(0));
        auto opened = Study::open(packagePath(0));
        CONCORD_VERIFY_OK(opened);
        auto nested = createAnnotatorPackage(*opened.value(), kPhysicians[0], path(QStringLiteral("nested.concord")),
                                             QStringLiteral("lead"));
        QVERIFY(!nested.ok());
        QVERIFY2(nested.errorMessage().contains(QStringLiteral("itself the annotator package")),
                 qPrintable(nested.errorMessage()));
        QVERIFY(!QFile::exists(path(QStringLiteral("nested.concord"))));
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("partial")),
                 QStringList{});
    }

    void csvImport_intoPackageTakesOnlyItsPhysician()
    {
        CONCORD_VERIFY_OK(makePackage(0));
        const QString target = rows(*m_study,
                                    QStringLiteral("SELECT c.external_id, r.external_id FROM assignment a"
                                                   " JOIN comparison m ON m.id = a.comparison_id"
                                                   " JOIN \"case\" c ON c.id = m.case_id"
                                                   " JOIN response r ON r.case_id = c.id"
                                                   " WHERE a.annotator_id = ? ORDER BY a.sequence, r.id"),
                                    {physicianId(*m_study, 0)})
                                   .value(0);
        const QStringList ids = target.split(QLatin1Char('|'));
        QCOMPARE(ids.size(), 2);
        const QString row = ids[0] + QLatin1Char(',') + ids[1] + QLatin1Char(',');
        const QString own = path(QStringLiteral("own.csv"));
        QVERIFY(writeFile(own, QStringLiteral("case,response,annotator,axis,value\n%1%2,reasoning,2\n")
                                   .arg(row, kPhysicians[0])
                                   .toUtf8()));
        const QString mixed = path(QStringLiteral("mixed.csv"));
        QVERIFY(writeFile(mixed, QStringLiteral("case,response,annotator,axis,value\n%1%2,omission_harm,1\n"
                                                "%1%3,omission_harm,2\n")
                                     .arg(row, kPhysicians[0], kPhysicians[1])
                                     .toUtf8()));
        ImportOptions options;
        options.content = ImportContent::Ratings;
        {
            auto package = Study::open(packagePath(0));
            CONCORD_VERIFY_OK(package);
            const qint64 before = scalar(*package.value(), QStringLiteral("SELECT count(*) FROM rating_event"));
            auto refused = importFile(*package.value(), mixed, options);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.errorMessage().startsWith(mixed + QStringLiteral(":3: field 'annotator'")),
                     qPrintable(refused.errorMessage()));
            QVERIFY2(refused.errorMessage().contains(kPhysicians[1]), qPrintable(refused.errorMessage()));
            QCOMPARE(scalar(*package.value(), QStringLiteral("SELECT count(*) FROM rating_event")), before);
            QCOMPARE(scalar(*package.value(), QStringLiteral("SELECT count(*) FROM annotator")), 1);

            auto imported = importFile(*package.value(), own, options);
            CONCORD_VERIFY_OK(imported);
            QCOMPARE(imported->ratingEventsAdded, 1);
            // The same file imports into the study itself, where every physician's rows are welcome.
            CONCORD_VERIFY_OK(importFile(*m_study, mixed, options));
        }
        // The imported rating is recorded with its digest, so the package still merges.
        auto merged = mergePackage(*m_study, packagePath(0), QStringLiteral("lead"));
        CONCORD_VERIFY_OK(merged);
        QCOMPARE(merged->newEvents, 1);
        QCOMPARE(merged->alreadyPresent, 1);
    }
};

QTEST_GUILESS_MAIN(TestAnnotatorPackage)
#include "tst_annotatorpackage.moc"
