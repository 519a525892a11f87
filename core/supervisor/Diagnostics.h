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
    QString result;           // "ok", "failed: ...", "postponed: restart in 40 s", "scheduled", "in progress"
    qint64 durationMs = -1;   // from the request to the outcome; -1 only while the restart is open
    bool open() const { return durationMs < 0; }
    QJsonObject toJson() const;
    static RestartRecord of(qint64 atMs, const QString& reason, const QString& requestedBy, const QString& kind, const QString& result);
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
    bool restartAnnounced = false; // the gateway said it restarts itself and is expected back
    int malformedFrames = 0;
    int unlistedTransitions = 0; // state changes the lifecycle table does not list (always 0 unless a bug)

    quint64 restartsExecuted = 0;
    quint64 restartsSuppressed = 0;
    quint64 reconnectAttempts = 0;
    quint64 reconnectSuccesses = 0;
    quint64 unexpectedExits = 0;
    bool circuitOpen = false;

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
// At most one row is open (a restart under way: its result says how far it got); every other row
// is closed with its outcome and how long it took. Times are the caller's monotonic clock.
class RestartHistory
{
public:
    explicit RestartHistory(int capacity = 50) : m_capacity(capacity) {}
    // A row that is over as it is written (a restart postponed, a request refused): duration 0.
    void addClosed(RestartRecord r);
    // The restart under way from `nowMs`. A row still open is closed first as superseded by it.
    void open(RestartRecord r, qint64 nowMs);
    bool hasOpen() const { return m_openSeq != 0; }
    QString openKind() const;
    // How far the open restart got ("scheduled" -> "in progress"); nothing when none is open.
    void progress(const QString& result);
    // The open restart's outcome; its duration counts from open(). False when none was open.
    bool close(const QString& result, qint64 nowMs);
    QVector<RestartRecord> records() const;
    QJsonArray toJson() const;
private:
    struct Row
    {
        RestartRecord record;
        quint64 seq = 0;
    };
    const Row* openRow() const;
    Row* openRow();
    void push(const RestartRecord& r, quint64 seq);
    int m_capacity;
    std::deque<Row> m_records;
    quint64 m_nextSeq = 1;
    quint64 m_openSeq = 0;
    qint64 m_openedAtMs = 0;
};

} // namespace clawtray
