#pragma once

// Internal to model/: parsing JSON from files (JSONL lines, rubrics) so that no input can crash, stall or lose
// data. nlohmann's parser is iterative, but dump(), comparison and conversions recurse, and a number such as
// 1e400 throws: a linear pre-scan refuses deep nesting and escaped NULs before the parser runs, the parser
// refuses duplicate keys (the last one would silently win), and every exception becomes a message.
#include <QByteArrayView>
#include <QString>
#include <nlohmann/json.hpp>
#include <optional>

namespace concord {

constexpr int kMaxJsonDepth = 64;

struct JsonProblem
{
    QString field; // the top-level key under which the problem sits, when there is one
    QString what;  // one line, any file text in it quoted (quotedForMessage)
};

// Parses `bytes` into `out`, or says what is wrong with them.
std::optional<JsonProblem> parseUntrustedJson(QByteArrayView bytes, nlohmann::json &out);

} // namespace concord
