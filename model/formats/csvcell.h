#pragma once

#include <QString>

namespace concord {

// CSV injection (OWASP): a spreadsheet runs a cell that begins with '=', '+', '-', '@', a tab or a carriage
// return as a formula (a comment "=HYPERLINK(…)" becomes a link). Concord writes such a cell with a single
// quote in front ("'=HYPERLINK(…)"), which spreadsheets show as text, and also a cell that begins with a
// quote itself, so that the rule can be undone exactly. Numbers ("-1", "+0.5", "-2e-3") are left as they are:
// a spreadsheet reads them as numbers, never as formulas.
//
// Reading undoes it: a cell that begins with a quote followed by one of = + - @ tab CR or a quote loses the
// first quote. For every string s, csvCellUnguarded(csvCellGuarded(s)) == s.
QString csvCellGuarded(const QString &cell);
QString csvCellUnguarded(const QString &cell);

} // namespace concord
