#pragma once

#include <QString>
#include <QStringList>

namespace concord {

// The application's colours: "system" (the platform's style and palette), "light" or "dark" (Fusion with a light or
// dark palette). Unknown names mean "system".
QStringList themeNames();
void applyTheme(const QString &name);

} // namespace concord
