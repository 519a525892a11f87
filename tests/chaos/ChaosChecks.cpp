// The chaos run's invariants, and how it waits for the manager to settle before checking them.
#include "ChaosRunner.h"

#include "logging/Logging.h"
#include "process/OwnershipLease.h"

#include <QFile>
#include <QTest>

#include <cstdio>
#include <signal.h>

using namespace clawtray;

namespace chaos {
namespace {

constexpr int kQuietMs = 300;        // no status change for this long: settled
constexpr int kSettleBoundMs = 30000; // longer than any legitimate recovery with the chaos durations
// How long the manager may take to notice something a check saw first (a crash in flight, a hang
// the liveness deadline has not expired for yet): ping + deadline + probe + stop grace + slack.
constexpr int kNoticeGraceMs = 100 + 600 + 300 + 300 + 1500;
constexpr int kCallSlackMs = 2000;

bool stable(GatewayState s)
{
    return s == GatewayState::Running || s == GatewayState::Stopped || s == GatewayState::Error;
}

} // namespace

QString ChaosRunner::describeStatus() const
{
    if (!m_manager)
        return QStringLiteral("(no manager)");
    const GatewayStatus s = m_manager->status();
    QString out = gatewayStateName(s.state);
    if (s.pid)
        out += QStringLiteral(" pid %1").arg(s.pid);
    if (!s.phase.isEmpty())
        out += QStringLiteral(" phase '%1'").arg(s.phase.english());
    if (!s.pendingAction.isEmpty())
        out += QStringLiteral(" pending '%1'").arg(s.pendingAction.english());
    if (!s.lastError.isEmpty())
        out += QStringLiteral(" error %1: %2").arg(problemKindName(s.lastError.kind), s.lastError.summary.english());
    return out;
}

void ChaosRunner::note(const QString& text) const
{
    logInfo(QStringLiteral("[chaos] ") + text);
}

void ChaosRunner::violation(const QString& kind, const QString& detail)
{
    m_violations << Violation{m_step, m_fault, kind, detail};
    logError(QStringLiteral("[chaos] VIOLATION step %1 (%2): %3: %4").arg(m_step).arg(m_fault, kind, detail));
    fprintf(stderr, "chaos: VIOLATION at step %d (%s), seed %llu: %s: %s\n", m_step, qPrintable(m_fault),
            static_cast<unsigned long long>(m_opt.seed), qPrintable(kind), qPrintable(detail));
}

bool ChaosRunner::isSettled() const
{
    return stable(m_manager->status().state) && m_clock.elapsed() - m_lastStatusChangeMs >= kQuietMs;
}

void ChaosRunner::settle(int holdMs)
{
    if (holdMs > 0)
        QTest::qWait(holdMs);
    if (QTest::qWaitFor([&] { return isSettled(); }, kSettleBoundMs))
        return;
    violation(QStringLiteral("not-settled"), QStringLiteral("no stable state within %1 ms: %2").arg(kSettleBoundMs).arg(describeStatus()));
    // A stuck manager would turn every later step into the same violation: replace it, like a
    // user who quits and restarts ClawTray, and carry on exploring.
    resetManager();
    if (!QTest::qWaitFor([&] { return isSettled(); }, kSettleBoundMs))
        violation(QStringLiteral("not-settled"), QStringLiteral("a fresh manager did not settle either: %1").arg(describeStatus()));
}

void ChaosRunner::resetManager()
{
    note(QStringLiteral("replacing the manager (%1)").arg(describeStatus()));
    ++m_managerResets;
    m_manager.reset(); // its GatewayProcess kills the gateway's group on destruction
    reapStrays();
    createManager();
    m_manager->start();
}

bool ChaosRunner::ensureRunning()
{
    if (m_manager->status().state != GatewayState::Running) {
        m_manager->start();
        settle();
    }
    return m_manager->status().state == GatewayState::Running;
}

bool ChaosRunner::ensureStopped()
{
    if (m_manager->status().state != GatewayState::Stopped) {
        m_manager->stop();
        settle();
    }
    return m_manager->status().state == GatewayState::Stopped;
}

void ChaosRunner::rpc(const QString& method, const QJsonObject& params, int timeoutMs)
{
    m_manager->call(method, params, timeoutMs, m_ledger.track(method, timeoutMs));
}

std::optional<CallResult> ChaosRunner::rpcWait(const QString& method, const QJsonObject& params, int timeoutMs)
{
    auto out = std::make_shared<std::optional<CallResult>>();
    m_manager->call(method, params, timeoutMs, m_ledger.track(method, timeoutMs, [out](const CallResult& r) { *out = r; }));
    (void)QTest::qWaitFor([&] { return out->has_value(); }, timeoutMs + kCallSlackMs);
    return *out;
}

void ChaosRunner::sampleGateways()
{
    if (!m_census)
        return;
    ++m_samples;
    const auto gws = ProcessCensus::gateways(m_census->scan());
    m_maxGatewaysSeen = qMax(m_maxGatewaysSeen, int(gws.size()));
    if (gws.size() < 2)
        return;
    QStringList pids;
    for (const auto& g : gws)
        pids << QString::number(g.pid);
    const QString key = pids.join(QLatin1Char(','));
    if (m_reportedPairs.contains(key))
        return;
    m_reportedPairs.insert(key);
    violation(QStringLiteral("two-gateways"),
              QStringLiteral("%1 gateways of ours alive at once: %2; manager: %3")
                  .arg(gws.size())
                  .arg(ProcessCensus::describe(gws), describeStatus()));
}

QStringList ChaosRunner::checkOnce(bool* changed)
{
    *changed = false;
    QStringList p;
    const GatewayStatus s = m_manager->status();
    const auto all = m_census->scan();
    const auto gws = ProcessCensus::gateways(all);
    if (gws.size() > 1)
        p << QStringLiteral("%1 gateways of ours alive: %2").arg(gws.size()).arg(ProcessCensus::describe(gws));
    const auto lease = OwnershipLease::read(m_leasePath).lease;
    switch (s.state) {
    case GatewayState::Running: {
        if (!s.owned)
            p << QStringLiteral("running, but attached as to an external gateway (pid %1): every gateway here is ours").arg(s.pid);
        const CensusEntry* mine = nullptr;
        for (const auto& g : gws)
            if (g.pid == s.pid)
                mine = &g;
        if (!mine) {
            p << QStringLiteral("reported running with pid %1, but that is not a live gateway of ours (found: %2)")
                     .arg(s.pid)
                     .arg(ProcessCensus::describe(all));
            break;
        }
        QList<CensusEntry> strays;
        for (const auto& c : all)
            if (c.pid != mine->pid && c.pgid != mine->pid && (c.leaseTag.isEmpty() || c.leaseTag != mine->leaseTag))
                strays << c;
        if (!strays.isEmpty())
            p << QStringLiteral("processes of ours that do not belong to the running gateway %1: %2")
                     .arg(s.pid)
                     .arg(ProcessCensus::describe(strays));
        if (!lease)
            p << QStringLiteral("running pid %1 but no lease at %2").arg(s.pid).arg(m_leasePath);
        else if (lease->pid != s.pid || lease->port != m_port || lease->leaseTag != mine->leaseTag)
            p << QStringLiteral("lease names pid %1 port %2 tag %3, running is pid %4 port %5 tag %6")
                     .arg(lease->pid)
                     .arg(lease->port)
                     .arg(lease->leaseTag.left(8))
                     .arg(s.pid)
                     .arg(m_port)
                     .arg(mine->leaseTag.left(8));
        if (!p.isEmpty())
            break;
        // Reality, from the outside: does the gateway answer through the manager's connection?
        const auto r = rpcWait(QStringLiteral("health"), {}, 1500);
        const GatewayStatus after = m_manager->status();
        if (after.state != GatewayState::Running || after.pid != s.pid) {
            *changed = true;
            break;
        }
        if (!r || !r->ok())
            p << QStringLiteral("reported running (pid %1) but `health` failed: %2")
                     .arg(s.pid)
                     .arg(r ? statusName(r->status) + QStringLiteral(" ") + r->message : QStringLiteral("no callback"));
        break;
    }
    case GatewayState::Stopped:
        if (s.pid != 0)
            p << QStringLiteral("stopped but reports pid %1").arg(s.pid);
        if (!all.isEmpty())
            p << QStringLiteral("stopped, but processes of ours are alive: %1").arg(ProcessCensus::describe(all));
        if (m_manager->process()->isRunning())
            p << QStringLiteral("stopped, but its GatewayProcess still runs");
        if (QFile::exists(m_leasePath))
            p << QStringLiteral("stopped, but the lease file %1 remains").arg(m_leasePath);
        break;
    case GatewayState::Error:
        if (!all.isEmpty())
            p << QStringLiteral("error state (%1), but processes of ours are alive: %2")
                     .arg(problemKindName(s.lastError.kind), ProcessCensus::describe(all));
        if (m_manager->process()->isRunning())
            p << QStringLiteral("error state, but its GatewayProcess still runs");
        break;
    default:
        *changed = true; // not settled any more
        break;
    }
    return p;
}

void ChaosRunner::checkInvariants()
{
    QStringList problems;
    for (int round = 0; round < 4; ++round) {
        bool changed = false;
        problems = checkOnce(&changed);
        if (changed) {
            settle();
            continue;
        }
        if (problems.isEmpty())
            break;
        // Maybe the manager has not noticed yet (a crash or hang in flight): give it the time its
        // configuration allows, then look again. Only what persists is a violation.
        const GatewayStatus before = m_manager->status();
        note(QStringLiteral("check found %1; waiting %2 ms").arg(problems.join(QStringLiteral(" | "))).arg(kNoticeGraceMs));
        (void)QTest::qWaitFor([&] {
            const GatewayStatus now = m_manager->status();
            return now.state != before.state || now.pid != before.pid;
        }, kNoticeGraceMs);
        settle();
        problems = checkOnce(&changed);
        if (changed) {
            settle();
            continue;
        }
        break;
    }
    for (const QString& p : problems)
        violation(QStringLiteral("state-vs-reality"), p);
    const qint64 rss = residentKiB();
    m_peakRssKiB = qMax(m_peakRssKiB, rss);
    if (rss > kRssBoundKiB)
        violation(QStringLiteral("rss"), QStringLiteral("%1 KiB resident, bound %2 KiB").arg(rss).arg(kRssBoundKiB));
    if (!problems.isEmpty())
        reapStrays(); // one bug should be reported once, not cascade through every later step
    ++m_settledStates[gatewayStateName(m_manager->status().state)];
    // Every state change the faults provoked is one the lifecycle table lists.
    if (const int unlisted = m_manager->diagnostics().unlistedTransitions; unlisted > m_unlistedSeen) {
        violation(QStringLiteral("lifecycle"), QStringLiteral("%1 state change(s) not in the lifecycle table (see the log)").arg(unlisted - m_unlistedSeen));
        m_unlistedSeen = unlisted;
    }
    for (const QString& p : m_ledger.takeProblems(kCallSlackMs))
        violation(QStringLiteral("call-settlement"), p);
}

void ChaosRunner::reapStrays()
{
    const GatewayStatus s = m_manager ? m_manager->status() : GatewayStatus{};
    const bool running = s.state == GatewayState::Running && s.owned && s.pid > 0; // an "external" one is ours too
    QString tag;
    for (const auto& c : m_census->scan())
        if (running && c.pid == s.pid)
            tag = c.leaseTag;
    int killed = 0;
    for (const auto& c : m_census->scan()) {
        if (running && (c.pid == s.pid || c.pgid == s.pid || (!tag.isEmpty() && c.leaseTag == tag)))
            continue;
        ::kill(c.pid, SIGKILL);
        ++killed;
    }
    if (killed)
        note(QStringLiteral("killed %1 stray process(es) of this run after a violation").arg(killed));
}

} // namespace chaos
