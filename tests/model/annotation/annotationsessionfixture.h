#pragma once

// The study every annotation session test starts from, and the helpers those tests share (tst_annotationsession,
// tst_annotationratings, tst_annotationnotes): eight comparisons of two responses each in a temporary directory, and a
// clock the test moves by hand so that active seconds are exact.
#include "model/annotation/annotationsession.h"
#include "model/store/casestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"
#include "tests/testsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <utility>

namespace concord::annotationtest {

inline const QString kAnnotator = QStringLiteral("Dr Amara Okafor");
inline const QStringList kSystems{QStringLiteral("Aster"), QStringLiteral("Birch"), QStringLiteral("Cedar")};
inline constexpr quint64 kSeed = 20240601;
inline constexpr int kPairs = 8;

// A comparison of the fixture, its responses in their stored (not screen) order.
struct FixtureComparison
{
    qint64 id = 0;
    qint64 caseId = 0;
    QString caseExternalId;
    QVector<qint64> responses;
};

// A readable form of a rating state, for comparisons with useful failure messages.
inline QString stateText(const RatingState &state)
{
    switch (state.status) {
    case RatingStatus::Cleared:
        return QStringLiteral("cleared");
    case RatingStatus::UnableToAssess:
        return QStringLiteral("unable");
    case RatingStatus::NotApplicable:
        return QStringLiteral("not applicable");
    case RatingStatus::Value:
        break;
    }
    QString text = state.value ? QStringLiteral("value %1").arg(*state.value) : QStringLiteral("value missing");
    if (state.preferredResponseId > 0)
        text += QStringLiteral(" preferring %1").arg(state.preferredResponseId);
    if (!state.likelihood.isEmpty())
        text += QStringLiteral(" (%1)").arg(state.likelihood);
    return text;
}

inline RatingState validStateFor(const Axis &axis)
{
    return axis.target == AxisTarget::Comparison ? RatingState::preference(0)
                                                 : RatingState::ofValue(axis.points.first().value);
}

// A test class derives from this and calls createStudy() from init() and removeStudy() from cleanup().
class AnnotationSessionFixture
{
protected:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Study> m_study;
    QVector<FixtureComparison> m_pairs;
    qint64 m_nowMs = 0;

