// ControlCommands: start, stop and restart, answered at the operation's end state.
#include "control/ControlCommands.h"

#include "supervisor/StateWaiter.h"
#include "supervisor/GatewayManager.h"

#include <QDateTime>

namespace clawtray {
namespace {

constexpr int kStopTimeoutMs = 60000;
constexpr int kSafeRestartTimeoutMs = 60000;
constexpr int kTimeoutMarginMs = 30000;
constexpr int kMaxTimeoutMs = 3600000;

bool isSettled(const GatewayStatus& s)
{
    return s.state == GatewayState::Running || s.state == GatewayState::Error || s.state == GatewayState::Stopped;
}

// Running again after `connectedAtMs`, or ended otherwise (error, stopped).
StateWaiter::Predicate cameBackAfter(qint64 connectedAtMs)
{
    return [connectedAtMs](const GatewayStatus& s) {
        return s.state == GatewayState::Error || s.state == GatewayState::Stopped ||
               (s.state == GatewayState::Running && s.connectedAtMs != connectedAtMs);
    };
}

} // namespace

int ControlCommands::lifecycleTimeoutMs() const
{
    // A start may legitimately take the whole readiness budget (slow disks), plus stop and connect.
    return m_manager->config().readyTimeoutMs + kTimeoutMarginMs;
}

void ControlCommands::start(const ControlResponder& r, const QJsonObject& args)
{
    const auto timeoutMs = intArg(r, args, "timeoutMs", lifecycleTimeoutMs(), 100, kMaxTimeoutMs);
    if (!timeoutMs)
        return;
    const bool wasRunning = m_manager->status().state == GatewayState::Running;
    m_manager->start();
    StateWaiter::wait(
        m_manager, *timeoutMs, isSettled,
        [this, r, wasRunning, t = *timeoutMs](const GatewayStatus& s, bool timedOut) {
            replyLifecycle(r, QStringLiteral("running"), s, timedOut, t, s.state == GatewayState::Running,
                           {{QStringLiteral("alreadyRunning"), wasRunning}});
        },
        this);
}

void ControlCommands::stop(const ControlResponder& r, const QJsonObject& args)
{
    const auto timeoutMs = intArg(r, args, "timeoutMs", kStopTimeoutMs, 100, kMaxTimeoutMs);
    if (!timeoutMs)
        return;
    const GatewayStatus before = m_manager->status();
    // An external gateway is only disconnected from, never stopped: the answer must say so.
    // OpenClaw's service is stopped through systemd (it stays enabled).
    const bool external = !before.owned && before.state != GatewayState::Stopped && before.pid > 0 && before.serviceUnit.isEmpty();
    m_manager->stop();
    const auto stopped = [](const GatewayStatus& s) {
        return s.state == GatewayState::Stopped || s.state == GatewayState::Error;
    };
    StateWaiter::wait(
        m_manager, *timeoutMs, stopped,
        [this, r, pid = before.pid, external, t = *timeoutMs](const GatewayStatus& s, bool timedOut) {
            replyLifecycle(r, QStringLiteral("stopped"), s, timedOut, t, s.state == GatewayState::Stopped,
                           {{QStringLiteral("previousPid"), pid}, {QStringLiteral("external"), external}});
        },
        this);
}

void ControlCommands::restart(const ControlResponder& r, const QJsonObject& args)
{
    const auto safe = boolArg(r, args, "safe");
    const auto force = boolArg(r, args, "force");
    if (!safe || !force)
        return;
    if (*safe && *force) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("\"safe\" and \"force\" exclude each other"));
        return;
    }
    const auto timeoutMs =
        intArg(r, args, "timeoutMs", *safe ? kSafeRestartTimeoutMs : lifecycleTimeoutMs(), 100, kMaxTimeoutMs);
    if (!timeoutMs)
        return;
    if (*safe || *force) {
        safeRestart(r, *force, *timeoutMs);
        return;
    }
    const GatewayStatus before = m_manager->status();
    m_manager->restart(QStringLiteral("clawtray ctl restart"));
    // A restart requested during a start runs after it: the waiter checks one event-loop turn
    // after each change, by when the deferred restart has begun and the state is no longer running.
    StateWaiter::wait(
        m_manager, *timeoutMs, cameBackAfter(before.connectedAtMs),
        [this, r, before, t = *timeoutMs](const GatewayStatus& s, bool timedOut) {
            replyLifecycle(r, QStringLiteral("running"), s, timedOut, t, s.state == GatewayState::Running,
                           {{QStringLiteral("previousPid"), before.pid}});
        },
        this);
}

