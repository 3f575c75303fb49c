#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace concord {

// A library Concord is built with, for the About dialog and the package's notices.
struct ThirdPartyComponent
{
    QString name;
    QString version;       // the version in use: at run time for shared libraries, at build time for headers
    QString licence;       // as the library's Debian copyright file states it
    QString use;           // what Concord uses it for
    QString debianPackage; // the package whose copyright file has the full notice and licence text
    bool compiledIn;       // header-only: its code is in Concord's binary, so Concord ships its notice
};

QVector<ThirdPartyComponent> thirdPartyComponents();

// Where the full notice of a component is on this computer: the copy Concord's package installs for libraries
// compiled in, else the library package's own copyright file. Empty when neither is there.
QString licenceTextPath(const ThirdPartyComponent &component, const QString &installedDocDir);

// The SQLite library's version as the Qt driver reports it ("3.40.1"), or empty when the driver is missing.
QString sqliteVersion();

} // namespace concord
