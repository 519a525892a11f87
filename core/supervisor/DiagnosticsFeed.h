#pragma once

#include "supervisor/Diagnostics.h"

#include <QObject>

namespace clawtray {

class GatewayClient;
class GatewayProcess;
class LivenessMonitor;

// What the connection's own signals write into the diagnostics, besides the lifecycle: ticks missed
// and the verification after them, the last sign of life, malformed frames, the gateway's slowest
// start-up stage. The supervisor's one subscriber of those signals (the liveness monitor hears the
// client's activity too, for its own count); `changed` says when the health may read differently
// (GatewayManager publishes then).
class DiagnosticsFeed final : public QObject
{
    Q_OBJECT
public:
    DiagnosticsFeed(Diagnostics& diag, GatewayProcess& process, GatewayClient& client, LivenessMonitor& liveness,
                    QObject* parent = nullptr);

Q_SIGNALS:
    void changed();

private:
    Diagnostics& m_diag;
};

} // namespace clawtray
