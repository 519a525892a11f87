#include "supervisor/ReloadActivity.h"

#include "policy/HumanDuration.h"

#include <QFileInfo>
#include <QJsonArray>

namespace clawtray {

namespace {

QString whatChanged(const QStringList& keys)
{
    if (keys.isEmpty())
        return QStringLiteral("the configuration");
    if (keys.size() == 1)
        return QStringLiteral("the %1 change").arg(ReloadActivity::keyLabel(keys.first()));
    return QStringLiteral("%1 changed settings").arg(keys.size());
}

QString sourceLabel(const QString& source, const QStringList& keys)
{
    if (source == QLatin1String("reload"))
        return QStringLiteral("Reload");
    if (source == QLatin1String("openclaw.json"))
        return QStringLiteral("openclaw.json changed");
    QStringList labels;
    for (const QString& k : keys)
        labels << ReloadActivity::keyLabel(k);
    if (labels.isEmpty() || labels.size() > 3)
        return QStringLiteral("Settings");
    return QStringLiteral("Settings (%1)").arg(labels.join(QStringLiteral(", ")));
}

QJsonArray toArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

} // namespace

QString ReloadActivity::keyLabel(const QString& key)
{
    static const QHash<QString, QString> labels{
        {QStringLiteral("port"), QStringLiteral("port")},
        {QStringLiteral("nodePath"), QStringLiteral("Node path")},
        {QStringLiteral("openclawPath"), QStringLiteral("OpenClaw folder")},
        {QStringLiteral("stateDir"), QStringLiteral("state directory")},
        {QStringLiteral("configPath"), QStringLiteral("config file")},
        {QStringLiteral("extraArgs"), QStringLiteral("extra arguments")},
        {QStringLiteral("token"), QStringLiteral("token")},
        {QStringLiteral("env"), QStringLiteral("environment")},
    };
    const auto it = labels.constFind(key);
    if (it != labels.constEnd())
        return *it;
    const int slash = key.lastIndexOf(QLatin1Char('/'));
    return slash >= 0 ? key.mid(slash + 1) : key;
}

QString ReloadActivity::planText(const ReloadPolicy::Decision& d)
{
    switch (d.action) {
    case ReloadPolicy::Action::RestartProcess:
        return QStringLiteral("process restart");
    case ReloadPolicy::Action::RestartInProcessRpc:
    case ReloadPolicy::Action::RestartInProcessSignal:
        return QStringLiteral("in-process restart");
    case ReloadPolicy::Action::None:
        break;
    }
    return d.appliesAtNextStart ? QStringLiteral("applies at next start") : QStringLiteral("nothing to restart");
}

QString ReloadActivity::outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::None: return QStringLiteral("none");
    case Outcome::AppliedLive: return QStringLiteral("applied-live");
    case Outcome::Restarting: return QStringLiteral("restarting");
    case Outcome::RestartedInProcess: return QStringLiteral("restarted-in-process");
    case Outcome::Restarted: return QStringLiteral("restarted");
    case Outcome::NextStart: return QStringLiteral("next-start");
    case Outcome::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("none");
}

QString ReloadActivity::pendingText(qint64 nowMs) const
{
    if (!pending)
        return {};
    const QString what = whatChanged(pendingKeys);
    const QString verb = pendingKeys.isEmpty() ? QStringLiteral("Reloading") : QStringLiteral("Applying");
    return QStringLiteral("%1 %2 in %3 — %4")
        .arg(verb, what, elapsedText(qMax<qint64>(0, dueAtMs - nowMs)), plan);
}

QString ReloadActivity::outcomeText() const
{
    if (outcome == Outcome::None)
        return {};
    return sourceLabel(source, keys) + QStringLiteral(": ") + text;
}

QString ReloadActivity::line(qint64 nowMs) const
{
    return pending ? pendingText(nowMs) : outcomeText();
}

QJsonObject ReloadActivity::toJson(qint64 nowMs) const
{
    QJsonObject o;
    o.insert(QLatin1String("pending"), pending);
    if (pending) {
        o.insert(QLatin1String("pendingKeys"), toArray(pendingKeys));
        o.insert(QLatin1String("dueInMs"), qMax<qint64>(0, dueAtMs - nowMs));
        o.insert(QLatin1String("plan"), plan);
    }
    o.insert(QLatin1String("outcome"), outcomeName(outcome));
    if (outcome != Outcome::None) {
        o.insert(QLatin1String("source"), source);
        o.insert(QLatin1String("keys"), toArray(keys));
        o.insert(QLatin1String("text"), text);
        o.insert(QLatin1String("atMs"), atMs);
    }
    o.insert(QLatin1String("line"), line(nowMs));
    return o;
}

void ReloadTracker::setOutcome(ReloadActivity::Outcome o, const QString& source, const QStringList& keys,
                               const QString& text, qint64 nowMs)
{
    m_a.outcome = o;
    m_a.source = source;
    m_a.keys = keys;
    m_a.text = text;
    m_a.atMs = nowMs;
}

void ReloadTracker::debounced(const QStringList& keys, qint64 dueAtMs, const ReloadPolicy::Decision& planned)
{
    m_a.pending = true;
    m_a.pendingKeys = keys;
    m_a.dueAtMs = dueAtMs;
    m_a.plan = ReloadActivity::planText(planned);
}

