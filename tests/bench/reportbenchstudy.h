#pragma once

// The studies of bench_report (described at the top of bench_report.cpp), built apart from the measurements.
#include <QString>

namespace concord::bench {

// The child of bench_report's buildInChild(): creates the study at `path` with `responses` responses rated by `raters`
// physicians and a judge run, in one transaction; the exit status (0 on success, the error on stderr otherwise).
int buildReportStudy(const QString &path, int responses, int raters);

} // namespace concord::bench
