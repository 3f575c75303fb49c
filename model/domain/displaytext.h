#pragma once

#include <QString>

// Untrusted text (responses, case inputs and ids, comments, names, rubric texts from a file) on its way to a screen
// or a report. Shown as it is stored, a right-to-left override can make "1\u202E05\u202C mg" read "150 mg": every
// control that reorders or hides text is replaced by a visible marker, and tooltips are always plain text.
namespace concord {

// The text with each bidirectional control (embeddings, overrides, isolates, marks: U+061C, U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069) shown as its Unicode abbreviation in angle brackets, e.g. "⟨RLO⟩", and each other
// invisible control that could hide or reorder what is read (C0 and C1 controls except tab, newline and carriage
// return; zero-width space, word joiner and invisible operators U+200B, U+2060–U+2064; deprecated format controls
// U+206A–U+206F; U+FEFF; interlinear annotation U+FFF9–U+FFFB; tag characters U+E0000–U+E007F) as "⟨U+XXXX⟩".
// Letters of right-to-left scripts, joiners (U+200C, U+200D) and every other character are left as they are.
QString visibleControls(const QString &text);

// visibleControls(text) kept on one line: tab, newline and carriage return are shown as markers too ("⟨U+000A⟩"), so
// a message that quotes text from a file (a refusal, a warning) stays the one line it is meant to be.
QString inOneLine(const QString &text);

// Where a position in `text` lies in visibleControls(text).
qsizetype visiblePosition(const QString &text, qsizetype storedPosition);

// The position in `text` of a position in visibleControls(text); a position inside a marker is that of its control.
qsizetype storedPosition(const QString &text, qsizetype shownPosition);

// A tooltip that Qt renders as plain text whatever the text holds (Qt guesses rich text in tooltips): markup
// escaped, spaces and line breaks kept, controls made visible. Empty for an empty text (no tooltip).
QString plainToolTip(const QString &text);

} // namespace concord
