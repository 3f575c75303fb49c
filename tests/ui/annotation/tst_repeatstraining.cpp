// Blinded repeats and training comparisons in the GUI, offscreen: the Assign dialog counts the repeats and training
// showings of its design and writes them, and the annotation page explains a training comparison before it is rated
// and shows its reference (as plain text) once every rating of it is set.
#include "model/annotation/annotationsession.h"
#include "model/formats/importer.h"
#include "model/store/annotatorstore.h"
#include "model/studyfile/study.h"
#include "model/studylead/assignmentplan.h"
#include "tests/testsupport.h"
#include "ui/annotation/annotationpage.h"
#include "ui/studylead/assigndialog.h"

#include <QFile>
#include <QLabel>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

qint64 count(Study &study, const QString &sql)
{
    auto q = study.exec(sql);
    return q.ok() && q->next() ? q->value(0).toLongLong() : -1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// A study of `cases` two-response cases (c01, c02, ...; responses a and b) and the given physicians.
std::unique_ptr<Study> makeStudy(const QTemporaryDir &dir, int cases, const QStringList &physicians)
{
    const QByteArray lines = testsupport::twoResponseCasesJsonl(cases);
    const QString casesFile = dir.filePath(QStringLiteral("cases.jsonl"));
    if (!writeFile(casesFile, lines))
        qFatal("cannot write %s", qPrintable(casesFile));
    auto created = Study::create(dir.filePath(QStringLiteral("study.concord")),
                                 {.title = QStringLiteral("Repeats and training"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    if (auto imported = importFile(*created.value(), casesFile, {}); !imported.ok())
        qFatal("%s", qPrintable(imported.errorMessage()));
    for (const QString &name : physicians) {
        if (auto added = AnnotatorStore(*created.value()).ensureAnnotator(name); !added.ok())
            qFatal("%s", qPrintable(added.errorMessage()));
    }
    return std::move(created).value();
}

} // namespace

class TestRepeatsTraining : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private slots:
    void initTestCase() { QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path()); }

    void assignDialog_showsRepeatsAndTrainingAndApplyWritesThem()
    {
        QTemporaryDir dir;
        auto study = makeStudy(dir, 10, {QStringLiteral("Dr A"), QStringLiteral("Dr B"), QStringLiteral("Dr C")});
        const QString training = dir.filePath(QStringLiteral("training.csv"));
        QVERIFY(writeFile(training, "case_id,response_id,axis,value,explanation\n"
                                    "c01,a,risk,1,Safe advice\n"
                                    "c01,b,risk,4,Dangerous dose\n"));
        const QRegularExpression counts(QStringLiteral("of which (\\d+) blinded repeats and (\\d+) training\\."));

        AssignDialog assign(*study);
        assign.setOverlap(2);
        assign.setSeed(11);
        QVERIFY(assign.updatePreview());
        QRegularExpressionMatch match = counts.match(assign.messageLabel()->text());
        QVERIFY2(match.hasMatch(), qPrintable(assign.messageLabel()->text()));
        QCOMPARE(match.captured(1), QStringLiteral("0"));
        QCOMPARE(match.captured(2), QStringLiteral("0"));

        assign.setRepeatPercent(25);
        assign.setTrainingFile(training);
        match = counts.match(assign.messageLabel()->text());
        QVERIFY2(match.hasMatch(), qPrintable(assign.messageLabel()->text()));
        const int repeats = match.captured(1).toInt();
        QVERIFY2(repeats > 0, qPrintable(assign.messageLabel()->text()));
        QCOMPARE(match.captured(2), QStringLiteral("3")); // one training comparison, shown to each of 3 physicians
        QCOMPARE(count(*study, QStringLiteral("SELECT count(*) FROM assignment")), 0);

        QVERIFY2(assign.apply(), qPrintable(assign.messageLabel()->text()));
        QCOMPARE(count(*study, QStringLiteral("SELECT count(*) FROM assignment WHERE is_repeat = 1")), repeats);
        QCOMPARE(count(*study, QStringLiteral("SELECT count(*) FROM assignment a JOIN comparison m ON m.id ="
                                              " a.comparison_id JOIN \"case\" c ON c.id = m.case_id"
                                              " WHERE c.external_id = 'c01' AND a.sequence = 1")),
                 3);
        QCOMPARE(count(*study, QStringLiteral("SELECT count(*) FROM training_reference")), 2);
        QCOMPARE(count(*study, QStringLiteral("SELECT count(*) FROM training_reference t JOIN response r ON r.id ="
                                              " t.response_id WHERE r.external_id = 'b' AND t.value = 4"
                                              " AND t.explanation = 'Dangerous dose'")),
                 1);
    }

    void annotationPage_trainingNotice_explainsThenRevealsTheReferenceAsPlainText()
    {
        QTemporaryDir dir;
        auto study = makeStudy(dir, 2, {QStringLiteral("Dr T")});
        const QString training = dir.filePath(QStringLiteral("training.csv"));
        QVERIFY(writeFile(training, "case_id,response_id,axis,value,explanation\n"
                                    "c01,a,risk,3,<b>x</b> bleeding risk with warfarin\n"));
        auto plan =
            planAssignments(*study, {.annotators = {QStringLiteral("Dr T")}, .seed = 5, .trainingFile = training});
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        const Status applied = applyAssignmentPlan(*study, plan.value(), QStringLiteral("study lead"));
        QVERIFY2(applied.ok(), qPrintable(applied.errorMessage()));

        auto started = AnnotationSession::start(*study, {.annotatorName = QStringLiteral("Dr T")});
        QVERIFY2(started.ok(), qPrintable(started.errorMessage()));
        AnnotationSession *session = started.value().get();
        QCOMPARE(session->count(), 2);
        QVERIFY(session->entry(0).training);
        QVERIFY(!session->entry(1).training);
        AnnotationPage page;
        page.setSession(session);
        page.show();
        QLabel *notice = page.trainingNotice();
        QVERIFY(notice);
        QCOMPARE(notice->textFormat(), Qt::PlainText);

        // A normal comparison: no notice.
        QVERIFY(session->goTo(1).ok());
        QVERIFY(!notice->isVisible());

        // The training comparison before (and while) it is rated: what it is, no reference yet.
        QVERIFY(session->goTo(0).ok());
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(QStringLiteral("rate it as usual")), qPrintable(notice->text()));
        QVERIFY2(!notice->text().contains(QStringLiteral("<b>x</b>")), qPrintable(notice->text()));
        const QVector<RatingKey> keys = session->requiredKeys();
        QVERIFY(keys.size() > 1);
        for (const RatingKey &key : keys) {
            QVERIFY2(notice->text().contains(QStringLiteral("rate it as usual")), qPrintable(notice->text()));
            QVERIFY(session->revealedTrainingReferences().isEmpty());
            const Axis *axis = session->rubric().axisById(key.axisId);
            const RatingState state = axis->target == AxisTarget::Comparison
                                          ? RatingState::preference(0)
                                          : RatingState::ofValue(axis->points.front().value);
            QVERIFY(session->setRating(key, state).ok());
        }

        // Every rating set: the reference, with its explanation shown literally.
        QCOMPARE(session->revealedTrainingReferences().size(), 1);
        QVERIFY(notice->isVisible());
        int position = 0;
        while (session->current().responses[position].externalId != QLatin1String("a"))
            ++position;
        const QString text = notice->text();
        QVERIFY2(text.startsWith(QStringLiteral("Training reference")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("rate it as usual")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Response %1, Safety / risk: 3 (Moderate risk) — <b>x</b> bleeding risk "
                                              "with warfarin")
                                   .arg(responseLetter(position))),
                 qPrintable(text));
        QCOMPARE(notice->textFormat(), Qt::PlainText);

        // Away and back: hidden on the normal comparison, the reference again on the rated training one.
        QVERIFY(session->goTo(1).ok());
        QVERIFY(!notice->isVisible());
        QVERIFY(session->goTo(0).ok());
        QVERIFY(notice->isVisible());
        QCOMPARE(notice->text(), text);
    }
};

QTEST_MAIN(TestRepeatsTraining)
#include "tst_repeatstraining.moc"
