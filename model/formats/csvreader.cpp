#include "model/formats/csvreader.h"

#include "model/domain/messagetext.h"
#include "model/formats/csvcell.h"

#include <QStringDecoder>
#include <cstring>

namespace concord {

namespace {

// Returns the byte offset of the first invalid UTF-8 sequence, or -1.
qsizetype firstInvalidUtf8(const char *data, qsizetype size)
{
    const auto *s = reinterpret_cast<const unsigned char *>(data);
    qsizetype i = 0;
    while (i < size) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned int minimum = 0;
        unsigned int code = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1, minimum = 0x80, code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, minimum = 0x800, code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, minimum = 0x10000, code = c & 0x07;
        } else {
            return i;
        }
        if (i + extra >= size)
            return i;
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            code = (code << 6) | (s[i + k] & 0x3F);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return i;
        i += extra + 1;
    }
    return -1;
}

} // namespace

CsvReader::CsvReader(QString name, const char *data, qsizetype size)
    : m_name(std::move(name))
    , m_data(data)
    , m_size(size)
{}

Error CsvReader::error(qint64 line, const QString &what) const
{
    return Error{QStringLiteral("%1:%2: %3").arg(m_name).arg(line).arg(what)};
}

Result<std::unique_ptr<CsvReader>> CsvReader::open(const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(path, file->errorString())};
    if (file->size() == 0)
        return Error{QStringLiteral("%1:1: the file is empty").arg(path)};
    const uchar *mapped = file->map(0, file->size());
    if (!mapped)
        return Error{QStringLiteral("%1: cannot read: %2").arg(path, file->errorString())};
    std::unique_ptr<CsvReader> reader(
        new CsvReader(path, reinterpret_cast<const char *>(mapped), static_cast<qsizetype>(file->size())));
    reader->m_file = std::move(file);
    if (auto status = reader->readHeader(); !status.ok())
        return status.error();
    return reader;
}

Result<std::unique_ptr<CsvReader>> CsvReader::fromBytes(const QByteArray &bytes, const QString &name)
{
    if (bytes.isEmpty())
        return Error{QStringLiteral("%1:1: the file is empty").arg(name)};
    std::unique_ptr<CsvReader> reader(new CsvReader(name, nullptr, 0));
    reader->m_bytes = bytes;
    reader->m_data = reader->m_bytes.constData();
    reader->m_size = reader->m_bytes.size();
    if (auto status = reader->readHeader(); !status.ok())
        return status.error();
    return reader;
}

