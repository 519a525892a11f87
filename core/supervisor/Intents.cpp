#include "supervisor/Intents.h"

namespace clawtray::intents {

OnStart onStart(const Facts& f)
{
    if (f.state == GatewayState::Running || f.state == GatewayState::Starting)
        return OnStart::Ignore;
    if (f.state == GatewayState::Stopping)
        return OnStart::StartAfterStop;
    return OnStart::Start;
}

OnStop onStop(const Facts& f)
{
    if (f.state == GatewayState::Stopped && !f.processAlive)
        return OnStop::Ignore;
    if (f.serviceManaged && !f.processAlive)
        return OnStop::StopService;
    return OnStop::StopProcess;
}

RestartPath restartPath(const Facts& f)
{
    if (f.serviceManaged && !f.processAlive)
        return RestartPath::Service;
    if (!f.owned && (f.state == GatewayState::Running || f.state == GatewayState::Reconnecting))
        return RestartPath::Reconnect;
    return RestartPath::Process;
}

bool restartMustWait(const Facts& f, bool startRunning)
{
    return startRunning || f.state == GatewayState::Stopping;
}

} // namespace clawtray::intents
