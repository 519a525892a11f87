#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <deque>

namespace clawtray {

// One restart, for the history the UI and the diagnostics export show.
struct RestartRecord
{
    qint64 atMs = 0;          // epoch ms
    QString reason;           // "crash (signal 11)", "unresponsive", "user", "settings changed", ...
    QString requestedBy;      // "user", "supervisor", "settings", "gateway"
    QString kind;             // "process", "in-process", "reconnect"
    QString result;           // "ok", "failed: ...", "suppressed: restart in 40 s", "deferred"
    qint64 durationMs = -1;
    QJsonObject toJson() const;
};

// What the supervisor knows about the connection's health, for the health summary and the export.
struct Diagnostics
{
    qint64 lastAliveAtMs = 0;
    qint64 lastRpcSuccessAtMs = 0;
    qint64 lastRpcFailureAtMs = 0;
    QString lastRpcFailureMethod;
    QString lastRpcFailureMessage;
    int consecutiveRpcFailures = 0;   // transport failures only
    int consecutiveMisses = 0;
    int totalMisses = 0;
    qint64 lastMissAtMs = 0;
    qint64 lastSocketCloseAtMs = 0;
    int lastSocketCloseCode = 0;
    bool verifying = false;
    bool unresponsive = false;
    bool externalUnavailable = false;
    int malformedFrames = 0;

    quint64 restartsExecuted = 0;
    quint64 restartsSuppressed = 0;
    quint64 reconnectAttempts = 0;
    quint64 reconnectSuccesses = 0;
    quint64 unexpectedExits = 0;
    bool circuitOpen = false;
    QString circuitText;

    QString gatewayVersion;
    QString gatewayBuildId;
    QString nodeVersion;
    QString openclawVersion;
    QString startupSlowestStage;
    double startupSlowestStageMs = 0;
    double startupTotalMs = 0;

    void noteRpc(bool transportFailure, bool ok, const QString& method, const QString& message, qint64 nowMs);
    QJsonObject toJson() const;
};

// The last N restarts, newest last.
class RestartHistory
{
public:
    explicit RestartHistory(int capacity = 50) : m_capacity(capacity) {}
    void add(const RestartRecord& r);
    void updateLast(const QString& result, qint64 durationMs);
    QVector<RestartRecord> records() const;
    QJsonArray toJson() const;
private:
    int m_capacity;
    std::deque<RestartRecord> m_records;
};

} // namespace clawtray
