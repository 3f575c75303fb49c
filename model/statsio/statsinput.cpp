#include "model/statsio/statsinput.h"

#include "model/domain/messagetext.h"
#include "model/formats/csvreader.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <optional>

namespace concord {

namespace {

struct RawCell
{
    qsizetype unit = 0;
    qsizetype rater = 0;
    QString text;
    qint64 line = 0;
    QString column;
};

Error fieldError(const QString &file, qint64 line, const QString &column, const QString &what)
{
    return Error{
        QStringLiteral("%1:%2: field '%3': %4").arg(file).arg(line).arg(escapedForMessage(column.left(80)), what)};
}

std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

qsizetype indexOf(QStringList &names, QHash<QString, qsizetype> &index, const QString &name)
{
    const auto found = index.constFind(name);
    if (found != index.constEnd())
        return *found;
    names << name;
    index.insert(name, names.size() - 1);
    return names.size() - 1;
}

Status checkFieldCount(const CsvReader &csv, const CsvReader::Record &record)
{
    if (record.fields.size() == csv.header().size())
        return {};
    return Error{QStringLiteral("%1:%2: %3 fields, but the header has %4")
                     .arg(csv.name())
                     .arg(record.line)
                     .arg(record.fields.size())
                     .arg(csv.header().size())};
}

Result<std::vector<RawCell>> readWide(CsvReader &csv, StatsRatings &out)
{
    const QStringList &header = csv.header();
    if (header.size() < 2)
        return Error{QStringLiteral("%1:1: a wide ratings file needs a unit column and at least one rater column, "
                                    "found %2 column(s)")
                         .arg(csv.name())
                         .arg(header.size())};
    out.raters = header.mid(1);
    QHash<QString, qsizetype> unitIndex;
    std::vector<RawCell> cells;
    while (true) {
        auto record = csv.next();
        if (!record.ok())
            return record.error();
        if (!record.value())
            break;
        const auto &fields = record.value()->fields;
        const qint64 line = record.value()->line;
        if (auto status = checkFieldCount(csv, *record.value()); !status.ok())
            return status.error();
        const QString unit = fields[0].trimmed();
        if (unit.isEmpty())
            return fieldError(csv.name(), line, header[0], QStringLiteral("the unit is empty"));
        if (unitIndex.contains(unit))
            return fieldError(csv.name(), line, header[0],
                              QStringLiteral("unit %1 appears twice").arg(quotedForMessage(unit)));
        const qsizetype u = indexOf(out.units, unitIndex, unit);
        for (qsizetype r = 1; r < fields.size(); ++r) {
            if (!fields[r].trimmed().isEmpty())
                cells.push_back(RawCell{u, r - 1, fields[r].trimmed(), line, header[r]});
        }
    }
    return cells;
}

Result<std::vector<RawCell>> readLong(CsvReader &csv, StatsRatings &out)
{
    const qsizetype unitColumn = csv.column(QStringLiteral("unit"));
    const qsizetype raterColumn = csv.column(QStringLiteral("rater"));
    const qsizetype valueColumn = csv.column(QStringLiteral("value"));
    for (const auto &[column, name] :
         {std::pair{unitColumn, QStringLiteral("unit")}, std::pair{raterColumn, QStringLiteral("rater")},
          std::pair{valueColumn, QStringLiteral("value")}}) {
        if (column < 0)
            return Error{QStringLiteral("%1:1: a long ratings file needs the columns unit, rater and value; "
                                        "'%2' is missing")
                             .arg(csv.name(), name)};
    }
    QHash<QString, qsizetype> unitIndex, raterIndex;
    QHash<QPair<qsizetype, qsizetype>, qint64> seen;
    std::vector<RawCell> cells;
    while (true) {
        auto record = csv.next();
        if (!record.ok())
            return record.error();
        if (!record.value())
            break;
        const auto &fields = record.value()->fields;
        const qint64 line = record.value()->line;
        if (auto status = checkFieldCount(csv, *record.value()); !status.ok())
            return status.error();
        const QString unit = fields[unitColumn].trimmed();
        const QString rater = fields[raterColumn].trimmed();
        if (unit.isEmpty())
            return fieldError(csv.name(), line, QStringLiteral("unit"), QStringLiteral("the unit is empty"));
        if (rater.isEmpty())
            return fieldError(csv.name(), line, QStringLiteral("rater"), QStringLiteral("the rater is empty"));
        const qsizetype u = indexOf(out.units, unitIndex, unit);
        const qsizetype r = indexOf(out.raters, raterIndex, rater);
        if (const auto earlier = seen.constFind({u, r}); earlier != seen.constEnd())
            return fieldError(csv.name(), line, QStringLiteral("rater"),
                              QStringLiteral("rater %1 already rated unit %2 on line %3")
                                  .arg(quotedForMessage(rater), quotedForMessage(unit))
                                  .arg(*earlier));
        seen.insert({u, r}, line);
        const QString value = fields[valueColumn].trimmed();
        if (!value.isEmpty())
            cells.push_back(RawCell{u, r, value, line, QStringLiteral("value")});
    }
    return cells;
}

// Codes the values: numbers stay numbers; texts become their index in the declared (or sorted observed) labels.
Status codeValues(const QString &file, const std::vector<RawCell> &cells, const QStringList &categories,
                  StatsRatings &out)
{
    const bool numeric =
        std::all_of(cells.begin(), cells.end(), [](const RawCell &c) { return parseNumber(c.text).has_value(); });
    // The matrix is dense: a long file with many distinct units and raters would ask for units × raters cells
    // (100,000 of each: 80 GB). Refuse before allocating.
    constexpr double kMaxCells = 20'000'000;
    if (static_cast<double>(out.units.size()) * static_cast<double>(out.raters.size()) > kMaxCells)
        return Error{QStringLiteral("%1: %2 units by %3 raters is more than the %4 million cells a rating table may "
                                    "have")
                         .arg(file)
                         .arg(out.units.size())
                         .arg(out.raters.size())
                         .arg(kMaxCells / 1e6)};
    out.matrix =
        stats::RatingMatrix(static_cast<std::size_t>(out.units.size()), static_cast<std::size_t>(out.raters.size()));
    if (numeric) {
        for (const auto &category : categories) {
            const auto number = parseNumber(category);
            if (!number)
                return Error{QStringLiteral("--categories: %1 is not a number, but every rating in %2 is")
                                 .arg(quotedForMessage(category), file)};
            out.declaredCategories.push_back(*number);
        }
        std::vector<double> sorted = out.declaredCategories;
        std::sort(sorted.begin(), sorted.end());
        for (const auto &cell : cells) {
            const double value = *parseNumber(cell.text);
            if (!sorted.empty() && !std::binary_search(sorted.begin(), sorted.end(), value))
                return fieldError(file, cell.line, cell.column,
                                  QStringLiteral("%1 is not one of the declared categories (%2)")
                                      .arg(cell.text, categories.join(QLatin1Char(','))));
            out.matrix.set(static_cast<std::size_t>(cell.unit), static_cast<std::size_t>(cell.rater), value);
        }
        return {};
    }
    if (!categories.isEmpty()) {
        out.labels = categories;
    } else {
        for (const auto &cell : cells)
            out.labels << cell.text;
        out.labels.sort();
        out.labels.removeDuplicates();
    }
    for (qsizetype i = 0; i < out.labels.size(); ++i)
        out.declaredCategories.push_back(static_cast<double>(i));
    for (const auto &cell : cells) {
        const qsizetype code = out.labels.indexOf(cell.text);
        if (code < 0)
            return fieldError(
                file, cell.line, cell.column,
                QStringLiteral("%1 is not one of the declared categories (%2)")
                    .arg(quotedForMessage(cell.text), escapedForMessage(categories.join(QLatin1Char(',')))));
        out.matrix.set(static_cast<std::size_t>(cell.unit), static_cast<std::size_t>(cell.rater),
                       static_cast<double>(code));
    }
    return {};
}

} // namespace

Result<StatsRatings> readStatsRatings(const QString &path, RatingLayout layout, const QStringList &categories)
{
    auto csv = CsvReader::open(path);
    if (!csv.ok())
        return csv.error();
    StatsRatings out;
    auto cells = layout == RatingLayout::Wide ? readWide(*csv.value(), out) : readLong(*csv.value(), out);
    if (!cells.ok())
        return cells.error();
    if (out.units.isEmpty())
        return Error{QStringLiteral("%1: no units (the file has a header but no rows)").arg(csv.value()->name())};
    if (auto status = codeValues(csv.value()->name(), cells.value(), categories, out); !status.ok())
        return status.error();
    return out;
}

Result<ProbabilityLabels> readProbabilityLabels(const QString &path)
{
    auto csv = CsvReader::open(path);
    if (!csv.ok())
        return csv.error();
    CsvReader &reader = *csv.value();
    const qsizetype probColumn = reader.column(QStringLiteral("prob"));
    const qsizetype labelColumn = reader.column(QStringLiteral("label"));
    if (probColumn < 0 || labelColumn < 0)
        return Error{QStringLiteral("%1:1: a calibration file needs the columns prob and label").arg(reader.name())};
    ProbabilityLabels out;
    while (true) {
        auto record = reader.next();
        if (!record.ok())
            return record.error();
        if (!record.value())
            break;
        const auto &fields = record.value()->fields;
        const qint64 line = record.value()->line;
        if (auto status = checkFieldCount(reader, *record.value()); !status.ok())
            return status.error();
        const auto prob = parseNumber(fields[probColumn]);
        if (!prob || *prob < 0.0 || *prob > 1.0)
            return fieldError(
                reader.name(), line, QStringLiteral("prob"),
                QStringLiteral("%1 is not a probability in [0, 1]").arg(quotedForMessage(fields[probColumn])));
        const QString label = fields[labelColumn].trimmed();
        if (label != QStringLiteral("0") && label != QStringLiteral("1"))
            return fieldError(reader.name(), line, QStringLiteral("label"),
                              QStringLiteral("%1 is not 0 or 1").arg(quotedForMessage(label)));
        out.probabilities.push_back(*prob);
        out.labels.push_back(label == QStringLiteral("1") ? 1 : 0);
    }
    if (out.probabilities.empty())
        return Error{QStringLiteral("%1: no rows (the file has a header but no data)").arg(reader.name())};
    return out;
}

} // namespace concord
