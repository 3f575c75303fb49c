#include "model/store/ratingstore.h"

#include "model/domain/messagetext.h"
#include "model/studyfile/auditlog.h"
#include "model/studyfile/study.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QSqlRecord>

namespace concord {

namespace {

// LEFT JOINs, so that an event whose references are broken (a tampered file) is still read, with empty uuids.
const QString kPortableSelect = QStringLiteral(
    "SELECT e.id AS event_id, e.uuid AS event_uuid, a.uuid AS annotator_uuid, r.uuid AS response_uuid,"
    " c.uuid AS comparison_uuid, p.uuid AS preferred_response_uuid, rb.uuid AS rubric_uuid, ax.key AS axis_key,"
    " e.status, e.value, e.likelihood, e.comment, e.rubric_version, e.created_at, e.active_seconds, e.is_repeat"
    " FROM rating_event e"
    " LEFT JOIN annotator a ON a.id = e.annotator_id LEFT JOIN response r ON r.id = e.response_id"
    " LEFT JOIN comparison c ON c.id = e.comparison_id LEFT JOIN response p ON p.id = e.preferred_response_id"
    " LEFT JOIN axis ax ON ax.id = e.axis_id LEFT JOIN rubric rb ON rb.id = ax.rubric_id");

PortableRatingEvent readPortable(const QSqlQuery &q, const PortableRatingEventColumns &col)
{
    PortableRatingEvent e;
    e.id = q.value(col.id).toLongLong();
    e.uuid = q.value(col.uuid).toString();
    e.annotatorUuid = q.value(col.annotatorUuid).toString();
    e.responseUuid = q.value(col.responseUuid).toString();
    e.comparisonUuid = q.value(col.comparisonUuid).toString();
    e.preferredResponseUuid = q.value(col.preferredResponseUuid).toString();
    e.rubricUuid = q.value(col.rubricUuid).toString();
    e.axisKey = q.value(col.axisKey).toString();
    e.status = q.value(col.status).toString();
    e.value = optionalDouble(q.value(col.value));
    e.likelihood = q.value(col.likelihood).toString();
    e.comment = q.value(col.comment).toString();
    e.rubricVersion = q.value(col.rubricVersion).toInt();
    e.createdAt = q.value(col.createdAt).toString();
    e.activeSeconds = q.value(col.activeSeconds).toDouble();
    e.repeat = q.value(col.repeat).toBool();
    return e;
}

// 17 significant digits: the text names the double exactly, so equal stored values give equal digests.
QString exactNumber(double value)
{
    return QString::number(value, 'g', 17);
}

} // namespace

PortableRatingEventColumns::PortableRatingEventColumns(const QSqlRecord &record)
    : id(record.indexOf(QStringLiteral("event_id")))
    , uuid(record.indexOf(QStringLiteral("event_uuid")))
    , annotatorUuid(record.indexOf(QStringLiteral("annotator_uuid")))
    , responseUuid(record.indexOf(QStringLiteral("response_uuid")))
    , comparisonUuid(record.indexOf(QStringLiteral("comparison_uuid")))
    , preferredResponseUuid(record.indexOf(QStringLiteral("preferred_response_uuid")))
    , rubricUuid(record.indexOf(QStringLiteral("rubric_uuid")))
    , axisKey(record.indexOf(QStringLiteral("axis_key")))
    , status(record.indexOf(QStringLiteral("status")))
    , value(record.indexOf(QStringLiteral("value")))
    , likelihood(record.indexOf(QStringLiteral("likelihood")))
    , comment(record.indexOf(QStringLiteral("comment")))
    , rubricVersion(record.indexOf(QStringLiteral("rubric_version")))
    , createdAt(record.indexOf(QStringLiteral("created_at")))
    , activeSeconds(record.indexOf(QStringLiteral("active_seconds")))
    , repeat(record.indexOf(QStringLiteral("is_repeat")))
{}

QString ratingEventDigest(const PortableRatingEvent &e)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QString parts[] = {QStringLiteral("concord rating event 1"),
                             e.uuid,
                             e.annotatorUuid,
                             e.responseUuid,
                             e.comparisonUuid,
                             e.preferredResponseUuid,
                             e.rubricUuid,
                             e.axisKey,
                             e.status,
                             e.value ? exactNumber(*e.value) : QStringLiteral("null"),
                             e.likelihood,
                             e.comment,
                             QString::number(e.rubricVersion),
                             e.createdAt,
                             exactNumber(e.activeSeconds)};
    const auto addPart = [&hash](const QString &part) {
        const QByteArray bytes = part.toUtf8();
        // Length-prefixed, so that moving text from one field to the next changes the digest.
        hash.addData(QByteArray(QByteArray::number(bytes.size()) + ':'));
        hash.addData(bytes);
    };
    for (const QString &part : parts)
        addPart(part);
    // Only repeats add a part, so digests recorded before repeats existed still match.
    if (e.repeat)
        addPart(QStringLiteral("repeat"));
    return QString::fromLatin1(hash.result().toHex());
}

