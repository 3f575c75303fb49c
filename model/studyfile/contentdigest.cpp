#include "model/studyfile/contentdigest.h"

#include "model/studyfile/study.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSqlRecord>
#include <QStringList>
#include <QtEndian>

namespace concord {

namespace {

QString quotedIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Length-prefixed, so that no two sequences of values hash alike.
void addBytes(QCryptographicHash &hash, char tag, const QByteArray &bytes)
{
    hash.addData(QByteArrayView(&tag, 1));
    const quint64 size = qToBigEndian(quint64(bytes.size()));
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(&size), sizeof size));
    hash.addData(bytes);
}

void addValue(QCryptographicHash &hash, const QVariant &value)
{
    if (value.isNull()) {
        addBytes(hash, 'N', {});
        return;
    }
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
        addBytes(hash, 'I', QByteArray::number(value.toLongLong()));
        break;
    case QMetaType::Double:
        addBytes(hash, 'R', QByteArray::number(value.toDouble(), 'g', 17));
        break;
    case QMetaType::QByteArray:
        addBytes(hash, 'B', value.toByteArray());
        break;
    default:
        addBytes(hash, 'T', value.toString().toUtf8());
        break;
    }
}

} // namespace

Result<QString> contentSha256(const Study &study)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto schema = study.exec(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master"
                                            " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"));
    if (!schema.ok())
        return schema.error();
    const QSqlRecord schemaRecord = schema->record();
    const int typeColumn = schemaRecord.indexOf(QStringLiteral("type"));
    const int nameColumn = schemaRecord.indexOf(QStringLiteral("name"));
    const int tableNameColumn = schemaRecord.indexOf(QStringLiteral("tbl_name"));
    const int sqlColumn = schemaRecord.indexOf(QStringLiteral("sql"));
    QList<std::pair<QString, bool>> tables; // name, without rowid
    while (schema->next()) {
        // Hashed in the select's order, whatever the lookup: a digest shown or recorded earlier must not change.
        for (const int column : {typeColumn, nameColumn, tableNameColumn, sqlColumn})
            addValue(hash, schema->value(column));
        const QString sql = schema->value(sqlColumn).toString();
        if (schema->value(typeColumn).toString() == QLatin1String("table"))
            tables.push_back({schema->value(nameColumn).toString(),
                              sql.contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive)});
    }
    schema->finish();
    // Every table's columns in one query: each statement parsed costs more than reading these few rows.
    auto columns = study.exec(QStringLiteral("SELECT m.name AS table_name, c.name AS column_name FROM sqlite_master"
                                             " AS m, pragma_table_info(m.name) AS c WHERE m.type = 'table'"
                                             " ORDER BY m.name, c.cid"));
    if (!columns.ok())
        return columns.error();
    const QSqlRecord columnsRecord = columns->record();
    const int ofTableColumn = columnsRecord.indexOf(QStringLiteral("table_name"));
    const int columnNameColumn = columnsRecord.indexOf(QStringLiteral("column_name"));
    QHash<QString, QStringList> columnsOf;
    while (columns->next())
        columnsOf[columns->value(ofTableColumn).toString()]
            << quotedIdentifier(columns->value(columnNameColumn).toString());
    columns->finish();
    for (const auto &[table, withoutRowid] : tables) {
        const QStringList names = columnsOf.value(table);
        if (names.isEmpty())
            continue;
        // Identifiers cannot be bound; these come from the file's own schema and are quoted.
        const QString order = withoutRowid ? names.join(QStringLiteral(", ")) : QStringLiteral("rowid");
        auto rows = study.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                                   .arg(names.join(QStringLiteral(", ")), quotedIdentifier(table), order));
        if (!rows.ok())
            return rows.error();
        addBytes(hash, 't', table.toUtf8());
        while (rows->next()) {
            addBytes(hash, 'r', {});
            // By position on purpose: the select list is `names`, every column of the table in schema order.
            for (int column = 0; column < names.size(); ++column)
                addValue(hash, rows->value(column));
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace concord
