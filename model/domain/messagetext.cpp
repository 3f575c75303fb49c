#include "model/domain/messagetext.h"

namespace concord {

namespace {

// Characters that a terminal or a bidirectional renderer acts on instead of showing: C0 and C1 controls, DEL,
// format characters (bidirectional overrides and isolates, zero-width joiners, the byte-order mark), line and
// paragraph separators, and unpaired surrogates.
bool needsEscape(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true;
    if (c == 0x2028 || c == 0x2029)
        return true;
    if (c >= 0xd800 && c <= 0xdfff)
        return true;
    return QChar::category(c) == QChar::Other_Format;
}

void appendEscaped(QString &out, char32_t c)
{
    switch (c) {
    case U'\n':
        out += QStringLiteral("\\n");
        return;
    case U'\r':
        out += QStringLiteral("\\r");
        return;
    case U'\t':
        out += QStringLiteral("\\t");
        return;
    case U'\\':
        out += QStringLiteral("\\\\");
        return;
    default:
        break;
    }
    if (c < 0x100)
        out += QStringLiteral("\\x%1").arg(static_cast<uint>(c), 2, 16, QLatin1Char('0'));
    else if (c < 0x10000)
        out += QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0'));
    else
        out += QStringLiteral("\\U%1").arg(static_cast<uint>(c), 8, 16, QLatin1Char('0'));
}

// Escapes up to `maxChars` code points of `text` (all when negative); returns whether it stopped early.
bool escapeInto(QString &out, const QString &text, qsizetype maxChars, bool escapeQuote)
{
    qsizetype taken = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (maxChars >= 0 && taken == maxChars)
            return true;
        ++taken;
        char32_t c = text.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            if (!needsEscape(c)) {
                out += text.at(i);
                out += text.at(i + 1);
                ++i;
                continue;
            }
            ++i;
        }
        if (c == U'\\' || needsEscape(c))
            appendEscaped(out, c);
        else if (escapeQuote && c == U'\'')
            out += QStringLiteral("\\'");
        else
            out += QChar(static_cast<char16_t>(c));
    }
    return false;
}

} // namespace

QString quotedForMessage(const QString &text, qsizetype maxChars)
{
    QString out;
    out.reserve(std::min(text.size(), maxChars) + 16);
    out += QLatin1Char('\'');
    const bool cut = escapeInto(out, text, maxChars, true);
    out += QLatin1Char('\'');
    if (cut)
        out += QStringLiteral("… (%1 characters)").arg(text.size());
    return out;
}

QString escapedForMessage(const QString &text)
{
    QString out;
    out.reserve(text.size());
    escapeInto(out, text, -1, false);
    return out;
}

} // namespace concord
