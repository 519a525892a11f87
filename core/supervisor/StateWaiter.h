#pragma once

#include "supervisor/GatewayStatus.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace clawtray {

class GatewayManager;

// Waits until the manager's status satisfies a predicate (an operation's end state), or a
// timeout passes, then calls `done` exactly once and deletes itself. The predicate is evaluated
// on the *current* status, one event-loop turn after each change: the manager sometimes chains a
// second step right after publishing a state (a restart deferred until a start finishes), and the
// waiter must see where it ended up, not the intermediate state.
class StateWaiter final : public QObject
{
    Q_OBJECT
public:
    using Predicate = std::function<bool(const GatewayStatus&)>;
    using Done = std::function<void(const GatewayStatus& status, bool timedOut)>;

    // Starts waiting at once; also finishes early if the manager is destroyed (timedOut = true).
    static StateWaiter* wait(GatewayManager* manager, int timeoutMs, Predicate predicate, Done done, QObject* parent);

private:
    StateWaiter(GatewayManager* manager, Predicate predicate, Done done, QObject* parent);
    void scheduleCheck();
    void check();
    void finish(bool timedOut);

    QPointer<GatewayManager> m_manager;
    Predicate m_predicate;
    Done m_done;
    QTimer m_timeout;
    bool m_checkPending = false;
    GatewayStatus m_last;
    GatewayProblem m_seenProblem; // the last problem published while waiting
};

} // namespace clawtray
