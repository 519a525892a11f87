#include "supervisor/Diagnostics.h"

#include <QJsonArray>

#include <utility>

namespace clawtray {

RestartRecord RestartRecord::of(qint64 atMs, const QString& reason, const QString& requestedBy, const QString& kind, const QString& result)
{
    RestartRecord r;
    r.atMs = atMs;
    r.reason = reason;
    r.requestedBy = requestedBy;
    r.kind = kind;
    r.result = result;
    return r;
}

QJsonObject RestartRecord::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("atMs"), atMs);
    o.insert(QLatin1String("reason"), reason);
    o.insert(QLatin1String("requestedBy"), requestedBy);
    o.insert(QLatin1String("kind"), kind);
    o.insert(QLatin1String("result"), result);
    o.insert(QLatin1String("durationMs"), durationMs);
    return o;
}

void Diagnostics::noteRpc(bool transportFailure, bool ok, const QString& method, const QString& message, qint64 nowMs)
{
    if (ok || !transportFailure) {
        // An ok:false answer is still an answer: the gateway is alive.
        lastRpcSuccessAtMs = nowMs;
        consecutiveRpcFailures = 0;
        return;
    }
    lastRpcFailureAtMs = nowMs;
    lastRpcFailureMethod = method;
    lastRpcFailureMessage = message;
    ++consecutiveRpcFailures;
}

QJsonObject Diagnostics::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("lastAliveAtMs"), lastAliveAtMs);
    o.insert(QLatin1String("lastRpcSuccessAtMs"), lastRpcSuccessAtMs);
    o.insert(QLatin1String("lastRpcFailureAtMs"), lastRpcFailureAtMs);
    o.insert(QLatin1String("lastRpcFailureMethod"), lastRpcFailureMethod);
    o.insert(QLatin1String("lastRpcFailureMessage"), lastRpcFailureMessage);
    o.insert(QLatin1String("consecutiveRpcFailures"), consecutiveRpcFailures);
    o.insert(QLatin1String("consecutiveHeartbeatMisses"), consecutiveMisses);
    o.insert(QLatin1String("totalHeartbeatMisses"), totalMisses);
    o.insert(QLatin1String("lastHeartbeatMissAtMs"), lastMissAtMs);
    o.insert(QLatin1String("lastSocketCloseAtMs"), lastSocketCloseAtMs);
    o.insert(QLatin1String("lastSocketCloseCode"), lastSocketCloseCode);
    o.insert(QLatin1String("verifying"), verifying);
    o.insert(QLatin1String("unresponsive"), unresponsive);
    o.insert(QLatin1String("externalUnavailable"), externalUnavailable);
    o.insert(QLatin1String("restartAnnounced"), restartAnnounced);
    o.insert(QLatin1String("malformedFrames"), malformedFrames);
    o.insert(QLatin1String("unlistedTransitions"), unlistedTransitions);
    QJsonObject counters;
    counters.insert(QLatin1String("restartsExecuted"), qint64(restartsExecuted));
    counters.insert(QLatin1String("restartsSuppressed"), qint64(restartsSuppressed));
    counters.insert(QLatin1String("reconnectAttempts"), qint64(reconnectAttempts));
    counters.insert(QLatin1String("reconnectSuccesses"), qint64(reconnectSuccesses));
    counters.insert(QLatin1String("reconnectSuccessRate"),
                    reconnectAttempts ? double(reconnectSuccesses) / double(reconnectAttempts) : 1.0);
    counters.insert(QLatin1String("unexpectedExits"), qint64(unexpectedExits));
    o.insert(QLatin1String("counters"), counters);
    o.insert(QLatin1String("circuitOpen"), circuitOpen);
    QJsonObject versions;
    versions.insert(QLatin1String("gateway"), gatewayVersion);
    versions.insert(QLatin1String("gatewayBuildId"), gatewayBuildId);
    versions.insert(QLatin1String("node"), nodeVersion);
    versions.insert(QLatin1String("openclaw"), openclawVersion);
    versions.insert(QLatin1String("clawtray"), QStringLiteral(CLAWTRAY_VERSION));
    o.insert(QLatin1String("versions"), versions);
    QJsonObject startup;
    startup.insert(QLatin1String("slowestStage"), startupSlowestStage);
    startup.insert(QLatin1String("slowestStageMs"), startupSlowestStageMs);
    startup.insert(QLatin1String("totalMs"), startupTotalMs);
    o.insert(QLatin1String("startupTrace"), startup);
    return o;
}

void RestartHistory::push(const RestartRecord& r, quint64 seq)
{
    m_records.push_back({r, seq});
    while (int(m_records.size()) > m_capacity) {
        if (m_records.front().seq == m_openSeq)
            m_openSeq = 0;
        m_records.pop_front();
    }
}

const RestartHistory::Row* RestartHistory::openRow() const
{
    if (m_openSeq == 0)
        return nullptr;
    for (const Row& row : m_records)
        if (row.seq == m_openSeq)
            return &row;
    return nullptr;
}

RestartHistory::Row* RestartHistory::openRow()
{
    return const_cast<Row*>(std::as_const(*this).openRow());
}

void RestartHistory::addClosed(RestartRecord r)
{
    r.durationMs = qMax<qint64>(0, r.durationMs);
    push(r, m_nextSeq++);
}

void RestartHistory::open(RestartRecord r, qint64 nowMs)
{
    if (hasOpen())
        close(QStringLiteral("superseded: %1").arg(r.reason), nowMs);
    r.durationMs = -1;
    m_openSeq = m_nextSeq++;
    m_openedAtMs = nowMs;
    push(r, m_openSeq);
}

QString RestartHistory::openKind() const
{
    const Row* row = openRow();
    return row ? row->record.kind : QString();
}

void RestartHistory::progress(const QString& result)
{
    if (Row* row = openRow())
        row->record.result = result;
}

bool RestartHistory::close(const QString& result, qint64 nowMs)
{
    Row* row = openRow();
    m_openSeq = 0;
    if (!row)
        return false;
    row->record.result = result;
    row->record.durationMs = qMax<qint64>(0, nowMs - m_openedAtMs);
    return true;
}

QVector<RestartRecord> RestartHistory::records() const
{
    QVector<RestartRecord> out;
    out.reserve(int(m_records.size()));
    for (const Row& row : m_records)
        out << row.record;
    return out;
}


QJsonArray RestartHistory::toJson() const
{
    QJsonArray a;
    for (const Row& row : m_records)
        a.append(row.record.toJson());
    return a;
}

} // namespace clawtray
