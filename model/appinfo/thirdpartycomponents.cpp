#include "model/appinfo/thirdpartycomponents.h"

#include "model/studyfile/study.h"

#include <QDir>
#include <QFileInfo>
#include <QtGlobal>
#include <boost/version.hpp>
#include <nlohmann/json.hpp>
#include <sodium.h>

namespace concord {

QString sqliteVersion()
{
    return Study::sqliteLibraryVersion();
}

QVector<ThirdPartyComponent> thirdPartyComponents()
{
    const QString qt = QString::fromLatin1(qVersion());
    const QString json = QStringLiteral("%1.%2.%3")
                             .arg(NLOHMANN_JSON_VERSION_MAJOR)
                             .arg(NLOHMANN_JSON_VERSION_MINOR)
                             .arg(NLOHMANN_JSON_VERSION_PATCH);
    const QString boost =
        QStringLiteral("%1.%2.%3").arg(BOOST_VERSION / 100000).arg(BOOST_VERSION / 100 % 1000).arg(BOOST_VERSION % 100);
    return {
        {QStringLiteral("Qt (Core, Gui, Widgets, Sql and its SQLite driver, Concurrent)"), qt,
         QStringLiteral("LGPL-3 or GPL-2"), QStringLiteral("the application framework"), QStringLiteral("libqt6core6"),
         false},
        {QStringLiteral("Qt SVG"), qt, QStringLiteral("LGPL-3 or GPL-2"), QStringLiteral("the charts, drawn as SVG"),
         QStringLiteral("libqt6svg6"), false},
        {QStringLiteral("SQLite"), sqliteVersion(), QStringLiteral("public-domain"), QStringLiteral("the study file"),
         QStringLiteral("libsqlite3-0"), false},
        {QStringLiteral("JSON for Modern C++ (nlohmann/json)"), json, QStringLiteral("Expat (MIT)"),
         QStringLiteral("reading JSONL imports and rubrics"), QStringLiteral("nlohmann-json3-dev"), true},
        {QStringLiteral("Boost.Math"), boost, QStringLiteral("BSL-1.0"),
         QStringLiteral("distributions for the statistics"), QStringLiteral("libboost-math1.74-dev"), true},
        {QStringLiteral("libsodium"), QString::fromLatin1(sodium_version_string()), QStringLiteral("ISC"),
         QStringLiteral("Ed25519 signatures of annotator packages"), QStringLiteral("libsodium23"), false},
    };
}

QString licenceTextPath(const ThirdPartyComponent &component, const QString &installedDocDir)
{
    QStringList candidates;
    if (component.compiledIn && !installedDocDir.isEmpty())
        candidates
            << QDir(installedDocDir).filePath(QStringLiteral("third-party/%1.copyright").arg(component.debianPackage));
    candidates << QStringLiteral("/usr/share/doc/%1/copyright").arg(component.debianPackage);
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

} // namespace concord
