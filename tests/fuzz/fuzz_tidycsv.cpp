// libFuzzer: the tidycsv importer, run as `concord import` runs it, against a study with two cases.
#include "tests/fuzz/fuzzsupport.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    concord::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    concord::ImportOptions options;
    options.format = concord::ImportFormat::Csv;
    concord::fuzz::importOnce(data, size, QStringLiteral("input.csv"), options);
    return 0;
}