Status CsvReader::readHeader()
{
    // Text files have no NUL bytes; look at the start before trying to make sense of the rest.
    const qsizetype sniff = std::min<qsizetype>(m_size, 8192);
    if (std::memchr(m_data, '\0', static_cast<size_t>(sniff)))
        return error(1, QStringLiteral("a NUL byte: this is a binary file, not CSV text"));
    if (m_size >= 3 && std::memcmp(m_data, "\xEF\xBB\xBF", 3) == 0)
        m_pos = 3;
    auto header = readRecord();
    if (!header.ok())
        return header.error();
    if (!header.value() || (header.value()->size() == 1 && header.value()->front().trimmed().isEmpty()))
        return error(1, QStringLiteral("the file has no header line"));
    for (QString name : *header.value()) {
        name = name.trimmed();
        if (name.isEmpty())
            return error(1, QStringLiteral("the header has an empty column name (column %1)").arg(m_header.size() + 1));
        // A hash, not a list search: a header of 100,000 columns is checked in linear time.
        if (m_columnIndex.contains(name))
            return error(1, QStringLiteral("the header names column %1 twice").arg(quotedForMessage(name)));
        m_columnIndex.insert(name, m_header.size());
        m_header << name;
    }
    if (m_header.size() == 1) {
        for (const QChar delimiter : {QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')}) {
            if (m_header.front().contains(delimiter)) {
                const QString shown = delimiter == QLatin1Char('\t') ? QStringLiteral("tab") : QString(delimiter);
                return error(1, QStringLiteral("the header has one column %1: the file seems to use '%2' as "
                                               "delimiter; Concord reads comma-separated files")
                                    .arg(quotedForMessage(m_header.front()), shown));
            }
        }
    }
    return {};
}

Result<std::optional<QStringList>> CsvReader::readRecord()
{
    if (m_pos >= m_size)
        return std::optional<QStringList>{};
    QStringList fields;
    while (true) {
        // One field.
        qsizetype fieldStart = m_pos;
        QByteArray unescaped; // used only for quoted fields with "" escapes
        bool quoted = false;
        bool hasEscapes = false;
        qsizetype contentStart = m_pos;
        qsizetype contentEnd = m_pos;
        if (m_pos < m_size && m_data[m_pos] == '"') {
            quoted = true;
            const qint64 quoteLine = m_line;
            ++m_pos;
            contentStart = m_pos;
            while (true) {
                const void *found = std::memchr(m_data + m_pos, '"', static_cast<size_t>(m_size - m_pos));
                const qsizetype quotePos = found ? static_cast<const char *>(found) - m_data : m_size;
                // Count line breaks inside the quoted text so later records report the right line.
                for (const char *p = m_data + m_pos; p < m_data + quotePos;) {
                    const void *nl = std::memchr(p, '\n', static_cast<size_t>(m_data + quotePos - p));
                    if (!nl)
                        break;
                    ++m_line;
                    p = static_cast<const char *>(nl) + 1;
                }
                if (quotePos - contentStart > kMaxFieldBytes)
                    return error(quoteLine, QStringLiteral("field %1 is longer than %2 MiB")
                                                .arg(fields.size() + 1)
                                                .arg(kMaxFieldBytes / (1024 * 1024)));
                if (!found)
                    return error(quoteLine, QStringLiteral("unterminated quote: the quoted field %1 that opens on "
                                                           "this line is never closed")
                                                .arg(fields.size() + 1));
                if (quotePos + 1 < m_size && m_data[quotePos + 1] == '"') {
                    if (!hasEscapes) {
                        hasEscapes = true;
                        unescaped.reserve(quotePos - contentStart + 64);
                    }
                    unescaped.append(m_data + m_pos, quotePos - m_pos + 1);
                    m_pos = quotePos + 2;
                    continue;
                }
                if (hasEscapes)
                    unescaped.append(m_data + m_pos, quotePos - m_pos);
                contentEnd = quotePos;
                m_pos = quotePos + 1;
                break;
            }
            if (m_pos < m_size && m_data[m_pos] != ',' && m_data[m_pos] != '\n' && m_data[m_pos] != '\r')
                return error(m_line, QStringLiteral("field %1: unexpected text after a closing quote (a quote inside "
                                                    "a field must be doubled)")
                                         .arg(fields.size() + 1));
        } else {
            while (m_pos < m_size) {
                const char c = m_data[m_pos];
                if (c == ',' || c == '\n' || c == '\r')
                    break;
                if (c == '"')
                    return error(m_line, QStringLiteral("field %1: a quote inside an unquoted field (quote the "
                                                        "field and double the quote)")
                                             .arg(fields.size() + 1));
                if (c == '\0')
                    return error(m_line, QStringLiteral("a NUL byte: this is a binary file, not CSV text"));
                ++m_pos;
                if (m_pos - fieldStart > kMaxFieldBytes)
                    return error(m_line, QStringLiteral("field %1 is longer than %2 MiB")
                                             .arg(fields.size() + 1)
                                             .arg(kMaxFieldBytes / (1024 * 1024)));
            }
            contentStart = fieldStart;
            contentEnd = m_pos;
        }
        const char *bytes = hasEscapes ? unescaped.constData() : m_data + contentStart;
        const qsizetype length = hasEscapes ? unescaped.size() : contentEnd - contentStart;
        if (quoted && std::memchr(bytes, '\0', static_cast<size_t>(length)))
            return error(m_line, QStringLiteral("a NUL byte: this is a binary file, not CSV text"));
        if (const qsizetype bad = firstInvalidUtf8(bytes, length); bad >= 0)
            return error(m_line, QStringLiteral("field %1: invalid UTF-8 (byte 0x%2); save the file as UTF-8")
                                     .arg(fields.size() + 1)
                                     .arg(static_cast<unsigned char>(bytes[bad]), 2, 16, QLatin1Char('0')));
        fields << csvCellUnguarded(QString::fromUtf8(bytes, length));

        if (m_pos >= m_size)
            break;
        const char c = m_data[m_pos];
        if (c == ',') {
            ++m_pos;
            continue;
        }
        // End of record: LF or CRLF (a lone CR also ends it).
        ++m_pos;
        if (c == '\r' && m_pos < m_size && m_data[m_pos] == '\n')
            ++m_pos;
        ++m_line;
        break;
    }
    return std::optional<QStringList>(std::move(fields));
}

Result<std::optional<CsvReader::Record>> CsvReader::next()
{
    while (true) {
        const qint64 line = m_line;
        auto fields = readRecord();
        if (!fields.ok())
            return fields.error();
        if (!fields.value())
            return std::optional<Record>{};
        QStringList &values = *fields.value();
        if (values.size() == 1 && values.front().isEmpty())
            continue; // a blank line
        if (values.size() != m_header.size())
            return error(line,
                         QStringLiteral("%1 fields, but the header has %2").arg(values.size()).arg(m_header.size()));
        return std::optional<Record>(Record{line, std::move(values)});
    }
}

} // namespace concord
