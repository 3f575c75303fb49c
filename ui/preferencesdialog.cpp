#include "ui/preferencesdialog.h"

#include "ui/settings.h"
#include "ui/theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QVBoxLayout>

namespace concord {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_textSize(new QSpinBox(this))
    , m_theme(new QComboBox(this))
    , m_idleTimeout(new QSpinBox(this))
    , m_bootstrap(new QSpinBox(this))
{
    setWindowTitle(tr("Preferences"));
    m_textSize->setRange(6, 32); // the lowest value stands for the system's size
    m_textSize->setSpecialValueText(tr("system size"));
    m_textSize->setSuffix(tr(" pt"));
    const int points = Settings::value(Settings::AnnotationTextPointSize).toInt();
    m_textSize->setValue(points > 6 ? points : 6);
    m_textSize->setAccessibleName(tr("Text size of cases and responses"));

    const QStringList labels{tr("As the system"), tr("Light"), tr("Dark")};
    const QStringList names = themeNames();
    for (int i = 0; i < names.size(); ++i)
        m_theme->addItem(labels.value(i, names[i]), names[i]);
    m_theme->setCurrentIndex(std::max(0, int(names.indexOf(Settings::value(Settings::Theme).toString()))));
    m_theme->setAccessibleName(tr("Theme"));

    m_idleTimeout->setRange(10, 3600);
    m_idleTimeout->setSuffix(tr(" s"));
    m_idleTimeout->setValue(int(Settings::value(Settings::IdleTimeoutSeconds).toDouble()));
    m_idleTimeout->setAccessibleName(tr("Pause the active-time clock after this long without input"));

    m_bootstrap->setRange(0, 100000);
    m_bootstrap->setSingleStep(500);
    m_bootstrap->setSpecialValueText(tr("none (analytic intervals)"));
    m_bootstrap->setValue(Settings::value(Settings::ReportBootstrapResamples).toInt());
    m_bootstrap->setAccessibleName(tr("Bootstrap resamples in exported reports"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Text size:"), m_textSize);
    form->addRow(tr("T&heme:"), m_theme);
    form->addRow(tr("&Idle pause after:"), m_idleTimeout);
    form->addRow(tr("Report &bootstrap:"), m_bootstrap);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        store();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void PreferencesDialog::store()
{
    Settings::setValue(Settings::AnnotationTextPointSize, m_textSize->value() > 6 ? m_textSize->value() : 0);
    Settings::setValue(Settings::Theme, m_theme->currentData().toString());
    Settings::setValue(Settings::IdleTimeoutSeconds, double(m_idleTimeout->value()));
    Settings::setValue(Settings::ReportBootstrapResamples, m_bootstrap->value());
}

} // namespace concord
