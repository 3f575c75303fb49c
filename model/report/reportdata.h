#pragma once

#include "model/agreement/agreementanalysis.h"
#include "model/domain/result.h"

#include <QJsonObject>

namespace concord {

class Study;

// Every number of the agreement report, as JSON (keys sorted: the same study and settings give the same bytes):
// - "study": title, uuid, schema version, the content SHA-256 of the study (model/studyfile/contentdigest.h) and the
// time of its last recorded change;
// - "summary": cases per task, responses per system, physicians, ratings per response, share "unable to assess";
// - "agreement": studyAgreement() (among physicians, judge against physicians, calibration, systems, bias);
// - "error_spans": physicians' error spans by group and severity, and each judge run's recall per category;
// - "methods": a paragraph describing what was computed, generated from the settings actually used;
// - "reproducibility": Concord version, content SHA-256, schema version, data as of, seed, B.
// The study is checkpointed first, so that a copy of the file holds everything the report shows.
Result<QJsonObject> buildReportData(Study &study, const AgreementSettings &settings);

// The methods paragraph for an agreement analysis (also used by the dashboard's "Methods" note).
QString methodsParagraph(const QJsonObject &agreement);

} // namespace concord
