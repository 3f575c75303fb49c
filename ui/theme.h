#pragma once

#include <QIcon>
#include <QString>
#include <QStringList>

namespace concord {

// The application's colours: "system" (the platform's style and palette), "light" or "dark" (Fusion with a light or
// dark palette). Unknown names mean "system".
QStringList themeNames();
void applyTheme(const QString &name);
// The icon the package installs into the desktop's icon theme, else the same icon built into the program (a build
// run from its folder).
QIcon applicationIcon();

} // namespace concord
