#include "supervisor/ReloadActivity.h"


#include <QFileInfo>
#include <QJsonArray>

namespace clawtray {

namespace {

// "the port change", "3 changed settings", "the configuration".
UserText whatChanged(const QStringList& keys)
{
    if (keys.isEmpty())
        return UserText(QT_TRANSLATE_NOOP("UserText", "the configuration"));
    if (keys.size() == 1)
        return UserText(QT_TRANSLATE_NOOP("UserText", "the %1 change")).arg(ReloadActivity::keyLabel(keys.first()));
    return UserText(QT_TRANSLATE_NOOP("UserText", "%1 changed settings")).arg(keys.size());
}

// "port, Node path": labels joined in the reader's language.
UserText listOf(const QStringList& keys)
{
    UserText out;
    for (const QString& k : keys)
        out = out.isEmpty() ? ReloadActivity::keyLabel(k) : UserText(QT_TRANSLATE_NOOP("UserText", "%1, %2")).arg(out).arg(ReloadActivity::keyLabel(k));
    return out;
}

UserText sourceLabel(const QString& source, const QStringList& keys)
{
    if (source == QLatin1String("reload"))
        return UserText(QT_TRANSLATE_NOOP("UserText", "Reload"));
    if (source == QLatin1String("openclaw.json"))
        return UserText(QT_TRANSLATE_NOOP("UserText", "openclaw.json changed"));
    if (keys.isEmpty() || keys.size() > 3)
        return UserText(QT_TRANSLATE_NOOP("UserText", "Settings"));
    return UserText(QT_TRANSLATE_NOOP("UserText", "Settings (%1)")).arg(listOf(keys));
}

QJsonArray toArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

} // namespace

UserText ReloadActivity::keyLabel(const QString& key)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("port"), QT_TRANSLATE_NOOP("UserText", "port")},
        {QStringLiteral("nodePath"), QT_TRANSLATE_NOOP("UserText", "Node path")},
        {QStringLiteral("openclawPath"), QT_TRANSLATE_NOOP("UserText", "OpenClaw folder")},
        {QStringLiteral("stateDir"), QT_TRANSLATE_NOOP("UserText", "state directory")},
        {QStringLiteral("configPath"), QT_TRANSLATE_NOOP("UserText", "config file")},
        {QStringLiteral("extraArgs"), QT_TRANSLATE_NOOP("UserText", "extra arguments")},
        {QStringLiteral("token"), QT_TRANSLATE_NOOP("UserText", "token")},
        {QStringLiteral("env"), QT_TRANSLATE_NOOP("UserText", "environment")},
    };
    const auto it = labels.constFind(key);
    if (it != labels.constEnd())
        return UserText(*it);
    const int slash = key.lastIndexOf(QLatin1Char('/'));
    return UserText::verbatim(slash >= 0 ? key.mid(slash + 1) : key); // a settings key: its own name
}

UserText ReloadActivity::planText(const ReloadPolicy::Decision& d)
{
    switch (d.action) {
    case ReloadPolicy::Action::RestartProcess:
        return UserText(QT_TRANSLATE_NOOP("UserText", "process restart"));
    case ReloadPolicy::Action::RestartInProcessRpc:
    case ReloadPolicy::Action::RestartInProcessSignal:
        return UserText(QT_TRANSLATE_NOOP("UserText", "in-process restart"));
    case ReloadPolicy::Action::None:
        break;
    }
    return d.appliesAtNextStart ? UserText(QT_TRANSLATE_NOOP("UserText", "applies at next start")) : UserText(QT_TRANSLATE_NOOP("UserText", "nothing to restart"));
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

UserText ReloadActivity::pendingText(qint64 nowMs) const
{
    if (!pending)
        return {};
    UserText t = pendingKeys.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "Reloading %1 in %2 — %3"))
                                       : UserText(QT_TRANSLATE_NOOP("UserText", "Applying %1 in %2 — %3"));
    return t.arg(whatChanged(pendingKeys)).duration(qMax<qint64>(0, dueAtMs - nowMs), DurationStyle::Elapsed).arg(plan);
}

UserText ReloadActivity::outcomeText() const
{
    if (outcome == Outcome::None)
        return {};
    return UserText(QT_TRANSLATE_NOOP("UserText", "%1: %2")).arg(sourceLabel(source, keys)).arg(text);
}

UserText ReloadActivity::line(qint64 nowMs) const
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
        o.insert(QLatin1String("plan"), plan.english());
    }
    o.insert(QLatin1String("outcome"), outcomeName(outcome));
    if (outcome != Outcome::None) {
        o.insert(QLatin1String("source"), source);
        o.insert(QLatin1String("keys"), toArray(keys));
        o.insert(QLatin1String("text"), text.english());
        o.insert(QLatin1String("atMs"), atMs);
    }
    o.insert(QLatin1String("line"), line(nowMs).english());
    return o;
}