void ReloadTracker::executing(const QStringList& keys, const ReloadPolicy::Decision& d, qint64 pid, qint64 nowMs)
{
    m_a.pending = false;
    m_a.pendingKeys.clear();
    const QString source = keys.isEmpty() ? QStringLiteral("reload") : QStringLiteral("settings");
    switch (d.action) {
    case ReloadPolicy::Action::RestartProcess:
        m_inProcess = false;
        m_restartStartedAtMs = nowMs;
        setOutcome(ReloadActivity::Outcome::Restarting, source, keys, QStringLiteral("restarting the gateway process"), nowMs);
        return;
    case ReloadPolicy::Action::RestartInProcessRpc:
    case ReloadPolicy::Action::RestartInProcessSignal:
        m_inProcess = true;
        m_restartStartedAtMs = nowMs;
        setOutcome(ReloadActivity::Outcome::Restarting, source, keys, QStringLiteral("restarting the gateway in process"), nowMs);
        return;
    case ReloadPolicy::Action::None:
        break;
    }
    if (d.appliesAtNextStart) {
        // "Gateway is not running; changes apply at next start" → why, in the user's words.
        QString why = d.explanation.section(QLatin1Char(';'), 0, 0).trimmed();
        if (!why.isEmpty())
            why[0] = why[0].toLower();
        m_nextStartPid = pid;
        const QString first = keys.isEmpty() ? QStringLiteral("nothing restarted now") : QStringLiteral("saved");
        setOutcome(ReloadActivity::Outcome::NextStart, source, keys,
                   why.isEmpty() ? first + QStringLiteral("; applies at the next start")
                                 : QStringLiteral("%1; applies at the next start (%2)").arg(first, why),
                   nowMs);
        return;
    }
    setOutcome(ReloadActivity::Outcome::AppliedLive, source, keys, QStringLiteral("nothing needed a restart"), nowMs);
}

void ReloadTracker::requestFailed(const QString& why, qint64 nowMs)
{
    if (m_a.outcome != ReloadActivity::Outcome::Restarting)
        return;
    m_a.text = QStringLiteral("the in-process restart was refused: %1; the change applies at the next start").arg(why);
    m_a.outcome = ReloadActivity::Outcome::Failed;
    m_a.atMs = nowMs;
}

void ReloadTracker::deferred(const QString& summary)
{
    if (m_a.outcome != ReloadActivity::Outcome::Restarting)
        return;
    m_a.text = QStringLiteral("in-process restart deferred by the gateway (%1); it restarts once that work is done")
                   .arg(summary.isEmpty() ? QStringLiteral("active work") : summary);
}

void ReloadTracker::restartFinished(bool ok, const QString& result, qint64 nowMs)
{
    if (m_a.outcome != ReloadActivity::Outcome::Restarting)
        return;
    const QString took = elapsedText(qMax<qint64>(0, nowMs - m_restartStartedAtMs));
    if (ok) {
        m_a.outcome = m_inProcess ? ReloadActivity::Outcome::RestartedInProcess : ReloadActivity::Outcome::Restarted;
        m_a.text = m_inProcess ? QStringLiteral("restarted in process in %1").arg(took)
                               : QStringLiteral("restarted the gateway process in %1").arg(took);
    } else {
        m_a.outcome = ReloadActivity::Outcome::Failed;
        m_a.text = QStringLiteral("the restart did not complete (%1)").arg(result);
    }
    m_a.atMs = nowMs;
}

void ReloadTracker::appliedLive(const QStringList& settingsKeys, qint64 nowMs)
{
    if (settingsKeys.isEmpty())
        return;
    setOutcome(ReloadActivity::Outcome::AppliedLive, QStringLiteral("settings"), settingsKeys,
               settingsKeys.size() == 1 ? QStringLiteral("applied live (ClawTray's own setting; the gateway keeps running)")
                                        : QStringLiteral("%1 settings applied live (ClawTray's own; the gateway keeps running)")
                                              .arg(settingsKeys.size()),
               nowMs);
}

void ReloadTracker::gatewayConfigChanged(const QString& path, qint64 nowMs)
{
    // A restart of ours still under way keeps its row: the gateway writes its config as part of it.
    if (m_a.outcome == ReloadActivity::Outcome::Restarting && m_a.source != QLatin1String("openclaw.json"))
        return;
    m_inProcess = true;
    setOutcome(ReloadActivity::Outcome::AppliedLive, QStringLiteral("openclaw.json"),
               path.isEmpty() ? QStringList{} : QStringList{QFileInfo(path).fileName()},
               QStringLiteral("applied live by the gateway"), nowMs);
}

void ReloadTracker::gatewayRestartAnnounced(qint64 nowMs)
{
    if (m_a.source != QLatin1String("openclaw.json") || m_a.outcome != ReloadActivity::Outcome::AppliedLive
        || nowMs - m_a.atMs > kConfigRestartWindowMs)
        return;
    m_inProcess = true;
    m_restartStartedAtMs = nowMs;
    m_a.outcome = ReloadActivity::Outcome::Restarting;
    m_a.text = QStringLiteral("the gateway restarts in process to apply it");
    m_a.atMs = nowMs;
}

void ReloadTracker::pendingDropped(qint64 nowMs)
{
    if (!m_a.pending)
        return;
    const QStringList keys = m_a.pendingKeys;
    m_a.pending = false;
    m_a.pendingKeys.clear();
    m_nextStartPid = 0;
    if (!keys.isEmpty())
        setOutcome(ReloadActivity::Outcome::NextStart, QStringLiteral("settings"), keys,
                   QStringLiteral("saved; applies when the gateway starts again"), nowMs);
}

void ReloadTracker::runEnded()
{
    if (m_a.outcome != ReloadActivity::Outcome::NextStart)
        m_a = ReloadActivity{};
}

void ReloadTracker::running(bool owned, qint64 pid)
{
    if (m_a.outcome == ReloadActivity::Outcome::NextStart && owned && pid > 0 && pid != m_nextStartPid)
        m_a = ReloadActivity{};
}

} // namespace clawtray
