#include "model/domain/displaytext.h"

namespace concord {

namespace {

// The abbreviation of a bidirectional control (Unicode's UAX #9), or null for any other code point.
const char *bidiAbbreviation(char32_t c)
{
    switch (c) {
    case 0x061C:
        return "ALM";
    case 0x200E:
        return "LRM";
    case 0x200F:
        return "RLM";
    case 0x202A:
        return "LRE";
    case 0x202B:
        return "RLE";
    case 0x202C:
        return "PDF";
    case 0x202D:
        return "LRO";
    case 0x202E:
        return "RLO";
    case 0x2066:
        return "LRI";
    case 0x2067:
        return "RLI";
    case 0x2068:
        return "FSI";
    case 0x2069:
        return "PDI";
    default:
        return nullptr;
    }
}

bool isHiddenControl(char32_t c)
{
    if (c == u'\t' || c == u'\n' || c == u'\r')
        return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x200B || (c >= 0x2060 && c <= 0x2064) ||
           (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) ||
           (c >= 0xE0000 && c <= 0xE007F);
}

// The marker shown for a code point, or a null string when the code point is shown as it is.
QString markerOf(char32_t c)
{
    if (const char *name = bidiAbbreviation(c))
        return QStringLiteral("⟨%1⟩").arg(QLatin1String(name));
    if (isHiddenControl(c))
        return QStringLiteral("⟨U+%1⟩").arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'));
    return {};
}

// Calls visit(storedStart, storedLength, marker) for each code point of `text` that is shown as a marker.
template <typename Visit> void forEachMarker(const QString &text, Visit visit)
{
    for (qsizetype i = 0; i < text.size();) {
        char32_t c = text[i].unicode();
        qsizetype length = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            length = 2;
        }
        if (const QString marker = markerOf(c); !marker.isNull())
            visit(i, length, marker);
        i += length;
    }
}

} // namespace

QString visibleControls(const QString &text)
{
    QString shown;
    qsizetype copied = 0;
    forEachMarker(text, [&](qsizetype start, qsizetype length, const QString &marker) {
        if (shown.isNull())
            shown.reserve(text.size() + 16);
        shown += QStringView(text).mid(copied, start - copied);
        shown += marker;
        copied = start + length;
    });
    if (copied == 0)
        return text; // the common case: nothing to mark, no copy
    shown += QStringView(text).mid(copied);
    return shown;
}

QString inOneLine(const QString &text)
{
    QString shown = visibleControls(text);
    for (const char16_t breaking : {u'\t', u'\n', u'\r'})
        shown.replace(QChar(breaking), QStringLiteral("⟨U+%1⟩").arg(uint(breaking), 4, 16, QLatin1Char('0')).toUpper());
    return shown;
}

qsizetype visiblePosition(const QString &text, qsizetype storedPosition)
{
    qsizetype shift = 0;
    forEachMarker(text, [&](qsizetype start, qsizetype length, const QString &marker) {
        if (start < storedPosition)
            shift += marker.size() - length;
    });
    return storedPosition + shift;
}

qsizetype storedPosition(const QString &text, qsizetype shownPosition)
{
    qsizetype shift = 0;
    bool done = false;
    forEachMarker(text, [&](qsizetype start, qsizetype length, const QString &marker) {
        if (done)
            return;
        const qsizetype shownStart = start + shift;
        if (shownPosition <= shownStart) {
            done = true;
            return;
        }
        if (shownPosition < shownStart + marker.size()) {
            shift = shownPosition - start; // inside the marker: the control's own position
            done = true;
            return;
        }
        shift += marker.size() - length;
    });
    return shownPosition - shift;
}

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    // A leading tag makes Qt take the tooltip as rich text, in which the escaped text is shown as it is.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(visibleControls(text).toHtmlEscaped());
}

} // namespace concord