void ReloadTracker::setOutcome(ReloadActivity::Outcome o, const QString& source, const QStringList& keys,
                               const UserText& text, qint64 nowMs)
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
        setOutcome(ReloadActivity::Outcome::Restarting, source, keys, UserText(QT_TRANSLATE_NOOP("UserText", "restarting the gateway process")), nowMs);
        return;
    case ReloadPolicy::Action::RestartInProcessRpc:
    case ReloadPolicy::Action::RestartInProcessSignal:
        m_inProcess = true;
        m_restartStartedAtMs = nowMs;
        setOutcome(ReloadActivity::Outcome::Restarting, source, keys, UserText(QT_TRANSLATE_NOOP("UserText", "restarting the gateway in process")),
                   nowMs);
        return;
    case ReloadPolicy::Action::None:
        break;
    }
    if (d.appliesAtNextStart) {
        m_nextStartPid = pid;
        UserText said = keys.isEmpty()
                            ? (d.whyNextStart.isEmpty()
                                   ? UserText(QT_TRANSLATE_NOOP("UserText", "nothing restarted now; applies at the next start"))
                                   : UserText(QT_TRANSLATE_NOOP("UserText", "nothing restarted now; applies at the next start (%1)")))
                            : (d.whyNextStart.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "saved; applies at the next start"))
                                                        : UserText(QT_TRANSLATE_NOOP("UserText", "saved; applies at the next start (%1)")));
        if (!d.whyNextStart.isEmpty())
            said.arg(d.whyNextStart);
        setOutcome(ReloadActivity::Outcome::NextStart, source, keys, said, nowMs);
        return;
    }
    setOutcome(ReloadActivity::Outcome::AppliedLive, source, keys, UserText(QT_TRANSLATE_NOOP("UserText", "nothing needed a restart")), nowMs);
}

void ReloadTracker::requestFailed(const QString& why, qint64 nowMs)
{
    if (m_a.outcome != ReloadActivity::Outcome::Restarting)
        return;
    m_a.text = UserText(QT_TRANSLATE_NOOP("UserText", "the in-process restart was refused: %1; the change applies at the next start")).arg(why);
    m_a.outcome = ReloadActivity::Outcome::Failed;
    m_a.atMs = nowMs;
}

void ReloadTracker::deferred(const QString& summary)
{
    if (m_a.outcome != ReloadActivity::Outcome::Restarting)
        return;
    m_a.text = summary.isEmpty()
                   ? UserText(QT_TRANSLATE_NOOP("UserText", "in-process restart deferred by the gateway (active work); it restarts once that work is done"))
                   : UserText(QT_TRANSLATE_NOOP("UserText", "in-process restart deferred by the gateway (%1); it restarts once that work is done"))
                         .arg(summary);
}

void ReloadTracker::restartFinished(bool ok, const QString& result, qint64 nowMs)
{
    if (m_a.outcome != ReloadActivity::Outcome::Restarting)
        return;
    const qint64 took = qMax<qint64>(0, nowMs - m_restartStartedAtMs);
    if (ok) {
        m_a.outcome = m_inProcess ? ReloadActivity::Outcome::RestartedInProcess : ReloadActivity::Outcome::Restarted;
        m_a.text = (m_inProcess ? UserText(QT_TRANSLATE_NOOP("UserText", "restarted in process in %1"))
                                : UserText(QT_TRANSLATE_NOOP("UserText", "restarted the gateway process in %1")))
                       .duration(took, DurationStyle::Elapsed);
    } else {
        m_a.outcome = ReloadActivity::Outcome::Failed;
        m_a.text = UserText(QT_TRANSLATE_NOOP("UserText", "the restart did not complete (%1)")).arg(result);
    }
    m_a.atMs = nowMs;
}

void ReloadTracker::appliedLive(const QStringList& settingsKeys, qint64 nowMs)
{
    if (settingsKeys.isEmpty())
        return;
    setOutcome(ReloadActivity::Outcome::AppliedLive, QStringLiteral("settings"), settingsKeys,
               settingsKeys.size() == 1
                   ? UserText(QT_TRANSLATE_NOOP("UserText", "applied live (ClawTray's own setting; the gateway keeps running)"))
                   : UserText(QT_TRANSLATE_NOOP("UserText", "%1 settings applied live (ClawTray's own; the gateway keeps running)")).arg(settingsKeys.size()),
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
               UserText(QT_TRANSLATE_NOOP("UserText", "applied live by the gateway")), nowMs);
}

void ReloadTracker::gatewayRestartAnnounced(qint64 nowMs)
{
    if (m_a.source != QLatin1String("openclaw.json") || m_a.outcome != ReloadActivity::Outcome::AppliedLive
        || nowMs - m_a.atMs > kConfigRestartWindowMs)
        return;
    m_inProcess = true;
    m_restartStartedAtMs = nowMs;
    m_a.outcome = ReloadActivity::Outcome::Restarting;
    m_a.text = UserText(QT_TRANSLATE_NOOP("UserText", "the gateway restarts in process to apply it"));
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
                   UserText(QT_TRANSLATE_NOOP("UserText", "saved; applies when the gateway starts again")), nowMs);
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
