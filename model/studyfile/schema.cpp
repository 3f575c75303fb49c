#include "model/studyfile/schema.h"

namespace concord {

namespace {

QStringList appendOnly(const QString &table)
{
    // Rating events and the audit log are never updated or deleted: history is the audit trail.
    return {
        QStringLiteral("CREATE TRIGGER %1_no_update BEFORE UPDATE ON %1 BEGIN "
                       "SELECT RAISE(ABORT, '%1 is append-only'); END")
            .arg(table),
        QStringLiteral("CREATE TRIGGER %1_no_delete BEFORE DELETE ON %1 BEGIN "
                       "SELECT RAISE(ABORT, '%1 is append-only'); END")
            .arg(table),
    };
}

std::vector<Migration> buildMigrations()
{
    std::vector<Migration> migrations;

    // Version 1: the annotation core (rubric, cases, responses, comparisons, annotators, ratings, audit log).
    Migration v1;
    v1.toVersion = 1;
    v1.description = QStringLiteral("annotation core");
    v1.statements = QStringList{
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE rubric ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
                       " version INTEGER NOT NULL, description TEXT NOT NULL DEFAULT '',"
                       " definition_json TEXT NOT NULL, created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE axis ("
                       " id INTEGER PRIMARY KEY, rubric_id INTEGER NOT NULL REFERENCES rubric(id),"
                       " position INTEGER NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL,"
                       " question TEXT NOT NULL DEFAULT '',"
                       " target TEXT NOT NULL CHECK (target IN ('response', 'comparison')),"
                       " level TEXT NOT NULL CHECK (level IN ('binary', 'nominal', 'ordinal', 'interval')),"
                       " allows_unable INTEGER NOT NULL DEFAULT 0, not_applicable_label TEXT NOT NULL DEFAULT '',"
                       " likelihood_json TEXT NOT NULL DEFAULT '[]',"
                       " binary_threshold REAL, binary_positive TEXT, binary_negative TEXT,"
                       " UNIQUE (rubric_id, key))"),
        QStringLiteral("CREATE TABLE scale_point ("
                       " id INTEGER PRIMARY KEY, axis_id INTEGER NOT NULL REFERENCES axis(id),"
                       " position INTEGER NOT NULL, value REAL NOT NULL, label TEXT NOT NULL,"
                       " anchor TEXT NOT NULL DEFAULT '', UNIQUE (axis_id, value))"),
        QStringLiteral("CREATE TABLE error_category ("
                       " id INTEGER PRIMARY KEY, rubric_id INTEGER NOT NULL REFERENCES rubric(id),"
                       " key TEXT NOT NULL, label TEXT NOT NULL,"
                       " grp TEXT NOT NULL CHECK (grp IN ('commission', 'omission', 'certainty', 'other')),"
                       " UNIQUE (rubric_id, key))"),
        QStringLiteral("CREATE TABLE \"case\" ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, external_id TEXT NOT NULL UNIQUE,"
                       " task TEXT NOT NULL DEFAULT '', input TEXT NOT NULL DEFAULT '',"
                       " reference TEXT NOT NULL DEFAULT '', metadata_json TEXT NOT NULL DEFAULT '{}')"),
        QStringLiteral("CREATE TABLE response ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " case_id INTEGER NOT NULL REFERENCES \"case\"(id), external_id TEXT NOT NULL,"
                       " system TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',"
                       " metadata_json TEXT NOT NULL DEFAULT '{}', UNIQUE (case_id, external_id))"),
        QStringLiteral("CREATE TABLE comparison ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " case_id INTEGER NOT NULL REFERENCES \"case\"(id))"),
        QStringLiteral("CREATE TABLE comparison_response ("
                       " comparison_id INTEGER NOT NULL REFERENCES comparison(id),"
                       " response_id INTEGER NOT NULL REFERENCES response(id), position INTEGER NOT NULL,"
                       " PRIMARY KEY (comparison_id, response_id))"),
        QStringLiteral("CREATE TABLE annotator ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,"
                       " retired INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE assignment ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " annotator_id INTEGER NOT NULL REFERENCES annotator(id),"
                       " comparison_id INTEGER NOT NULL REFERENCES comparison(id),"
                       " sequence INTEGER NOT NULL, response_order_json TEXT NOT NULL, seed INTEGER NOT NULL,"
                       " UNIQUE (annotator_id, comparison_id))"),
        QStringLiteral("CREATE TABLE rating_event ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " annotator_id INTEGER NOT NULL REFERENCES annotator(id),"
                       " response_id INTEGER REFERENCES response(id),"
                       " comparison_id INTEGER REFERENCES comparison(id),"
                       " axis_id INTEGER NOT NULL REFERENCES axis(id),"
                       " status TEXT NOT NULL CHECK (status IN ('value', 'unable', 'not_applicable', 'cleared')),"
                       " value REAL, preferred_response_id INTEGER REFERENCES response(id),"
                       " likelihood TEXT NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '',"
                       " rubric_version INTEGER NOT NULL, created_at TEXT NOT NULL,"
                       " active_seconds REAL NOT NULL DEFAULT 0,"
                       " CHECK ((response_id IS NULL) <> (comparison_id IS NULL)),"
                       " CHECK ((status = 'value') = (value IS NOT NULL)))"),
        QStringLiteral("CREATE INDEX rating_event_target ON rating_event"
                       " (annotator_id, axis_id, response_id, comparison_id, id)"),
        QStringLiteral("CREATE INDEX rating_event_response ON rating_event (response_id)"),
        // The current rating is the latest event per (annotator, target, axis); a 'cleared' event withdraws it.
        QStringLiteral("CREATE VIEW current_rating AS SELECT e.* FROM rating_event e JOIN"
                       " (SELECT max(id) AS id FROM rating_event"
                       "  GROUP BY annotator_id, axis_id, response_id, comparison_id) latest ON latest.id = e.id"
                       " WHERE e.status <> 'cleared'"),
        QStringLiteral("CREATE TABLE audit_log ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, at TEXT NOT NULL,"
                       " actor TEXT NOT NULL, action TEXT NOT NULL, details_json TEXT NOT NULL,"
                       " prev_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE)"),
    };
    v1.statements += appendOnly(QStringLiteral("rating_event"));
    v1.statements += appendOnly(QStringLiteral("audit_log"));
    migrations.push_back(v1);

