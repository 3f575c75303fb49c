#pragma once

#include "model/appinfo/thirdpartycomponents.h"

#include <QDialog>

class QPushButton;
class QTableWidget;

namespace concord {

// Help → About Concord: the version, and the libraries Concord is built with, their versions and licences; the
// full notice of the selected library opens from here.
class AboutDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    QTableWidget *componentTable() const { return m_table; }
    QPushButton *licenceButton() const { return m_licence; }
    // The notice of the selected library in a read-only plain-text window; false when it is not on this computer.
    bool showSelectedLicence();

private:
    void updateLicenceButton();

    QVector<ThirdPartyComponent> m_components;
    QTableWidget *m_table = nullptr;
    QPushButton *m_licence = nullptr;
};

} // namespace concord
