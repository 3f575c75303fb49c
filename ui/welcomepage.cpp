#include "ui/welcomepage.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
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
    auto *subtitle = new QLabel(tr("Physician ratings of LLM responses, and how well an LLM judge agrees with them."),
                                this);
    subtitle->setWordWrap(true);

    auto *demo = new QPushButton(tr("Open the &demo study"), this);
    demo->setObjectName(QStringLiteral("openDemoButton"));
    auto *create = new QPushButton(tr("&New study…"), this);
    create->setObjectName(QStringLiteral("newStudyButton"));
    auto *open = new QPushButton(tr("&Open study…"), this);
    open->setObjectName(QStringLiteral("openStudyButton"));
    for (auto *button : {demo, create, open})
        button->setMinimumHeight(36);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::openDemoRequested);
    connect(create, &QPushButton::clicked, this, &WelcomePage::newStudyRequested);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openStudyRequested);

    auto *recentLabel = new QLabel(tr("&Recent studies"), this);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentStudies"));
    recentLabel->setBuddy(m_recent);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit openRecentRequested(item->data(Qt::UserRole).toString()); });

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(16);
    column->addWidget(demo);
    column->addWidget(create);
    column->addWidget(open);
    column->addSpacing(16);
    column->addWidget(recentLabel);
    column->addWidget(m_recent, 1);

    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 2);
    outer->addStretch(1);
}

void WelcomePage::setRecentStudies(const QStringList &paths)
{
    m_recent->clear();
    for (const auto &path : paths) {
        auto *item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(QFileInfo(path).fileName(), path), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
}

} // namespace concord
