#pragma once

#include <QDialog>
#include <QString>
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

// The help overlay (F1 or ?): every annotation shortcut in a table.
class ShortcutHelpDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutHelpDialog(QWidget *parent = nullptr);
};

} // namespace concord
