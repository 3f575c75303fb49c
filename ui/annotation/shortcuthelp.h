#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>
#include <QVector>

namespace concord {

struct ShortcutHelp
{
    QString keys;
    QString action;
};

// Every key of the annotation view, in the order the help shows them; the one list the help overlay and the
// README's table are written from.
const QVector<ShortcutHelp> &annotationShortcuts();
// The entries of those keys (as written in the list), in the order asked; a key not in the list is left out.
QVector<ShortcutHelp> annotationShortcuts(const QStringList &keys);

// The help overlay (F1 or ?): every annotation shortcut in a table.
class ShortcutHelpDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutHelpDialog(QWidget *parent = nullptr);
};

} // namespace concord
