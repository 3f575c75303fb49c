// Untrusted text made safe to show: every bidirectional control and hidden control becomes a visible marker, other
// text (right-to-left letters, surrogate pairs, joiners) is untouched, positions map both ways, tooltips are plain.
#include "model/domain/displaytext.h"

#include <QTest>
#include <QTextDocument>

using namespace concord;

class TestDisplayText : public QObject
{
    Q_OBJECT

private slots:
    void visibleControls_marksEveryBidiControl_data()
    {
        QTest::addColumn<uint>("codePoint");
        QTest::addColumn<QString>("marker");
        const QList<std::pair<uint, const char *>> controls{
            {0x061C, "ALM"}, {0x200E, "LRM"}, {0x200F, "RLM"}, {0x202A, "LRE"}, {0x202B, "RLE"}, {0x202C, "PDF"},
            {0x202D, "LRO"}, {0x202E, "RLO"}, {0x2066, "LRI"}, {0x2067, "RLI"}, {0x2068, "FSI"}, {0x2069, "PDI"}};
        for (const auto &[codePoint, name] : controls) {
            QTest::addRow("U+%04X", codePoint) << codePoint << QStringLiteral("⟨%1⟩").arg(QString::fromLatin1(name));
        }
    }

    void visibleControls_marksEveryBidiControl()
    {
        QFETCH(uint, codePoint);
        QFETCH(QString, marker);
        const QString stored = QStringLiteral("1") + QChar(char16_t(codePoint)) + QStringLiteral("05 mg");
        const QString shown = visibleControls(stored);
        QCOMPARE(shown, QStringLiteral("1") + marker + QStringLiteral("05 mg"));
        QVERIFY(!shown.contains(QChar(char16_t(codePoint))));
    }

    void visibleControls_showsOverriddenDoseAsStored()
    {
        // Rendered raw, this reads "150 mg".
        QCOMPARE(visibleControls(QStringLiteral("1\u202E05\u202C mg")), QStringLiteral("1⟨RLO⟩05⟨PDF⟩ mg"));
    }

    void visibleControls_marksHiddenControls_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("shown");
        QTest::newRow("escape") << QStringLiteral("a\x1b]0;x\x07") << QStringLiteral("a⟨U+001B⟩]0;x⟨U+0007⟩");
        QTest::newRow("NUL") << QString(QChar(u'\0')) << QStringLiteral("⟨U+0000⟩");
        QTest::newRow("DEL and C1") << QStringLiteral("\x7f\u0085\u009b") << QStringLiteral("⟨U+007F⟩⟨U+0085⟩⟨U+009B⟩");
        QTest::newRow("zero-width space") << QStringLiteral("10\u200B5") << QStringLiteral("10⟨U+200B⟩5");
        QTest::newRow("word joiner") << QStringLiteral("\u2060") << QStringLiteral("⟨U+2060⟩");
        QTest::newRow("byte order mark") << QStringLiteral("\uFEFFx") << QStringLiteral("⟨U+FEFF⟩x");
        QTest::newRow("deprecated format") << QStringLiteral("\u206A\u206F") << QStringLiteral("⟨U+206A⟩⟨U+206F⟩");
        // Tag characters spell hidden ASCII ("ASCII smuggling"); they are surrogate pairs in UTF-16.
        QTest::newRow("tag characters") << QString::fromUcs4(U"ok\U000E0041\U000E007F")
                                        << QStringLiteral("ok⟨U+E0041⟩⟨U+E007F⟩");
    }

    void visibleControls_marksHiddenControls()
    {
        QFETCH(QString, stored);
        QFETCH(QString, shown);
        QCOMPARE(visibleControls(stored), shown);
    }

    void visibleControls_leavesOrdinaryTextAlone_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QStringLiteral("Give 105 mg <b>twice</b> & review");
        QTest::newRow("tab newline return") << QStringLiteral("a\tb\nc\r\nd");
        QTest::newRow("arabic") << QStringLiteral("الجرعة ١٠٥ ملغ");
        QTest::newRow("hebrew") << QStringLiteral("מינון 105 מ\"ג");
        QTest::newRow("joiners") << QStringLiteral("می\u200Cخواهم 👩\u200D⚕️");
        QTest::newRow("surrogate pairs") << QString::fromUcs4(U"\U0001F600 \U0001D400 \U00020000");
        QTest::newRow("lone surrogate") << QString(QChar(u'\xD800')) + QStringLiteral("x");
        QTest::newRow("marker lookalike brackets") << QStringLiteral("⟨a⟩");
        QTest::newRow("empty") << QString();
    }

    void visibleControls_leavesOrdinaryTextAlone()
    {
        QFETCH(QString, text);
        QCOMPARE(visibleControls(text), text);
    }

    void inOneLine_showsLineBreaksAndTabsAsMarkers()
    {
        QCOMPARE(inOneLine(QStringLiteral("a\nb\r\nc\td")), QStringLiteral("a⟨U+000A⟩b⟨U+000D⟩⟨U+000A⟩c⟨U+0009⟩d"));
        QCOMPARE(inOneLine(QStringLiteral("1\u202E05")), QStringLiteral("1⟨RLO⟩05"));
        QCOMPARE(inOneLine(QStringLiteral("plain text")), QStringLiteral("plain text"));
    }

    void positions_mapBetweenStoredAndShown()
    {
        const QString stored = QStringLiteral("1\u202E05\u202C mg \U0001F600 end");
        const QString shown = visibleControls(stored);
        // Every stored position maps to the same character in the shown text, and back.
        for (qsizetype i = 0; i <= stored.size(); ++i) {
            const qsizetype at = visiblePosition(stored, i);
            QCOMPARE(storedPosition(stored, at), i);
            const bool control = i < stored.size() && (stored[i] == u'\u202E' || stored[i] == u'\u202C');
            if (i < stored.size() && !control)
                QCOMPARE(shown[at], stored[i]);
        }
        // Inside a marker: the control's own position.
        QCOMPARE(storedPosition(stored, 3), 1);
        QCOMPARE(visiblePosition(stored, stored.size()), shown.size());
    }

    void plainToolTip_escapesMarkupAndShowsControls()
    {
        const QString hostile = QStringLiteral("<img src=\"/etc/hosts\"> <b>x</b> &amp; 1\u202E05 mg\nnext  line");
        const QString tip = plainToolTip(hostile);
        QVERIFY(Qt::mightBeRichText(tip)); // Qt takes it as rich text, in which everything is escaped
        QVERIFY(!tip.contains(QStringLiteral("<img")));
        QVERIFY(!tip.contains(QStringLiteral("<b>")));
        QVERIFY(!tip.contains(QChar(u'\u202E')));
        QTextDocument document;
        document.setHtml(tip);
        QCOMPARE(document.toPlainText(), visibleControls(hostile));
        QCOMPARE(plainToolTip(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
