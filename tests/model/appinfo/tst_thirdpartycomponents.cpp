// The About dialog's list of libraries, checked against what Debian says of them on this machine: each licence is
// the one the library's own Debian copyright file gives for its files ("Files: *"), and each version the one
// installed (dpkg-query).
#include "model/appinfo/thirdpartycomponents.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace concord;

namespace {

// The "License:" of the "Files: *" paragraph of a machine-readable Debian copyright file.
QString debianLicenceOfAllFiles(const QString &package)
{
    QFile file(QStringLiteral("/usr/share/doc/%1/copyright").arg(package));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    const QRegularExpression paragraph(QStringLiteral("^Files: \\*\\n(?:[^\\n]+\\n)*?License: ([^\\n]+)"),
                                       QRegularExpression::MultilineOption);
    return paragraph.match(text).captured(1).trimmed();
}

QString installedVersion(const QString &package)
{
    QProcess query;
    query.start(QStringLiteral("dpkg-query"), {QStringLiteral("-W"), QStringLiteral("-f=${Version}"), package});
    query.waitForFinished();
    return QString::fromUtf8(query.readAllStandardOutput()).trimmed();
}

} // namespace

class TestThirdPartyComponents : public QObject
{
    Q_OBJECT
private slots:
    void licences_matchDebianCopyrightFiles();
    void versions_matchInstalledPackages();
    void licenceTextPath_prefersConcordsOwnCopyForCompiledIn();
};

void TestThirdPartyComponents::licences_matchDebianCopyrightFiles()
{
    const auto components = thirdPartyComponents();
    QCOMPARE(components.size(), 6);
    for (const ThirdPartyComponent &component : components) {
        const QString debian = debianLicenceOfAllFiles(component.debianPackage);
        QVERIFY2(!debian.isEmpty(), qPrintable(component.debianPackage));
        QVERIFY2(component.licence.startsWith(debian), qPrintable(component.licence + QStringLiteral(" vs ") + debian));
        QVERIFY(!licenceTextPath(component, QString()).isEmpty());
    }
}

void TestThirdPartyComponents::versions_matchInstalledPackages()
{
    for (const ThirdPartyComponent &component : thirdPartyComponents()) {
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(component.version).hasMatch(),
                 qPrintable(component.name + QStringLiteral(": ") + component.version));
        // Debian versions carry a packaging suffix: 3.40.1-2+deb12u2, 1.74.0+ds1-21, 6.4.2+dfsg-10.
        const QString installed = installedVersion(component.debianPackage);
        QVERIFY2(
            installed.startsWith(component.version),
            qPrintable(component.name + QStringLiteral(": ") + component.version + QStringLiteral(" vs ") + installed));
    }
    QVERIFY(sqliteVersion().startsWith(QStringLiteral("3.")));
}

void TestThirdPartyComponents::licenceTextPath_prefersConcordsOwnCopyForCompiledIn()
{
    QTemporaryDir doc;
    QVERIFY(QDir().mkpath(doc.filePath(QStringLiteral("third-party"))));
    for (const ThirdPartyComponent &component : thirdPartyComponents()) {
        const QString own = doc.filePath(QStringLiteral("third-party/%1.copyright").arg(component.debianPackage));
        QFile file(own);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString expected =
            component.compiledIn ? own : QStringLiteral("/usr/share/doc/%1/copyright").arg(component.debianPackage);
        QCOMPARE(licenceTextPath(component, doc.path()), expected);
    }
}

QTEST_GUILESS_MAIN(TestThirdPartyComponents)
#include "tst_thirdpartycomponents.moc"
