#pragma once

// What the command-line tests share: running the built `concord` as a user would, and looking into the study file
// it wrote.
#include "model/studyfile/study.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace concord::clitest {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

inline Run runConcord(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(CONCORD_EXECUTABLE), arguments);
    process.waitForFinished(300000);
    return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
               QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// The first column of the first row of `sql` on the study, read-only; -1 when it cannot be read.
inline qint64 count(const QString &path, const QString &sql)
{
    auto study = Study::open(path, Study::Access::ReadOnly);
    if (!study.ok())
        return -1;
    auto q = study.value()->exec(sql);
    return q.ok() && q->next() ? q->value(0).toLongLong() : -1;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace concord::clitest