void ControlCommands::serviceHandover(const ControlResponder& r, const QJsonObject& args, bool takeOver)
{
    const auto timeoutMs = intArg(r, args, "timeoutMs", lifecycleTimeoutMs() + kStopTimeoutMs, 100, kMaxTimeoutMs);
    if (!timeoutMs)
        return;
    const GatewayStatus before = m_manager->status();
    const QString unit = takeOver ? before.serviceUnit : before.serviceHandBackUnit;
    QPointer<ControlCommands> self(this);
    auto switched = [self, r, before, unit, takeOver, t = *timeoutMs](const Done& under) {
        if (!self)
            return;
        if (!under) {
            r.fail(ControlErrorCode::Failed, under.error().english(), {{QStringLiteral("status"), self->statusJson(self->m_manager->status())}});
            return;
        }
        StateWaiter::wait(
            self->m_manager, t, cameBackAfter(before.connectedAtMs),
            [self, r, before, unit, takeOver, t](const GatewayStatus& s, bool timedOut) {
                if (!self)
                    return;
                self->replyLifecycle(r, QStringLiteral("running"), s, timedOut, t, s.state == GatewayState::Running,
                                     {{QStringLiteral("previousPid"), before.pid},
                                      {QStringLiteral("unit"), unit},
                                      {QStringLiteral("managedBy"), takeOver ? QStringLiteral("clawtray")
                                                                             : QStringLiteral("openclaw-service")}});
            },
            self);
    };
    if (takeOver)
        m_manager->takeOverService(switched);
    else
        m_manager->handBackToService(switched);
}

void ControlCommands::safeRestart(const ControlResponder& r, bool force, int timeoutMs)
{
    const GatewayStatus before = m_manager->status();
    QPointer<ControlCommands> self(this);
    m_manager->safeRestart(force, [self, r, before, timeoutMs](const SafeRestartResult& res) {
        if (!self)
            return;
        const QJsonObject extra{{QStringLiteral("safeRestart"), res.toJson()},
                                {QStringLiteral("previousPid"), before.pid}};
        if (!res.ok()) {
            QJsonObject details = extra;
            details.insert(QLatin1String("status"), self->statusJson(self->m_manager->status()));
            r.fail(ControlErrorCode::Failed,
                   res.summary.isEmpty() ? QStringLiteral("the safe restart failed") : res.summary, details);
            return;
        }
        // Deferred/coalesced: the gateway restarts by itself once its blockers are gone.
        if (res.status != QLatin1String("scheduled") && res.status != QLatin1String("forced")) {
            QJsonObject result = extra;
            result.insert(QLatin1String("completed"), false);
            result.insert(QLatin1String("status"), self->statusJson(self->m_manager->status()));
            r.ok(result);
            return;
        }
        StateWaiter::wait(
            self->m_manager, timeoutMs, cameBackAfter(before.connectedAtMs),
            [self, r, extra, timeoutMs](const GatewayStatus& s, bool timedOut) {
                if (!self)
                    return;
                QJsonObject more = extra;
                more.insert(QLatin1String("completed"), !timedOut && s.state == GatewayState::Running);
                self->replyLifecycle(r, QStringLiteral("running"), s, timedOut, timeoutMs,
                                     s.state == GatewayState::Running, more);
            },
            self);
    });
}

void ControlCommands::replyLifecycle(const ControlResponder& r, const QString& goal, const GatewayStatus& s,
                                     bool timedOut, int timeoutMs, bool success, QJsonObject extra)
{
    const QJsonObject status = statusJson(s);
    extra.insert(QLatin1String("status"), status);
    if (success && !timedOut) {
        r.ok(extra);
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (timedOut) {
        r.fail(ControlErrorCode::Timeout,
               QStringLiteral("the gateway did not reach %1 within %2 (now: %3)")
                   .arg(goal, formatDuration(timeoutMs), s.oneLine(now)),
               extra);
        return;
    }
    QString message;
    if (!s.lastError.isEmpty())
        message = s.lastError.summary.then(s.lastError.action).english();
    else if (s.state == GatewayState::Stopped)
        message = QStringLiteral("the gateway was stopped before it was %1").arg(goal);
    else
        message = QStringLiteral("the gateway ended %1 instead of %2").arg(gatewayStateName(s.state), goal);
    r.fail(ControlErrorCode::Failed, message, extra);
}

} // namespace clawtray
