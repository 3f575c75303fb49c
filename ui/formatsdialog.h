#pragma once

#include <QDialog>

class QTextBrowser;

namespace concord {

// Help → File Formats (and the welcome page's link): data/FORMATS.md, built into the program so that it is there
// offline, in the version that matches the program.
class FormatsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit FormatsDialog(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser = nullptr;
};

} // namespace concord
