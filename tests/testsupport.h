#pragma once

// What the test programs share.
#include <QTest>

// Verifies a Result or Status and shows its message when it failed.
#define CONCORD_VERIFY_OK(expression)                                                                                  \
    do {                                                                                                               \
        const auto &result_ = (expression);                                                                            \
        QVERIFY2(result_.ok(), qPrintable(result_.errorMessage()));                                                    \
    } while (false)
