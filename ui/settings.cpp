#include "ui/settings.h"

#include <QDir>
#include <QFileInfo>

namespace concord {

const Settings::Key Settings::RecentStudies{"studies/recent", QStringList()};
const Settings::Key Settings::MainWindowGeometry{"window/geometry", QByteArray()};

QSettings &Settings::store()
{
    // Scope and names come from the application identity set in main() (the reverse-DNS application id).
    static QSettings settings;
    return settings;
}

QVariant Settings::value(const Key &key)
{
    return store().value(QString::fromLatin1(key.name), key.defaultValue);
}

void Settings::setValue(const Key &key, const QVariant &value)
{
    store().setValue(QString::fromLatin1(key.name), value);
}

QStringList Settings::recentStudies()
{
    return value(RecentStudies).toStringList();
}

void Settings::addRecentStudy(const QString &path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList recent = recentStudies();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecentStudies)
        recent.removeLast();
    setValue(RecentStudies, recent);
}

} // namespace concord
