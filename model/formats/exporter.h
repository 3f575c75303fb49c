#pragma once

#include "model/domain/result.h"

#include <QString>
#include <optional>

namespace concord {

class Study;

enum class ExportContent
{
    Cases,
    Ratings,
    Judge,
    Consensus
};
enum class ExportFormat
{
    Auto,
    Csv,
    Jsonl
}; // Auto: by the file's extension

// How the consensus of the physicians' current ratings is formed per response and axis.
enum class ConsensusRule
{
    Default,
    Majority,
    Median,
    Mean
}; // Default: median on ordinal/interval, majority otherwise

struct ExportOptions
{
    ExportContent content = ExportContent::Ratings;
    ExportFormat format = ExportFormat::Auto;
    ConsensusRule consensus = ConsensusRule::Default;
    QString actor = QStringLiteral("concord");
};

struct ExportSummary
{
    QString file;
    qint64 rowsWritten = 0;
};

// Writes the file atomically (a temporary file renamed into place); records the export in the audit log.
Result<ExportSummary> exportFile(Study &study, const QString &path, const ExportOptions &options);

std::optional<ExportContent> exportContentFromString(const QString &text);
std::optional<ConsensusRule> consensusRuleFromString(const QString &text);

} // namespace concord
