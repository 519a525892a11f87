#include "CallLedger.h"

namespace chaos {

QString statusName(clawtray::CallResult::Status s)
{
    using S = clawtray::CallResult::Status;
    switch (s) {
    case S::Ok: return QStringLiteral("ok");
    case S::GatewayError: return QStringLiteral("gateway-error");
    case S::Timeout: return QStringLiteral("timeout");
    case S::Disconnected: return QStringLiteral("disconnected");
    case S::NotConnected: return QStringLiteral("not-connected");
    case S::TooLarge: return QStringLiteral("too-large");
    case S::SendFailed: return QStringLiteral("send-failed");
    }
    return QStringLiteral("unknown");
}

quint64 CallLedger::open(const QString& what, int timeoutMs)
{
    const quint64 id = ++m_nextId;
    Entry e;
    e.what = what;
    e.issuedMs = m_clock.elapsed();
    e.deadlineMs = e.issuedMs + timeoutMs;
    m_entries.insert(id, e);
    return id;
}

void CallLedger::settle(quint64 id, const QString& outcome)
{
    if (m_done.contains(id)) {
        ++m_duplicates;
        m_problems << QStringLiteral("callback of %1 ran a second time (now: %2)").arg(m_done.value(id), outcome);
        return;
    }
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return; // cannot happen: ids come from open()
    ++it->settled;
    ++m_settled;
    ++m_outcomes[outcome];
    const qint64 late = m_clock.elapsed() - it->deadlineMs;
    m_done.insert(id, QStringLiteral("%1 -> %2").arg(it->what, outcome));
    if (it->reported) // it was reported overdue; note that it did settle eventually
        m_problems << QStringLiteral("%1 settled %2 ms after its deadline").arg(it->what).arg(late);
    m_entries.erase(it);
}

clawtray::CallCallback CallLedger::track(const QString& what, int timeoutMs,
                                         std::function<void(const clawtray::CallResult&)> then)
{
    const quint64 id = open(what, timeoutMs);
    return [this, id, then](const clawtray::CallResult& r) {
        settle(id, statusName(r.status));
        if (then)
            then(r);
    };
}

QStringList CallLedger::takeProblems(qint64 slackMs)
{
    const qint64 now = m_clock.elapsed();
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (!it->reported && now > it->deadlineMs + slackMs) {
            it->reported = true;
            ++m_overdue;
            m_problems << QStringLiteral("%1 not settled %2 ms after it was issued (timeout %3 ms)")
                              .arg(it->what)
                              .arg(now - it->issuedMs)
                              .arg(it->deadlineMs - it->issuedMs);
        }
    }
    return std::exchange(m_problems, {});
}

int CallLedger::outstanding() const
{
    return int(m_entries.size());
}

qint64 CallLedger::latestDeadlineMs() const
{
    qint64 out = 0;
    for (const Entry& e : m_entries)
        out = qMax(out, e.deadlineMs);
    return out;
}

} // namespace chaos
