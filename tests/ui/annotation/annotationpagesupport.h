#pragma once

// What the annotation page tests share (tst_annotationkeyboard, tst_annotationpage, tst_annotationpersistence): the
// studies they open, keys sent as the keyboard would, and the rating events read back from the study file.
#include "model/store/annotatorstore.h"
#include "model/store/casestore.h"
#include "model/store/judgestore.h"
#include "model/store/ratingstore.h"
#include "model/studyfile/study.h"

#include <QApplication>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace concord::annotationpagetest {

inline const QString kSecretSystems[] = {QStringLiteral("SecretModel-Alpha"), QStringLiteral("HiddenModel-Beta")};
inline const QString kJudgeName = QStringLiteral("JudgeRun-Omega");
inline const QString kOtherComment = QStringLiteral("Other physician's private remark");

// A study of `cases` cases, each with two responses from named systems in one comparison; optionally a judge run
// with scores and another physician's ratings and comment, which the annotator must never see.
inline QString makeStudy(const QTemporaryDir &dir, int cases, bool withOthers)
{
    const QString path = dir.filePath(QStringLiteral("study.concord"));
    auto created = Study::create(path, {.title = QStringLiteral("Keyboard study"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    Study &study = *created.value();
    const Status filled = study.inTransaction([&]() -> Status {
        CaseStore store(study);
        for (int c = 1; c <= cases; ++c) {
            CaseRecord record;
            record.externalId = QStringLiteral("case-%1").arg(c);
            record.task = QStringLiteral("patient_question");
            record.input = QStringLiteral("Case %1: ¿Puedo tomar ibuprofeno con mis pastillas para la tensión? "
                                          "我可以一起服用吗？ <b>not bold</b>")
                               .arg(c);
            if (auto r = store.insertCase(record); !r.ok())
                return r.error();
            QVector<qint64> ids;
            for (int s = 0; s < 2; ++s) {
                ResponseRecord response;
                response.caseId = record.id;
                response.externalId = QStringLiteral("r%1").arg(s);
                response.system = kSecretSystems[s];
                response.text = QStringLiteral("Response %1 to case %2: avoid ibuprofen; use paracetamol. "
                                               "<script>alert(1)</script>")
                                    .arg(s)
                                    .arg(c);
                if (auto r = store.insertResponse(response); !r.ok())
                    return r.error();
                ids << response.id;
            }
            ComparisonRecord comparison{0, {}, record.id, ids};
            if (auto r = store.insertComparison(comparison); !r.ok())
                return r.error();
        }
        if (!withOthers)
            return {};
        JudgeStore judges(study);
        auto run = judges.ensureRun(kJudgeName);
        if (!run.ok())
            return run.error();
        auto other = AnnotatorStore(study).ensureAnnotator(QStringLiteral("Dr Other"));
        if (!other.ok())
            return other.error();
        const Axis *risk = study.rubric().axis(QStringLiteral("risk"));
        auto responses = store.responses();
        for (const ResponseRecord &response : responses.value()) {
            JudgeScore score;
            score.judgeRunId = run->id;
            score.responseId = response.id;
            score.axisId = risk->id;
            score.value = 4;
            score.confidence = 0.93;
            score.rationale = QStringLiteral("Judge rationale text");
            if (auto r = judges.insertScore(score); !r.ok())
                return r.error();
            RatingEvent event;
            event.annotatorId = other->id;
            event.responseId = response.id;
            event.axisId = risk->id;
            event.value = 4;
            event.comment = kOtherComment;
            if (auto r = RatingStore(study).append(event); !r.ok())
                return r.error();
        }
        return {};
    });
    if (!filled.ok())
        qFatal("%s", qPrintable(filled.errorMessage()));
    return path;
}

// A study with one case whose comparison shows `texts.size()` responses.
inline QString makeSingleCaseStudy(const QTemporaryDir &dir, const QStringList &texts)
{
    const QString path = dir.filePath(QStringLiteral("single.concord"));
    auto created = Study::create(path, {.title = QStringLiteral("Single case"), .rubric = defaultRubric()});
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    Study &study = *created.value();
    CaseStore store(study);
    CaseRecord record;
    record.externalId = QStringLiteral("only");
    record.input = QStringLiteral("¿Qué dosis de paracetamol es segura? 对乙酰氨基酚的安全剂量是多少？");
    if (!store.insertCase(record).ok())
        qFatal("case");
    QVector<qint64> ids;
    for (int i = 0; i < texts.size(); ++i) {
        ResponseRecord response;
        response.caseId = record.id;
        response.externalId = QStringLiteral("r%1").arg(i);
        response.system = QStringLiteral("system-%1").arg(i);
        response.text = texts[i];
        if (!store.insertResponse(response).ok())
            qFatal("response");
        ids << response.id;
    }
    ComparisonRecord comparison{0, {}, record.id, ids};
    if (!store.insertComparison(comparison).ok())
        qFatal("comparison");
    return path;
}

// Sends a key to whatever has the keyboard focus, as the keyboard would.
inline void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, key, modifiers);
}

inline void type(QChar character)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, character.toLatin1());
}

struct StoredEvent
{
    QString annotator;
    qint64 responseId = 0;
    qint64 comparisonId = 0;
    QString axis;
    QString status;
    QVariant value;
    qint64 preferred = 0;
    QString likelihood;
    double activeSeconds = 0;
};

inline QVector<StoredEvent> eventsOf(const QString &path, const QString &annotator)
{
    auto study = Study::open(path, Study::Access::ReadOnly);
    if (!study.ok())
        qFatal("%s", qPrintable(study.errorMessage()));
    auto q = study.value()->exec(
        QStringLiteral("SELECT n.name, e.response_id, e.comparison_id, x.key, e.status, e.value,"
                       " e.preferred_response_id, e.likelihood, e.active_seconds FROM rating_event e"
                       " JOIN annotator n ON n.id = e.annotator_id JOIN axis x ON x.id = e.axis_id"
                       " WHERE n.name = ? ORDER BY e.id"),
        {annotator});
    QVector<StoredEvent> events;
    while (q->next()) {
        events.push_back({q->value(0).toString(), q->value(1).toLongLong(), q->value(2).toLongLong(),
                          q->value(3).toString(), q->value(4).toString(), q->value(5), q->value(6).toLongLong(),
                          q->value(7).toString(), q->value(8).toDouble()});
    }
    return events;
}

} // namespace concord::annotationpagetest
