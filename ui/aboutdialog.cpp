#include "ui/aboutdialog.h"

#include "ui/theme.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace concord {

namespace {

QString installedDocDir()
{
    return QStringLiteral(CONCORD_DOC_DIR);
}

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_components(thirdPartyComponents())
{
    setWindowTitle(tr("About Concord"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(64, 64));
    auto *title = plainLabel(tr("Concord %1").arg(QStringLiteral(CONCORD_VERSION)), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    title->setFont(titleFont);
    auto *summary = plainLabel(tr("Physician ratings of LLM responses side by side, agreement among physicians, and "
                                  "the agreement and calibration of LLM judges against them.\n"
                                  "Released %1 · application id %2 · Apache License 2.0")
                                   .arg(QStringLiteral(CONCORD_RELEASE_DATE), QStringLiteral(CONCORD_APP_ID)),
                               this);
    auto *heading = new QHBoxLayout;
    heading->addWidget(icon, 0, Qt::AlignTop);
    auto *headingText = new QVBoxLayout;
    headingText->addWidget(title);
    headingText->addWidget(summary);
    heading->addLayout(headingText, 1);

    auto *librariesLabel = new QLabel(tr("&Built with"), this);
    m_table = new QTableWidget(int(m_components.size()), 4, this);
    m_table->setObjectName(QStringLiteral("componentTable"));
    m_table->setHorizontalHeaderLabels({tr("Library"), tr("Version"), tr("Licence"), tr("Used for")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    librariesLabel->setBuddy(m_table);
    for (int row = 0; row < m_components.size(); ++row) {
        const ThirdPartyComponent &component = m_components[row];
        const QStringList cells{component.name, component.version.isEmpty() ? tr("unknown") : component.version,
                                component.licence, component.use};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumWidth(m_table->horizontalHeader()->length() + 2 * m_table->frameWidth());
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            m_table->rowHeight(0) * int(m_components.size()) + 2 * m_table->frameWidth() + 2);

    auto *notes = plainLabel(tr("Each library's full notice and licence text is installed with it, under "
                                "/usr/share/doc/PACKAGE/copyright; the notices of the libraries compiled into "
                                "Concord are installed with Concord, under %1/third-party.")
                                 .arg(installedDocDir()),
                             this);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_licence = buttons->addButton(tr("Show &Licence…"), QDialogButtonBox::ActionRole);
    m_licence->setObjectName(QStringLiteral("showLicenceButton"));
    connect(m_licence, &QPushButton::clicked, this, &AboutDialog::showSelectedLicence);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AboutDialog::updateLicenceButton);
    connect(m_table, &QTableWidget::itemActivated, this, [this] { showSelectedLicence(); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(heading);
    layout->addSpacing(8);
    layout->addWidget(librariesLabel);
    layout->addWidget(m_table);
    layout->addWidget(notes);
    layout->addWidget(buttons);
    m_table->selectRow(0);
    m_table->setFocus();
    updateLicenceButton();
}

void AboutDialog::updateLicenceButton()
{
    const int row = m_table->currentRow();
    const QString path =
        row >= 0 && row < m_components.size() ? licenceTextPath(m_components[row], installedDocDir()) : QString();
    m_licence->setEnabled(!path.isEmpty());
    m_licence->setToolTip(path.isEmpty() ? tr("The notice of this library is not installed on this computer")
                                         : QDir::toNativeSeparators(path));
}

bool AboutDialog::showSelectedLicence()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_components.size())
        return false;
    QFile file(licenceTextPath(m_components[row], installedDocDir()));
    if (file.fileName().isEmpty() || !file.open(QIODevice::ReadOnly))
        return false;
    auto *viewer = new QDialog(this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->setObjectName(QStringLiteral("licenceViewer"));
    viewer->setWindowTitle(tr("Licence of %1").arg(m_components[row].name));
    auto *text = new QPlainTextEdit(viewer);
    text->setReadOnly(true);
    text->setPlainText(QString::fromUtf8(file.readAll()));
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, viewer);
    connect(close, &QDialogButtonBox::rejected, viewer, &QDialog::reject);
    auto *layout = new QVBoxLayout(viewer);
    layout->addWidget(text);
    layout->addWidget(close);
    viewer->resize(720, 560);
    viewer->show();
    return true;
}

} // namespace concord
