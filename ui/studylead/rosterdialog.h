#pragma once

#include <QDialog>

class QTableWidget;

namespace concord {

class Study;

// The study's physicians (study-lead mode): who they are, their assignments and rating events; add, rename, retire.
class RosterDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit RosterDialog(Study &study, QWidget *parent = nullptr);

    // The actions behind the buttons, without their input dialogs (for tests); errors are shown and returned.
    bool addPhysician(const QString &name);
    bool renamePhysician(const QString &name, const QString &newName);
    bool retirePhysician(const QString &name);
    QTableWidget *table() const { return m_table; }

signals:
    void changed();

private:
    void reload();
    QString selectedName() const;
    bool report(const QString &error);

    Study &m_study;
    QTableWidget *m_table = nullptr;
};

} // namespace concord
