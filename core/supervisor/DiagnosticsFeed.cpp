#include "supervisor/DiagnosticsFeed.h"

#include "client/GatewayClient.h"
#include "client/LivenessMonitor.h"
#include "process/GatewayProcess.h"

#include <QDateTime>

namespace clawtray {

DiagnosticsFeed::DiagnosticsFeed(Diagnostics& diag, GatewayProcess& process, GatewayClient& client, LivenessMonitor& liveness,
                                 QObject* parent)
    : QObject(parent)
    , m_diag(diag)
{
    connect(&process, &GatewayProcess::startupTrace, this, [this](const QString& stage, double ms, double total) {
        if (ms > m_diag.startupSlowestStageMs) {
            m_diag.startupSlowestStageMs = ms;
            m_diag.startupSlowestStage = stage;
        }
        m_diag.startupTotalMs = qMax(m_diag.startupTotalMs, total);
    });
    connect(&client, &GatewayClient::malformedFrame, this, [this] { ++m_diag.malformedFrames; });
    connect(&liveness, &LivenessMonitor::missed, this, [this, &liveness](int n) {
        m_diag.consecutiveMisses = n;
        m_diag.totalMisses = liveness.totalMisses();
        m_diag.lastMissAtMs = QDateTime::currentMSecsSinceEpoch();
        Q_EMIT changed();
    });
    connect(&client, &GatewayClient::activity, this, [this] {
        m_diag.lastAliveAtMs = QDateTime::currentMSecsSinceEpoch();
        if (m_diag.consecutiveMisses > 0) {
            m_diag.consecutiveMisses = 0;
            Q_EMIT changed();
        }
    });
    connect(&liveness, &LivenessMonitor::verifying, this, [this] {
        m_diag.verifying = true;
        Q_EMIT changed();
    });
    connect(&liveness, &LivenessMonitor::verified, this, [this] {
        m_diag.verifying = false;
        m_diag.unresponsive = false;
        Q_EMIT changed();
    });
}

} // namespace clawtray
