// The merges of annotator packages that are refused (model/packagemerge): a package of another study, a file that is
// no package or no study, a package tampered with in any of the ways a digest or uuid reveals — each refused with one
// line naming the file and the reason, leaving the study and the file as they were.
#include "model/package/packagemerge.h"
#include "tests/model/package/packagestudyfixture.h"

#include <QRandomGenerator>

using namespace concord;
using namespace concord::packagetest;

class TestMergeRefusals : public QObject, private PackageStudyFixture
{
    Q_OBJECT

private:
    // Copies a package and changes it with plain SQL, as someone tampering with it would.
    QString tamperedCopy(const QString &source, const QString &name, const QStringList &statements)
    {
        const QString copy = path(name);
        if (!QFile::copy(source, copy)) {
            qWarning("cannot copy %s", qPrintable(source));
            return {};
        }
        RawFile raw(copy, true);
        for (const QString &statement : statements) {
            if (!raw.exec(statement))
                return {};
        }
        return copy;
    }

private slots:
    void init() { createStudy(); }
    void cleanup() { removeStudy(); }

    void merge_refusesAndChangesNothing()
    {
        CONCORD_VERIFY_OK(makePackage(0));
        CONCORD_VERIFY_OK(annotatePackage(0));
        const QString good = packagePath(0);

        // A study with the same design but another identity, and its package of the same physician.
        const QString otherPath = path(QStringLiteral("other.concord"));
        {
            auto other = buildStudy(otherPath, QStringLiteral("Another study"));
            CONCORD_VERIFY_OK(other);
            CONCORD_VERIFY_OK(createAnnotatorPackage(*other.value(), kPhysicians[0],
                                                     path(QStringLiteral("foreign.concord")), QStringLiteral("lead")));
        }
        const QString noise = path(QStringLiteral("noise.concord"));
        {
            QRandomGenerator random(7);
            QByteArray bytes(4096, '\0');
            for (char &byte : bytes)
                byte = char(random.bounded(256));
            QVERIFY(writeFile(noise, bytes));
        }
        // A package that reuses the uuid of another physician's event in the study for its own, new rating.
        const QString reused = path(QStringLiteral("reused.concord"));
        QVERIFY(QFile::copy(good, reused));
        {
            const QString othersEvent = rows(*m_study,
                                             QStringLiteral("SELECT e.uuid FROM rating_event e JOIN annotator"
                                                            " a ON a.id = e.annotator_id WHERE a.name = ?"),
                                             {kPhysicians[1]})
                                            .value(0);
            QVERIFY(!othersEvent.isEmpty());
            auto package = Study::open(reused);
            CONCORD_VERIFY_OK(package);
            RatingEvent event;
            event.uuid = othersEvent;
            event.annotatorId = scalar(*package.value(), QStringLiteral("SELECT id FROM annotator"));
            event.responseId = scalar(*package.value(), QStringLiteral("SELECT max(id) FROM response"));
            event.axisId = package.value()->rubric().axis(QStringLiteral("reasoning"))->id;
            event.value = 4;
            CONCORD_VERIFY_OK(RatingStore(*package.value()).commit(event, kPhysicians[0]));
        }

        const QString riskAxis = QStringLiteral("(SELECT id FROM axis WHERE key = 'risk')");
        struct Case
        {
            QString file;
            QString reason;
        };
        const QVector<Case> cases{
            {path(QStringLiteral("foreign.concord")), QStringLiteral("package of another study ('Another study')")},
            {otherPath, QStringLiteral("not an annotator package")},
            {noise, QStringLiteral("not a Concord study")},
            {path(QStringLiteral("missing.concord")), QStringLiteral("no such file")},
            {tamperedCopy(good, QStringLiteral("rubric.concord"),
                          {QStringLiteral("UPDATE rubric SET uuid = 'f0000000-0000-4000-8000-000000000000'")}),
             QStringLiteral("which this study does not have")},
            {tamperedCopy(good, QStringLiteral("value.concord"),
                          {QStringLiteral("DROP TRIGGER rating_event_no_update"),
                           QStringLiteral("UPDATE rating_event SET value = CASE WHEN value = 1 THEN 2 ELSE 1 END"
                                          " WHERE id = (SELECT max(id) FROM rating_event WHERE axis_id = %1"
                                          " AND status = 'value')")
                               .arg(riskAxis)}),
             QStringLiteral("tampered with: rating event")},
            {tamperedCopy(good, QStringLiteral("extra.concord"),
                          {QStringLiteral("INSERT INTO rating_event (uuid, annotator_id, response_id, axis_id, status,"
                                          " value, rubric_version, created_at) SELECT 'e0000000-0000-4000-8000-"
                                          "000000000000', annotator_id, response_id, axis_id, status, value,"
                                          " rubric_version, created_at FROM rating_event WHERE axis_id = %1"
                                          " AND status = 'value' LIMIT 1")
                               .arg(riskAxis)}),
             QStringLiteral("has no audit entry with its digest")},
            {tamperedCopy(good, QStringLiteral("audit.concord"),
                          {QStringLiteral("DROP TRIGGER audit_log_no_update"),
                           QStringLiteral("UPDATE audit_log SET details_json = replace(details_json, '\"value\"',"
                                          " '\"unable\"') WHERE id = (SELECT max(id) FROM audit_log"
                                          " WHERE action = 'rating')")}),
             QStringLiteral("tampered with: audit entry")},
            {tamperedCopy(good, QStringLiteral("annotator.concord"),
                          {QStringLiteral("UPDATE annotator SET uuid = 'a0000000-0000-4000-8000-000000000000'"),
                           QStringLiteral("UPDATE meta SET value = 'a0000000-0000-4000-8000-000000000000'"
                                          " WHERE key = 'package_annotator_uuid'")}),
             QStringLiteral("is not in this study")},
            {tamperedCopy(good, QStringLiteral("response.concord"),
                          {QStringLiteral("UPDATE response SET uuid = 'b0000000-0000-4000-8000-000000000000'"
                                          " WHERE id = (SELECT min(id) FROM response)")}),
             QStringLiteral("response b0000000-0000-4000-8000-000000000000, which is not in this study")},
            {reused, QStringLiteral("already in the study with different content")},
            // Found by the package fuzz harness: text quoted from the package broke the refusal into two lines.
            {tamperedCopy(good, QStringLiteral("newline.concord"),
                          {QStringLiteral("UPDATE response SET uuid = 'b1' || char(10) || 'rm' || char(8238) || 'x'"
                                          " WHERE id = (SELECT min(id) FROM response)")}),
             QStringLiteral("response b1⟨U+000A⟩rm⟨RLO⟩x, which is not in this study")},
        };
        const QString countsBefore = rowCounts(*m_study);
        const QMap<QString, QString> currentBefore = currentRatings(*m_study);
        for (const Case &refused : cases) {
            QVERIFY(!refused.file.isEmpty());
            const QByteArray hashBefore = fileHash(refused.file);
            auto merged = mergePackage(*m_study, refused.file, QStringLiteral("lead"));
            QVERIFY2(!merged.ok(), qPrintable(refused.file));
            const QString message = merged.errorMessage();
            QVERIFY2(message.startsWith(refused.file + QStringLiteral(": not merged: ")), qPrintable(message));
            QVERIFY2(message.contains(refused.reason), qPrintable(message));
            QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
            QCOMPARE(rowCounts(*m_study), countsBefore);
            QCOMPARE(currentRatings(*m_study), currentBefore);
            QCOMPARE(fileHash(refused.file), hashBefore);
        }
        // The untouched package still merges.
        auto merged = mergePackage(*m_study, good, QStringLiteral("lead"));
        CONCORD_VERIFY_OK(merged);
        QVERIFY(merged->newEvents > 0);
    }
};

QTEST_GUILESS_MAIN(TestMergeRefusals)
#include "tst_mergerefusals.moc"
