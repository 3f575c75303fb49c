// The annotation view while another program writes to the study: a rating made with the keyboard is kept and shown,
// the view says that it waits for the other program (and stays responsive), and once the lock is released the
// rating is saved and the view says that everything is in the study file, safe to copy.
#include "model/annotation/annotationsession.h"
#include "model/store/casestore.h"
#include "model/studyfile/study.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/ratingrow.h"
#include "ui/annotation/studyfilestate.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

QString makeStudy(const QString &path)
{
    auto created = Study::create(path, {.title = QStringLiteral("Saving"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    CaseStore cases(*created.value());
    for (int c = 1; c <= 2; ++c) {
        CaseRecord record;
        record.externalId = QStringLiteral("case-%1").arg(c);
        record.task = QStringLiteral("qa");
        record.input = QStringLiteral("Question %1").arg(c);
        if (!cases.insertCase(record).ok())
            qFatal("cannot insert a case");
        QVector<qint64> responses;
        for (int r = 1; r <= 2; ++r) {
            ResponseRecord response;
            response.caseId = record.id;
            response.externalId = QStringLiteral("r%1").arg(r);
            response.system = r == 1 ? QStringLiteral("Aster") : QStringLiteral("Birch");
            response.text = QStringLiteral("Answer %1 to case %2").arg(r).arg(c);
            if (!cases.insertResponse(response).ok())
                qFatal("cannot insert a response");
            responses << response.id;
        }
        ComparisonRecord comparison{0, {}, record.id, responses};
        if (!cases.insertComparison(comparison).ok())
            qFatal("cannot insert a comparison");
    }
    return path;
}

qint64 savedEvents(const QString &path)
{
    auto study = Study::open(path, Study::Access::ReadOnly);
    if (!study.ok())
        return -1;
    auto q = study.value()->exec(QStringLiteral("SELECT count(*) FROM rating_event"));
    return q.ok() && q->next() ? q->value(0).toLongLong() : -1;
}

} // namespace

class TestAnnotationSaving : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private slots:
    void initTestCase() { QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path()); }

    void rating_whileAnotherProgramWrites_showsWaitingThenSafeToCopy()
    {
        QTemporaryDir dir;
        const QString path = makeStudy(dir.filePath(QStringLiteral("saving.concord")));
        auto study = Study::open(path);
        QVERIFY2(study.ok(), qPrintable(study.errorMessage()));
        auto session = AnnotationSession::start(*study.value(), {.annotatorName = QStringLiteral("Dr Wait")});
        QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
        AnnotationPage page;
        page.setSession(session.value().get());
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.studyFileState()->text(), StudyFileState::safeToCopyText());

        // Another program (an import) holds the write lock.
        const QString other = QStringLiteral("other-program");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), other);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE")));
        }

        RatingRow *row = page.ratingRows().value(0);
        QVERIFY(row);
        row->setFocus();
        QTest::keyClick(row, '2');
        QCOMPARE(page.studyFileState()->text(), StudyFileState::waitingText());
        QVERIFY(row->accessibleDescription().startsWith(QStringLiteral("2"))); // kept and shown
        QVERIFY(!page.savedIndicator()->text().startsWith(QStringLiteral("✗")));
        // The view stays responsive while it waits (the retries run on a timer).
        QElapsedTimer responsive;
        responsive.start();
        QTest::qWait(600);
        QVERIFY(responsive.elapsed() < 1500);
        QCOMPARE(page.studyFileState()->text(), StudyFileState::waitingText());
        QCOMPARE(savedEvents(path), 0);

        {
            QSqlDatabase db = QSqlDatabase::database(other, false);
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("ROLLBACK")));
            db.close();
        }
        QSqlDatabase::removeDatabase(other);
        QTRY_VERIFY_WITH_TIMEOUT(page.savedIndicator()->text().startsWith(QStringLiteral("✓")), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(page.studyFileState()->text(), StudyFileState::safeToCopyText(), 3000);
        QCOMPARE(savedEvents(path), 1);
    }
};

QTEST_MAIN(TestAnnotationSaving)
#include "tst_annotationsaving.moc"
