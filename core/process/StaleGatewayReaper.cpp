#include "process/StaleGatewayReaper.h"

#include "logging/Logging.h"
#include "process/LaunchSpec.h"
#include "process/ProcTable.h"
#include "process/ProcessSignal.h"

#include <signal.h>
#include <unistd.h>

namespace clawtray {

StaleGatewayReaper::StaleGatewayReaper(QObject* parent)
    : StaleGatewayReaper(PortInspector::create(), parent)
{
}

StaleGatewayReaper::StaleGatewayReaper(std::unique_ptr<PortInspector> inspector, QObject* parent)
    : QObject(parent)
    , m_inspector(std::move(inspector))
{
    qRegisterMetaType<clawtray::StaleGatewayReaper::Result>();
    connect(&m_timer, &QTimer::timeout, this, &StaleGatewayReaper::tick);
}

StaleGatewayReaper::~StaleGatewayReaper() = default;

QSet<pid_t> StaleGatewayReaper::protectedPids()
{
    QSet<pid_t> out{::getpid()};
    for (pid_t p : proctable::ancestorsOf(::getpid()))
        out.insert(p);
    return out;
}

void StaleGatewayReaper::run(const Request& request)
{
    if (m_running)
        return;
    m_running = true;
    m_request = request;
    m_result = Result{};
    m_targets.clear();
    m_leaseTag.clear();
    m_lease.reset();
    m_identity.clear();
    m_leaseUntrusted = false;
    m_clock.start();
    const QSet<pid_t> protect = protectedPids();

    // 1. The lease: a gateway a previous ClawTray started and never got to stop.
    if (!request.leasePath.isEmpty()) {
        const auto read = OwnershipLease::read(request.leasePath);
        m_result.leaseWarning = read.warning;
        if (!read.warning.isEmpty()) {
            logWarn(read.warning);
            OwnershipLease::remove(request.leasePath);
        }
        if (read.lease) {
            m_result.leaseFound = true;
            m_lease = read.lease;
            const OwnershipLease& l = *read.lease;
            if (l.ownerPid != ::getpid() && l.ownerAlive() && l.gatewayAlive()) {
                finish(Result::Outcome::OtherInstance,
                       UserText(QT_TRANSLATE_NOOP("UserText", "Another ClawTray (pid %1) is supervising the gateway (pid %2). Quit it "
                                                              "first, or use its window / `clawtray ctl`."))
                           .arg(qint64(l.ownerPid))
                           .arg(qint64(l.pid)));
                return;
            }
            if (l.gatewayAlive() && !protect.contains(pid_t(l.pid))) {
                if (const Done verified = l.gatewayVerified(); verified) {
                    logWarn(QStringLiteral("found gateway pid %1 left behind by a previous ClawTray (lease %2); stopping it")
                                .arg(l.pid)
                                .arg(l.instanceId));
                    m_targets << pid_t(l.pid);
                    m_identity.insert(pid_t(l.pid), procsignal::Identity{l.startTime, l.leaseTag.toUtf8(), 0});
                    m_result.leaseReaped = true;
                } else {
                    logWarn(QStringLiteral("the gateway lease %1 names a process ClawTray will not touch: %2")
                                .arg(request.leasePath, verified.error().english()));
                    m_leaseUntrusted = true;
                }
            }
            m_leaseTag = l.sameBoot() ? l.leaseTag : QString();
            // Helpers that left the group but carry the lease tag are ours too.
            if (!m_leaseTag.isEmpty())
                for (pid_t p : proctable::withEnvironment(LaunchSpec::kLeaseTagVariable, m_leaseTag.toUtf8()))
                    if (!protect.contains(p) && !m_targets.contains(p)) {
                        m_targets << p;
                        m_identity.insert(p, procsignal::Identity{0, m_leaseTag.toUtf8(), 0});
                    }
        }
    }

    // 2. The port: who listens, and may we touch it?
    if (m_targets.isEmpty()) {
        inspectPort();
        return;
    }
    signalTargets(SIGTERM);
    m_phase = Phase::Terminating;
    m_phaseClock.start();
    m_timer.start(m_request.pollMs);
}

void StaleGatewayReaper::inspectPort()
{
    if (m_request.port == 0) {
        finish(Result::Outcome::PortFree, UserText());
        return;
    }
    const QSet<pid_t> protect = protectedPids();
    const PortReport report = m_inspector->inspect(m_request.port);
    m_result.listeners = report.listeners;
    if (report.status == PortReport::Status::Free) {
        finish(Result::Outcome::PortFree, UserText());
        return;
    }
    if (report.status == PortReport::Status::Unknown) {
        finish(Result::Outcome::CannotTell,
               UserText(QT_TRANSLATE_NOOP("UserText", "Port %1 cannot be used (%2). Choose another port in Settings."))
                   .arg(qint64(m_request.port))
                   .arg(UserText::verbatim(report.detail)));
        return;
    }
    QList<pid_t> take;
    for (const PortListener& l : report.listeners) {
        if (l.pid <= 0) {
            finish(Result::Outcome::ForeignProcess,
                   UserText(QT_TRANSLATE_NOOP("UserText", "Port %1 is used by a process ClawTray cannot identify (probably "
                                                          "another user's). Choose another port in Settings."))
                       .arg(qint64(m_request.port)));
            return;
        }
        if (protect.contains(l.pid)) {
            finish(Result::Outcome::ForeignProcess,
                   UserText(QT_TRANSLATE_NOOP("UserText", "Port %1 is used by ClawTray's own process tree (%2); it will not be "
                                                          "touched. Choose another port in Settings."))
                       .arg(qint64(m_request.port))
                       .arg(UserText::verbatim(l.describe())));
            return;
        }
        if (!l.isOpenClawGateway) {
            finish(Result::Outcome::ForeignProcess,
                   UserText(QT_TRANSLATE_NOOP("UserText", "Port %1 is used by %2, which is not an OpenClaw gateway. ClawTray will "
                                                          "not stop it: stop it yourself or choose another port in Settings."))
                       .arg(qint64(m_request.port))
                       .arg(UserText::verbatim(l.describe())));
            return;
        }
        const bool leased = m_lease && !m_leaseUntrusted && m_lease->gatewayVerified() && (l.pid == m_lease->pid || l.pid == m_lease->pgid);
        if (!leased && !m_request.takeOverForeignGateway) {
            finish(Result::Outcome::ForeignGateway,
                   UserText(QT_TRANSLATE_NOOP("UserText", "An OpenClaw gateway that ClawTray did not start is listening on port "
                                                          "%1 (%2)."))
                       .arg(qint64(m_request.port))
                       .arg(UserText::verbatim(l.describe())));
            return;
        }
        take << l.pid;
        // Whoever is signalled later must still be the process seen on the port now.
        const auto seen = proctable::read(l.pid);
        m_identity.insert(l.pid, procsignal::Identity{seen ? seen->startTime : 0, leased ? m_lease->leaseTag.toUtf8() : QByteArray(), 0});
    }
    if (take.isEmpty()) {
        finish(Result::Outcome::CannotTell, UserText(QT_TRANSLATE_NOOP("UserText", "Port %1 is busy but its owner is unknown.")).arg(qint64(m_request.port)));
        return;
    }
    logWarn(QStringLiteral("taking over port %1: stopping gateway pid(s) %2").arg(m_request.port).arg([&] {
        QStringList s;
        for (pid_t p : take)
            s << QString::number(p);
        return s.join(QLatin1String(", "));
    }()));
    m_targets = take;
    signalTargets(SIGTERM);
    m_phase = Phase::Terminating;
    m_phaseClock.start();
    m_timer.start(m_request.pollMs);
}

void StaleGatewayReaper::signalTargets(int sig)
{
    const QSet<pid_t> protect = protectedPids();
    for (pid_t p : m_targets) {
        if (protect.contains(p))
            continue;
        const procsignal::Identity identity = m_identity.value(p);
        const procsignal::Result r = procsignal::send(p, sig, identity);
        if (r.outcome == procsignal::Outcome::NotOurs)
            logWarn(QStringLiteral("port check: not signalling %1").arg(r.why));
        // A gateway leads its own process group: its helpers go too, each verified on its own
        // (still in that group, this user's, and tagged when the gateway was ours).
        if (r.outcome != procsignal::Outcome::NotOurs)
            procsignal::sendToGroup(p, sig, identity.leaseTag, protect);
        if (sig == SIGTERM && r.sent())
            ++m_result.killed;
    }
    procsignal::sendToTagged(m_leaseTag.toUtf8(), sig, protect);
}

bool StaleGatewayReaper::targetsGone() const
{
    for (pid_t p : m_targets)
        if (proctable::alive(p))
            return false;
    for (pid_t p : m_targets)
        if (!proctable::groupMembers(p).isEmpty())
            return false;
    if (!m_leaseTag.isEmpty()
        && !proctable::withEnvironment(LaunchSpec::kLeaseTagVariable, m_leaseTag.toUtf8()).isEmpty())
        return false;
    return true;
}

void StaleGatewayReaper::tick()
{
    switch (m_phase) {
    case Phase::Terminating:
        if (targetsGone()) {
            m_phase = Phase::WaitingForPort;
            m_phaseClock.start();
        } else if (m_phaseClock.elapsed() >= m_request.termWaitMs) {
            signalTargets(SIGKILL);
            m_phase = Phase::Killing;
            m_phaseClock.start();
        }
        return;
    case Phase::Killing:
        if (targetsGone() || m_phaseClock.elapsed() >= m_request.killWaitMs) {
            m_phase = Phase::WaitingForPort;
            m_phaseClock.start();
        }
        return;
    case Phase::WaitingForPort: {
        if (m_lease && !m_lease->gatewayAlive())
            OwnershipLease::remove(m_request.leasePath);
        if (m_request.port == 0 || PortInspector::canBind(m_request.port)) {
            m_timer.stop();
            // Whatever we reaped is gone; is anybody else on the port?
            m_targets.clear();
            m_leaseTag.clear();
            m_lease.reset();
            inspectPort();
            return;
        }
        if (m_phaseClock.elapsed() >= m_request.portFreeBudgetMs) {
            m_result.listeners = m_inspector->inspect(m_request.port).listeners;
            finish(Result::Outcome::StillBusy,
                   UserText(QT_TRANSLATE_NOOP("UserText", "Port %1 is still in use %2 after stopping the old gateway."))
                       .arg(qint64(m_request.port))
                       .duration(m_phaseClock.elapsed(), DurationStyle::Elapsed));
        }
        return;
    }
    }
}

void StaleGatewayReaper::finish(Result::Outcome outcome, const UserText& message)
{
    m_timer.stop();
    if (m_request.leasePath.size() && m_lease && (m_leaseUntrusted || !m_lease->gatewayAlive())
        && outcome != Result::Outcome::OtherInstance)
        OwnershipLease::remove(m_request.leasePath);
    m_result.outcome = outcome;
    m_result.message = message;
    m_result.elapsedMs = m_clock.elapsed();
    m_running = false;
    if (!message.isEmpty())
        logInfo(QStringLiteral("port check: %1").arg(message.english()));
    Q_EMIT finished(m_result);
}

} // namespace clawtray
