#include "ui/studylead/writerwait.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProgressDialog>
#include <QTimer>

namespace concord {

bool waitWhileAnotherProgramWrites(QWidget *parent, const std::function<bool()> &stillWriting, int timeoutSeconds)
{
    if (!stillWriting())
        return true;
    QProgressDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("writerWaitDialog"));
    dialog.setWindowTitle(QObject::tr("Concord"));
    dialog.setLabelText(QObject::tr("Waiting for another program to finish writing to the study (an import or a "
                                    "merge)…\nConcord goes on as soon as it is done."));
    dialog.setRange(0, 0); // busy: how long the other program takes is not known
    dialog.setMinimumDuration(0);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.show();
    QElapsedTimer waited;
    waited.start();
    QEventLoop loop;
    bool done = false;
    QTimer poll;
    poll.setInterval(250);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (dialog.wasCanceled()) { // Cancel, Escape or the window closed
            loop.quit();
        } else if (!stillWriting()) {
            done = true;
            loop.quit();
        } else if (waited.elapsed() > qint64(timeoutSeconds) * 1000) {
            loop.quit();
        }
    });
    poll.start();
    loop.exec();
    return done;
}

} // namespace concord
