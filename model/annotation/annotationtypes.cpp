// The value types of an annotation session (annotationsession.h): rating keys and states, queue progress.
#include "model/annotation/annotationsession.h"

namespace concord {

QString responseLetter(int position)
{
    return position < 26 ? QString(QChar(char16_t(u'A' + position))) : QString::number(position + 1);
}

size_t qHash(const RatingKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.comparisonId, key.responseId, key.axisId, key.repeat);
}

RatingState RatingState::ofValue(double value, const QString &likelihood)
{
    return RatingState{RatingStatus::Value, value, 0, likelihood};
}

RatingState RatingState::unableToAssess()
{
    return RatingState{RatingStatus::UnableToAssess, std::nullopt, 0, {}};
}

RatingState RatingState::notApplicable()
{
    return RatingState{RatingStatus::NotApplicable, std::nullopt, 0, {}};
}

RatingState RatingState::preference(qint64 better)
{
    return RatingState{RatingStatus::Value, better > 0 ? 1.0 : 0.0, better, {}};
}

QString toString(ComparisonProgress progress)
{
    switch (progress) {
    case ComparisonProgress::NotStarted:
        return QStringLiteral("not started");
    case ComparisonProgress::Partial:
        return QStringLiteral("partial");
    case ComparisonProgress::Done:
        return QStringLiteral("done");
    }
    return {};
}

ComparisonProgress QueueEntry::progress() const
{
    if (filled == 0)
        return ComparisonProgress::NotStarted;
    return filled >= required ? ComparisonProgress::Done : ComparisonProgress::Partial;
}

} // namespace concord
