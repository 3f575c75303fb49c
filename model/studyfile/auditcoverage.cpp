#include "model/studyfile/auditcoverage.h"

#include "model/studyfile/study.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <map>
#include <memory>

namespace concord {

namespace {

const QString kGenesis = QString(64, QLatin1Char('0'));
constexpr int kCoverageVersion = 1;
// An append-only table's select starts with rowid. By position, not name: SQLite names the column after the
// table's INTEGER PRIMARY KEY ("id") when there is one, and the released statements below cannot gain an alias.
constexpr int kRowidColumn = 0;

struct CoveredTable
{
    const char *key;   // as recorded in the coverage
    const char *label; // for messages
    // Append-only tables: the columns after rowid, hashed in row order. Changing tables: the whole select.
    const char *sql;
    bool appendOnly;
};

// Never change a released entry: the digests in users' files were computed from exactly these columns. A column
// added by a later schema gets a new table entry (or a new coverage version).
const CoveredTable kTables[] = {
    {"rubric", "rubrics", "SELECT rowid, uuid, name, version, description, definition_json, created_at FROM rubric",
     true},
    {"axis", "rubric axes",
     "SELECT rowid, rubric_id, position, key, label, question, target, level, allows_unable, not_applicable_label,"
     " likelihood_json, binary_threshold, binary_positive, binary_negative FROM axis",
     true},
    {"scale_point", "scale points", "SELECT rowid, axis_id, position, value, label, anchor FROM scale_point", true},
    {"error_category", "error categories", "SELECT rowid, rubric_id, key, label, grp FROM error_category", true},
    {"case", "cases", "SELECT rowid, uuid, external_id, task, input, reference, metadata_json FROM \"case\"", true},
    {"response", "responses", "SELECT rowid, uuid, case_id, external_id, system, text, metadata_json FROM response",
     true},
    // A comparison's responses are written with it and never change: they are part of its row.
    {"comparison", "comparisons",
     "SELECT rowid, uuid, case_id, (SELECT group_concat(x, ',') FROM (SELECT response_id || ':' || position AS x"
     " FROM comparison_response WHERE comparison_id = comparison.id ORDER BY position, response_id)) FROM comparison",
     true},
    {"assignment", "assignments",
     "SELECT rowid, uuid, annotator_id, comparison_id, sequence, response_order_json, seed, is_repeat FROM assignment",
     true},
    {"rating_event", "rating events",
     "SELECT rowid, uuid, annotator_id, response_id, comparison_id, axis_id, status, value, preferred_response_id,"
     " likelihood, comment, rubric_version, created_at, active_seconds, is_repeat FROM rating_event",
     true},
    {"annotation_note", "comments and flags",
     "SELECT rowid, uuid, annotator_id, comparison_id, response_id, kind, text, raised, created_at, active_seconds,"
     " is_repeat FROM annotation_note",
     true},
    {"error_span", "error spans",
     "SELECT rowid, uuid, response_id, annotator_id, judge_run_id, start_offset, end_offset, category, severity,"
     " created_at, is_repeat FROM error_span",
     true},
    {"judge_run", "judge runs",
     "SELECT rowid, uuid, name, model, prompt_version, settings_json, source_file, created_at FROM judge_run", true},
    {"judge_score", "judge scores",
     "SELECT rowid, uuid, judge_run_id, response_id, axis_id, value, probabilities_json, confidence, rationale"
     " FROM judge_score",
     true},
    {"adjudication", "adjudications",
     "SELECT rowid, uuid, response_id, axis_id, value, decided_by, reason_code, reason, considered_event_ids_json,"
     " created_at FROM adjudication",
     true},
    {"training_reference", "training references",
     "SELECT rowid, uuid, response_id, axis_id, value, explanation, created_at FROM training_reference", true},
    {"annotator_key", "physicians' signing keys",
     "SELECT rowid, annotator_uuid, public_key, recorded_at FROM annotator_key", true},
    {"annotator", "annotators", "SELECT id, uuid, name, retired, created_at FROM annotator ORDER BY id", false},
    {"error_span_removal", "error span removals",
     "SELECT id, removed_at FROM error_span WHERE removed_at IS NOT NULL ORDER BY id", false},
    // The audit head and a package's signature describe the log itself; they are checked against it instead.
    {"meta", "study settings",
     "SELECT key, value FROM meta WHERE key NOT IN ('audit_head', 'package_signature', 'package_signing_key')"
     " ORDER BY key",
     false},
};

const CoveredTable *coveredTable(const QString &key)
{
    for (const CoveredTable &table : kTables) {
        if (key == QLatin1String(table.key))
            return &table;
    }
    return nullptr;
}

void addPart(QCryptographicHash &hash, char tag, const QByteArray &bytes)
{
    // Tagged and length-prefixed, so that no two different rows encode alike.
    QByteArray prefix(1, tag);
    prefix += QByteArray::number(bytes.size());
    prefix += ':';
    hash.addData(prefix);
    hash.addData(bytes);
}

// The running head after one more row: each of its columns, by position, in the order the select lists them.
QString step(const QString &head, const QSqlQuery &row, int columns)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(head.toLatin1());
    for (int i = 0; i < columns; ++i) {
        const QVariant value = row.value(i);
        if (value.isNull()) {
            addPart(hash, 'n', {});
            continue;
        }
        switch (value.typeId()) {
        case QMetaType::LongLong:
        case QMetaType::Int:
        case QMetaType::ULongLong:
        case QMetaType::UInt:
            addPart(hash, 'i', QByteArray::number(value.toLongLong()));
            break;
        case QMetaType::Double:
            addPart(hash, 'r', QByteArray::number(value.toDouble(), 'g', 17));
            break;
        case QMetaType::QByteArray:
            addPart(hash, 'b', value.toByteArray());
            break;
        default:
            addPart(hash, 't', value.toString().toUtf8());
            break;
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

Result<QSqlQuery> forwardQuery(const Study &study, const QString &sql, const QVariantList &bindings = {})
{
    QSqlQuery query(study.database());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return Error{
            QStringLiteral("%1: cannot read the rows the audit log covers: %2").arg(study.path(), sqlError(query)),
            errorCodeOf(query.lastError())};
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    if (!query.exec())
        return Error{
            QStringLiteral("%1: cannot read the rows the audit log covers: %2").arg(study.path(), sqlError(query)),
            errorCodeOf(query.lastError())};
    return query;
}

Result<QString> tableDigest(const Study &study, const CoveredTable &table)
{
    auto rows = forwardQuery(study, QLatin1String(table.sql));
    if (!rows.ok())
        return rows.error();
    QString head = kGenesis;
    const int columns = rows->record().count();
    while (rows->next())
        head = step(head, rows.value(), columns);
    return head;
}

struct CachedState
{
    qint64 maxRowid = 0;
    QString head = kGenesis;
};

// One append-only table read in row order, a row ahead.
class Cursor
{
public:
    Cursor(const Study &study, const CoveredTable &table)
    {
        auto rows = forwardQuery(study, QLatin1String(table.sql) + QStringLiteral(" ORDER BY rowid"));
        if (!rows.ok()) {
            m_error = rows.errorMessage();
            return;
        }
        m_rows = std::move(rows).value();
        m_columns = m_rows.record().count();
        fetch();
    }
    const QString &error() const { return m_error; }
    // Hashes every row up to maxRowid into the head; returns the number of rows hashed.
    qint64 advanceTo(qint64 maxRowid)
    {
        qint64 hashed = 0;
        while (m_pending && m_rowid <= maxRowid) {
            m_head = step(m_head, m_rows, m_columns);
            ++hashed;
            fetch();
        }
        return hashed;
    }
    const QString &head() const { return m_head; }
    // The rows left after the last advanceTo(): their count and the first id.
    std::pair<qint64, qint64> remaining()
    {
        const qint64 first = m_pending ? m_rowid : 0;
        qint64 count = 0;
        while (m_pending) {
            ++count;
            fetch();
        }
        return {count, first};
    }

private:
    void fetch()
    {
        m_pending = m_rows.isActive() && m_rows.next();
        if (m_pending)
            m_rowid = m_rows.value(kRowidColumn).toLongLong();
    }

    QSqlQuery m_rows;
    int m_columns = 0;
    bool m_pending = false;
    qint64 m_rowid = 0;
    QString m_head = kGenesis;
    QString m_error;
};

} // namespace

bool auditLogHasCoverage(const Study &study)
{
    auto column = study.exec(QStringLiteral("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'coverage'"));
    return column.ok() && column->next();
}

Result<QString> recordCoverage(Study &study)
{
    QHash<QString, CachedState> cache;
    {
        auto cached = study.exec(QStringLiteral("SELECT tbl, max_rowid, head FROM audit_coverage"));
        if (!cached.ok())
            return cached.error();
        while (cached->next())
            cache.insert(cached->value(QStringLiteral("tbl")).toString(),
                         {cached->value(QStringLiteral("max_rowid")).toLongLong(),
                          cached->value(QStringLiteral("head")).toString()});
    }
    QJsonObject rows, tables;
    auto remember = [&](const QString &key, const CachedState &state) -> Status {
        auto saved = study.exec(QStringLiteral("INSERT INTO audit_coverage (tbl, max_rowid, head) VALUES (?, ?, ?)"
                                               " ON CONFLICT (tbl) DO UPDATE SET max_rowid = excluded.max_rowid,"
                                               " head = excluded.head"),
                                {key, state.maxRowid, state.head});
        if (!saved.ok())
            return saved.error();
        return {};
    };
    for (const CoveredTable &table : kTables) {
        const QString key = QLatin1String(table.key);
        const bool known = cache.contains(key);
        CachedState state = cache.value(key);
        if (table.appendOnly) {
            auto added = forwardQuery(
                study, QLatin1String(table.sql) + QStringLiteral(" WHERE rowid > ? ORDER BY rowid"), {state.maxRowid});
            if (!added.ok())
                return added.error();
            const int columns = added->record().count();
            qint64 count = 0;
            while (added->next()) {
                state.head = step(state.head, added.value(), columns);
                state.maxRowid = added->value(kRowidColumn).toLongLong();
                ++count;
            }
            if (count == 0 && known)
                continue;
            rows.insert(key, QJsonArray{state.maxRowid, state.head});
        } else {
            auto digest = tableDigest(study, table);
            if (!digest.ok())
                return digest.error();
            if (known && digest.value() == state.head)
                continue;
            state.head = digest.value();
            tables.insert(key, state.head);
        }
        if (Status saved = remember(key, state); !saved.ok())
            return saved.error();
    }
    const QJsonObject coverage{
        {QStringLiteral("v"), kCoverageVersion}, {QStringLiteral("rows"), rows}, {QStringLiteral("tables"), tables}};
    return QString::fromUtf8(QJsonDocument(coverage).toJson(QJsonDocument::Compact));
}

Result<QStringList> verifyCoverage(const Study &study)
{
    QStringList problems;
    if (!auditLogHasCoverage(study))
        return problems;
    struct AppendOnlyState
    {
        std::unique_ptr<Cursor> cursor;
        qint64 maxRowid = 0;
        qint64 entry = 0;
        bool broken = false;
    };
    std::map<QString, AppendOnlyState> appendOnly;
    QHash<QString, std::pair<QString, qint64>> lastDigest; // changing table -> (digest, entry)
    for (const CoveredTable &table : kTables) {
        if (!table.appendOnly)
            continue;
        AppendOnlyState state;
        state.cursor = std::make_unique<Cursor>(study, table);
        if (!state.cursor->error().isEmpty())
            return Error{state.cursor->error()};
        appendOnly.emplace(QLatin1String(table.key), std::move(state));
    }

    auto entries = forwardQuery(study, QStringLiteral("SELECT id, coverage FROM audit_log WHERE coverage <> ''"
                                                      " ORDER BY id"));
    if (!entries.ok())
        return entries.error();
    // Columns by name, looked up once: the loop runs once per audit entry.
    const int idColumn = entries->record().indexOf(QStringLiteral("id"));
    const int coverageColumn = entries->record().indexOf(QStringLiteral("coverage"));
    while (entries->next()) {
        const qint64 entry = entries->value(idColumn).toLongLong();
        QJsonParseError parseError;
        const QJsonDocument document =
            QJsonDocument::fromJson(entries->value(coverageColumn).toString().toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
            document.object().value(QStringLiteral("v")).toInt() != kCoverageVersion) {
            problems << QStringLiteral("audit entry %1: its record of the rows it covers cannot be read").arg(entry);
            continue;
        }
        const QJsonObject rows = document.object().value(QStringLiteral("rows")).toObject();
        for (auto it = rows.begin(); it != rows.end(); ++it) {
            const CoveredTable *table = coveredTable(it.key());
            auto state = appendOnly.find(it.key());
            if (!table || state == appendOnly.end()) {
                problems << QStringLiteral("audit entry %1 covers a table this version does not know ('%2')")
                                .arg(entry)
                                .arg(it.key());
                continue;
            }
            if (state->second.broken)
                continue;
            const QJsonArray recorded = it.value().toArray();
            const qint64 maxRowid = recorded.at(0).toInteger();
            AppendOnlyState &current = state->second;
            const qint64 from = current.maxRowid + 1;
            current.cursor->advanceTo(maxRowid);
            if (maxRowid < current.maxRowid || current.cursor->head() != recorded.at(1).toString()) {
                problems << QStringLiteral("%1: the rows with ids %2 to %3 differ from what audit entry %4 recorded"
                                           " (a row was changed, deleted or added without an audit entry)")
                                .arg(QLatin1String(table->label))
                                .arg(from)
                                .arg(maxRowid)
                                .arg(entry);
                current.broken = true;
                continue;
            }
            current.maxRowid = maxRowid;
            current.entry = entry;
        }
        const QJsonObject tables = document.object().value(QStringLiteral("tables")).toObject();
        for (auto it = tables.begin(); it != tables.end(); ++it)
            lastDigest.insert(it.key(), {it.value().toString(), entry});
    }

    for (const CoveredTable &table : kTables) {
        const QString key = QLatin1String(table.key);
        if (table.appendOnly) {
            AppendOnlyState &state = appendOnly[key];
            if (state.broken)
                continue;
            const auto [count, first] = state.cursor->remaining();
            if (count > 0)
                problems << QStringLiteral("%1: %2 row(s) from id %3 on were written without an audit entry")
                                .arg(QLatin1String(table.label))
                                .arg(count)
                                .arg(first);
            continue;
        }
        auto digest = tableDigest(study, table);
        if (!digest.ok())
            return digest.error();
        const auto recorded = lastDigest.value(key, {kGenesis, 0});
        if (digest.value() != recorded.first)
            problems << QStringLiteral("%1: changed without an audit entry (they differ from what audit entry %2"
                                       " recorded)")
                            .arg(QLatin1String(table.label))
                            .arg(recorded.second);
    }
    return problems;
}

} // namespace concord
