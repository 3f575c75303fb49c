#pragma once

#include "model/domain/result.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace concord {

// An RFC 4180 reader: comma-separated, '"' quoting with "" escapes, quoted fields may hold commas and line
// breaks (LF or CRLF), UTF-8 with or without a byte-order mark. Reads a memory-mapped file, so a 100 MB file
// costs no copy. Errors name the file and the physical line.
class CsvReader
{
public:
    static constexpr qsizetype kMaxFieldBytes = 16 * 1024 * 1024;

    struct Record
    {
        qint64 line = 0; // physical line on which the record starts (1-based)
        QStringList fields;
    };

    // Opens and maps the file and reads the header.
    static Result<std::unique_ptr<CsvReader>> open(const QString &path);
    // For data already in memory; `name` stands for the file in messages.
    static Result<std::unique_ptr<CsvReader>> fromBytes(const QByteArray &bytes, const QString &name);

    const QStringList &header() const { return m_header; }
    qsizetype column(const QString &name) const { return m_columnIndex.value(name, -1); }
    QString name() const { return m_name; }

    // The next record, std::nullopt at the end, or an error.
    Result<std::optional<Record>> next();

private:
    CsvReader(QString name, const char *data, qsizetype size);
    Status readHeader();
    Result<std::optional<QStringList>> readRecord();
    Error error(qint64 line, const QString &what) const;

    QString m_name;
    std::unique_ptr<QFile> m_file;
    QByteArray m_bytes;
    const char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    QStringList m_header;
    QHash<QString, qsizetype> m_columnIndex;
};

} // namespace concord
