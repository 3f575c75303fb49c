#include "ui/studylead/rosterdialog.h"

#include "model/domain/displaytext.h"
#include "model/studylead/studyroster.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace concord {

namespace {
const QString kActor = QStringLiteral("study lead");
}

RosterDialog::RosterDialog(Study &study, QWidget *parent)
    : QDialog(parent)
    , m_study(study)
    , m_table(new QTableWidget(0, 4, this))
{
    setWindowTitle(tr("Physicians"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Status"), tr("Assignments"), tr("Rating events")});
    m_table->setAccessibleName(tr("Physicians of the study"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *add = new QPushButton(tr("&Add…"), this);
    auto *rename = new QPushButton(tr("&Rename…"), this);
    auto *retire = new QPushButton(tr("Re&tire"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("Add a Physician"), tr("Name:"), QLineEdit::Normal, {}, &ok);
        if (ok)
            addPhysician(name.trimmed());
    });
    connect(rename, &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        if (name.isEmpty())
            return;
        bool ok = false;
        const QString newName =
            QInputDialog::getText(this, tr("Rename a Physician"), tr("New name:"), QLineEdit::Normal, name, &ok);
        if (ok && newName.trimmed() != name)
            renamePhysician(name, newName.trimmed());
    });
    connect(retire, &QPushButton::clicked, this, [this] {
        const QString name = selectedName();
        if (!name.isEmpty() &&
            QMessageBox::question(this, tr("Retire a Physician"),
                                  tr("Retire %1? Their ratings are kept; they are no longer assigned.").arg(name)) ==
                QMessageBox::Yes)
            retirePhysician(name);
    });
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {add, rename, retire})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    layout->addWidget(close);
    resize(560, 360);
    reload();
}

void RosterDialog::reload()
{
    m_table->setRowCount(0);
    auto roster = annotatorRoster(m_study);
    if (!roster.ok()) {
        report(roster.errorMessage());
        return;
    }
    for (const RosterEntry &entry : roster.value()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{entry.annotator.name, entry.annotator.retired ? tr("retired") : tr("active"),
                                QString::number(entry.assignments), QString::number(entry.ratingEvents)};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(visibleControls(cells[c]))); // plain text, controls shown
        m_table->item(row, 0)->setData(Qt::UserRole, entry.annotator.name);            // the name as stored
    }
    m_table->resizeColumnsToContents();
}

QString RosterDialog::selectedName() const
{
    const int row = m_table->currentRow();
    return row >= 0 && m_table->item(row, 0) ? m_table->item(row, 0)->data(Qt::UserRole).toString() : QString();
}

bool RosterDialog::report(const QString &error)
{
    if (error.isEmpty())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Physicians"), visibleControls(error), QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    if (!property("quiet").toBool()) // tests set "quiet" to read the error from the return value alone
        box.exec();
    return false;
}

bool RosterDialog::addPhysician(const QString &name)
{
    const Status added = addAnnotators(m_study, {name}, kActor);
    reload();
    if (added.ok())
        emit changed();
    return report(added.ok() ? QString() : added.errorMessage());
}

bool RosterDialog::renamePhysician(const QString &name, const QString &newName)
{
    const Status renamed = renameAnnotator(m_study, name, newName, kActor);
    reload();
    if (renamed.ok())
        emit changed();
    return report(renamed.ok() ? QString() : renamed.errorMessage());
}

bool RosterDialog::retirePhysician(const QString &name)
{
    const Status retired = retireAnnotators(m_study, {name}, kActor);
    reload();
    if (retired.ok())
        emit changed();
    return report(retired.ok() ? QString() : retired.errorMessage());
}

} // namespace concord
