#include "ui/welcomepage.h"

#include "model/domain/displaytext.h"
#include "ui/settings.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTextDocument>
#include <QVBoxLayout>

namespace concord {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    auto *title = new QLabel(tr("Concord"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *subtitle =
        new QLabel(tr("Physician ratings of LLM responses, and how well an LLM judge agrees with them."), this);
    subtitle->setWordWrap(true);

    auto *demo = new QPushButton(tr("Open the &demo study"), this);
    demo->setObjectName(QStringLiteral("openDemoButton"));
    demo->setToolTip(tr("A synthetic study with simulated physicians and an LLM judge, to explore Concord"));
    auto *create = new QPushButton(tr("&New study…"), this);
    create->setObjectName(QStringLiteral("newStudyButton"));
    auto *open = new QPushButton(tr("&Open study…"), this);
    open->setObjectName(QStringLiteral("openStudyButton"));
    auto *package = new QPushButton(tr("Open an annotator &package…"), this);
    package->setObjectName(QStringLiteral("openPackageButton"));
    package->setToolTip(tr("A .concord file your study lead sent you: it opens ready to annotate, blinded"));
    for (auto *button : {demo, create, open, package})
        button->setMinimumHeight(36);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::openDemoRequested);
    connect(create, &QPushButton::clicked, this, &WelcomePage::newStudyRequested);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openStudyRequested);
    connect(package, &QPushButton::clicked, this, &WelcomePage::openPackageRequested);

    auto *firstTime = new QLabel(tr("New to Concord?"), this);
    auto *annotationTour = new QPushButton(tr("&Tour: rating responses"), this);
    annotationTour->setObjectName(QStringLiteral("annotationTourButton"));
    annotationTour->setToolTip(tr("Opens the demo study and walks through the annotation view and its keys"));
    auto *dashboardTour = new QPushButton(tr("Tour: the agreement dash&board"), this);
    dashboardTour->setObjectName(QStringLiteral("dashboardTourButton"));
    dashboardTour->setToolTip(tr("Opens the demo study and walks through the agreement figures and charts"));
    auto *formats = new QPushButton(tr("File &formats…"), this);
    formats->setObjectName(QStringLiteral("fileFormatsButton"));
    formats->setToolTip(tr("What Concord imports and exports: cases, physicians' ratings, judge scores"));
    connect(annotationTour, &QPushButton::clicked, this, &WelcomePage::annotationTourRequested);
    connect(dashboardTour, &QPushButton::clicked, this, &WelcomePage::dashboardTourRequested);
    connect(formats, &QPushButton::clicked, this, &WelcomePage::fileFormatsRequested);
    auto *firstTimeRow = new QHBoxLayout;
    firstTimeRow->addWidget(annotationTour);
    firstTimeRow->addWidget(dashboardTour);
    firstTimeRow->addWidget(formats);

    auto *recentLabel = new QLabel(tr("&Recent studies"), this);
    QFont labelFont = recentLabel->font();
    labelFont.setBold(true);
    recentLabel->setFont(labelFont);
    firstTime->setFont(labelFont);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentStudies"));
    m_recent->setUniformItemSizes(true);
    // Room for the whole list, no more.
    const int rowHeight = m_recent->fontMetrics().height() + 8;
    m_recent->setMaximumHeight(rowHeight * Settings::kMaxRecentStudies + 2 * m_recent->frameWidth() + 4);
    recentLabel->setBuddy(m_recent);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit openRecentRequested(item->data(Qt::UserRole).toString()); });
    m_noRecent = new QLabel(tr("None yet: the studies you open are listed here."), this);
    m_noRecent->setObjectName(QStringLiteral("noRecentStudies"));

    auto *dropHint = new QLabel(tr("You can also drop a .concord file onto this window to open it."), this);
    dropHint->setWordWrap(true);

    auto *content = new QWidget(this);
    content->setMaximumWidth(640);
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(16);
    column->addWidget(demo);
    column->addWidget(create);
    column->addWidget(open);
    column->addWidget(package);
    column->addSpacing(24);
    column->addWidget(firstTime);
    column->addLayout(firstTimeRow);
    column->addSpacing(24);
    column->addWidget(recentLabel);
    column->addWidget(m_recent);
    column->addWidget(m_noRecent);
    column->addSpacing(16);
    column->addWidget(dropHint);

    // Centred: a readable column, whatever the window's size.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(content, 4);
    row->addStretch(1);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    setRecentStudies({});
}

void WelcomePage::setRecentStudies(const QStringList &paths)
{
    m_recent->clear();
    for (const auto &path : paths) {
        const QString folder = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
        auto *item = new QListWidgetItem(
            visibleControls(QStringLiteral("%1 — %2").arg(QFileInfo(path).fileName(), folder)), m_recent);
        item->setData(Qt::UserRole, path);
        // Tooltips render rich text: the path is escaped, so that a file name is never taken as markup.
        item->setToolTip(plainToolTip(QDir::toNativeSeparators(path)));
    }
    if (m_recent->count() > 0)
        m_recent->setCurrentRow(0);
    m_recent->setVisible(!paths.isEmpty());
    m_noRecent->setVisible(paths.isEmpty());
}

} // namespace concord
