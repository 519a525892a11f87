#include "policy/RestartCoordinator.h"

#include <algorithm>

namespace clawtray {

RestartCoordinator::Ticket RestartCoordinator::requestRestart(qint64 now, bool busy)
{
    // Join first: an in-flight restart makes the supervisor busy, and deferring behind it would
    // only be dropped later, while joining lets the caller wait for the actual result.
    if (inFlight()) {
        return {Outcome::JoinInFlight, m_inFlightId};
    }
    if (busy) {
        if (!hasDeferred()) {
            m_deferredId = m_nextId++;
            m_deferredSince = now;
        }
        return {Outcome::Deferred, m_deferredId};
    }
    // Idle with a deferred request not yet flushed: this restart satisfies it, under its ticket,
    // so a failure here does not leave the deferred one to fire a second restart afterwards.
    const quint64 id = hasDeferred() ? m_deferredId : m_nextId++;
    dropDeferred();
    return {Outcome::ExecuteNow, reserve(now, id)};
}

quint64 RestartCoordinator::onRestartStarted(qint64 now)
{
    if (!inFlight()) {
        reserve(now, m_nextId++);
    }
    m_inFlightStartedAt = now;
    return m_inFlightId;
}

void RestartCoordinator::onRestartFinished(qint64 now, bool ok)
{
    if (ok) {
        recordRestartCompleted(now);
    }
    m_inFlightId = 0;
    m_inFlightReservedAt.reset();
    m_inFlightStartedAt.reset();
}

void RestartCoordinator::recordRestartCompleted(qint64 now)
{
    m_lastCompletedAt = m_lastCompletedAt ? std::max(*m_lastCompletedAt, now) : now;
}

bool RestartCoordinator::takeDeferred(qint64 now)
{
    if (!hasDeferred() || inFlight()) {
        return false;
    }
    const quint64 id = m_deferredId;
    const bool satisfied = m_lastCompletedAt && *m_lastCompletedAt >= *m_deferredSince;
    dropDeferred();
    if (satisfied) {
        return false;
    }
    reserve(now, id);
    return true;
}

void RestartCoordinator::dropDeferred()
{
    m_deferredId = 0;
    m_deferredSince.reset();
}

qint64 RestartCoordinator::debounce(qint64 now, qint64 delayMs)
{
    m_debounceArmedAt = now;
    m_debounceFireAt = now + std::max<qint64>(0, delayMs);
    return *m_debounceFireAt;
}

bool RestartCoordinator::debounceDue(qint64 now)
{
    if (!m_debounceFireAt || (now < *m_debounceFireAt && now >= *m_debounceArmedAt)) {
        return false;
    }
    cancelDebounce();
    return true;
}

void RestartCoordinator::cancelDebounce()
{
    m_debounceFireAt.reset();
    m_debounceArmedAt.reset();
}

quint64 RestartCoordinator::reserve(qint64 now, quint64 id)
{
    m_inFlightId = id;
    m_inFlightReservedAt = now;
    m_inFlightStartedAt.reset();
    return id;
}

} // namespace clawtray