Result<QVector<PortableRatingEvent>> portableRatingEvents(const Study &study)
{
    auto q = study.exec(kPortableSelect + QStringLiteral(" ORDER BY e.id"));
    if (!q.ok())
        return q.error();
    const PortableRatingEventColumns columns(q->record());
    QVector<PortableRatingEvent> result;
    while (q->next())
        result.push_back(readPortable(q.value(), columns));
    return result;
}

Result<std::optional<PortableRatingEvent>> portableRatingEvent(const Study &study, const QString &uuid)
{
    return PortableRatingEventFinder(study).find(uuid);
}

Result<qint64> latestRatingEventId(const Study &study)
{
    auto q = study.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM rating_event"));
    if (!q.ok())
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<QString> latestRatingEventAt(const Study &study)
{
    auto q = study.exec(QStringLiteral("SELECT max(created_at) FROM rating_event"));
    if (!q.ok())
        return q.error();
    return q->next() ? q->value(0).toString() : QString();
}

PortableRatingEventFinder::PortableRatingEventFinder(const Study &study)
    : m_select(study, kPortableSelect + QStringLiteral(" WHERE e.uuid = ?"))
{}

Result<std::optional<PortableRatingEvent>> PortableRatingEventFinder::find(const QString &uuid)
{
    auto q = m_select.run({uuid});
    if (!q.ok())
        return q.error();
    if (!m_columns)
        m_columns.emplace(q.value()->record());
    std::optional<PortableRatingEvent> found;
    if (q.value()->next())
        found = readPortable(*q.value(), *m_columns);
    q.value()->finish(); // the statement is run again for the next uuid
    return found;
}

namespace {

// The columns of a rating event row and where RatingEventColumns keeps each one's index: kRatingEventColumns is
// made from this list, so that the statement and the reading of its rows cannot disagree.
struct RatingEventField
{
    const char *name;
    int RatingEventColumns::*index;
};
constexpr RatingEventField kRatingEventFields[] = {
    {"id", &RatingEventColumns::id},
    {"uuid", &RatingEventColumns::uuid},
    {"annotator_id", &RatingEventColumns::annotatorId},
    {"response_id", &RatingEventColumns::responseId},
    {"comparison_id", &RatingEventColumns::comparisonId},
    {"axis_id", &RatingEventColumns::axisId},
    {"status", &RatingEventColumns::status},
    {"value", &RatingEventColumns::value},
    {"preferred_response_id", &RatingEventColumns::preferredResponseId},
    {"likelihood", &RatingEventColumns::likelihood},
    {"comment", &RatingEventColumns::comment},
    {"rubric_version", &RatingEventColumns::rubricVersion},
    {"created_at", &RatingEventColumns::createdAt},
    {"active_seconds", &RatingEventColumns::activeSeconds},
    {"is_repeat", &RatingEventColumns::repeat},
};

} // namespace

const QString kRatingEventColumns = [] {
    QStringList names;
    for (const RatingEventField &field : kRatingEventFields)
        names << QLatin1String(field.name);
    return names.join(QStringLiteral(", "));
}();

RatingEventColumns::RatingEventColumns(const QSqlRecord &record)
{
    for (const RatingEventField &field : kRatingEventFields)
        this->*field.index = record.indexOf(QLatin1String(field.name));
}

QString toString(RatingStatus status)
{
    switch (status) {
    case RatingStatus::Value:
        return QStringLiteral("value");
    case RatingStatus::UnableToAssess:
        return QStringLiteral("unable");
    case RatingStatus::NotApplicable:
        return QStringLiteral("not_applicable");
    case RatingStatus::Cleared:
        return QStringLiteral("cleared");
    }
    return {};
}

std::optional<RatingStatus> ratingStatusFromString(const QString &text)
{
    for (auto s :
         {RatingStatus::Value, RatingStatus::UnableToAssess, RatingStatus::NotApplicable, RatingStatus::Cleared}) {
        if (toString(s) == text)
            return s;
    }
    return std::nullopt;
}

Status validateRatingEvent(const Axis &axis, const RatingEvent &event)
{
    const bool aboutComparison = event.comparisonId > 0 && event.responseId == 0;
    if (axis.target == AxisTarget::Comparison && !aboutComparison)
        return Error{QStringLiteral("axis '%1' rates a comparison, not a single response").arg(axis.key)};
    if (axis.target == AxisTarget::Response && event.responseId <= 0)
        return Error{QStringLiteral("axis '%1' rates a response; the response is missing").arg(axis.key)};
    switch (event.status) {
    case RatingStatus::Value:
        if (!event.value)
            return Error{QStringLiteral("field 'value' is missing")};
        if (!axis.hasPoint(*event.value))
            return Error{QStringLiteral("field 'value': %1 is not on the scale of axis '%2' (%3)")
                             .arg(*event.value)
                             .arg(axis.key, axis.describePoints())};
        break;
    case RatingStatus::UnableToAssess:
        if (!axis.allowsUnableToAssess)
            return Error{QStringLiteral("field 'value': axis '%1' does not allow 'unable to assess'").arg(axis.key)};
        break;
    case RatingStatus::NotApplicable:
        if (axis.notApplicableLabel.isEmpty())
            return Error{QStringLiteral("field 'value': axis '%1' has no 'not applicable' option").arg(axis.key)};
        break;
    case RatingStatus::Cleared:
        break;
    }
    if (event.status != RatingStatus::Value && event.value)
        return Error{QStringLiteral("field 'value' must be empty when the rating is '%1'").arg(toString(event.status))};
    if (!event.likelihood.isEmpty() && !axis.likelihoodLevels.contains(event.likelihood)) {
        if (axis.likelihoodLevels.isEmpty())
            return Error{QStringLiteral("field 'likelihood': axis '%1' has no likelihood modifier").arg(axis.key)};
        return Error{
            QStringLiteral("field 'likelihood': %1 is not one of %2")
                .arg(quotedForMessage(event.likelihood, 40), axis.likelihoodLevels.join(QStringLiteral(", ")))};
    }
    if (event.activeSeconds < 0)
        return Error{QStringLiteral("field 'active_seconds' must not be negative")};
    return {};
}

RatingEvent readRatingEvent(const QSqlQuery &q, const RatingEventColumns &col)
{
    RatingEvent e;
    e.id = q.value(col.id).toLongLong();
    e.uuid = q.value(col.uuid).toString();
    e.annotatorId = q.value(col.annotatorId).toLongLong();
    e.responseId = q.value(col.responseId).toLongLong();
    e.comparisonId = q.value(col.comparisonId).toLongLong();
    e.axisId = q.value(col.axisId).toLongLong();
    e.status = ratingStatusFromString(q.value(col.status).toString()).value_or(RatingStatus::Value);
    e.value = optionalDouble(q.value(col.value));
    e.preferredResponseId = q.value(col.preferredResponseId).toLongLong();
    e.likelihood = q.value(col.likelihood).toString();
    e.comment = q.value(col.comment).toString();
    e.rubricVersion = q.value(col.rubricVersion).toInt();
    e.createdAt = q.value(col.createdAt).toString();
    e.activeSeconds = q.value(col.activeSeconds).toDouble();
    e.repeat = q.value(col.repeat).toBool();
    return e;
}

RatingEvent readRatingEvent(const QSqlQuery &q)
{
    return readRatingEvent(q, RatingEventColumns(q.record()));
}

RatingStore::RatingStore(Study &study)
    : m_study(study)
    , m_insert(study, QStringLiteral(
                          "INSERT INTO rating_event (uuid, annotator_id, response_id, comparison_id, axis_id,"
                          " status, value, preferred_response_id, likelihood, comment, rubric_version,"
                          " created_at, active_seconds, is_repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
{}

Result<qint64> RatingStore::append(RatingEvent &event)
{
    if (event.uuid.isEmpty())
        event.uuid = Study::newUuid();
    if (event.createdAt.isEmpty())
        event.createdAt = Study::nowUtc();
    if (event.rubricVersion == 0)
        event.rubricVersion = m_study.rubric().version;
    auto q = m_insert.run({event.uuid, event.annotatorId, nullableId(event.responseId), nullableId(event.comparisonId),
                           event.axisId, toString(event.status), nullableDouble(event.value),
                           nullableId(event.preferredResponseId), event.likelihood, event.comment, event.rubricVersion,
                           event.createdAt, event.activeSeconds, event.repeat ? 1 : 0});
    if (!q.ok())
        return q.error();
    event.id = m_insert.lastInsertId();
    return event.id;
}

Result<qint64> RatingStore::commit(RatingEvent &event, const QString &actor)
{
    const Axis *axis = m_study.rubric().axisById(event.axisId);
    if (!axis)
        return Error{QStringLiteral("rating refers to an axis that is not in the study's current rubric")};
    if (auto valid = validateRatingEvent(*axis, event); !valid.ok())
        return valid.error();
    Status status = m_study.inTransaction([&]() -> Status {
        auto id = append(event);
        if (!id.ok())
            return id.error();
        // The digest is of the row as stored, so a package's copy of it can be checked at merge.
        auto stored = portableRatingEvent(m_study, event.uuid);
        if (!stored.ok())
            return stored.error();
        if (!stored.value())
            return Error{QStringLiteral("%1: the rating just written cannot be read back").arg(m_study.path())};
        return appendAudit(m_study, actor, QStringLiteral("rating"),
                           QJsonObject{{QStringLiteral("event"), event.uuid},
                                       {QStringLiteral("axis"), axis->key},
                                       {QStringLiteral("status"), toString(event.status)},
                                       {QStringLiteral("digest"), ratingEventDigest(*stored.value())}});
    });
    if (!status.ok()) {
        event.id = 0;
        return status.error();
    }
    return event.id;
}

// The events a query over kRatingEventColumns selects, in its order.
Result<QVector<RatingEvent>> RatingStore::readEvents(const QString &fromWhere, const QVariantList &bindings)
{
    auto q = m_study.exec(QStringLiteral("SELECT ") + kRatingEventColumns + QLatin1Char(' ') + fromWhere, bindings);
    if (!q.ok())
        return q.error();
    const RatingEventColumns columns(q->record());
    QVector<RatingEvent> result;
    while (q->next())
        result.push_back(readRatingEvent(q.value(), columns));
    return result;
}

Result<QVector<RatingEvent>> RatingStore::currentRatings(qint64 axisId)
{
    if (axisId > 0)
        return readEvents(QStringLiteral("FROM current_rating WHERE axis_id = ? ORDER BY id"), {axisId});
    return readEvents(QStringLiteral("FROM current_rating ORDER BY id"));
}

Result<QVector<RatingEvent>> RatingStore::currentRepeatRatings()
{
    return readEvents(QStringLiteral("FROM current_repeat_rating ORDER BY id"));
}

Result<QVector<RatingEvent>> RatingStore::history(qint64 annotatorId, qint64 responseId, qint64 comparisonId,
                                                  qint64 axisId, bool repeat)
{
    return readEvents(QStringLiteral("FROM rating_event WHERE annotator_id = ? AND axis_id = ? AND response_id IS ?"
                                     " AND comparison_id IS ? AND is_repeat = ? ORDER BY id"),
                      {annotatorId, axisId, nullableId(responseId), nullableId(comparisonId), repeat ? 1 : 0});
}

Result<QVector<RatingEvent>> RatingStore::eventsOfAnnotator(qint64 annotatorId)
{
    return readEvents(QStringLiteral("FROM rating_event WHERE annotator_id = ?"
                                     " ORDER BY is_repeat, axis_id, response_id, comparison_id, id"),
                      {annotatorId});
}

Result<QVector<RatingEvent>> RatingStore::eventsOnResponse(qint64 annotatorId, qint64 responseId, bool repeat)
{
    return readEvents(
        QStringLiteral("FROM rating_event WHERE response_id = ? AND annotator_id = ? AND is_repeat = ? ORDER BY id"),
        {responseId, annotatorId, repeat ? 1 : 0});
}

Result<QVector<RatingEvent>> RatingStore::eventsOnComparison(qint64 annotatorId, qint64 comparisonId, bool repeat)
{
    return readEvents(
        QStringLiteral("FROM rating_event WHERE comparison_id = ? AND annotator_id = ? AND is_repeat = ? ORDER BY id"),
        {comparisonId, annotatorId, repeat ? 1 : 0});
}

Result<QVector<ResponseRatingCounts>> currentResponseRatingCounts(const Study &study)
{
    // By the definition of the current_rating view (the latest event per annotator, axis and response, unless it
    // clears the rating), in one ordered pass: grouping the view costs twice as much on a large study (1.2 million
    // events: 1.3 s against 0.6 s).
    auto q = study.exec(
        QStringLiteral("SELECT response_id, axis_id, annotator_id,"
                       " CASE status WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 ELSE 3 END AS status_rank"
                       " FROM rating_event WHERE response_id IS NOT NULL AND is_repeat = 0"
                       " ORDER BY response_id, axis_id, annotator_id, id"),
        {toString(RatingStatus::Value), toString(RatingStatus::UnableToAssess), toString(RatingStatus::NotApplicable)});
    if (!q.ok())
        return q.error();
    // Columns by name, looked up once: the loop runs once per event.
    const QSqlRecord record = q->record();
    const int responseColumn = record.indexOf(QStringLiteral("response_id"));
    const int axisColumn = record.indexOf(QStringLiteral("axis_id"));
    const int annotatorColumn = record.indexOf(QStringLiteral("annotator_id"));
    const int statusColumn = record.indexOf(QStringLiteral("status_rank"));
    QVector<ResponseRatingCounts> counts;
    struct Latest
    {
        qint64 response = 0;
        qint64 axis = 0;
        qint64 annotator = 0;
        int status = -1; // -1: none yet
    } latest;
    const auto count = [&] {
        if (latest.status < 0 || latest.status > 2)
            return; // none yet, or cleared
        if (counts.isEmpty() || counts.back().responseId != latest.response || counts.back().axisId != latest.axis)
            counts.push_back(ResponseRatingCounts{latest.response, latest.axis});
        ResponseRatingCounts &pair = counts.back();
        switch (latest.status) {
        case 0:
            ++pair.values;
            break;
        case 1:
            ++pair.unable;
            break;
        default:
            ++pair.notApplicable;
            break;
        }
    };
    while (q->next()) {
        const qint64 response = q->value(responseColumn).toLongLong();
        const qint64 axis = q->value(axisColumn).toLongLong();
        const qint64 annotator = q->value(annotatorColumn).toLongLong();
        if (response != latest.response || axis != latest.axis || annotator != latest.annotator)
            count(); // the previous target's last event was its latest
        latest = {response, axis, annotator, q->value(statusColumn).toInt()};
    }
    count();
    // A read that stops part way (the file went away) is an error, not lower counts.
    if (q->lastError().isValid())
        return databaseError(study.path(), q.value());
    return counts;
}

Result<qint64> RatingStore::eventCount()
{
    auto q = m_study.exec(QStringLiteral("SELECT count(*) FROM rating_event"));
    if (!q.ok())
        return q.error();
    q->next();
    return q->value(0).toLongLong();
}

} // namespace concord
