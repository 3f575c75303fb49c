// Errors carry a code set where SQLite and file errors become errors, so that callers act on the code and never on
// the message text: a missing file, a file that is not a study, a newer or older schema, a duplicate key, a refused
// row, and another program holding the write lock.
#include "model/domain/rubric.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/sqlutil.h"
#include "model/studyfile/study.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

class TestErrorCodes : public QObject
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

private slots:
    void open_missingFile_isIo()
    {
        auto opened = Study::open(m_dir.filePath(QStringLiteral("absent.concord")));
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::Io);
    }

    void open_textFile_isNotAStudy()
    {
        const QString path = m_dir.filePath(QStringLiteral("notes.concord"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("these are notes, not a database\n").repeated(200));
        file.close();
        auto opened = Study::open(path);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::NotAStudy);
    }

    void open_newerSchema_isNewerVersion()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.concord"));
        {
            auto study = newStudy(QStringLiteral("newer.concord"));
            QVERIFY(study->exec(QStringLiteral("PRAGMA user_version = %1").arg(currentSchemaVersion() + 1)).ok());
        }
        auto opened = Study::open(path, Study::Access::ReadOnly);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::NewerVersion);
    }

    void openReadOnly_olderSchema_needsUpgrade()
    {
        // A copy, so that the committed fixture is never touched.
        const QString path = m_dir.filePath(QStringLiteral("v1.concord"));
        QVERIFY(QFile::copy(QStringLiteral(CONCORD_SOURCE_DIR "/data/fixtures/schema-v1.concord"), path));
        auto opened = Study::open(path, Study::Access::ReadOnly);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::NeedsUpgrade);
    }

    void exec_duplicateKey_isDuplicate()
    {
        auto study = newStudy(QStringLiteral("duplicate.concord"));
        auto inserted = study->exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('title', 'again')"));
        QVERIFY(!inserted.ok());
        QCOMPARE(inserted.error().code, ErrorCode::Duplicate);
    }

    void exec_appendOnlyTrigger_isConstraint()
    {
        auto study = newStudy(QStringLiteral("appendonly.concord"));
        auto deleted = study->exec(QStringLiteral("DELETE FROM audit_log"));
        QVERIFY(!deleted.ok());
        QCOMPARE(deleted.error().code, ErrorCode::Constraint);
    }

    void begin_whileAnotherConnectionWrites_isBusy()
    {
        auto writer = newStudy(QStringLiteral("busy.concord"));
        auto other = Study::open(writer->path());
        QVERIFY2(other.ok(), qPrintable(other.errorMessage()));
        QVERIFY(writer->exec(QStringLiteral("BEGIN IMMEDIATE")).ok());
        QVERIFY(other.value()->exec(QStringLiteral("PRAGMA busy_timeout = 0")).ok());
        auto begin = other.value()->exec(QStringLiteral("BEGIN IMMEDIATE"));
        QVERIFY(!begin.ok());
        QCOMPARE(begin.error().code, ErrorCode::Busy);
        QVERIFY(isLockedByAnotherWriter(begin.error()));
        QVERIFY(writer->exec(QStringLiteral("ROLLBACK")).ok());
        QVERIFY(other.value()->exec(QStringLiteral("BEGIN IMMEDIATE")).ok());
        QVERIFY(other.value()->exec(QStringLiteral("ROLLBACK")).ok());
    }

    void transaction_whileAnotherConnectionWrites_keepsBusy()
    {
        auto writer = newStudy(QStringLiteral("busytransaction.concord"));
        auto other = Study::open(writer->path());
        QVERIFY2(other.ok(), qPrintable(other.errorMessage()));
        QVERIFY(writer->exec(QStringLiteral("BEGIN IMMEDIATE")).ok());
        QVERIFY(other.value()->exec(QStringLiteral("PRAGMA busy_timeout = 0")).ok());
        Status status = other.value()->inTransaction([]() -> Status { return {}; });
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, ErrorCode::Busy);
        QVERIFY(writer->exec(QStringLiteral("ROLLBACK")).ok());
    }
};

QTEST_GUILESS_MAIN(TestErrorCodes)
#include "tst_errorcodes.moc"
