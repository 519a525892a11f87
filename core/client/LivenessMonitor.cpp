#include "client/LivenessMonitor.h"

#include "client/GatewayClient.h"
#include "logging/Logging.h"

#include <QDateTime>
#include <QJsonObject>

namespace clawtray {

LivenessMonitor::LivenessMonitor(GatewayClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
    m_pingTimer.setTimerType(Qt::PreciseTimer);
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pingTimer, &QTimer::timeout, this, &LivenessMonitor::onPingTimer);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &LivenessMonitor::onDeadline);
    if (client) {
        connect(client, &GatewayClient::activity, this, &LivenessMonitor::noteActivity);
        connect(client, &GatewayClient::connected, this, &LivenessMonitor::start);
        connect(client, &GatewayClient::disconnected, this, &LivenessMonitor::stop);
    }
}

void LivenessMonitor::start()
{
    ++m_generation;
    m_active = true;
    m_verifying = false;
    m_verdictGiven = false;
    m_misses = 0;
    m_activitySincePing = true;
    m_pingOutstanding = false;
    m_lastAlive.start();
    m_lastAliveEpochMs = QDateTime::currentMSecsSinceEpoch();
    m_pingTimer.start(qMax(1, m_config.pingIntervalMs));
    m_deadlineTimer.start(qMax(1, m_config.deadlineMs));
}

void LivenessMonitor::stop()
{
    ++m_generation;
    m_active = false;
    m_verifying = false;
    m_pingTimer.stop();
    m_deadlineTimer.stop();
}

void LivenessMonitor::noteActivity()
{
    if (!m_active)
        return;
    m_activitySincePing = true;
    m_misses = 0;
    m_lastAlive.start();
    m_lastAliveEpochMs = QDateTime::currentMSecsSinceEpoch();
    m_deadlineTimer.start(qMax(1, m_config.deadlineMs));
    if (m_verifying) {
        // The gateway spoke while we were checking on it: no need to wait for the answer.
        ++m_generation;
        m_verifying = false;
        Q_EMIT verified();
    }
}

void LivenessMonitor::onPingTimer()
{
    if (!m_active || !m_client)
        return;
    if (m_activitySincePing) {
        // The gateway spoke in this interval (its tick, an event, an answer): nothing to ask.
        m_activitySincePing = false;
        m_pingOutstanding = false;
        return;
    }
    if (m_pingOutstanding) {
        // Our last ping went a whole interval without any answer or other traffic.
        ++m_misses;
        ++m_totalMisses;
        m_lastMissEpochMs = QDateTime::currentMSecsSinceEpoch();
        Q_EMIT missed(m_misses);
    }
    m_pingOutstanding = true;
    ++m_pingsSent;
    m_client->ping();
}

void LivenessMonitor::onDeadline()
{
    if (!m_active || !m_client || m_verifying || m_verdictGiven)
        return;
    m_verifying = true;
    const quint64 gen = ++m_generation;
    logWarn(QStringLiteral("no traffic from the gateway for %1 ms; verifying with '%2'")
                .arg(m_config.deadlineMs)
                .arg(m_config.probeMethod));
    Q_EMIT verifying();
    QPointer<LivenessMonitor> self(this);
    m_client->call(m_config.probeMethod, QJsonObject(), m_config.probeTimeoutMs, [self, gen](const CallResult& r) {
        if (!self || gen != self->m_generation || !self->m_verifying)
            return; // superseded: traffic resumed, or a stop/start happened meanwhile
        self->m_verifying = false;
        // A gateway that answers at all — even with an error of its own — is alive.
        if (!r.isTransportFailure()) {
            self->m_lastAlive.start();
            self->m_deadlineTimer.start(qMax(1, self->m_config.deadlineMs));
            Q_EMIT self->verified();
            return;
        }
        self->m_verdictGiven = true;
        logError(QStringLiteral("gateway unresponsive: %1").arg(r.message));
        Q_EMIT self->unresponsive(r.message);
    });
}

} // namespace clawtray
