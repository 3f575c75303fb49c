#include "ui/filedialogs.h"

#include <QApplication>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QStyle>

namespace concord {

QIcon NameOnlyIconProvider::icon(IconType type) const
{
    QStyle *style = QApplication::style();
    switch (type) {
    case Computer:
        return style->standardIcon(QStyle::SP_ComputerIcon);
    case Desktop:
        return style->standardIcon(QStyle::SP_DesktopIcon);
    case Trashcan:
        return style->standardIcon(QStyle::SP_TrashIcon);
    case Network:
        return style->standardIcon(QStyle::SP_DriveNetIcon);
    case Drive:
        return style->standardIcon(QStyle::SP_DriveHDIcon);
    case Folder:
        return style->standardIcon(QStyle::SP_DirIcon);
    case File:
        break;
    }
    return style->standardIcon(QStyle::SP_FileIcon);
}

QIcon NameOnlyIconProvider::icon(const QFileInfo &info) const
{
    if (info.isRoot())
        return icon(Drive);
    return icon(info.isDir() ? Folder : File);
}

QString NameOnlyIconProvider::type(const QFileInfo &info) const
{
    if (info.isRoot())
        return QApplication::translate("concord::NameOnlyIconProvider", "Drive");
    if (info.isDir())
        return QApplication::translate("concord::NameOnlyIconProvider", "Folder");
    const QString suffix = info.suffix();
    if (suffix.isEmpty())
        return QApplication::translate("concord::NameOnlyIconProvider", "File");
    return QApplication::translate("concord::NameOnlyIconProvider", "%1 File").arg(suffix.toUpper());
}

bool HideSqliteCompanionsProxy::isSqliteCompanion(const QString &fileName)
{
    for (const char *suffix : {"-wal", "-shm", "-journal"}) {
        if (fileName.endsWith(QLatin1String(suffix), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool HideSqliteCompanionsProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (const auto *files = qobject_cast<const QFileSystemModel *>(sourceModel()); files && files->isDir(index))
        return true;
    return !isSqliteCompanion(index.data(Qt::DisplayRole).toString());
}

namespace filedialogs {

NameOnlyIconProvider *iconProvider()
{
    static NameOnlyIconProvider provider;
    return &provider;
}

void makeSafe(QFileDialog &dialog)
{
    dialog.setOption(QFileDialog::DontUseNativeDialog, true);
    dialog.setOption(QFileDialog::DontUseCustomDirectoryIcons, true);
    dialog.setIconProvider(iconProvider());
    dialog.setProxyModel(new HideSqliteCompanionsProxy(&dialog));
}

namespace {

QStringList run(QFileDialog &dialog)
{
    makeSafe(dialog);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return dialog.selectedFiles();
}

} // namespace

QString openFileName(QWidget *parent, const QString &caption, const QString &folder, const QString &filter)
{
    QFileDialog dialog(parent, caption, folder, filter);
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setFileMode(QFileDialog::ExistingFile);
    return run(dialog).value(0);
}

QStringList openFileNames(QWidget *parent, const QString &caption, const QString &folder, const QString &filter)
{
    QFileDialog dialog(parent, caption, folder, filter);
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setFileMode(QFileDialog::ExistingFiles);
    return run(dialog);
}

QString saveFileName(QWidget *parent, const QString &caption, const QString &suggested, const QString &filter,
                     bool confirmOverwrite)
{
    QFileDialog dialog(parent, caption, suggested, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setOption(QFileDialog::DontConfirmOverwrite, !confirmOverwrite);
    return run(dialog).value(0);
}

QString existingFolder(QWidget *parent, const QString &caption, const QString &folder)
{
    QFileDialog dialog(parent, caption, folder);
    dialog.setFileMode(QFileDialog::Directory);
    dialog.setOption(QFileDialog::ShowDirsOnly, true);
    return run(dialog).value(0);
}

} // namespace filedialogs
} // namespace concord
