#include "ui/formatsdialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace concord {

FormatsDialog::FormatsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("formatsDialog"));
    setWindowTitle(tr("File Formats"));
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("formatsText"));
    // Links to the web open in the browser; links into the source tree (the samples) mean nothing here.
    m_browser->setOpenLinks(false);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
            QDesktopServices::openUrl(url);
    });
    QFile formats(QStringLiteral(":/docs/FORMATS.md"));
    if (formats.open(QIODevice::ReadOnly))
        m_browser->setMarkdown(QString::fromUtf8(formats.readAll()));
    else
        m_browser->setPlainText(tr("The description of the file formats is missing from this build."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(860, 700);
}

} // namespace concord
