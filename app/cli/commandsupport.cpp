#include "app/cli/commandsupport.h"

#include <QJsonDocument>

namespace concord::cli {

namespace {

QTextStream *capturedOutput = nullptr;
QTextStream *capturedErrors = nullptr;

} // namespace

QTextStream &out()
{
    static QTextStream stream(stdout);
    return capturedOutput ? *capturedOutput : stream;
}

QTextStream &errors()
{
    static QTextStream stream(stderr);
    return capturedErrors ? *capturedErrors : stream;
}

OutputCapture::OutputCapture()
{
    out().flush();
    errors().flush();
    capturedOutput = &m_outputStream;
    capturedErrors = &m_errorStream;
}

OutputCapture::~OutputCapture()
{
    capturedOutput = nullptr;
    capturedErrors = nullptr;
}

int fail(const QString &message, int code)
{
    errors() << "concord: " << message << Qt::endl;
    return code;
}

void warn(const QString &message)
{
    errors() << "concord: warning: " << message << Qt::endl;
}

void warnWaiting(const QString &studyPath)
{
    errors() << "concord: " << studyPath << ": waiting for another program to finish writing to it…" << Qt::endl;
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

Result<qint64> parsePositive(const QCommandLineParser &parser, const QString &name, qint64 fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < 0)
        return Error{QStringLiteral("--%1 must be a non-negative integer, not '%2'").arg(name, parser.value(name))};
    return value;
}

Result<double> parseNumberOption(const QCommandLineParser &parser, const QString &name, double fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok)
        return Error{QStringLiteral("--%1 must be a number, not '%2'").arg(name, parser.value(name))};
    return value;
}

} // namespace concord::cli
