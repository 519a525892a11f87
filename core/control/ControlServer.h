#pragma once

#include "policy/Result.h"

#include "companion/Companion.h"
#include "control/ControlSession.h"

#include <QJsonObject>
#include <QList>
#include <QLocalServer>
#include <QObject>
#include <QPointer>
#include <QString>

namespace clawtray {

class ControlCommands;
class ControlSession;
class GatewayManager;

// The control channel's server: a QLocalServer that only the user can reach (the socket lives in
// a directory only the user can write, and the socket itself is owner-only), speaking
// ControlProtocol. Served by the headless and the desktop instance alike; `clawtray ctl` is the
// client. A broken or hostile client gets an error reply and never disturbs the others.
class ControlServer final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxClients = 32;
    static constexpr int kLiveCheckTimeoutMs = 1000;
    static constexpr int kRefusedLingerMs = 5000; // a refused client is answered, then dropped

    // `manager` may be null until the app has built it (see setManager()).
    explicit ControlServer(GatewayManager* manager, QObject* parent = nullptr);
    ~ControlServer() override;

    // Listens on `path`. Refuses (with why) when another live instance serves it, when its
    // directory is not private to this user, or when something that is not a socket is in the
    // way; a stale socket left by a crashed instance is removed first.
    Done listen(const QString& path);
    // Whether the last listen() failed because another live instance owns the socket.
    bool addressInUse() const { return m_addressInUse; }
    // Stops accepting, flushes what the clients have not received yet and removes the socket.
    void close();
    bool isListening() const { return m_server.isListening(); }
    QString socketPath() const { return m_path; }
    int clientCount() const { return m_sessions.size(); }
    // Answers written to clients and not taken by them yet, over all sessions.
    qint64 pendingOutputBytes() const { return sumOverSessions(&ControlSession::pendingBytes); }
    // Requests received and not handled yet, over all sessions.
    qint64 pendingInputBytes() const { return sumOverSessions(&ControlSession::pendingInputBytes); }

    void setManager(GatewayManager* manager, const Companion& companion = {});
    // How long a connection with nothing outstanding may stay silent (ControlSession); 0 = never closed.
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }
    // Merged into the `status` reply's "clawtray" object, e.g. {"mode": "headless"}.
    void setInstanceInfo(const QJsonObject& info);
    // See ControlCommands::setNotReadyReason.
    void setNotReadyReason(const QString& reason);
    // See ControlCommands::setSettingsReloader.
    void setSettingsReloader(std::function<QJsonObject()> reloader);

    // <user runtime dir>/clawtray.sock — $XDG_RUNTIME_DIR, else /tmp/clawtray-<uid> (0700).
    static QString defaultSocketPath();
    // $CLAWTRAY_CONTROL_SOCKET when set (tests, several instances), else defaultSocketPath().
    static QString configuredSocketPath();
    // Something accepts connections at `path` right now.
    static bool isServing(const QString& path, int timeoutMs = kLiveCheckTimeoutMs);

private:
    void onNewConnection();
    qint64 sumOverSessions(qint64 (ControlSession::*measure)() const) const;
    int m_idleTimeoutMs = ControlSession::kDefaultIdleTimeoutMs;
    void refuse(ControlSession* session, const char* code, const QString& message);
    Done preparePath(const QString& path);
    Done acquireInstanceLock(const QString& path);
    void releaseInstanceLock();

    QLocalServer m_server;
    ControlCommands* m_commands;
    QList<QPointer<ControlSession>> m_sessions;
    QJsonObject m_instanceInfo;
    QString m_path;
    bool m_addressInUse = false;
    int m_lockFd = -1; // flock on <socket>.lock, held while this instance serves
};

} // namespace clawtray
