#pragma once

#include <QSettings>
#include <QStringList>
#include <QVariant>

namespace concord {

// The one settings registry: each key is declared once with its default; everything else goes through here.
// The store is named after the application id (CONCORD_APP_ID, "org.concord.Concord"): organisation
// "concord.org", application "Concord", so it does not depend on what main() set. Tests redirect it with
// QSettings::setPath() before first use.
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
    static const Key AnnotationTextPointSize;  // 0: the system's size
    static const Key IdleTimeoutSeconds;       // no input for this long pauses the active-time clock
    static const Key LastAnnotators;           // study path -> the name last annotated under
    static const Key Theme;                    // "system", "light" or "dark" (ui/theme.h)
    static const Key ReportBootstrapResamples; // bootstrap size of reports exported from the window
    static constexpr int kMaxRecentStudies = 8;

    // From CONCORD_APP_ID: "concord.org" and "Concord".
    static QString organizationDomain();
    static QString applicationName();

    static QVariant value(const Key &key);
    static void setValue(const Key &key, const QVariant &value);

    // Absolute, clean paths, most recent first, at most kMaxRecentStudies.
    static QStringList recentStudies();
    static void addRecentStudy(const QString &path);
    static void removeRecentStudy(const QString &path);
    static void clearRecentStudies();

    // The name the user last annotated a study under (empty: none, or they last used it as study lead).
    static QString lastAnnotator(const QString &studyPath);
    static void setLastAnnotator(const QString &studyPath, const QString &name);

private:
    static QSettings &store();
};

} // namespace concord
