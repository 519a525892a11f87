// GatewayManager: OpenClaw's own gateway service. When its systemd unit owns the gateway, ClawTray
// never spawns a second one: it attaches, and Start/Stop/Restart go through the unit. Taking the
// gateway over from the service (and handing it back) is an explicit user action.
#include "supervisor/GatewayManager.h"

#include "logging/Logging.h"

#include <QDateTime>

namespace clawtray {

void GatewayManager::beginFreshStart()
{
    if (m_config.serviceUnit.isEmpty()) {
        m_serviceState = ServiceState{};
        beginStart(StartSequence::Mode::Fresh);
        return;
    }
    const quint64 epoch = m_run.epoch;
    const QString unit = m_config.serviceUnit;
    setPhase(UserText(QT_TRANSLATE_NOOP("UserText", "checking OpenClaw's service %1")).arg(unit));
    m_service.probe(unit, [this, epoch, unit](const ServiceState& s) {
        if (epoch != m_run.epoch)
            return;
        noteService(s);
        if (!s.ownsGateway()) {
            beginStart(StartSequence::Mode::Fresh);
            return;
        }
        if (s.active()) {
            beginStart(StartSequence::Mode::AttachService);
            return;
        }
        // Enabled but not running (it failed, or was stopped from ClawTray): the service starts it.
        setPhase(UserText(QT_TRANSLATE_NOOP("UserText", "starting %1")).arg(unit));
        m_service.control(unit, OpenClawService::Action::Start, thenAttachToService());
    });
}

std::function<void(const Done&)> GatewayManager::thenAttachToService()
{
    const quint64 epoch = m_run.epoch;
    return [this, epoch](const Done& done) {
        if (epoch != m_run.epoch)
            return;
        if (!done)
            serviceFailed(done.error());
        else
            beginStart(StartSequence::Mode::AttachService);
    };
}

void GatewayManager::noteService(const ServiceState& s)
{
    const bool changed = s.unit != m_serviceState.unit || s.ownsGateway() != m_serviceState.ownsGateway()
                         || s.canHandBack() != m_serviceState.canHandBack();
    m_serviceState = s;
    if (!changed)
        return;
    if (s.ownsGateway())
        logInfo(QStringLiteral("OpenClaw's service %1 manages this gateway: ClawTray attaches to it and starts, stops and "
                               "restarts it through systemd (`clawtray ctl takeover` lets ClawTray manage it instead)")
                    .arg(s.describe()));
    else if (s.canHandBack())
        logInfo(QStringLiteral("OpenClaw's service %1 is installed but switched off: ClawTray manages the gateway "
                               "(`clawtray ctl handback` gives it back)")
                    .arg(s.describe()));
}

void GatewayManager::serviceFailed(const UserText& error)
{
    const QString unit = m_serviceState.unit;
    enterError({ProblemKind::ServiceFailed, error,
                UserText(QT_TRANSLATE_NOOP("UserText", "See `systemctl --user status %1` and `journalctl --user -u %1`, "
                                                       "or let ClawTray manage the gateway instead (`clawtray ctl "
                                                       "takeover`)."))
                    .arg(unit),
                ProblemAction::Takeover, QDateTime::currentMSecsSinceEpoch()});
}

void GatewayManager::stopService()
{
    abandonRun();
    transition(LifecycleEvent::StopBegun);
    setPhase(UserText(QT_TRANSLATE_NOOP("UserText", "stopping %1")).arg(m_serviceState.unit));
    const quint64 epoch = m_run.epoch;
    m_service.control(m_serviceState.unit, OpenClawService::Action::Stop, [this, epoch](const Done& stopped) {
        if (epoch != m_run.epoch)
            return;
        if (!stopped) {
            serviceFailed(stopped.error());
            return;
        }
        m_run.stoppingService = true;
        continueAfterStop({AfterStop::Kind::FinishStop});
    });
}

void GatewayManager::takeOverService(std::function<void(const Done&)> done)
{
    if (!m_serviceState.ownsGateway() || m_status.owned) {
        done(Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw's service does not manage this gateway; ClawTray already does"))));
        return;
    }
    const QString unit = m_serviceState.unit;
    abandonRun();
    transition(LifecycleEvent::StopBegun);
    setPhase(UserText(QT_TRANSLATE_NOOP("UserText", "stopping and disabling %1")).arg(unit));
    const quint64 epoch = m_run.epoch;
    m_service.control(unit, OpenClawService::Action::TakeOver, [this, epoch, unit, done](const Done& switched) {
        // The unit now says "disabled": the fresh start spawns ClawTray's own gateway.
        afterServiceSwitch(epoch, switched, QStringLiteral("%1 is stopped and disabled; ClawTray manages the gateway now").arg(unit), done);
    });
}

void GatewayManager::afterServiceSwitch(quint64 epoch, const Done& switched, const QString& doneText,
                                        std::function<void(const Done&)> reply)
{
    if (epoch != m_run.epoch) {
        reply(Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "superseded by another action"))));
        return;
    }
    if (!switched) {
        serviceFailed(switched.error());
        reply(switched);
        return;
    }
    logInfo(doneText);
    resetRunStatus();
    m_run.stopRequested = false;
    m_attempts = std::make_unique<StartAttempts>(m_config.startAttempts);
    transition(LifecycleEvent::RestartBegun); // supervision changes hands: whoever owns the gateway starts it
    beginFreshStart(); // probes the unit again: whoever owns the gateway now starts it
    reply({});
}

void GatewayManager::handBackToService(std::function<void(const Done&)> done)
{
    if (!m_serviceState.canHandBack()) {
        done(Done::failure(m_serviceState.ownsGateway()
                               ? UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw's service %1 already manages the gateway")).arg(m_serviceState.unit)
                               : UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw's gateway service is not installed for this state dir"))));
        return;
    }
    m_run.stopRequested = true;
    AfterStop then{AfterStop::Kind::HandBackToService};
    then.unit = m_serviceState.unit;
    then.reply = std::move(done);
    stopInternal(std::move(then));
}

void GatewayManager::beginHandBack(const QString& unit, std::function<void(const Done&)> reply)
{
    releaseLease();
    resetRunStatus();
    m_run.stopRequested = false;
    transition(LifecycleEvent::RestartBegun);
    setPhase(UserText(QT_TRANSLATE_NOOP("UserText", "enabling and starting %1")).arg(unit));
    const quint64 epoch = m_run.epoch;
    m_service.control(unit, OpenClawService::Action::HandBack, [this, epoch, unit, reply](const Done& switched) {
        afterServiceSwitch(epoch, switched, QStringLiteral("%1 is enabled and started; it manages the gateway again").arg(unit), reply);
    });
}

} // namespace clawtray