    // A new study of kPairs comparisons in a new temporary directory; no warning may be printed while a test runs.
    void createStudy()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("session.concord"));
        auto created = Study::create(m_path, {.title = QStringLiteral("Session test"), .rubric = defaultRubric()});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        m_study = std::move(created).value();
        m_nowMs = 5'000'000;
        m_pairs.clear();
        CONCORD_VERIFY_OK(m_study->inTransaction([&]() -> Status {
            for (int i = 1; i <= kPairs; ++i) {
                m_pairs << addComparison(QStringLiteral("case-%1").arg(i), 2);
                if (m_pairs.back().id <= 0)
                    return Error{QStringLiteral("the fixture's comparison %1 was not added").arg(i)};
            }
            return {};
        }));
    }

    void removeStudy()
    {
        m_study.reset();
        m_dir.reset();
    }

    qint64 axisId(const QString &key) const { return m_study->rubric().axis(key)->id; }

    FixtureComparison addComparison(const QString &externalId, int responseCount)
    {
        CaseStore cases(*m_study);
        FixtureComparison added;
        CaseRecord record;
        record.externalId = externalId;
        record.task =
            externalId.endsWith(QLatin1Char('2')) ? QStringLiteral("note_summary") : QStringLiteral("patient_question");
        record.input = QStringLiteral("Question %1: can I take ibuprofen while on warfarin?").arg(externalId);
        record.reference = QStringLiteral("Avoid ibuprofen; paracetamol is safer.");
        if (auto inserted = cases.insertCase(record); !inserted.ok()) {
            qWarning("%s", qPrintable(inserted.errorMessage()));
            return added;
        }
        added.caseId = record.id;
        added.caseExternalId = externalId;
        for (int i = 0; i < responseCount; ++i) {
            ResponseRecord response;
            response.caseId = record.id;
            response.externalId = QStringLiteral("r%1").arg(i + 1);
            response.system = kSystems[i % kSystems.size()];
            response.text = QStringLiteral("Answer %1 to %2: avoid ibuprofen and take paracetamol instead.")
                                .arg(i + 1)
                                .arg(externalId);
            if (auto inserted = cases.insertResponse(response); !inserted.ok()) {
                qWarning("%s", qPrintable(inserted.errorMessage()));
                return added;
            }
            added.responses << response.id;
        }
        ComparisonRecord comparison{0, {}, record.id, added.responses};
        if (auto inserted = cases.insertComparison(comparison); !inserted.ok()) {
            qWarning("%s", qPrintable(inserted.errorMessage()));
            return added;
        }
        added.id = comparison.id;
        return added;
    }

    AnnotationSession::Options options(const QString &name = kAnnotator, quint64 seed = kSeed,
                                       double idleTimeoutSeconds = 60.0)
    {
        return {.annotatorName = name,
                .clock = [this] { return m_nowMs; },
                .idleTimeoutSeconds = idleTimeoutSeconds,
                .assignmentSeed = seed};
    }

    std::unique_ptr<AnnotationSession> startSession(const QString &name = kAnnotator, quint64 seed = kSeed,
                                                    double idleTimeoutSeconds = 60.0)
    {
        auto started = AnnotationSession::start(*m_study, options(name, seed, idleTimeoutSeconds));
        if (!started.ok()) {
            qWarning("start: %s", qPrintable(started.errorMessage()));
            return {};
        }
        return std::move(started).value();
    }

    // Closes and reopens the study file; sessions on it must be gone.
    bool reopen(Study::Access access = Study::Access::ReadWrite)
    {
        m_study.reset();
        auto opened = Study::open(m_path, access);
        if (!opened.ok()) {
            qWarning("reopen: %s", qPrintable(opened.errorMessage()));
            return false;
        }
        m_study = std::move(opened).value();
        return true;
    }

    qint64 scalar(const QString &sql, const QVariantList &bindings = {}) const
    {
        auto query = m_study->exec(sql, bindings);
        if (!query.ok() || !query->next()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.errorMessage()));
            return -1;
        }
        return query->value(0).toLongLong();
    }

    qint64 eventCount() const { return scalar(QStringLiteral("SELECT count(*) FROM rating_event")); }
    qint64 noteCount() const { return scalar(QStringLiteral("SELECT count(*) FROM annotation_note")); }
    qint64 spanCount() const { return scalar(QStringLiteral("SELECT count(*) FROM error_span")); }

    RatingEvent lastEvent() const
    {
        auto query = m_study->exec(QStringLiteral("SELECT ") + kRatingEventColumns +
                                   QStringLiteral(" FROM rating_event ORDER BY id DESC LIMIT 1"));
        if (!query.ok() || !query->next())
            return {};
        return readRatingEvent(query.value());
    }

    // The key of an axis of the comparison on screen: of its screenIndex-th response, or (-1) of the comparison.
    RatingKey keyOf(const AnnotationSession &session, int screenIndex, const QString &axis) const
    {
        return RatingKey{session.currentComparisonId(),
                         screenIndex < 0 ? 0 : session.current().responses.value(screenIndex).id, axisId(axis)};
    }

    // Sets every rating the comparison on screen still needs, each after stepMs of activity.
    Status fillCurrent(AnnotationSession &session, qint64 stepMs = 0)
    {
        for (const RatingKey &key : session.missingKeys()) {
            m_nowMs += stepMs;
            if (auto set = session.setRating(key, validStateFor(*m_study->rubric().axisById(key.axisId))); !set.ok())
                return set;
        }
        return {};
    }
};

} // namespace concord::annotationtest
