#pragma once

#include "model/domain/result.h"

#include <QString>
#include <QStringList>

namespace concord {

struct StudyFileCheck
{
    int schemaVersion = 0;
    QStringList problems; // empty when the file is sound at its schema version
    bool healthy() const { return problems.isEmpty(); }
};

// What can be checked of a study file at any schema version, without upgrading it: that it is a Concord study
// (application id) at a schema version this build knows, SQLite's integrity and foreign-key checks, and that every
// table of its version is present. A file with no schema (version 0) is damaged, never "to be upgraded". The file is
// opened read-only through SQLite; an error when it cannot be read or is not a Concord study at all.
Result<StudyFileCheck> checkStudyFile(const QString &path);

// The tables a study of the given schema version has, by name.
QStringList tablesOfSchemaVersion(int version);

} // namespace concord
