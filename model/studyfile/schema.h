#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace concord {

// "Conc" in ASCII: marks a SQLite file as a Concord study (PRAGMA application_id).
inline constexpr int kApplicationId = 0x436F6E63;

struct Migration
{
    int toVersion = 0;
    QString description;
    QStringList statements;
};

// Ordered migrations; migration i takes a file from version i-1 to version i. Never edit a released one.
const std::vector<Migration> &schemaMigrations();
int currentSchemaVersion();

// The append-only triggers of the current schema, (name, CREATE TRIGGER statement as SQLite stores it); `check`
// compares them with the file's.
QList<std::pair<QString, QString>> appendOnlyTriggers();

} // namespace concord
