#include "client/PendingCalls.h"

namespace clawtray {

PendingCalls::PendingCalls(QObject* parent)
    : QObject(parent)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PendingCalls::expire);
}

PendingCalls::~PendingCalls()
{
    failAll(CallResult::Status::Disconnected, QStringLiteral("gateway client destroyed"));
}

void PendingCalls::add(const QString& id, const QString& method, int timeoutMs, CallCallback callback)
{
    const qint64 deadline = m_clock.elapsed() + qMax(1, timeoutMs);
    m_calls.insert(id, Entry{method, std::move(callback), deadline, m_clock.nsecsElapsed() / 1000});
    m_deadlines.emplace(deadline, id);
    if (m_deadlines.begin()->first == deadline)
        rearm();
}

bool PendingCalls::settle(const QString& id, CallResult result)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end())
        return false;
    Entry e = std::move(it.value());
    m_calls.erase(it);
    auto range = m_deadlines.equal_range(e.deadlineMs);
    for (auto d = range.first; d != range.second; ++d)
        if (d->second == id) {
            m_deadlines.erase(d);
            break;
        }
    result.method = e.method;
    result.latencyUs = m_clock.nsecsElapsed() / 1000 - e.startedUs;
    if (e.callback)
        e.callback(result);
    return true;
}

void PendingCalls::failAll(CallResult::Status status, const QString& message)
{
    // Callbacks may start new calls; settle a snapshot and leave newcomers alone.
    const QList<QString> ids = m_calls.keys();
    for (const QString& id : ids) {
        CallResult r;
        r.status = status;
        r.message = message;
        settle(id, r);
    }
    rearm();
}

void PendingCalls::expire()
{
    const qint64 now = m_clock.elapsed();
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        const QString id = m_deadlines.begin()->second;
        auto it = m_calls.find(id);
        if (it == m_calls.end()) {
            m_deadlines.erase(m_deadlines.begin());
            continue;
        }
        CallResult r;
        r.status = CallResult::Status::Timeout;
        r.message = QStringLiteral("RPC timeout: %1").arg(it->method);
        settle(id, r);
    }
    rearm();
}

void PendingCalls::rearm()
{
    if (m_deadlines.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = qMax<qint64>(0, m_deadlines.begin()->first - m_clock.elapsed());
    m_timer.start(int(qMin<qint64>(wait, 24LL * 3600 * 1000)));
}

} // namespace clawtray
