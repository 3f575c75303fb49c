// Preferences: the dialog shows and stores the settings registry's values, and the window applies them:
// the text size of cases and responses, the theme, the idle pause of the active-time clock and the report bootstrap.
#include "model/demo/demostudy.h"
#include "tests/testsupport.h"
#include "ui/annotation/annotationpage.h"
#include "ui/annotation/responsepane.h"
#include "ui/mainwindow.h"
#include "ui/preferencesdialog.h"
#include "ui/settings.h"
#include "ui/theme.h"

#include <QApplication>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace concord;

class TestPreferences : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    }

    void dialog_showsTheStoredValuesAndStoresWhatIsChosen()
    {
        Settings::setValue(Settings::AnnotationTextPointSize, 0);
        Settings::setValue(Settings::Theme, QStringLiteral("system"));
        Settings::setValue(Settings::IdleTimeoutSeconds, 90.0);
        Settings::setValue(Settings::ReportBootstrapResamples, 2000);
        PreferencesDialog dialog;
        QCOMPARE(dialog.textSizeBox()->text(), QStringLiteral("system size"));
        QCOMPARE(dialog.themeBox()->currentData().toString(), QStringLiteral("system"));
        QCOMPARE(dialog.idleTimeoutBox()->value(), 90);
        QCOMPARE(dialog.bootstrapBox()->value(), 2000);

        dialog.textSizeBox()->setValue(15);
        dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData(QStringLiteral("dark")));
        dialog.idleTimeoutBox()->setValue(45);
        dialog.bootstrapBox()->setValue(500);
        dialog.store();
        QCOMPARE(Settings::value(Settings::AnnotationTextPointSize).toInt(), 15);
        QCOMPARE(Settings::value(Settings::Theme).toString(), QStringLiteral("dark"));
        QCOMPARE(Settings::value(Settings::IdleTimeoutSeconds).toDouble(), 45.0);
        QCOMPARE(Settings::value(Settings::ReportBootstrapResamples).toInt(), 500);

        // The lowest text size is the system's: stored as 0.
        dialog.textSizeBox()->setValue(dialog.textSizeBox()->minimum());
        dialog.store();
        QCOMPARE(Settings::value(Settings::AnnotationTextPointSize).toInt(), 0);
    }

    void theme_darkThenSystemRestoresThePlatformLook()
    {
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        const QString systemStyle = QApplication::style()->name();
        applyTheme(QStringLiteral("dark"));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QVERIFY(QApplication::palette().color(QPalette::Text).lightness() > 180);
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        applyTheme(QStringLiteral("light"));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
        applyTheme(QStringLiteral("system"));
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
        QCOMPARE(QApplication::style()->name(), systemStyle);
    }

    void window_appliesTextSizeAndIdlePauseToTheAnnotationView()
    {
        const QString study = m_dir.filePath(QStringLiteral("demo.concord"));
        QVERIFY(createDemoStudy(study, DemoOptions{.cases = 6, .raters = 2, .seed = 3}).ok());
        Settings::setValue(Settings::AnnotationTextPointSize, 0);
        Settings::setValue(Settings::Theme, QStringLiteral("system"));
        MainWindow window;
        window.setShowMessageBoxes(false);
        QVERIFY(window.openStudy(study));
        QVERIFY(window.startAnnotating(QStringLiteral("Dr. Prefs")));
        AnnotationPage *page = window.annotationPage();
        QCOMPARE(page->textPointSize(), 0);

        Settings::setValue(Settings::AnnotationTextPointSize, 19);
        Settings::setValue(Settings::IdleTimeoutSeconds, 25.0);
        window.applyPreferences();
        QCOMPARE(page->textPointSize(), 19);
        QCOMPARE(page->caseView()->font().pointSize(), 19);
        for (ResponsePane *pane : page->panes())
            QCOMPARE(pane->textView()->font().pointSize(), 19);
        QCOMPARE(page->session()->clock().idleTimeout(), 25.0);

        // Back to the system's size.
        Settings::setValue(Settings::AnnotationTextPointSize, 0);
        window.applyPreferences();
        QCOMPARE(page->caseView()->font().pointSize(), QApplication::font().pointSize());
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
