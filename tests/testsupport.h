#pragma once

// What the test programs share.
#include <QByteArray>
#include <QString>
#include <QTest>

// Verifies a Result or Status and shows its message when it failed.
#define CONCORD_VERIFY_OK(expression)                                                                                  \
    do {                                                                                                               \
        const auto &result_ = (expression);                                                                            \
        QVERIFY2(result_.ok(), qPrintable(result_.errorMessage()));                                                    \
    } while (false)

namespace concord::testsupport {

// `cases` cases c01, c02, ... as JSON lines for `concord import`, each with the responses a (system Aster) and b
// (system Birch): the smallest study a design with repeats and training needs.
inline QByteArray twoResponseCasesJsonl(int cases)
{
    QByteArray lines;
    for (int c = 1; c <= cases; ++c) {
        const QByteArray id = QStringLiteral("c%1").arg(c, 2, 10, QLatin1Char('0')).toUtf8();
        lines += "{\"kind\":\"case\",\"id\":\"" + id + "\",\"task\":\"patient_question\",\"input\":\"Question " + id +
                 "\",\"responses\":[{\"id\":\"a\",\"system\":\"Aster\",\"text\":\"Answer a to " + id +
                 "\"},{\"id\":\"b\",\"system\":\"Birch\",\"text\":\"Answer b to " + id + "\"}]}\n";
    }
    return lines;
}

} // namespace concord::testsupport
