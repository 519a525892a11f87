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
    const QString unit = m_config.serviceUnit;
    setPhase(UserText(QT_TRANSLATE_NOOP("UserText", "checking OpenClaw's service %1")).arg(unit));
    m_service.probe(unit, thisRun([this](const ServiceState& s) {
        if (const QString change = s.changeFrom(m_serviceState); !change.isEmpty())
            logInfo(change);
        m_serviceState = s;
        dispatch(reducer::ServiceProbed{s.ownsGateway(), s.active(), s.unit});
    }));
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

} // namespace clawtray
