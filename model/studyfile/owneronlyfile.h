#pragma once

#include <QSaveFile>

namespace concord {

// Exports, reports and packages hold clinical text: every file Concord writes is readable by its owner only.
inline constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Opens file for writing with its temporary restricted to the owner before a byte is written; the file keeps that
// mode when committed, also when it replaces an existing file of a wider mode.
inline bool openOwnerOnly(QSaveFile &file)
{
    return file.open(QIODevice::WriteOnly) && file.setPermissions(kOwnerOnly);
}

} // namespace concord
