#pragma once

// Every file dialog of the app goes through here, so that none reads the files it lists: Qt's own (non-native)
// dialog, with an icon provider that decides by name and folder-ness only (the default one sniffs contents for MIME
// types, and native dialogs make thumbnails), and with SQLite's -wal, -shm and -journal files hidden. Opening and
// closing a study file with plain file calls drops SQLite's locks on it in this process, and a listed -wal
// invites being copied or deleted on its own.
#include <QAbstractFileIconProvider>
#include <QFileDialog>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

class QWidget;

namespace concord {

// Icons and type names from the file's name and whether it is a folder (a stat), never from its contents.
class NameOnlyIconProvider final : public QAbstractFileIconProvider
{
public:
    QIcon icon(IconType type) const override;
    QIcon icon(const QFileInfo &info) const override;
    QString type(const QFileInfo &info) const override;
};

// Hides SQLite's companion files (-wal, -shm, -journal) from a file dialog's listing.
class HideSqliteCompanionsProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    static bool isSqliteCompanion(const QString &fileName);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};

namespace filedialogs {

// The icon provider every dialog shares (it holds no state).
NameOnlyIconProvider *iconProvider();
// Makes a dialog built elsewhere follow the rules above (call before it is shown).
void makeSafe(QFileDialog &dialog);

// Like QFileDialog's static functions; an empty result means the user cancelled.
QString openFileName(QWidget *parent, const QString &caption, const QString &folder, const QString &filter);
QStringList openFileNames(QWidget *parent, const QString &caption, const QString &folder, const QString &filter);
// `suggested` may name a file in its folder; an existing file is confirmed before it is replaced unless
// confirmOverwrite is false.
QString saveFileName(QWidget *parent, const QString &caption, const QString &suggested, const QString &filter,
                     bool confirmOverwrite = true);
QString existingFolder(QWidget *parent, const QString &caption, const QString &folder = {});

} // namespace filedialogs
} // namespace concord
