#pragma once

#include <QString>

namespace concord {

// Text from a file shown inside a one-line message (an error on a terminal, in a dialog, in a log): in single
// quotes, with every character that could break the line, rewrite the terminal or reorder the text around it
// written as an escape (\n, \r, \t, \x1b, \u202e, …), a quote or backslash escaped, and values longer than
// `maxChars` cut with "…" and their full length. The result never holds a control or format character.
QString quotedForMessage(const QString &text, qsizetype maxChars = 80);

// The same escaping without the quotes and without a length limit (for text that is already framed, such as
// a parser's own message).
QString escapedForMessage(const QString &text);

} // namespace concord
