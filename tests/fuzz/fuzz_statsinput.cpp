// libFuzzer: the input files of `concord stats` (wide or long ratings, probabilities and labels). The first byte
// chooses the layout and whether categories are given, as the options would.
#include "model/statsio/statsinput.h"
#include "tests/fuzz/fuzzsupport.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    concord::fuzz::initQt();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t choice = data[0];
    const QString path = concord::fuzz::writeInput(data + 1, size - 1, QStringLiteral("stats.csv"));
    if (choice & 4) {
        auto labels = concord::readProbabilityLabels(path);
        if (labels.ok() && labels.value().probabilities.size() != labels.value().labels.size())
            std::abort();
        return 0;
    }
    const auto layout = (choice & 1) ? concord::RatingLayout::Long : concord::RatingLayout::Wide;
    const QStringList categories = (choice & 2) ? QStringList{QStringLiteral("low"), QStringLiteral("mid"),
                                                              QStringLiteral("high"), QStringLiteral("1")}
                                                : QStringList{};
    auto ratings = concord::readStatsRatings(path, layout, categories);
    if (!ratings.ok() && ratings.errorMessage().isEmpty())
        std::abort();
    return 0;
}
