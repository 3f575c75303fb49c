// Tampering seen from the command line: `concord check` prints the audit head, exits non-zero with one
// "problem:" line naming what was changed, compares with a kept head (--expect-head), and `concord merge` refuses a
// tampered package with one line.
#include "tests/cli/clisupport.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;
using namespace concord::clitest;

namespace {

// Edits the file on a connection of its own, every trigger dropped meanwhile and re-created as it was.
bool tamper(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("tamper-") + Study::newUuid();
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        QStringList names, sql;
        ok = ok && query.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"));
        while (ok && query.next()) {
            names << query.value(0).toString();
            sql << query.value(1).toString();
        }
        QStringList all;
        for (const QString &trigger : std::as_const(names))
            all << QStringLiteral("DROP TRIGGER ") + trigger;
        all << statements << sql;
        for (const QString &statement : std::as_const(all)) {
            if (ok && !query.exec(statement)) {
                qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
                ok = false;
            }
        }
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString headIn(const QString &out)
{
    const auto match = QRegularExpression(QStringLiteral("audit head: ([0-9a-f]{64})")).match(out);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

class TestTamperingCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_study;

private slots:
    void init()
    {
        m_study = m_dir.filePath(QStringLiteral("study-%1.concord").arg(QDateTime::currentMSecsSinceEpoch()));
        const Run run = runConcord({QStringLiteral("demo"), m_study, QStringLiteral("--cases"), QStringLiteral("6"),
                                    QStringLiteral("--raters"), QStringLiteral("2")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void check_printsHeadAndAcceptsItLater()
    {
        Run run = runConcord({QStringLiteral("check"), m_study});
        QCOMPARE(run.exitCode, 0);
        const QString head = headIn(run.out);
        QVERIFY2(!head.isEmpty(), qPrintable(run.out));
        run = runConcord({QStringLiteral("check"), m_study, QStringLiteral("--expect-head"), head});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("0 audit entries after the expected head")), qPrintable(run.out));
    }

    void check_failsOnChangedRatingWithOneLine()
    {
        QVERIFY(tamper(m_study, {QStringLiteral("UPDATE rating_event SET comment = 'edited' WHERE id = 1")}));
        const Run run = runConcord({QStringLiteral("check"), m_study});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("problem: rating events: the rows with ids 1 to")),
                 qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("problem(s) found")), qPrintable(run.err));
    }

    void check_failsOnDroppedTrigger()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("drop"));
            db.setDatabaseName(m_study);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DROP TRIGGER rating_event_no_delete")));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("drop"));
        const Run run = runConcord({QStringLiteral("check"), m_study, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject json = run.json();
        QVERIFY(!json.value(QStringLiteral("healthy")).toBool());
        QVERIFY2(run.out.contains(QStringLiteral("append-only trigger rating_event_no_delete is missing")),
                 qPrintable(run.out));
    }

    void check_failsAgainstAHeadNoLongerInTheLog()
    {
        const Run run = runConcord(
            {QStringLiteral("check"), m_study, QStringLiteral("--expect-head"), QString(64, QLatin1Char('b'))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("problem: audit log: the head you kept")), qPrintable(run.out));
    }

    void merge_refusesPackageWithNoteWithoutAuditEntry()
    {
        Run run = runConcord({QStringLiteral("annotators"), m_study, QStringLiteral("add"), QStringLiteral("Dr T")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = runConcord({QStringLiteral("assign"), m_study, QStringLiteral("--annotators"), QStringLiteral("Dr T"),
                          QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString package =
            m_dir.filePath(QStringLiteral("package-%1.concord").arg(QDateTime::currentMSecsSinceEpoch()));
        run = runConcord({QStringLiteral("package"), m_study, QStringLiteral("--annotator"), QStringLiteral("Dr T"),
                          QStringLiteral("--out"), package});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(tamper(package, {QStringLiteral("INSERT INTO annotation_note (uuid, annotator_id, comparison_id, kind,"
                                                " text, created_at) SELECT 'c0000000-0000-4000-8000-000000000000',"
                                                " a.id, c.id, 'comment', 'forged', '2026-12-02T00:00:00Z'"
                                                " FROM annotator a, comparison c LIMIT 1")}));
        run = runConcord({QStringLiteral("merge"), m_study, package});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral(": not merged: it has been tampered with: comments and flags")),
                 qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
    }
};

QTEST_GUILESS_MAIN(TestTamperingCli)
#include "tst_tamperingcli.moc"
