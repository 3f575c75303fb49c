#include "ui/studylead/assigndialog.h"

#include "model/domain/displaytext.h"
#include "model/studylead/studyroster.h"
#include "ui/filedialogs.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace concord {

namespace {

QTableWidget *makeTable(const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(parent);
    table->setAccessibleName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

AssignDialog::AssignDialog(Study &study, QWidget *parent)
    : QDialog(parent)
    , m_study(study)
    , m_physicians(new QListWidget(this))
    , m_overlapBox(new QSpinBox(this))
    , m_seed(new QLineEdit(this))
    , m_repeatPercent(new QSpinBox(this))
    , m_trainingFile(new QLineEdit(this))
    , m_loads(makeTable(tr("Load per physician"), this))
    , m_overlap(makeTable(tr("Comparisons shared by each pair of physicians"), this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Assign Comparisons"));
    m_physicians->setAccessibleName(tr("Physicians to assign"));
    auto roster = annotatorRoster(study);
    for (const RosterEntry &entry : roster.ok() ? roster.value() : QVector<RosterEntry>{}) {
        if (entry.annotator.retired || entry.assignments > 0)
            continue; // a design is applied once per physician
        auto *item = new QListWidgetItem(visibleControls(entry.annotator.name), m_physicians);
        item->setData(Qt::UserRole, entry.annotator.name); // the name as stored; the text shows its controls
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_overlapBox->setRange(0, 99);
    m_overlapBox->setSpecialValueText(tr("all"));
    m_overlapBox->setAccessibleName(tr("Physicians per comparison"));
    m_seed->setText(QString::number(QRandomGenerator::system()->bounded(1, 1000000)));
    m_seed->setAccessibleName(tr("Seed"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_repeatPercent->setRange(0, 50);
    m_repeatPercent->setSuffix(tr(" %"));
    m_repeatPercent->setSpecialValueText(tr("none"));
    m_repeatPercent->setAccessibleName(tr("Blinded repeats, percent of each physician's comparisons"));
    m_repeatPercent->setToolTip(tr("Shown again later without the first ratings: test-retest (intra-rater) "
                                   "agreement."));
    m_trainingFile->setReadOnly(true);
    m_trainingFile->setPlaceholderText(tr("none"));
    m_trainingFile->setAccessibleName(tr("Training file"));
    m_trainingFile->setToolTip(tr("CSV with case_id, response_id, axis, value and optionally explanation: those "
                                  "comparisons are rated first by everyone, show the reference afterwards and stay "
                                  "out of the statistics."));
    auto *chooseTraining = new QPushButton(tr("C&hoose…"), this);
    auto *clearTraining = new QPushButton(tr("C&lear"), this);
    auto *trainingRow = new QHBoxLayout;
    trainingRow->addWidget(m_trainingFile, 1);
    trainingRow->addWidget(chooseTraining);
    trainingRow->addWidget(clearTraining);
    connect(chooseTraining, &QPushButton::clicked, this, [this] {
        const QString path =
            filedialogs::openFileName(this, tr("Training References"), {}, tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            setTrainingFile(path);
    });
    connect(clearTraining, &QPushButton::clicked, this, [this] { setTrainingFile({}); });

    auto *form = new QFormLayout;
    form->addRow(tr("&Physicians:"), m_physicians);
    form->addRow(tr("Physicians per &comparison:"), m_overlapBox);
    form->addRow(tr("Blinded &repeats:"), m_repeatPercent);
    auto *trainingLabel = new QLabel(tr("&Training:"), this);
    trainingLabel->setBuddy(chooseTraining); // the path field is read-only: Alt+T goes to Choose…
    form->addRow(trainingLabel, trainingRow);
    form->addRow(tr("&Seed:"), m_seed);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (apply())
            accept();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Preview"), this));
    layout->addWidget(m_loads, 2);
    layout->addWidget(m_overlap, 2);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(680, 640);

    connect(m_physicians, &QListWidget::itemChanged, this, [this] { updatePreview(); });
    connect(m_overlapBox, &QSpinBox::valueChanged, this, [this] { updatePreview(); });
    connect(m_seed, &QLineEdit::editingFinished, this, [this] { updatePreview(); });
    connect(m_repeatPercent, &QSpinBox::valueChanged, this, [this] { updatePreview(); });
    updatePreview();
}

void AssignDialog::setRepeatPercent(int percent)
{
    m_repeatPercent->setValue(percent);
    updatePreview();
}

void AssignDialog::setTrainingFile(const QString &path)
{
    m_trainingFile->setText(path);
    updatePreview();
}

void AssignDialog::setChosen(const QStringList &names)
{
    const QSignalBlocker blocker(m_physicians);
    for (int i = 0; i < m_physicians->count(); ++i)
        m_physicians->item(i)->setCheckState(
            names.contains(m_physicians->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    updatePreview();
}

void AssignDialog::setOverlap(int overlap)
{
    m_overlapBox->setValue(overlap);
    updatePreview();
}

void AssignDialog::setSeed(quint64 seed)
{
    m_seed->setText(QString::number(seed));
    updatePreview();
}

bool AssignDialog::updatePreview()
{
    m_plan.reset();
    m_loads->clear();
    m_overlap->clear();
    m_loads->setRowCount(0);
    m_overlap->setRowCount(0);
    m_apply->setEnabled(false);
    AssignmentPlanOptions options;
    for (int i = 0; i < m_physicians->count(); ++i) {
        if (m_physicians->item(i)->checkState() == Qt::Checked)
            options.annotators << m_physicians->item(i)->data(Qt::UserRole).toString();
    }
    options.overlap = m_overlapBox->value();
    options.repeatShare = m_repeatPercent->value() / 100.0;
    options.trainingFile = m_trainingFile->text();
    bool ok = false;
    options.seed = m_seed->text().toULongLong(&ok);
    if (!ok || options.seed == 0) {
        m_message->setText(tr("The seed must be a positive whole number."));
        return false;
    }
    if (options.annotators.isEmpty()) {
        m_message->setText(m_physicians->count() == 0
                               ? tr("Every active physician already has assignments; add physicians first.")
                               : tr("Choose the physicians to assign."));
        return false;
    }
    auto plan = planAssignments(m_study, options);
    if (!plan.ok()) {
        m_message->setText(visibleControls(plan.errorMessage()));
        return false;
    }
    m_plan = std::move(plan).value();
    const QJsonObject preview = assignmentPreviewJson(*m_plan);
    const QJsonArray physicians = preview.value(QStringLiteral("physicians")).toArray();
    QStringList systems;
    for (const auto &physician : physicians) {
        for (const QString &system : physician.toObject().value(QStringLiteral("sides")).toObject().keys()) {
            if (!systems.contains(system))
                systems << system;
        }
    }
    systems.sort();
    QStringList headers{tr("Physician"), tr("Comparisons")};
    for (const QString &system : systems)
        headers << visibleControls(tr("%1 left / right").arg(system));
    m_loads->setColumnCount(int(headers.size()));
    m_loads->setHorizontalHeaderLabels(headers);
    m_overlap->setColumnCount(int(physicians.size()));
    QStringList names;
    for (const auto &physician : physicians)
        names << visibleControls(physician.toObject().value(QStringLiteral("name")).toString());
    m_overlap->setHorizontalHeaderLabels(names);
    m_overlap->setVerticalHeaderLabels(names);
    m_overlap->setRowCount(int(physicians.size()));
    const QJsonArray matrix = preview.value(QStringLiteral("overlap_matrix")).toArray();
    for (int i = 0; i < physicians.size(); ++i) {
        const QJsonObject physician = physicians[i].toObject();
        m_loads->insertRow(i);
        QStringList cells{physician.value(QStringLiteral("name")).toString(),
                          QString::number(physician.value(QStringLiteral("load")).toInt())};
        const QJsonObject sides = physician.value(QStringLiteral("sides")).toObject();
        for (const QString &system : systems) {
            const QJsonObject side = sides.value(system).toObject();
            cells << QStringLiteral("%1 / %2")
                         .arg(side.value(QStringLiteral("left")).toInt())
                         .arg(side.value(QStringLiteral("right")).toInt());
        }
        for (int c = 0; c < cells.size(); ++c)
            m_loads->setItem(i, c, new QTableWidgetItem(visibleControls(cells[c])));
        const QJsonArray row = matrix[i].toArray();
        for (int j = 0; j < row.size(); ++j)
            m_overlap->setItem(i, j, new QTableWidgetItem(QString::number(row[j].toInt())));
    }
    m_loads->resizeColumnsToContents();
    m_overlap->resizeColumnsToContents();
    m_message->setText(tr("%1 comparisons, %2 physicians each, %3 assignments in all, of which %4 blinded repeats "
                          "and %5 training.")
                           .arg(preview.value(QStringLiteral("comparisons")).toInteger())
                           .arg(preview.value(QStringLiteral("overlap")).toInt())
                           .arg(preview.value(QStringLiteral("assignments")).toInteger())
                           .arg(preview.value(QStringLiteral("repeats")).toInt())
                           .arg(preview.value(QStringLiteral("training")).toInt()));
    m_apply->setEnabled(true);
    return true;
}

bool AssignDialog::apply()
{
    if (!m_plan && !updatePreview())
        return false;
    if (auto applied = applyAssignmentPlan(m_study, *m_plan, QStringLiteral("study lead")); !applied.ok()) {
        m_message->setText(visibleControls(applied.errorMessage()));
        return false;
    }
    emit applied();
    return true;
}

} // namespace concord
