#include "supervisor/ReadinessWatch.h"

#include "client/HealthDigest.h"
#include "logging/Logging.h"
#include "supervisor/ManagerConfig.h"

namespace clawtray {

ReadinessWatch::Config ReadinessWatch::configFrom(const ManagerConfig& c)
{
    Config r;
    r.pollMs = qMax(50, c.readyzPollMs);
    r.steadyMs = qMax(r.pollMs, c.readyzSteadyMs);
    r.recheckMs = qMax(0, c.readyzRecheckMs);
    r.probeTimeoutMs = c.probeTimeoutMs;
    return r;
}

ReadinessWatch::ReadinessWatch(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ReadinessWatch::probeNow);
    connect(&m_probe, &ReadinessProbe::finished, this, &ReadinessWatch::onResult);
}

void ReadinessWatch::begin(quint16 port, qint64 expectedPeer)
{
    end();
    m_port = port;
    m_expectedPeer = expectedPeer;
    m_active = true;
    schedule(0);
}

void ReadinessWatch::end()
{
    m_active = false;
    m_probing = false;
    m_unsupported = false;
    m_timer.stop();
    m_probe.cancel();
    m_answeredAt.invalidate();
    m_healthDigest.clear();
    m_readiness.clear();
    m_failing.clear();
}

void ReadinessWatch::onHealth(const QJsonObject& health)
{
    if (!m_active)
        return;
    const QByteArray digest = healthReadinessDigest(health);
    if (digest.isEmpty() || digest == m_healthDigest)
        return;
    const bool first = m_healthDigest.isEmpty();
    m_healthDigest = digest;
    if (first)
        return; // the run's first snapshot is the baseline; begin() has asked already
    Q_EMIT inputsChanged();
    // Also while a probe is out: it may have been answered before the change.
    if (!m_unsupported && (!m_timer.isActive() || m_timer.remainingTime() > m_config.recheckMs))
        schedule(m_config.recheckMs);
}

void ReadinessWatch::refresh(int maxAgeMs)
{
    if (!m_active || m_unsupported || m_probing)
        return;
    if (m_answeredAt.isValid() && m_answeredAt.elapsed() < maxAgeMs)
        return;
    schedule(0);
}

void ReadinessWatch::schedule(int ms)
{
    m_timer.start(qMax(0, ms));
}

void ReadinessWatch::probeNow()
{
    if (!m_active || m_unsupported)
        return;
    m_probing = true;
    ++m_probesSent;
    m_probe.setExpectedPeer(m_expectedPeer);
    m_probe.probe(m_port, ReadinessProbe::Method::Readyz, m_config.probeTimeoutMs);
}

void ReadinessWatch::onResult(const ReadinessProbe::Result& r)
{
    if (!m_active)
        return;
    m_probing = false;
    m_answeredAt.start();
    if (r.httpStatus == 404) {
        m_unsupported = true; // a gateway without /readyz: readiness stays unknown this run
        return;
    }
    QString readiness;
    QStringList failing;
    if (r.ready) {
        readiness = QStringLiteral("ready");
    } else if (r.reachable && !r.untrusted && r.httpStatus == 503) {
        readiness = QStringLiteral("not-ready");
        failing = r.failing;
    }
    if (!readiness.isEmpty() && (readiness != m_readiness || failing != m_failing)) {
        if (readiness == QLatin1String("ready"))
            logInfo(QStringLiteral("gateway ready: configured channels and agents are usable"));
        else
            logWarn(QStringLiteral("gateway up, channels not ready: %1")
                        .arg(failing.isEmpty() ? QStringLiteral("(no detail)") : failing.join(QStringLiteral(", "))));
        m_readiness = readiness;
        m_failing = failing;
        Q_EMIT changed();
    }
    // A change from outside arrived meanwhile and scheduled a recheck: keep the sooner one.
    if (m_timer.isActive())
        return;
    // An unclear answer (a timeout, a refused connection) is asked again soon, whatever was known.
    const bool steady = !readiness.isEmpty() && m_readiness == QLatin1String("ready");
    schedule(steady ? m_config.steadyMs : m_config.pollMs);
}

} // namespace clawtray
