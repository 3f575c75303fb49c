// libFuzzer: rubric files (`concord new --rubric FILE.json`); a rubric that parses is written and read back equal.
#include "model/domain/rubric.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto rubric = concord::parseRubric(bytes, QStringLiteral("fuzz.json"));
    if (!rubric.ok()) {
        if (rubric.errorMessage().isEmpty() || rubric.errorMessage().contains(QLatin1Char('\n')))
            std::abort(); // one line that says why
        return 0;
    }
    auto again = concord::parseRubric(concord::rubricToJson(rubric.value()), QStringLiteral("again.json"));
    if (!again.ok() || again.value().axes.size() != rubric.value().axes.size())
        std::abort();
    return 0;
}