    // Version 2: LLM judges, error spans and adjudication.
    Migration v2;
    v2.toVersion = 2;
    v2.description = QStringLiteral("judge runs and scores, error spans, adjudication");
    v2.statements = QStringList{
        QStringLiteral("CREATE TABLE judge_run ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,"
                       " model TEXT NOT NULL DEFAULT '', prompt_version TEXT NOT NULL DEFAULT '',"
                       " settings_json TEXT NOT NULL DEFAULT '{}', source_file TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE judge_score ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " judge_run_id INTEGER NOT NULL REFERENCES judge_run(id),"
                       " response_id INTEGER NOT NULL REFERENCES response(id),"
                       " axis_id INTEGER NOT NULL REFERENCES axis(id), value REAL,"
                       " probabilities_json TEXT, confidence REAL CHECK (confidence BETWEEN 0 AND 1),"
                       " rationale TEXT NOT NULL DEFAULT '', UNIQUE (judge_run_id, response_id, axis_id))"),
        QStringLiteral("CREATE INDEX judge_score_response ON judge_score (response_id)"),
        QStringLiteral("CREATE TABLE error_span ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " response_id INTEGER NOT NULL REFERENCES response(id),"
                       " annotator_id INTEGER REFERENCES annotator(id),"
                       " judge_run_id INTEGER REFERENCES judge_run(id),"
                       " start_offset INTEGER NOT NULL CHECK (start_offset >= 0),"
                       " end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),"
                       " category TEXT NOT NULL, severity INTEGER NOT NULL DEFAULT 0,"
                       " created_at TEXT NOT NULL, removed_at TEXT)"),
        QStringLiteral("CREATE TABLE adjudication ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " response_id INTEGER NOT NULL REFERENCES response(id),"
                       " axis_id INTEGER NOT NULL REFERENCES axis(id), value REAL,"
                       " decided_by TEXT NOT NULL, reason_code TEXT NOT NULL DEFAULT '',"
                       " reason TEXT NOT NULL DEFAULT '', considered_event_ids_json TEXT NOT NULL DEFAULT '[]',"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX adjudication_target ON adjudication (response_id, axis_id, id)"),
    };
    migrations.push_back(v2);

    // Version 3: a covering index in (axis, target, annotator, id) order, so the current ratings of every target come
    // out of one ordered index scan, without sorting or looking up rows (opening a study of 300,000 events).
    Migration v3;
    v3.toVersion = 3;
    v3.description = QStringLiteral("covering index of rating events by axis and target");
    v3.statements = QStringList{
        QStringLiteral("CREATE INDEX rating_event_by_target ON rating_event"
                       " (axis_id, response_id, comparison_id, annotator_id, id, status)"),
    };
    migrations.push_back(v3);

    // Version 4: what an annotator writes besides ratings: a comment on a response or on the comparison, and a flag
    // for the study lead. Append-only like the ratings; the latest note per (annotator, comparison, response, kind)
    // is the current one (an empty comment or a lowered flag withdraws it).
    Migration v4;
    v4.toVersion = 4;
    v4.description = QStringLiteral("annotator comments and flags; indexes for loading one comparison");
    v4.statements = QStringList{
        QStringLiteral(
            "CREATE TABLE annotation_note ("
            " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
            " annotator_id INTEGER NOT NULL REFERENCES annotator(id),"
            " comparison_id INTEGER NOT NULL REFERENCES comparison(id),"
            " response_id INTEGER REFERENCES response(id),"
            " kind TEXT NOT NULL CHECK (kind IN ('comment', 'flag')),"
            " text TEXT NOT NULL DEFAULT '', raised INTEGER NOT NULL DEFAULT 1 CHECK (raised IN (0, 1)),"
            " created_at TEXT NOT NULL, active_seconds REAL NOT NULL DEFAULT 0 CHECK (active_seconds >= 0))"),
        QStringLiteral("CREATE INDEX annotation_note_by_comparison ON annotation_note"
                       " (annotator_id, comparison_id, kind, response_id, id)"),
        // Loading one comparison on screen: its preferences and its responses' spans without a scan.
        QStringLiteral("CREATE INDEX rating_event_comparison ON rating_event (comparison_id)"
                       " WHERE comparison_id IS NOT NULL"),
        QStringLiteral("CREATE INDEX error_span_response ON error_span (response_id)"),
    };
    v4.statements += appendOnly(QStringLiteral("annotation_note"));
    migrations.push_back(v4);

    // Version 5: blinded repeats and training comparisons. A repeat is the second showing of a comparison to
    // the same physician; what they write there (ratings, notes, spans) is marked is_repeat, so it neither replaces
    // nor shows the first showing's and is paired with it for intra-rater agreement. A training comparison's
    // responses carry reference values, shown to the physician after they rate and kept out of the statistics.
    Migration v5;
    v5.toVersion = 5;
    v5.description = QStringLiteral("blinded repeat showings and training references");
    const QString repeatColumn =
        QStringLiteral(" ADD COLUMN is_repeat INTEGER NOT NULL DEFAULT 0 CHECK (is_repeat IN (0, 1))");
    v5.statements = QStringList{
        QStringLiteral("ALTER TABLE rating_event") + repeatColumn,
        QStringLiteral("ALTER TABLE annotation_note") + repeatColumn,
        QStringLiteral("ALTER TABLE error_span") + repeatColumn,
        // The unique key of an assignment now includes the showing: SQLite changes a constraint by rebuilding.
        QStringLiteral("CREATE TABLE assignment_v5 ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " annotator_id INTEGER NOT NULL REFERENCES annotator(id),"
                       " comparison_id INTEGER NOT NULL REFERENCES comparison(id),"
                       " sequence INTEGER NOT NULL, response_order_json TEXT NOT NULL, seed INTEGER NOT NULL,"
                       " is_repeat INTEGER NOT NULL DEFAULT 0 CHECK (is_repeat IN (0, 1)),"
                       " UNIQUE (annotator_id, comparison_id, is_repeat))"),
        QStringLiteral("INSERT INTO assignment_v5 (id, uuid, annotator_id, comparison_id, sequence,"
                       " response_order_json, seed) SELECT id, uuid, annotator_id, comparison_id, sequence,"
                       " response_order_json, seed FROM assignment"),
        QStringLiteral("DROP TABLE assignment"),
        QStringLiteral("ALTER TABLE assignment_v5 RENAME TO assignment"),
        QStringLiteral("CREATE TABLE training_reference ("
                       " id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                       " response_id INTEGER NOT NULL REFERENCES response(id),"
                       " axis_id INTEGER NOT NULL REFERENCES axis(id), value REAL NOT NULL,"
                       " explanation TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
                       " UNIQUE (response_id, axis_id))"),
        // Readers of current ratings filter on is_repeat; keeping it in the covering index keeps their scan in it.
        QStringLiteral("DROP INDEX rating_event_by_target"),
        QStringLiteral("CREATE INDEX rating_event_by_target ON rating_event"
                       " (axis_id, response_id, comparison_id, annotator_id, id, status, is_repeat)"),
        QStringLiteral("DROP VIEW current_rating"),
        QStringLiteral("CREATE VIEW current_rating AS SELECT e.* FROM rating_event e JOIN"
                       " (SELECT max(id) AS id FROM rating_event WHERE is_repeat = 0"
                       "  GROUP BY annotator_id, axis_id, response_id, comparison_id) latest ON latest.id = e.id"
                       " WHERE e.status <> 'cleared'"),
        QStringLiteral("CREATE VIEW current_repeat_rating AS SELECT e.* FROM rating_event e JOIN"
                       " (SELECT max(id) AS id FROM rating_event WHERE is_repeat = 1"
                       "  GROUP BY annotator_id, axis_id, response_id, comparison_id) latest ON latest.id = e.id"
                       " WHERE e.status <> 'cleared'"),
    };
    migrations.push_back(v5);

    // Version 6: tampering is detected. Each audit entry records the running digests of the rows written
    // since the entry before it (model/studyfile/auditcoverage.h); audit_coverage only caches the latest digests so
    // that an entry need not rehash the whole study (check never trusts it). annotator_key holds each physician's
    // package signing keys, the first recorded at the first merge of a signed package (trust on first use), a later one
    // only when the study lead accepts it. The migration's own audit entry records the digests of every row the file
    // already holds.
    Migration v6;
    v6.toVersion = 6;
    v6.description = QStringLiteral("audit coverage of every row; physicians' package signing keys");
    v6.statements = QStringList{
        QStringLiteral("CREATE TABLE audit_coverage (tbl TEXT PRIMARY KEY, max_rowid INTEGER NOT NULL,"
                       " head TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE annotator_key ("
                       " id INTEGER PRIMARY KEY, annotator_uuid TEXT NOT NULL,"
                       " public_key TEXT NOT NULL UNIQUE, recorded_at TEXT NOT NULL)"),
        // A physician's latest key is the current one (a new computer, accepted by the lead at a merge).
        QStringLiteral("CREATE INDEX annotator_key_by_annotator ON annotator_key (annotator_uuid, id)"),
    };
    v6.statements += appendOnly(QStringLiteral("annotator_key"));
    // Last: appendAudit records coverage once this column exists.
    v6.statements << QStringLiteral("ALTER TABLE audit_log ADD COLUMN coverage TEXT NOT NULL DEFAULT ''");
    migrations.push_back(v6);

    return migrations;
}

} // namespace

QList<std::pair<QString, QString>> appendOnlyTriggers()
{
    QList<std::pair<QString, QString>> triggers;
    for (const char *table : {"rating_event", "audit_log", "annotation_note", "annotator_key"}) {
        const QString name = QLatin1String(table);
        const QStringList statements = appendOnly(name);
        triggers.append({name + QStringLiteral("_no_update"), statements[0]});
        triggers.append({name + QStringLiteral("_no_delete"), statements[1]});
    }
    return triggers;
}

const std::vector<Migration> &schemaMigrations()
{
    static const std::vector<Migration> migrations = buildMigrations();
    return migrations;
}

int currentSchemaVersion()
{
    return schemaMigrations().back().toVersion;
}

} // namespace concord
