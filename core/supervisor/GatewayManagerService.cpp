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
    const quint64 generation = m_run.generation;
    const QString unit = m_config.serviceUnit;
    setPhase(UserText(QT_TRANSLATE_NOOP("UserText", "checking OpenClaw's service %1")).arg(unit));
    m_service.probe(unit, [this, generation](const ServiceState& s) {
        if (generation != m_run.generation)
            return;
        noteService(s);
        dispatch(reducer::ServiceProbed{s.ownsGateway(), s.active(), s.unit});
    });
}

std::function<void(const Done&)> GatewayManager::serviceAnswer(OpenClawService::Action action, std::function<void(const Done&)> reply)
{
    const quint64 generation = m_run.generation;
    return [this, generation, action, reply](const Done& done) {
        if (generation != m_run.generation) {
            if (reply)
                reply(Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "superseded by another action"))));
            return;
        }
        dispatch(reducer::ServiceAnswered{action, done, reply});
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

void GatewayManager::takeOverService(std::function<void(const Done&)> done)
{
    dispatch(reducer::TakeOverAsked{std::move(done)});
}

void GatewayManager::handBackToService(std::function<void(const Done&)> done)
{
    dispatch(reducer::HandBackAsked{std::move(done)});
}

} // namespace clawtray
