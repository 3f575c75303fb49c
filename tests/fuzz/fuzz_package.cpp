// libFuzzer: annotator packages as `concord merge` and Merge Packages… read them. A package is an SQLite file, so the
// input is not the file itself but damage done to a real package, the way a tamperer or a broken copy would do it:
// - mode 0 (first byte even): cell edits made with plain SQL, triggers dropped first (and re-created or not): each
//   edit is [table][row][column][kind][length][bytes…], picking a table, a row and a column of the package, and
//   writing NULL, an integer, a real or text there, or deleting the row;
// - mode 1 (first byte odd): byte overwrites of the file, [offset high][offset low][length][bytes…] each, within
//   its first 64 KiB (the header, the schema and the first tables).
// The merge may refuse; a refusal says why in one line and leaves the study as it was. Crashes, hangs and leaks fail.
#include "model/annotation/annotationsession.h"
#include "model/demo/demostudy.h"
#include "model/package/annotatorpackage.h"
#include "model/package/packagemerge.h"
#include "tests/fuzz/fuzzsupport.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <cstring>

namespace {

using namespace concord;

QString scratchPath(const char *name)
{
    return fuzz::scratch().filePath(QString::fromLatin1(name));
}

QByteArray readWhole(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        std::abort();
    return file.readAll();
}

void writeWhole(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        std::abort();
}

// The study after its package was made, the package after its physician rated in it (signed on this machine), and
// the counts a refused merge must leave unchanged.
struct Templates
{
    QByteArray study;
    QByteArray package;
    QString counts;
};

QString rowCounts(const Study &study)
{
    auto query = study.exec(QStringLiteral("SELECT (SELECT count(*) FROM rating_event) || '/' || "
                                           "(SELECT count(*) FROM audit_log) || '/' || "
                                           "(SELECT count(*) FROM annotation_note) || '/' || "
                                           "(SELECT count(*) FROM error_span)"));
    if (!query.ok() || !query->next())
        std::abort();
    return query->value(0).toString();
}

Templates buildTemplates()
{
    qputenv("CONCORD_SIGNING_KEY_DIR", QFile::encodeName(scratchPath("keys")));
    const QString studyPath = scratchPath("template-study.concord");
    const QString packagePath = scratchPath("template-package.concord");
    if (!createDemoStudy(studyPath, {.cases = 4, .raters = 2, .seed = 7}).ok())
        std::abort();
    Templates templates;
    {
        auto study = Study::open(studyPath);
        if (!study.ok())
            std::abort();
        auto names = study.value()->exec(QStringLiteral("SELECT name FROM annotator ORDER BY id LIMIT 1"));
        if (!names.ok() || !names->next())
            std::abort();
        if (!createAnnotatorPackage(*study.value(), names->value(0).toString(), packagePath, QStringLiteral("lead"))
                 .ok())
            std::abort();
        templates.counts = rowCounts(*study.value());
    }
    {
        auto package = Study::open(packagePath);
        if (!package.ok())
            std::abort();
        auto session =
            AnnotationSession::start(*package.value(), {.annotatorName = packageAnnotator(*package.value())});
        if (!session.ok())
            std::abort();
        AnnotationSession &annotation = *session.value();
        for (int row = 0; row < std::min(annotation.count(), 2); ++row) {
            if (!annotation.goTo(row).ok())
                std::abort();
            for (const RatingKey &key : annotation.requiredKeys()) {
                const Axis *axis = package.value()->rubric().axisById(key.axisId);
                if (!axis || axis->points.isEmpty() ||
                    !annotation.setRating(key, RatingState::ofValue(axis->points.back().value)).ok())
                    std::abort();
            }
        }
        const qint64 response = annotation.current().responses.front().id;
        if (!annotation.setComment(response, QStringLiteral("Misses the dose check.")).ok() ||
            !annotation.setFlagged(true, QStringLiteral("Which kidney function?")).ok() ||
            !annotation.addSpan(response, 0, 4, QStringLiteral("fabricated_claim"), 2).ok())
            std::abort();
    } // closed: the files are read below only while no connection has them open
    templates.study = readWhole(studyPath);
    templates.package = readWhole(packagePath);
    return templates;
}

// A cursor over the fuzzer's bytes: every read past the end gives 0.
class Bytes
{
public:
    Bytes(const uint8_t *data, size_t size)
        : m_data(data)
        , m_size(size)
    {}
    bool atEnd() const { return m_at >= m_size; }
    uint8_t next() { return m_at < m_size ? m_data[m_at++] : 0; }
    QByteArray take(size_t count)
    {
        count = std::min(count, m_size - std::min(m_at, m_size));
        QByteArray bytes(reinterpret_cast<const char *>(m_data + m_at), qsizetype(count));
        m_at += count;
        return bytes;
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_at = 0;
};

// Another program editing the package with plain SQL, as with the sqlite3 shell.
void editCells(const QString &path, Bytes &bytes)
{
    const QString name = QStringLiteral("fuzz-edit");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            std::abort();
        QSqlQuery query(db);
        const bool recreateTriggers = bytes.next() & 1;
        QStringList triggers;
        query.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"));
        QStringList triggerNames;
        while (query.next()) {
            triggerNames << query.value(0).toString();
            triggers << query.value(1).toString();
        }
        for (const QString &trigger : std::as_const(triggerNames))
            query.exec(QStringLiteral("DROP TRIGGER \"%1\"").arg(trigger));
        QStringList tables;
        query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                  "ORDER BY name"));
        while (query.next())
            tables << query.value(0).toString();
        QHash<QString, QStringList> columnsOf;
        for (int edits = 0; !bytes.atEnd() && edits < 16 && !tables.isEmpty(); ++edits) {
            const QString table = tables[bytes.next() % tables.size()];
            const uint8_t rowChoice = bytes.next();
            const uint8_t columnChoice = bytes.next();
            const uint8_t kind = bytes.next() % 5;
            const QByteArray value = bytes.take(bytes.next());
            QVector<qint64> rowids;
            query.exec(QStringLiteral("SELECT rowid FROM \"%1\" ORDER BY rowid").arg(table));
            while (query.next())
                rowids << query.value(0).toLongLong();
            if (!columnsOf.contains(table)) { // the edits leave the schema as it is
                query.exec(QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table));
                while (query.next())
                    columnsOf[table] << query.value(0).toString();
            }
            const QStringList columns = columnsOf.value(table);
            if (rowids.isEmpty() || columns.isEmpty())
                continue;
            const qint64 rowid = rowids[rowChoice % rowids.size()];
            if (kind == 4) {
                query.exec(QStringLiteral("DELETE FROM \"%1\" WHERE rowid = %2").arg(table).arg(rowid));
                continue;
            }
            QVariant cell;
            if (kind == 1) {
                qint64 number = 0;
                std::memcpy(&number, value.leftJustified(8, '\0').constData(), sizeof number);
                cell = number;
            } else if (kind == 2) {
                double number = 0;
                std::memcpy(&number, value.leftJustified(8, '\0').constData(), sizeof number);
                cell = number;
            } else if (kind == 3) {
                cell = QString::fromUtf8(value);
            } else {
                cell = QVariant(QMetaType::fromType<QString>()); // NULL
            }
            query.prepare(QStringLiteral("UPDATE \"%1\" SET \"%2\" = ? WHERE rowid = ?")
                              .arg(table, columns[columnChoice % columns.size()]));
            query.addBindValue(cell);
            query.addBindValue(rowid);
            query.exec(); // a constraint may refuse the edit; the next one goes on
        }
        if (recreateTriggers)
            for (const QString &trigger : std::as_const(triggers))
                query.exec(trigger);
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void overwriteBytes(QByteArray &file, Bytes &bytes)
{
    for (int edits = 0; !bytes.atEnd() && edits < 32; ++edits) {
        const qsizetype offset = (qsizetype(bytes.next()) << 8) | bytes.next();
        const QByteArray patch = bytes.take(bytes.next() % 64);
        for (qsizetype i = 0; i < patch.size() && offset + i < file.size(); ++i)
            file[offset + i] = patch[i];
    }
}

