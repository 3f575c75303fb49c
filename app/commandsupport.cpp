#include "app/commandsupport.h"

#include <QJsonDocument>

namespace concord::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int fail(const QString &message, int code)
{
    QTextStream err(stderr);
    err << "concord: " << message << Qt::endl;
    return code;
}

void warn(const QString &message)
{
    QTextStream err(stderr);
    err << "concord: warning: " << message << Qt::endl;
}

void warnWaiting(const QString &studyPath)
{
    QTextStream err(stderr);
    err << "concord: " << studyPath << ": waiting for another program to finish writing to it…" << Qt::endl;
}

void printJson(const QJsonObject &object)
{
    out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)) << Qt::flush;
}

QCommandLineOption option(const QString &name, const QString &description, const QString &valueName)
{
    return valueName.isEmpty() ? QCommandLineOption(name, description)
                               : QCommandLineOption(name, description, valueName);
}

} // namespace concord::cli
