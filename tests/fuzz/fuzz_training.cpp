// libFuzzer: training reference files (`concord assign --training FILE.csv`), read against a study with two cases.
#include "model/studylead/trainingreferences.h"
#include "tests/fuzz/fuzzsupport.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    concord::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static concord::fuzz::ScratchStudy scratchStudy;
    const QString path = concord::fuzz::writeInput(data, size, QStringLiteral("training.csv"));
    auto rows = concord::readTrainingReferences(scratchStudy.study(), path);
    if (!rows.ok() && rows.errorMessage().isEmpty())
        std::abort();
    return 0;
}
