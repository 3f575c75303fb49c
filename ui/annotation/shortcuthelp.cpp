#include "ui/annotation/shortcuthelp.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace concord {

const QVector<ShortcutHelp> &annotationShortcuts()
{
    static const QVector<ShortcutHelp> shortcuts{
        {QStringLiteral("0 – 9"), QStringLiteral("Set the focused axis to that scale value")},
        {QStringLiteral("U"), QStringLiteral("Unable to assess (where the axis allows it)")},
        {QStringLiteral("N"), QStringLiteral("Not applicable, e.g. no reasoning shown (where the axis has it)")},
        {QStringLiteral("L"), QStringLiteral("Cycle the likelihood of the harm: low, medium, high, none")},
        {QStringLiteral("Backspace / Delete"), QStringLiteral("Clear the focused rating")},
        {QStringLiteral("Tab / Shift+Tab"), QStringLiteral("Next / previous field")},
        {QStringLiteral("Down / Up"), QStringLiteral("Next / previous axis")},
        {QStringLiteral("Left / Right / ="),
         QStringLiteral("Preference: left response better / right response better / tie")},
        {QStringLiteral("Ctrl+Enter"),
         QStringLiteral("Done: go to the next unfinished comparison, or to the first missing rating")},
        {QStringLiteral("Page Down / Page Up"), QStringLiteral("Next / previous comparison")},
        {QStringLiteral("Ctrl+Z / Ctrl+Shift+Z"),
         QStringLiteral("Undo / redo a rating (both are saved as new events)")},
        {QStringLiteral("Shift+arrows in a response, then Ctrl+M"),
         QStringLiteral("Mark the selected text as an error of the chosen category and severity")},
        {QStringLiteral("Delete in the error list"), QStringLiteral("Remove the selected error span")},
        {QStringLiteral("F"), QStringLiteral("Flag the comparison for the study lead (again: lower the flag)")},
        {QStringLiteral("Ctrl+L"), QStringLiteral("Go to the list of comparisons")},
        {QStringLiteral("Ctrl+Plus / Ctrl+Minus"), QStringLiteral("Larger / smaller text (remembered)")},
        {QStringLiteral("F1 or ?"), QStringLiteral("This help")},
    };
    return shortcuts;
}

QVector<ShortcutHelp> annotationShortcuts(const QStringList &keys)
{
    QVector<ShortcutHelp> chosen;
    for (const QString &key : keys) {
        const auto &all = annotationShortcuts();
        const auto found =
            std::find_if(all.begin(), all.end(), [&key](const ShortcutHelp &entry) { return entry.keys == key; });
        if (found != all.end())
            chosen << *found;
    }
    return chosen;
}

ShortcutHelpDialog::ShortcutHelpDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Annotation keys"));
    auto *layout = new QVBoxLayout(this);
    const auto &shortcuts = annotationShortcuts();
    auto *table = new QTableWidget(int(shortcuts.size()), 2, this);
    table->setAccessibleName(QStringLiteral("Annotation keys"));
    table->setHorizontalHeaderLabels({QStringLiteral("Keys"), QStringLiteral("What they do")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    for (int row = 0; row < shortcuts.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(shortcuts[row].keys));
        table->setItem(row, 1, new QTableWidgetItem(shortcuts[row].action));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setMinimumSize(720, 480);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace concord
