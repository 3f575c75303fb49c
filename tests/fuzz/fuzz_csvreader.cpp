// libFuzzer: the RFC 4180 reader on its own (every CSV importer reads through it), record by record to the end.
#include "model/formats/csvreader.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto reader = concord::CsvReader::fromBytes(bytes, QStringLiteral("fuzz.csv"));
    if (!reader.ok())
        return 0;
    qint64 lastLine = 0;
    for (const QString &name : reader.value()->header()) {
        if (reader.value()->column(name) < 0)
            std::abort(); // every header name is found again
    }
    while (true) {
        auto record = reader.value()->next();
        if (!record.ok() || !record.value())
            break;
        if (record.value()->line <= lastLine || record.value()->fields.size() != reader.value()->header().size())
            std::abort(); // lines increase; every record has the header's width
        lastLine = record.value()->line;
    }
    return 0;
}
