#pragma once

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace concord {

// Preferences (Settings, the one registry): the text size of cases and responses, the theme, the idle time after
// which the active-time clock pauses, and the bootstrap size of exported reports. OK stores them; the window applies
// them at once.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QSpinBox *textSizeBox() const { return m_textSize; }
    QComboBox *themeBox() const { return m_theme; }
    QSpinBox *idleTimeoutBox() const { return m_idleTimeout; }
    QSpinBox *bootstrapBox() const { return m_bootstrap; }

    // Writes the values shown to the settings (what OK does).
    void store();

private:
    QSpinBox *m_textSize = nullptr;
    QComboBox *m_theme = nullptr;
    QSpinBox *m_idleTimeout = nullptr;
    QSpinBox *m_bootstrap = nullptr;
};

} // namespace concord
