#pragma once

#include <QSettings>
#include <QStringList>
#include <QVariant>

namespace concord {

// The one settings registry: each key is declared once with its default; everything else goes through here.
class Settings
{
public:
    struct Key
    {
        const char *name;
        QVariant defaultValue;
    };
    static const Key RecentStudies;
    static const Key MainWindowGeometry;
    static constexpr int kMaxRecentStudies = 8;

    static QVariant value(const Key &key);
    static void setValue(const Key &key, const QVariant &value);

    static QStringList recentStudies();
    static void addRecentStudy(const QString &path);

private:
    static QSettings &store();
};

} // namespace concord
