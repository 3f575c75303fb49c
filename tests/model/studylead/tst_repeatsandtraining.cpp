// Blinded repeats and training comparisons: the design applied through planAssignments(), each showing kept
// apart in the session, training references revealed only after rating, statistics without training and with the
// repeats paired for intra-rater agreement, packages and merge carrying both, and the schema-5 migration keeping
// assignments.
#include "model/agreement/agreementanalysis.h"
#include "model/agreement/agreementdata.h"
#include "model/annotation/annotationsession.h"
#include "model/itemmodels/comparisonlistmodel.h"
#include "model/package/annotatorpackage.h"
#include "model/package/packagemerge.h"
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/studyfile/schema.h"
#include "model/studyfile/study.h"
#include "model/studylead/assignmentplan.h"
#include "model/studylead/studyroster.h"
#include "stats/krippendorff.h"
#include "tests/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <functional>

using namespace concord;

namespace {

const QStringList kPhysicians{QStringLiteral("Dr Ines Moreau"), QStringLiteral("Dr Tomas Varga"),
                              QStringLiteral("Dr Wen Li")};
constexpr int kCases = 8;

qint64 scalar(const Study &study, const QString &sql, const QVariantList &bindings = {})
{
    auto q = study.exec(sql, bindings);
    if (!q.ok() || !q->next())
        return -1;
    return q->value(0).toLongLong();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// The value a physician gives on a key: a fixed pattern, so repeats agree or differ where the test says.
RatingState valueFor(const AnnotationSession &session, const RatingKey &key, double responseValue)
{
    const Axis *axis = session.rubric().axisById(key.axisId);
    if (axis->target == AxisTarget::Comparison)
        return RatingState::preference(0);
    return RatingState::ofValue(std::clamp(responseValue, axis->points.front().value, axis->points.back().value));
}

} // namespace

class TestRepeatsAndTraining : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Study> m_study;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    // Eight cases of two responses each (one comparison per case) and three physicians without assignments.
    void createStudy()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto created = Study::create(path(QStringLiteral("study.concord")),
                                     {.title = QStringLiteral("Repeats"), .rubric = defaultRubric()});
        CONCORD_VERIFY_OK(created);
        m_study = std::move(created).value();
        CONCORD_VERIFY_OK(m_study->inTransaction([&]() -> Status {
            CaseStore cases(*m_study);
            for (int c = 1; c <= kCases; ++c) {
                CaseRecord record;
                record.externalId = QStringLiteral("case-%1").arg(c);
                record.task = QStringLiteral("triage");
                record.input = QStringLiteral("Case %1: a headache for three days; which warning signs matter?").arg(c);
                if (auto r = cases.insertCase(record); !r.ok())
                    return r.error();
                QVector<qint64> ids;
                for (const QString &system : {QStringLiteral("Aster"), QStringLiteral("Birch")}) {
                    ResponseRecord response;
                    response.caseId = record.id;
                    response.externalId = system.toLower();
                    response.system = system;
                    response.text = QStringLiteral("%1 answers case %2.").arg(system).arg(c);
                    if (auto r = cases.insertResponse(response); !r.ok())
                        return r.error();
                    ids << response.id;
                }
                ComparisonRecord comparison{0, {}, record.id, ids};
                if (auto r = cases.insertComparison(comparison); !r.ok())
                    return r.error();
            }
            return {};
        }));
        CONCORD_VERIFY_OK(addAnnotators(*m_study, kPhysicians, QStringLiteral("lead")));
    }

    QString trainingFile()
    {
        const QString file = path(QStringLiteral("training.csv"));
        writeFile(file, "case_id,response_id,axis,value,explanation\n"
                        "case-1,aster,risk,3,\"Sudden worst headache: <b>urgent</b> review.\"\n"
                        "case-1,birch,risk,1,\n");
        return file;
    }

    void applyDesign(double repeatShare, bool training)
    {
        AssignmentPlanOptions options;
        options.annotators = kPhysicians;
        options.overlap = 2;
        options.seed = 7;
        options.repeatShare = repeatShare;
        if (training)
            options.trainingFile = trainingFile();
        auto plan = planAssignments(*m_study, options);
        CONCORD_VERIFY_OK(plan);
        CONCORD_VERIFY_OK(applyAssignmentPlan(*m_study, plan.value(), QStringLiteral("lead")));
    }

    std::unique_ptr<AnnotationSession> session(int physician)
    {
        AnnotationSession::Options options;
        options.annotatorName = kPhysicians[physician];
        auto started = AnnotationSession::start(*m_study, options);
        if (!started.ok())
            qWarning("%s", qPrintable(started.errorMessage()));
        return started.ok() ? std::move(started).value() : nullptr;
    }

    static int rowWhere(const AnnotationSession &session, bool repeat, bool training)
    {
        for (int row = 0; row < session.count(); ++row) {
            if (session.entry(row).repeat == repeat && session.entry(row).training == training)
                return row;
        }
        return -1;
    }

    // Rates every key of a row: response values from `value(response position)`.
    static Status rateRow(AnnotationSession &session, int row, const std::function<double(int)> &value)
    {
        if (auto shown = session.goTo(row); !shown.ok())
            return shown;
        const QVector<ResponseRecord> responses = session.current().responses;
        for (const RatingKey &key : session.requiredKeys()) {
            int position = 0;
            while (position < responses.size() && responses[position].id != key.responseId)
                ++position;
            if (auto set = session.setRating(key, valueFor(session, key, value(position))); !set.ok())
                return set;
        }
        return {};
    }

