#include "model/formats/untrustedjson.h"

#include "model/domain/messagetext.h"

#include <set>
#include <string>
#include <vector>

namespace concord {

namespace {

using nlohmann::json;

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// One pass over the bytes, outside and inside strings: nesting depth and "\u0000" escapes, with the top-level key
// each sits under. Invalid JSON is left to the parser.
std::optional<JsonProblem> prescan(QByteArrayView bytes)
{
    const char *data = bytes.data();
    const qsizetype size = bytes.size();
    int depth = 0;
    qsizetype stringStart = -1; // offset of the opening quote while inside a string
    QString topKey;
    bool topLevelIsObject = false;
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (stringStart >= 0) {
            if (c == '\\') {
                if (i + 5 < size && data[i + 1] == 'u' && QByteArrayView(data + i + 2, 4) == "0000")
                    return JsonProblem{topKey, QStringLiteral("a NUL character (\\u0000) in a string; Concord does not "
                                                              "store NUL characters")};
                ++i; // skip the escaped character
            } else if (c == '"') {
                if (depth == 1 && topLevelIsObject) {
                    qsizetype j = i + 1;
                    while (j < size && isJsonSpace(data[j]))
                        ++j;
                    if (j < size && data[j] == ':')
                        topKey = QString::fromUtf8(data + stringStart + 1, i - stringStart - 1);
                }
                stringStart = -1;
            }
            continue;
        }
        switch (c) {
        case '"':
            stringStart = i;
            break;
        case '{':
        case '[':
            if (depth == 0)
                topLevelIsObject = c == '{';
            if (++depth > kMaxJsonDepth)
                return JsonProblem{
                    depth > 2 ? topKey : QString(),
                    QStringLiteral("nested deeper than %1 levels (at byte %2)").arg(kMaxJsonDepth).arg(i)};
            break;
        case '}':
        case ']':
            --depth;
            break;
        default:
            break;
        }
    }
    return std::nullopt;
}

struct DuplicateKey
{
    std::string key;
};

// nlohmann's messages look like "[json.exception.parse_error.101] parse error at line 1, column 5: …".
QString describeException(const std::exception &e)
{
    QString what = QString::fromUtf8(e.what());
    const qsizetype bracket = what.indexOf(QStringLiteral("] "));
    if (what.startsWith(QLatin1Char('[')) && bracket > 0)
        what = what.mid(bracket + 2);
    return escapedForMessage(what.left(300));
}

} // namespace

std::optional<JsonProblem> parseUntrustedJson(QByteArrayView bytes, nlohmann::json &out)
{
    if (auto problem = prescan(bytes))
        return problem;
    std::vector<std::set<std::string>> keysOfOpenObjects;
    std::string topKey;
    const json::parser_callback_t refuseDuplicateKeys = [&](int depth, json::parse_event_t event, json &parsed) {
        switch (event) {
        case json::parse_event_t::object_start:
            keysOfOpenObjects.emplace_back();
            break;
        case json::parse_event_t::object_end:
            if (!keysOfOpenObjects.empty())
                keysOfOpenObjects.pop_back();
            break;
        case json::parse_event_t::key: {
            std::string key = parsed.get<std::string>();
            if (depth == 1)
                topKey = key;
            if (!keysOfOpenObjects.empty() && !keysOfOpenObjects.back().insert(key).second)
                throw DuplicateKey{std::move(key)};
            break;
        }
        default:
            break;
        }
        return true;
    };
    try {
        out = json::parse(bytes.begin(), bytes.end(), refuseDuplicateKeys);
    } catch (const DuplicateKey &duplicate) {
        return JsonProblem{QString::fromStdString(topKey == duplicate.key ? std::string() : topKey),
                           QStringLiteral("the key %1 appears twice in one object")
                               .arg(quotedForMessage(QString::fromStdString(duplicate.key)))};
    } catch (const json::exception &e) {
        return JsonProblem{{}, QStringLiteral("not valid JSON: %1").arg(describeException(e))};
    } catch (const std::exception &e) {
        return JsonProblem{{}, QStringLiteral("cannot read the JSON: %1").arg(describeException(e))};
    }
    return std::nullopt;
}

} // namespace concord
