#include "ui/settings.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace concord {

namespace {

QString cleanAbsolute(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QStringList appIdParts()
{
    return QStringLiteral(CONCORD_APP_ID).split(QLatin1Char('.'));
}

} // namespace

const Settings::Key Settings::RecentStudies{"studies/recent", QStringList()};
const Settings::Key Settings::MainWindowGeometry{"window/geometry", QByteArray()};
const Settings::Key Settings::AnnotationTextPointSize{"annotation/textPointSize", 0};
const Settings::Key Settings::IdleTimeoutSeconds{"annotation/idleTimeoutSeconds", 60.0};
const Settings::Key Settings::LastAnnotators{"annotation/lastAnnotators", QVariantMap()};
const Settings::Key Settings::Theme{"appearance/theme", QStringLiteral("system")};
const Settings::Key Settings::ReportBootstrapResamples{"report/bootstrapResamples", 2000};

QString Settings::organizationDomain()
{
    QStringList parts = appIdParts(); // org, concord, Concord
    parts.removeLast();
    std::reverse(parts.begin(), parts.end());
    return parts.join(QLatin1Char('.'));
}

QString Settings::applicationName()
{
    return appIdParts().constLast();
}

QSettings &Settings::store()
{
    static QSettings settings(QSettings::NativeFormat, QSettings::UserScope, organizationDomain(), applicationName());
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
    const QString absolute = cleanAbsolute(path);
    QStringList recent = recentStudies();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecentStudies)
        recent.removeLast();
    setValue(RecentStudies, recent);
}

void Settings::removeRecentStudy(const QString &path)
{
    QStringList recent = recentStudies();
    if (recent.removeAll(cleanAbsolute(path)) > 0)
        setValue(RecentStudies, recent);
}

void Settings::clearRecentStudies()
{
    setValue(RecentStudies, QStringList());
}

QString Settings::lastAnnotator(const QString &studyPath)
{
    return value(LastAnnotators).toMap().value(cleanAbsolute(studyPath)).toString();
}

void Settings::setLastAnnotator(const QString &studyPath, const QString &name)
{
    QVariantMap map = value(LastAnnotators).toMap();
    if (name.isEmpty())
        map.remove(cleanAbsolute(studyPath));
    else
        map.insert(cleanAbsolute(studyPath), name);
    setValue(LastAnnotators, map);
}

} // namespace concord