private slots:
    void init() { createStudy(); }
    void cleanup()
    {
        m_study.reset();
        m_dir.reset();
    }

    void design_storesRepeatsAndTrainingReferences()
    {
        applyDesign(0.25, true);
        // Training: the comparison of case 1 for every physician, first in each queue; its two references stored.
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM training_reference")), 2);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT value FROM training_reference t JOIN response r ON"
                                                 " r.id = t.response_id WHERE r.external_id = 'aster'")),
                 3);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM assignment a JOIN comparison c ON"
                                                 " c.id = a.comparison_id JOIN \"case\" k ON k.id = c.case_id"
                                                 " WHERE k.external_id = 'case-1' AND a.sequence = 1")),
                 kPhysicians.size());
        // Repeats: each physician sees about a quarter of their seven-comparison share of the other cases again.
        // 7 comparisons x 2 physicians / 3 physicians: loads of 4 or 5; round(0.25 * load) = 1 repeat each.
        for (const QString &name : kPhysicians) {
            const qint64 repeats = scalar(*m_study,
                                          QStringLiteral("SELECT count(*) FROM assignment a JOIN annotator n ON"
                                                         " n.id = a.annotator_id WHERE n.name = ? AND a.is_repeat = 1"),
                                          {name});
            QCOMPARE(repeats, 1);
            // A repeat shows a comparison the physician also has as a first showing.
            QCOMPARE(scalar(*m_study,
                            QStringLiteral("SELECT count(*) FROM assignment r JOIN annotator n ON"
                                           " n.id = r.annotator_id WHERE n.name = ? AND r.is_repeat = 1"
                                           " AND NOT EXISTS (SELECT 1 FROM assignment f WHERE f.annotator_id"
                                           " = r.annotator_id AND f.comparison_id = r.comparison_id AND"
                                           " f.is_repeat = 0 AND f.sequence < r.sequence)"),
                            {name}),
                     0);
        }
        const QJsonObject design =
            QJsonDocument::fromJson(m_study->meta(QStringLiteral("assignment_design")).toUtf8()).object();
        QCOMPARE(design.value(QStringLiteral("repeat_share")).toDouble(), 0.25);
        QCOMPARE(design.value(QStringLiteral("training_comparisons")).toInt(), 1);
    }

    void trainingFile_errorsNameTheLineAndTheField_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown response") << QByteArray("case_id,response_id,axis,value\ncase-1,cedar,risk,2\n")
                                          << QStringLiteral("line 2: field 'response_id'");
        QTest::newRow("not a response axis")
            << QByteArray("case_id,response_id,axis,value\ncase-1,aster,preference,1\n")
            << QStringLiteral("line 2: field 'axis'");
        QTest::newRow("off the scale") << QByteArray("case_id,response_id,axis,value\ncase-1,aster,risk,2\n"
                                                     "case-2,birch,risk,9\n")
                                       << QStringLiteral("line 3: field 'value'");
        QTest::newRow("missing column") << QByteArray("case_id,response_id,value\ncase-1,aster,2\n")
                                        << QStringLiteral("line 1: the header has no column 'axis'");
        QTest::newRow("twice") << QByteArray("case_id,response_id,axis,value\ncase-1,aster,risk,2\n"
                                             "case-1,aster,risk,3\n")
                               << QStringLiteral("line 3: response 'aster' of case 'case-1' has a second reference");
    }

    void trainingFile_errorsNameTheLineAndTheField()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = path(QStringLiteral("bad-training.csv"));
        QVERIFY(writeFile(file, content));
        AssignmentPlanOptions options;
        options.annotators = kPhysicians;
        options.overlap = 2;
        options.seed = 7;
        options.trainingFile = file;
        auto plan = planAssignments(*m_study, options);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.errorMessage().contains(file + QStringLiteral(": ") + expected), qPrintable(plan.errorMessage()));
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM assignment")), 0);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM training_reference")), 0);
    }

    void session_keepsTheRepeatBlindedAndApart()
    {
        applyDesign(0.25, false);
        auto first = session(0);
        QVERIFY(first);
        const int repeatRow = rowWhere(*first, true, false);
        QVERIFY(repeatRow >= 0);
        const qint64 comparison = first->entry(repeatRow).comparisonId;
        const int firstRow = first->rowOfComparison(comparison, false);
        QVERIFY(firstRow >= 0 && firstRow < repeatRow);
        QCOMPARE(first->rowOfComparison(comparison, true), repeatRow);

        CONCORD_VERIFY_OK(rateRow(*first, firstRow, [](int position) { return 1.0 + position; }));
        QVERIFY(first->entry(firstRow).progress() == ComparisonProgress::Done);
        // The repeat starts empty: nothing of the first showing is on screen.
        CONCORD_VERIFY_OK(first->goTo(repeatRow));
        QVERIFY(first->entry(repeatRow).progress() == ComparisonProgress::NotStarted);
        for (const RatingKey &key : first->requiredKeys()) {
            QVERIFY(key.repeat);
            QVERIFY(!first->rating(key).isSet());
        }
        const qint64 currentBefore = scalar(*m_study, QStringLiteral("SELECT count(*) FROM current_rating"));
        CONCORD_VERIFY_OK(rateRow(*first, repeatRow, [](int position) { return 2.0 + position; }));
        CONCORD_VERIFY_OK(first->setComment(0, QStringLiteral("second look")));
        // The repeat's ratings are marked and leave the first showing's current ratings as they were.
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM current_rating")), currentBefore);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM current_repeat_rating")),
                 qint64(first->requiredKeys().size()));
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM annotation_note WHERE is_repeat = 1")), 1);

        // Undo in the repeat takes back the repeat's rating, not the first showing's.
        CONCORD_VERIFY_OK(first->goTo(firstRow));
        first->undo(); // the comment is not on the undo stack: this undoes the repeat's last rating
        QCOMPARE(first->currentRow(), repeatRow);
        QVERIFY(first->entry(repeatRow).progress() == ComparisonProgress::Partial);
        QVERIFY(first->entry(firstRow).progress() == ComparisonProgress::Done);

        // Reopened, each showing has its own progress and ratings.
        first.reset();
        auto again = session(0);
        QVERIFY(again);
        QVERIFY(again->entry(firstRow).progress() == ComparisonProgress::Done);
        QVERIFY(again->entry(repeatRow).progress() == ComparisonProgress::Partial);
        CONCORD_VERIFY_OK(again->goTo(firstRow));
        QCOMPARE(again->comment(0), QString());
        CONCORD_VERIFY_OK(again->goTo(repeatRow));
        QCOMPARE(again->comment(0), QStringLiteral("second look"));
        const RatingKey firstKey = again->requiredKeys().front();
        QCOMPARE(again->rating(firstKey).value, std::optional<double>(2.0));
    }

    void training_revealsTheReferenceOnlyAfterRatingAndStaysOutOfStatistics()
    {
        applyDesign(0, true);
        auto first = session(0);
        QVERIFY(first);
        QCOMPARE(first->currentRow(), 0);
        QVERIFY(first->entry(0).training);
        QVERIFY(first->revealedTrainingReferences().isEmpty());
        // The queue says which comparison is training (and never which is a repeat).
        ComparisonListModel list;
        list.setSession(first.get());
        const auto status = [&](int row) {
            return list.index(row, ComparisonListModel::StatusColumn).data().toString();
        };
        QVERIFY2(status(0).endsWith(QStringLiteral(", training")), qPrintable(status(0)));
        for (int row = 1; row < first->count(); ++row)
            QVERIFY2(!status(row).contains(QStringLiteral("training")), qPrintable(status(row)));
        const QVector<RatingKey> keys = first->requiredKeys();
        for (qsizetype k = 0; k + 1 < keys.size(); ++k)
            CONCORD_VERIFY_OK(first->setRating(keys[k], valueFor(*first, keys[k], 2)));
        QVERIFY(first->revealedTrainingReferences().isEmpty()); // one rating still missing
        CONCORD_VERIFY_OK(first->setRating(keys.back(), valueFor(*first, keys.back(), 2)));
        const QVector<TrainingReference> references = first->revealedTrainingReferences();
        QCOMPARE(references.size(), 2);
        QStringList shown;
        for (const TrainingReference &reference : references)
            shown << QStringLiteral("%1=%2").arg(reference.value).arg(reference.explanation);
        shown.sort();
        QCOMPARE(shown,
                 (QStringList{QStringLiteral("1="), QStringLiteral("3=Sudden worst headache: <b>urgent</b> review.")}));
        // A normal comparison has none, rated or not.
        const int normal = rowWhere(*first, false, false);
        CONCORD_VERIFY_OK(rateRow(*first, normal, [](int) { return 2.0; }));
        QVERIFY(first->revealedTrainingReferences().isEmpty());

        // The training responses are rated but are not units of the agreement data, nor in the adjudication input.
        auto data = loadAgreementData(*m_study, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(data);
        const QSet<qint64> training{qint64(scalar(*m_study, QStringLiteral("SELECT min(response_id) FROM"
                                                                           " training_reference"))),
                                    qint64(scalar(*m_study, QStringLiteral("SELECT max(response_id) FROM"
                                                                           " training_reference")))};
        QCOMPARE(data->front().responseIds.size(), std::size_t(2)); // the normal comparison's two responses
        for (qint64 id : data->front().responseIds)
            QVERIFY(!training.contains(id));
    }

    void training_aReferenceOnOneResponseKeepsItsWholeComparisonOut()
    {
        const QString file = path(QStringLiteral("one-reference.csv"));
        QVERIFY(writeFile(file, "case_id,response_id,axis,value\ncase-1,aster,risk,2\n"));
        AssignmentPlanOptions options;
        options.annotators = kPhysicians;
        options.seed = 7;
        options.trainingFile = file;
        auto plan = planAssignments(*m_study, options);
        CONCORD_VERIFY_OK(plan);
        CONCORD_VERIFY_OK(applyAssignmentPlan(*m_study, plan.value(), QStringLiteral("lead")));
        auto first = session(0);
        QVERIFY(first);
        QVERIFY(first->entry(0).training);
        CONCORD_VERIFY_OK(rateRow(*first, 0, [](int) { return 2.0; }));
        CONCORD_VERIFY_OK(rateRow(*first, 1, [](int) { return 2.0; }));
        auto data = loadAgreementData(*m_study, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(data);
        // Only the normal comparison's two responses: case 1's Birch response, without a reference, stays out too.
        QCOMPARE(data->front().responseIds.size(), std::size_t(2));
        const qint64 birch = scalar(*m_study, QStringLiteral("SELECT r.id FROM response r JOIN \"case\" c ON c.id ="
                                                             " r.case_id WHERE c.external_id = 'case-1' AND"
                                                             " r.external_id = 'birch'"));
        QVERIFY(std::find(data->front().responseIds.begin(), data->front().responseIds.end(), birch) ==
                data->front().responseIds.end());
    }

    void intraRater_pairsEachRepeatWithItsFirstShowing()
    {
        applyDesign(0.25, false);
        // Each physician rates their repeated comparison twice: risk 1 and 2 the first time (left, right); the
        // second time physician 0 repeats both, physician 1 changes the right one, physician 2 changes both.
        const QVector<std::function<double(int)>> second{
            [](int position) { return 1.0 + position; },
            [](int position) { return position == 0 ? 1.0 : 3.0; },
            [](int position) { return position == 0 ? 2.0 : 4.0; },
        };
        for (int physician = 0; physician < kPhysicians.size(); ++physician) {
            auto s = session(physician);
            QVERIFY(s);
            const int repeatRow = rowWhere(*s, true, false);
            const int firstRow = s->rowOfComparison(s->entry(repeatRow).comparisonId, false);
            CONCORD_VERIFY_OK(rateRow(*s, firstRow, [](int position) { return 1.0 + position; }));
            CONCORD_VERIFY_OK(rateRow(*s, repeatRow, second[physician]));
        }
        auto data = loadAgreementData(*m_study, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(data);
        const AxisAgreementData &risk = data->front();
        QCOMPARE(risk.repeatPairs.size(), std::size_t(6)); // two responses per physician
        // The repeat values are not the current ratings: every rated unit holds the first showing's value.
        for (std::size_t u = 0; u < risk.ratings.units(); ++u) {
            for (std::size_t p = 0; p < risk.ratings.raters(); ++p) {
                const double v = risk.ratings.at(u, p);
                QVERIFY(std::isnan(v) || v == 1 || v == 2);
            }
        }
        AgreementSettings settings;
        settings.bootstrap = 0;
        settings.subgroups = false;
        const QJsonObject analysis = agreementAnalysis(data.value(), settings);
        const QJsonObject intra = analysis.value(QStringLiteral("axes"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QStringLiteral("intra_rater"))
                                      .toObject();
        QCOMPARE(intra.value(QStringLiteral("pairs")).toInt(), 6);
        QCOMPARE(intra.value(QStringLiteral("physicians")).toInt(), 3);
        // By hand: pairs (1,1) (2,2) | (1,1) (2,3) | (1,2) (2,4): 3 of 6 agree exactly.
        const QJsonObject overall = intra.value(QStringLiteral("overall")).toObject();
        QCOMPARE(
            overall.value(QStringLiteral("percent_agreement")).toObject().value(QStringLiteral("value")).toDouble(),
            0.5);
        const QJsonObject byPhysician = intra.value(QStringLiteral("by_physician")).toObject();
        QCOMPARE(byPhysician.size(), 3);
        QCOMPARE(byPhysician.value(kPhysicians[0])
                     .toObject()
                     .value(QStringLiteral("coefficients"))
                     .toObject()
                     .value(QStringLiteral("percent_agreement"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toDouble(),
                 1.0);
        // Alpha is the engine's own Krippendorff's alpha (ordinal) of the six pairs as two columns.
        stats::RatingMatrix pairs(6, 2);
        const double values[6][2] = {{1, 1}, {2, 2}, {1, 1}, {2, 3}, {1, 2}, {2, 4}};
        for (std::size_t i = 0; i < 6; ++i) {
            pairs.set(i, 0, values[i][0]);
            pairs.set(i, 1, values[i][1]);
        }
        const std::vector<double> scale{1, 2, 3, 4};
        const double alpha = stats::krippendorffAlphaValue(pairs, stats::MeasurementLevel::Ordinal, scale).value_or(-9);
        QVERIFY(qAbs(overall.value(QStringLiteral("krippendorff_alpha"))
                         .toObject()
                         .value(QStringLiteral("value"))
                         .toDouble() -
                     alpha) < 1e-12);
    }

    void package_carriesRepeatsAndTrainingAndMergeKeepsThemApart()
    {
        applyDesign(0.25, true);
        const QString package = path(QStringLiteral("package.concord"));
        CONCORD_VERIFY_OK(createAnnotatorPackage(*m_study, kPhysicians[1], package, QStringLiteral("lead")));
        {
            auto opened = Study::open(package);
            CONCORD_VERIFY_OK(opened);
            Study &copy = *opened.value();
            QCOMPARE(scalar(copy, QStringLiteral("SELECT count(*) FROM assignment WHERE is_repeat = 1")), 1);
            QCOMPARE(scalar(copy, QStringLiteral("SELECT count(*) FROM training_reference")), 2);
            AnnotationSession::Options options;
            options.annotatorName = kPhysicians[1];
            auto s = AnnotationSession::start(copy, options);
            CONCORD_VERIFY_OK(s);
            const int repeatRow = rowWhere(*s.value(), true, false);
            const int firstRow = s.value()->rowOfComparison(s.value()->entry(repeatRow).comparisonId, false);
            CONCORD_VERIFY_OK(rateRow(*s.value(), firstRow, [](int) { return 2.0; }));
            CONCORD_VERIFY_OK(rateRow(*s.value(), repeatRow, [](int) { return 3.0; }));
        }
        auto merged = mergePackage(*m_study, package, QStringLiteral("lead"));
        CONCORD_VERIFY_OK(merged);
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM rating_event WHERE is_repeat = 1")),
                 scalar(*m_study, QStringLiteral("SELECT count(*) FROM current_repeat_rating")));
        QVERIFY(scalar(*m_study, QStringLiteral("SELECT count(*) FROM current_repeat_rating")) > 0);
        // No merged repeat became a current (first-showing) rating: those are all 2.
        QCOMPARE(scalar(*m_study, QStringLiteral("SELECT count(*) FROM current_rating WHERE value = 3")), 0);
        auto data = loadAgreementData(*m_study, QStringLiteral("risk"));
        CONCORD_VERIFY_OK(data);
        QCOMPARE(data->front().repeatPairs.size(), std::size_t(2));
        // Merging again changes nothing.
        auto again = mergePackage(*m_study, package, QStringLiteral("lead"));
        CONCORD_VERIFY_OK(again);
        QCOMPARE(again->newEvents, 0);
    }

    void migration_keepsAssignmentsOfSchema4()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("v4.concord"));
        {
            auto created =
                Study::create(file, {.title = QStringLiteral("v4"), .rubric = defaultRubric(), .schemaVersion = 4});
            CONCORD_VERIFY_OK(created);
            Study &old = *created.value();
            for (const QString &sql :
                 {QStringLiteral("INSERT INTO \"case\" (uuid, external_id) VALUES ('c1', 'case-1')"),
                  QStringLiteral("INSERT INTO response (uuid, case_id, external_id) VALUES ('r1', 1, 'a')"),
                  QStringLiteral("INSERT INTO comparison (uuid, case_id) VALUES ('m1', 1)"),
                  QStringLiteral("INSERT INTO comparison_response VALUES (1, 1, 0)"),
                  QStringLiteral("INSERT INTO annotator (uuid, name, created_at) VALUES ('a1', 'Dr Old', 'then')"),
                  QStringLiteral("INSERT INTO assignment (uuid, annotator_id, comparison_id, sequence,"
                                 " response_order_json, seed) VALUES ('s1', 1, 1, 1, '[1]', 42)")})
                CONCORD_VERIFY_OK(old.exec(sql));
        }
        auto opened = Study::open(file);
        CONCORD_VERIFY_OK(opened);
        QCOMPARE(opened.value()->schemaVersion(), currentSchemaVersion());
        auto assignments = AnnotatorStore(*opened.value()).assignmentsOf(1);
        CONCORD_VERIFY_OK(assignments);
        QCOMPARE(assignments->size(), 1);
        QCOMPARE(assignments->front().uuid, QStringLiteral("s1"));
        QCOMPARE(assignments->front().seed, 42);
        QVERIFY(!assignments->front().repeat);
    }
};

QTEST_GUILESS_MAIN(TestRepeatsAndTraining)
#include "tst_repeatsandtraining.moc"
