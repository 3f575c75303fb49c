#include "model/formats/csvcell.h"

#include <QRegularExpression>

namespace concord {

namespace {

bool startsAFormulaOrGuard(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') ||
           c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\'');
}

bool isPlainNumber(const QString &cell)
{
    static const QRegularExpression number(QStringLiteral("^[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
    return number.match(cell).hasMatch();
}

} // namespace

QString csvCellGuarded(const QString &cell)
{
    if (cell.isEmpty() || !startsAFormulaOrGuard(cell.front()) || isPlainNumber(cell))
        return cell;
    return QLatin1Char('\'') + cell;
}

QString csvCellUnguarded(const QString &cell)
{
    if (cell.size() >= 2 && cell.front() == QLatin1Char('\'') && startsAFormulaOrGuard(cell.at(1)))
        return cell.mid(1);
    return cell;
}

} // namespace concord
