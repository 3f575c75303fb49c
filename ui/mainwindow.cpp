#include "ui/mainwindow.h"

namespace concord {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("Concord"));
}

} // namespace concord
