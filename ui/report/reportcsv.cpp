// The report's tables as one long CSV (declared in reportwriter.h).
#include "model/formats/csvcell.h"
#include "ui/report/reportwriter.h"

#include <QJsonArray>

namespace concord {

QString reportCsv(const QJsonObject &report)
{
    // Names in the tables (tasks, systems, physicians) come from files: guarded against formula injection.
    const auto quote = [](const QString &text) {
        const QString field = csvCellGuarded(text);
        if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) &&
            !field.contains(QLatin1Char('\n')) && !field.contains(QLatin1Char('\r')))
            return field;
        return QStringLiteral("\"%1\"").arg(QString(field).replace(QLatin1Char('"'), QStringLiteral("\"\"")));
    };
    const auto number = [](const QJsonValue &value) {
        return value.isDouble() ? QString::number(value.toDouble(), 'g', 17) : QString();
    };
    QStringList lines{QStringLiteral("table,axis,group,name,statistic,value,ci_lower,ci_upper,bootstrap_ci_lower,"
                                     "bootstrap_ci_upper,n_units")};
    const auto add = [&](const QString &table, const QString &axis, const QString &group, const QString &name,
                         const QString &statistic, const QJsonObject &estimate) {
        const QJsonObject boot = estimate.value(QStringLiteral("bootstrap")).toObject();
        lines << QStringList{quote(table),
                             quote(axis),
                             quote(group),
                             quote(name),
                             quote(statistic),
                             number(estimate.value(QStringLiteral("value"))),
                             number(estimate.value(QStringLiteral("ci_lower"))),
                             number(estimate.value(QStringLiteral("ci_upper"))),
                             number(boot.value(QStringLiteral("ci_lower"))),
                             number(boot.value(QStringLiteral("ci_upper"))),
                             QString::number(estimate.value(QStringLiteral("n_units")).toInteger())}
                     .join(QLatin1Char(','));
    };
    const QJsonObject agreement = report.value(QStringLiteral("agreement")).toObject();
    for (const auto &value : agreement.value(QStringLiteral("axes")).toArray()) {
        const QJsonObject axis = value.toObject();
        const QString key = axis.value(QStringLiteral("key")).toString();
        const QJsonObject among = axis.value(QStringLiteral("among_physicians")).toObject();
        for (auto group = among.begin(); group != among.end(); ++group) {
            if (group.key() == QLatin1String("overall")) {
                const QJsonObject coefficients = group->toObject();
                for (auto it = coefficients.begin(); it != coefficients.end(); ++it)
                    add(QStringLiteral("among_physicians"), key, QStringLiteral("overall"), {}, it.key(),
                        it->toObject());
                continue;
            }
            const QJsonObject groups = group->toObject();
            for (auto g = groups.begin(); g != groups.end(); ++g) {
                const QJsonObject coefficients = g->toObject();
                for (auto it = coefficients.begin(); it != coefficients.end(); ++it) {
                    add(QStringLiteral("among_physicians"), key, group.key() + QLatin1Char(':') + g.key(), {}, it.key(),
                        it->toObject());
                }
            }
        }
        const QJsonObject intraRater = axis.value(QStringLiteral("intra_rater")).toObject();
        const QJsonObject intraOverall = intraRater.value(QStringLiteral("overall")).toObject();
        for (auto it = intraOverall.begin(); it != intraOverall.end(); ++it)
            add(QStringLiteral("intra_rater"), key, QStringLiteral("overall"), {}, it.key(), it->toObject());
        const QJsonObject intraByPhysician = intraRater.value(QStringLiteral("by_physician")).toObject();
        for (auto p = intraByPhysician.begin(); p != intraByPhysician.end(); ++p) {
            const QJsonObject coefficients = p->toObject().value(QStringLiteral("coefficients")).toObject();
            for (auto it = coefficients.begin(); it != coefficients.end(); ++it)
                add(QStringLiteral("intra_rater"), key, QStringLiteral("physician:") + p.key(), {}, it.key(),
                    it->toObject());
        }
        for (const auto &judgeValue : axis.value(QStringLiteral("judges")).toArray()) {
            const QJsonObject judge = judgeValue.toObject();
            const QString name = judge.value(QStringLiteral("name")).toString();
            const QJsonObject versus = judge.value(QStringLiteral("versus_consensus")).toObject();
            for (const QString &statistic :
                 {QStringLiteral("kappa"), QStringLiteral("spearman"), QStringLiteral("kendall_tau_b")})
                add(QStringLiteral("judge_vs_consensus"), key, {}, name, statistic, versus.value(statistic).toObject());
            const QJsonObject confusion = versus.value(QStringLiteral("confusion")).toObject();
            for (const QString &statistic : {QStringLiteral("exact_agreement"), QStringLiteral("within_one_agreement"),
                                             QStringLiteral("mean_signed_difference")})
                add(QStringLiteral("judge_vs_consensus"), key, {}, name, statistic,
                    confusion.value(statistic).toObject());
            const QJsonObject binary = confusion.value(QStringLiteral("binary")).toObject();
            for (const QString &statistic : {QStringLiteral("sensitivity"), QStringLiteral("specificity"),
                                             QStringLiteral("ppv"), QStringLiteral("npv"), QStringLiteral("f1")}) {
                if (binary.contains(statistic))
                    add(QStringLiteral("judge_binary_view"), key, {}, name, statistic,
                        binary.value(statistic).toObject());
            }
            for (const auto &entryValue : judge.value(QStringLiteral("leave_one_out")).toArray()) {
                const QJsonObject entry = entryValue.toObject();
                const QString physician = entry.value(QStringLiteral("physician")).toString();
                add(QStringLiteral("leave_one_out"), key, physician, physician, QStringLiteral("kappa"),
                    entry.value(QStringLiteral("physician_vs_others")).toObject());
                add(QStringLiteral("leave_one_out"), key, physician, name, QStringLiteral("kappa"),
                    entry.value(QStringLiteral("judge_vs_others")).toObject());
            }
            const QJsonObject calibration = judge.value(QStringLiteral("calibration")).toObject();
            for (const QString &statistic :
                 {QStringLiteral("ece"), QStringLiteral("mce"), QStringLiteral("brier"), QStringLiteral("aurc")}) {
                if (calibration.contains(statistic))
                    add(QStringLiteral("calibration"), key, {}, name, statistic,
                        calibration.value(statistic).toObject());
            }
        }
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace concord
