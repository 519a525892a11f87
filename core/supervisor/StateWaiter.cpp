#include "supervisor/StateWaiter.h"

#include "supervisor/GatewayManager.h"

namespace clawtray {

StateWaiter* StateWaiter::wait(GatewayManager* manager, int timeoutMs, Predicate predicate, Done done, QObject* parent)
{
    auto* w = new StateWaiter(manager, std::move(predicate), std::move(done), parent);
    w->m_timeout.start(qMax(0, timeoutMs));
    w->scheduleCheck();
    return w;
}

StateWaiter::StateWaiter(GatewayManager* manager, Predicate predicate, Done done, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_predicate(std::move(predicate))
    , m_done(std::move(done))
    , m_last(manager->status())
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { finish(true); });
    connect(manager, &GatewayManager::statusChanged, this, [this](const GatewayStatus& s) {
        if (!s.lastError.isEmpty())
            m_seenProblem = s.lastError;
        scheduleCheck();
    });
    connect(manager, &QObject::destroyed, this, [this] { finish(true); });
}

void StateWaiter::scheduleCheck()
{
    if (m_checkPending)
        return;
    m_checkPending = true;
    QMetaObject::invokeMethod(this, &StateWaiter::check, Qt::QueuedConnection);
}

void StateWaiter::check()
{
    m_checkPending = false;
    if (!m_done || !m_manager)
        return;
    m_last = m_manager->status();
    if (m_predicate(m_last))
        finish(false);
}

void StateWaiter::finish(bool timedOut)
{
    if (!m_done)
        return;
    if (m_manager)
        m_last = m_manager->status();
    m_timeout.stop();
    // The manager may have moved on (headless quits on a fatal error, which resets the status to
    // stopped): keep the problem that ended the operation, or the reply would lose the reason.
    if (m_last.state != GatewayState::Running && m_last.lastError.isEmpty())
        m_last.lastError = m_seenProblem;
    auto done = std::exchange(m_done, nullptr);
    done(m_last, timedOut);
    deleteLater();
}

} // namespace clawtray
