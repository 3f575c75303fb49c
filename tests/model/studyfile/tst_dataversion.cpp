// Whether a study has changed: the data version moves on a commit of another connection and on a rating committed on
// this one (which SQLite's data_version alone misses), and stays while nothing is committed; a table's stamp follows
// its rows.
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"

#include <QTemporaryDir>
#include <QTest>

using namespace concord;

class TestDataVersion : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<Study> newStudy(const QString &name)
    {
        auto created = Study::create(m_dir.filePath(name), {.title = name, .rubric = defaultRubric()});
        if (!created.ok())
            qFatal("%s", qPrintable(created.errorMessage()));
        return std::move(created).value();
    }

    static qint64 addResponse(Study &study, const QString &caseId)
    {
        CaseStore cases(study);
        CaseRecord record;
        record.externalId = caseId;
        if (!cases.insertCase(record).ok())
            qFatal("case not inserted");
        ResponseRecord response;
        response.caseId = record.id;
        response.externalId = QStringLiteral("r");
        if (!cases.insertResponse(response).ok())
            qFatal("response not inserted");
        return response.id;
    }

private slots:
    void dataVersion_staysWithoutCommits()
    {
        auto study = newStudy(QStringLiteral("still.concord"));
        auto first = study->dataVersion();
        auto second = study->dataVersion();
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QVERIFY(second.ok());
        QCOMPARE(first->newestRatingEventId, 0);
        QVERIFY(first.value() == second.value());
    }

    void dataVersion_movesOnARatingOfThisConnection()
    {
        auto study = newStudy(QStringLiteral("own.concord"));
        const qint64 response = addResponse(*study, QStringLiteral("c"));
        auto before = study->dataVersion();
        QVERIFY(before.ok());
        RatingEvent event;
        event.annotatorId = AnnotatorStore(*study).ensureAnnotator(QStringLiteral("Dr A"))->id;
        event.responseId = response;
        event.axisId = study->rubric().axis(QStringLiteral("risk"))->id;
        event.value = 1;
        auto committed = RatingStore(*study).commit(event, QStringLiteral("t"));
        QVERIFY2(committed.ok(), qPrintable(committed.errorMessage()));
        auto after = study->dataVersion();
        QVERIFY(after.ok());
        // This connection's own commit leaves data_version as it was; the newest event id shows the change.
        QCOMPARE(after->otherConnectionsCommits, before->otherConnectionsCommits);
        QCOMPARE(after->newestRatingEventId, committed.value());
        QVERIFY(after.value() != before.value());
    }

    void dataVersion_movesOnACommitOfAnotherConnection()
    {
        auto study = newStudy(QStringLiteral("other.concord"));
        auto before = study->dataVersion();
        QVERIFY(before.ok());
        {
            auto other = Study::open(study->path());
            QVERIFY2(other.ok(), qPrintable(other.errorMessage()));
            QVERIFY(other.value()->setMeta(QStringLiteral("title"), QStringLiteral("renamed")).ok());
        }
        auto after = study->dataVersion();
        QVERIFY(after.ok());
        QCOMPARE(after->newestRatingEventId, before->newestRatingEventId);
        QVERIFY(after.value() != before.value());
    }

    void tableStamp_followsTheRows()
    {
        auto study = newStudy(QStringLiteral("stamp.concord"));
        auto empty = study->tableStamp(QStringLiteral("response"));
        QVERIFY2(empty.ok(), qPrintable(empty.errorMessage()));
        QCOMPARE(empty->rows, 0);
        QCOMPARE(empty->newestId, 0);
        addResponse(*study, QStringLiteral("c1"));
        const qint64 newest = addResponse(*study, QStringLiteral("c2"));
        auto two = study->tableStamp(QStringLiteral("response"));
        QVERIFY(two.ok());
        QCOMPARE(two->rows, 2);
        QCOMPARE(two->newestId, newest);
        QVERIFY(two.value() != empty.value());
        // A table named by an SQL keyword.
        auto cases = study->tableStamp(QStringLiteral("case"));
        QVERIFY2(cases.ok(), qPrintable(cases.errorMessage()));
        QCOMPARE(cases->rows, 2);
    }
};

QTEST_GUILESS_MAIN(TestDataVersion)
#include "tst_dataversion.moc"
