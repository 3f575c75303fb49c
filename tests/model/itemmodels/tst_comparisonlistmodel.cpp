// The annotator's queue as a table: QAbstractItemModelTester while a session is set, rated, navigated, replaced
// and destroyed; headers, display text, the raw-value, progress, flag and current roles, and dataChanged for the
// rows a change touches.
#include "model/annotation/annotationsession.h"
#include "model/domain/displaytext.h"
#include "model/itemmodels/comparisonlistmodel.h"
#include "model/store/casestore.h"
#include "model/studyfile/study.h"
#include "tests/testsupport.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

constexpr int kComparisons = 4;

// The rows a dataChanged spy saw, each as "first-last:leftColumn-rightColumn".
QStringList changedRanges(const QSignalSpy &spy)
{
    QStringList ranges;
    for (const auto &arguments : spy) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        ranges << QStringLiteral("%1-%2:%3-%4")
                      .arg(topLeft.row())
                      .arg(bottomRight.row())
                      .arg(topLeft.column())
                      .arg(bottomRight.column());
    }
    return ranges;
}

QString fullRow(int row)
{
    return QStringLiteral("%1-%1:0-%2").arg(row).arg(ComparisonListModel::ColumnCount - 1);
}

} // namespace

class TestComparisonListModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Study> m_study;
    std::unique_ptr<AnnotationSession> m_session;
    qint64 m_nowMs = 0;

    std::unique_ptr<AnnotationSession> startSession(const QString &name)
    {
        AnnotationSession::Options options{.annotatorName = name,
                                           .clock = [this] { return m_nowMs; },
                                           .idleTimeoutSeconds = 60.0,
                                           .assignmentSeed = 7};
        auto started = AnnotationSession::start(*m_study, options);
        if (!started.ok()) {
            qWarning("start: %s", qPrintable(started.errorMessage()));
            return {};
        }
        return std::move(started).value();
    }

    RatingKey keyOf(int screenIndex, const QString &axis) const
    {
        return RatingKey{m_session->currentComparisonId(),
                         screenIndex < 0 ? 0 : m_session->current().responses.value(screenIndex).id,
                         m_study->rubric().axis(axis)->id};
    }

    Status fillCurrent(AnnotationSession &session)
    {
        for (const RatingKey &key : session.missingKeys()) {
            const Axis *axis = m_study->rubric().axisById(key.axisId);
            const RatingState state = axis->target == AxisTarget::Comparison
                                          ? RatingState::preference(0)
                                          : RatingState::ofValue(axis->points.first().value);
            if (auto set = session.setRating(key, state); !set.ok())
                return set;
        }
        return {};
    }

    // data() on an invalid index answers nothing, and checkIndex() logs a warning about it (as the other models do).
    static void ignoreInvalidIndexWarning()
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^Index QModelIndex\\(-1,-1,.*\\) is not "
                                                                             "valid \\(expected valid\\)$")));
    }

    static QString text(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
    {
        return model.data(model.index(row, column), role).toString();
    }

private slots:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto created = Study::create(m_dir->filePath(QStringLiteral("list.concord")),
                                     {.title = QStringLiteral("List model"), .rubric = defaultRubric()});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        m_study = std::move(created).value();
        CONCORD_VERIFY_OK(m_study->inTransaction([&]() -> Status {
            CaseStore cases(*m_study);
            for (int i = 1; i <= kComparisons; ++i) {
                CaseRecord record;
                record.externalId = QStringLiteral("case-%1").arg(i);
                record.task = i % 2 ? QStringLiteral("patient_question") : QStringLiteral("note_summary");
                record.input = QStringLiteral("Input of case %1").arg(i);
                if (auto inserted = cases.insertCase(record); !inserted.ok())
                    return inserted.error();
                QVector<qint64> ids;
                for (const auto &system : {QStringLiteral("Aster"), QStringLiteral("Birch")}) {
                    ResponseRecord response;
                    response.caseId = record.id;
                    response.externalId = system.toLower();
                    response.system = system;
                    response.text = QStringLiteral("A response to case %1.").arg(i);
                    if (auto inserted = cases.insertResponse(response); !inserted.ok())
                        return inserted.error();
                    ids << response.id;
                }
                ComparisonRecord comparison{0, {}, record.id, ids};
                if (auto inserted = cases.insertComparison(comparison); !inserted.ok())
                    return inserted.error();
            }
            return {};
        }));
        m_nowMs = 1'000'000;
        m_session = startSession(QStringLiteral("Dr Lena Vogel"));
        QVERIFY(m_session);
    }

    void cleanup()
    {
        m_session.reset();
        m_study.reset();
        m_dir.reset();
    }

    void model_passesTheTesterThroughSessionRatingsNavigationAndReset()
    {
        ComparisonListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(ComparisonListModel::ColumnCount));

        model.setSession(m_session.get());
        QCOMPARE(model.rowCount(), kComparisons);
        CONCORD_VERIFY_OK(m_session->setRating(keyOf(0, QStringLiteral("risk")), RatingState::ofValue(2)));
        CONCORD_VERIFY_OK(m_session->setComment(0, QStringLiteral("a comment")));
        CONCORD_VERIFY_OK(m_session->setFlagged(true, QStringLiteral("check the input")));
        CONCORD_VERIFY_OK(fillCurrent(*m_session));
        CONCORD_VERIFY_OK(m_session->goTo(2));
        CONCORD_VERIFY_OK(m_session->setRating(keyOf(-1, QStringLiteral("preference")), RatingState::preference(0)));
        CONCORD_VERIFY_OK(m_session->goTo(3));
        m_session->undo(); // back to row 2
        m_session->undo(); // back to row 0
        m_session->redo();
        QVERIFY(!m_session->goTo(kComparisons).ok());
        CONCORD_VERIFY_OK(m_session->setFlagged(false));

        model.setSession(nullptr);
        QCOMPARE(model.rowCount(), 0);
        model.setSession(m_session.get());
        QCOMPARE(model.rowCount(), kComparisons);
        model.setSession(m_session.get()); // the same session again: still one set of connections

        auto other = startSession(QStringLiteral("Dr Other"));
        QVERIFY(other);
        model.setSession(other.get());
        QCOMPARE(model.rowCount(), kComparisons);
        CONCORD_VERIFY_OK(other->setRating(RatingKey{other->currentComparisonId(), other->current().responses[0].id,
                                                     m_study->rubric().axis(QStringLiteral("risk"))->id},
                                           RatingState::ofValue(4)));
        other.reset(); // the model lets go of a destroyed session
        QCOMPARE(model.rowCount(), 0);
        ignoreInvalidIndexWarning();
        QVERIFY(!model.data(model.index(0, 0)).isValid());
    }

    void headers_nameTheColumns()
    {
        ComparisonListModel model;
        const QStringList expected{QStringLiteral("#"), QStringLiteral("Case"), QStringLiteral("Task"),
                                   QStringLiteral("Status")};
        QCOMPARE(model.columnCount(), int(expected.size()));
        for (int column = 0; column < model.columnCount(); ++column)
            QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), expected[column]);
        QVERIFY(!model.headerData(ComparisonListModel::ColumnCount, Qt::Horizontal).isValid());
        model.setSession(m_session.get());
        QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1); // the base class numbers rows
    }

    void display_showsPositionCaseTaskAndStatus()
    {
        ComparisonListModel model;
        model.setSession(m_session.get());
        for (int row = 0; row < kComparisons; ++row) {
            const QueueEntry &entry = m_session->entry(row);
            QCOMPARE(text(model, row, ComparisonListModel::PositionColumn), QString::number(row + 1));
            QCOMPARE(text(model, row, ComparisonListModel::CaseColumn), entry.caseExternalId);
            QVERIFY(entry.caseExternalId.startsWith(QStringLiteral("case-")));
            QCOMPARE(text(model, row, ComparisonListModel::TaskColumn), entry.task);
            QVERIFY(!entry.task.isEmpty());
            QCOMPARE(text(model, row, ComparisonListModel::StatusColumn), QStringLiteral("not started"));
            for (int column = 0; column < ComparisonListModel::ColumnCount; ++column) {
                QCOMPARE(text(model, row, column, Qt::AccessibleTextRole), text(model, row, column));
                // Tooltips are plain text whatever the case id holds.
                QCOMPARE(text(model, row, column, Qt::ToolTipRole), plainToolTip(text(model, row, column)));
            }
        }
    }

    void statusText_followsProgressAndFlag_data()
    {
        QTest::addColumn<int>("ratings"); // of the 9 the first comparison needs
        QTest::addColumn<bool>("flagged");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("progress");
        QTest::addColumn<QString>("progressText");
        const int notStarted = int(ComparisonProgress::NotStarted);
        const int partial = int(ComparisonProgress::Partial);
        const int done = int(ComparisonProgress::Done);
        QTest::newRow("not started") << 0 << false << QStringLiteral("not started") << notStarted
                                     << QStringLiteral("not started");
        QTest::newRow("not started, flagged")
            << 0 << true << QStringLiteral("not started, flagged") << notStarted << QStringLiteral("not started");
        QTest::newRow("one rating") << 1 << false << QStringLiteral("partial (1 of 9)") << partial
                                    << QStringLiteral("partial");
        QTest::newRow("eight ratings, flagged")
            << 8 << true << QStringLiteral("partial (8 of 9), flagged") << partial << QStringLiteral("partial");
        QTest::newRow("done") << 9 << false << QStringLiteral("done") << done << QStringLiteral("done");
        QTest::newRow("done, flagged") << 9 << true << QStringLiteral("done, flagged") << done
                                       << QStringLiteral("done");
    }

    void statusText_followsProgressAndFlag()
    {
        QFETCH(int, ratings);
        QFETCH(bool, flagged);
        QFETCH(QString, status);
        QFETCH(int, progress);
        QFETCH(QString, progressText);

        ComparisonListModel model;
        model.setSession(m_session.get());
        const QVector<RatingKey> keys = m_session->requiredKeys();
        QCOMPARE(keys.size(), 9);
        for (int i = 0; i < ratings; ++i) {
            const Axis *axis = m_study->rubric().axisById(keys[i].axisId);
            const RatingState state = axis->target == AxisTarget::Comparison
                                          ? RatingState::preference(0)
                                          : RatingState::ofValue(axis->points.last().value);
            CONCORD_VERIFY_OK(m_session->setRating(keys[i], state));
        }
        if (flagged)
            CONCORD_VERIFY_OK(m_session->setFlagged(true, QStringLiteral("unclear question")));

        QCOMPARE(text(model, 0, ComparisonListModel::StatusColumn), status);
        QCOMPARE(model.data(model.index(0, ComparisonListModel::StatusColumn), ComparisonListModel::RawValueRole),
                 QVariant(progress));
        for (int column = 0; column < ComparisonListModel::ColumnCount; ++column) {
            const QModelIndex index = model.index(0, column);
            QCOMPARE(model.data(index, ComparisonListModel::ProgressRole).toString(), progressText);
            QCOMPARE(model.data(index, ComparisonListModel::FlaggedRole), QVariant(flagged));
        }
        // The other rows are untouched.
        QCOMPARE(text(model, 1, ComparisonListModel::StatusColumn), QStringLiteral("not started"));
        QCOMPARE(model.data(model.index(1, 0), ComparisonListModel::FlaggedRole), QVariant(false));
    }

    void rawValueRole_givesTypedValues()
    {
        ComparisonListModel model;
        model.setSession(m_session.get());
        for (int row = 0; row < kComparisons; ++row) {
            const QueueEntry &entry = m_session->entry(row);
            const QVariant position =
                model.data(model.index(row, ComparisonListModel::PositionColumn), ComparisonListModel::RawValueRole);
            QCOMPARE(position.typeId(), int(QMetaType::Int));
            QCOMPARE(position.toInt(), row + 1);
            QCOMPARE(model.data(model.index(row, ComparisonListModel::CaseColumn), ComparisonListModel::RawValueRole),
                     QVariant(entry.caseExternalId));
            QCOMPARE(model.data(model.index(row, ComparisonListModel::TaskColumn), ComparisonListModel::RawValueRole),
                     QVariant(entry.task));
            QCOMPARE(model.data(model.index(row, ComparisonListModel::StatusColumn), ComparisonListModel::RawValueRole),
                     QVariant(int(ComparisonProgress::NotStarted)));
        }
        // Sorting on the raw position is numeric: row 10 would not sort before row 2.
        QVERIFY(model.data(model.index(1, 0), ComparisonListModel::RawValueRole).toInt() >
                model.data(model.index(0, 0), ComparisonListModel::RawValueRole).toInt());
    }

    void currentRole_marksTheComparisonOnScreen()
    {
        ComparisonListModel model;
        model.setSession(m_session.get());
        const auto currentRows = [&] {
            QVector<int> rows;
            for (int row = 0; row < model.rowCount(); ++row) {
                for (int column = 0; column < model.columnCount(); ++column) {
                    const bool current =
                        model.data(model.index(row, column), ComparisonListModel::CurrentRole).toBool();
                    const QVariant font = model.data(model.index(row, column), Qt::FontRole);
                    if (current != (font.isValid() && font.value<QFont>().bold()))
                        return QVector<int>{-2}; // the font does not agree with the role
                    if (current && column == 0)
                        rows << row;
                }
            }
            return rows;
        };
        QCOMPARE(currentRows(), QVector<int>{0});
        CONCORD_VERIFY_OK(m_session->goTo(3));
        QCOMPARE(currentRows(), QVector<int>{3});
        CONCORD_VERIFY_OK(m_session->goTo(1));
        QCOMPARE(currentRows(), QVector<int>{1});
    }

    void dataChanged_coversTheRowOfARatingChange()
    {
        ComparisonListModel model;
        model.setSession(m_session.get());
        CONCORD_VERIFY_OK(m_session->goTo(2));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        CONCORD_VERIFY_OK(m_session->setRating(keyOf(1, QStringLiteral("reasoning")), RatingState::notApplicable()));
        QCOMPARE(changedRanges(changed), QStringList{fullRow(2)});
        QCOMPARE(text(model, 2, ComparisonListModel::StatusColumn), QStringLiteral("partial (1 of 9)"));

        changed.clear();
        CONCORD_VERIFY_OK(m_session->setRating(keyOf(1, QStringLiteral("reasoning")), RatingState::notApplicable()));
        QVERIFY(changed.isEmpty()); // nothing changed, nothing written, nothing signalled

        CONCORD_VERIFY_OK(m_session->setComment(0, QStringLiteral("note")));
        CONCORD_VERIFY_OK(m_session->setFlagged(true));
        QCOMPARE(changedRanges(changed), (QStringList{fullRow(2), fullRow(2)}));
        QCOMPARE(text(model, 2, ComparisonListModel::StatusColumn), QStringLiteral("partial (1 of 9), flagged"));

        changed.clear();
        QVERIFY(!m_session->setRating(keyOf(0, QStringLiteral("reasoning")), RatingState::unableToAssess()).ok());
        QVERIFY(changed.isEmpty()); // a refused rating changes no row
    }

    void dataChanged_coversTheRowsLeftAndReachedByNavigation()
    {
        ComparisonListModel model;
        model.setSession(m_session.get());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        CONCORD_VERIFY_OK(m_session->goTo(3));
        QCOMPARE(changedRanges(changed), (QStringList{fullRow(0), fullRow(3)}));
        QCOMPARE(model.data(model.index(0, 0), ComparisonListModel::CurrentRole), QVariant(false));
        QCOMPARE(model.data(model.index(3, 0), ComparisonListModel::CurrentRole), QVariant(true));
    }

    void dataChanged_followsAnUndoThatGoesBackToAnEarlierComparison()
    {
        ComparisonListModel model;
        model.setSession(m_session.get());
        CONCORD_VERIFY_OK(m_session->setRating(keyOf(0, QStringLiteral("commission_harm")), RatingState::ofValue(4)));
        CONCORD_VERIFY_OK(m_session->goTo(1));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_session->undo();
        // Leaving row 1, showing row 0, then row 0's new progress.
        QCOMPARE(changedRanges(changed), (QStringList{fullRow(1), fullRow(0), fullRow(0)}));
        QCOMPARE(text(model, 0, ComparisonListModel::StatusColumn), QStringLiteral("not started"));
        QCOMPARE(model.data(model.index(0, 0), ComparisonListModel::CurrentRole), QVariant(true));
    }

    void setSession_replacesTheQueueAndForgetsTheOldSession()
    {
        ComparisonListModel model;
        model.setSession(m_session.get());
        auto other = startSession(QStringLiteral("Dr Other"));
        QVERIFY(other);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setSession(other.get());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), other->count());

        // The first session's changes no longer reach the model.
        CONCORD_VERIFY_OK(m_session->setRating(keyOf(0, QStringLiteral("risk")), RatingState::ofValue(1)));
        CONCORD_VERIFY_OK(m_session->goTo(2));
        QVERIFY(changed.isEmpty());
        QCOMPARE(text(model, 0, ComparisonListModel::StatusColumn), QStringLiteral("not started"));
        QCOMPARE(model.data(model.index(0, 0), ComparisonListModel::CurrentRole), QVariant(true));
    }

    void destroyingTheSession_resetsTheModelToEmpty()
    {
        ComparisonListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(m_session.get());
        QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        m_session.reset();
        QCOMPARE(aboutToReset.count(), 1);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(ComparisonListModel::ColumnCount));
        model.setSession(nullptr); // nothing to let go of
        QCOMPARE(model.rowCount(), 0);
    }

    void children_haveNoRowsOrColumns()
    {
        ComparisonListModel model;
        model.setSession(m_session.get());
        const QModelIndex parent = model.index(0, 0);
        QCOMPARE(model.rowCount(parent), 0);
        QCOMPARE(model.columnCount(parent), 0);
        ignoreInvalidIndexWarning();
        QVERIFY(!model.data(QModelIndex()).isValid());
        QVERIFY(!model.index(kComparisons, 0).isValid());
        QVERIFY(!model.data(model.index(0, 0), Qt::DecorationRole).isValid());
    }
};

QTEST_GUILESS_MAIN(TestComparisonListModel)
#include "tst_comparisonlistmodel.moc"