// The study as its template was: the template's pages copied into the open study by SQLite's backup API, which is
// far cheaper than writing the file again and reopening it, and goes through the study's own connection. The
// template (a scratch file no one else opens) stays open as the source.
void restoreStudy(Study &study, const QString &templatePath)
{
    static sqlite3 *source = [&] {
        sqlite3 *opened = nullptr;
        if (sqlite3_open_v2(QFile::encodeName(templatePath).constData(), &opened, SQLITE_OPEN_READWRITE, nullptr) !=
            SQLITE_OK)
            std::abort();
        return opened;
    }();
    auto *destination = *static_cast<sqlite3 *const *>(study.database().driver()->handle().constData());
    sqlite3_backup *backup = sqlite3_backup_init(destination, "main", source, "main");
    if (!backup || sqlite3_backup_step(backup, -1) != SQLITE_DONE || sqlite3_backup_finish(backup) != SQLITE_OK)
        std::abort();
    if (!study.reloadRubric().ok())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Templates templates = buildTemplates();
    static std::unique_ptr<Study> study;
    static bool studyChanged = false;
    const QString studyPath = scratchPath("study.concord");
    const QString packagePath = scratchPath("package.concord");
    if (!study) {
        writeWhole(studyPath, templates.study);
        auto opened = Study::open(studyPath);
        if (!opened.ok())
            std::abort();
        study = std::move(opened).value();
    } else if (studyChanged) {
        restoreStudy(*study, scratchPath("template-study.concord"));
    }
    studyChanged = false;

    Bytes bytes(data, size);
    for (const char *suffix : {"-wal", "-shm"})
        QFile::remove(packagePath + QLatin1String(suffix));
    if (bytes.next() & 1) {
        QByteArray file = templates.package;
        overwriteBytes(file, bytes);
        writeWhole(packagePath, file);
    } else {
        writeWhole(packagePath, templates.package);
        editCells(packagePath, bytes);
    }

    auto merged = mergePackage(*study, packagePath, QStringLiteral("lead"));
    if (merged.ok()) {
        studyChanged = true;
        return 0;
    }
    const QString message = merged.errorMessage();
    if (message.isEmpty() || message.contains(QLatin1Char('\n')))
        std::abort(); // a refusal says why, in one line
    if (rowCounts(*study) != templates.counts)
        std::abort(); // and leaves the study as it was
    return 0;
}
