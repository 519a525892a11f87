#pragma once

#include "policy/Result.h"

#include "control/ControlProtocol.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QLocalSocket>
#include <QString>

#include <functional>
#include <optional>

namespace clawtray {

// A blocking client of the control channel for `clawtray ctl` (and tests): no event loop needed,
// every wait bounded by a timeout, every failure a value.
class ControlClient final
{
public:
    // Why ClawTray could not be reached, and what the system said.
    struct ConnectFailure
    {
        enum class Kind {
            NotRunning,   // no socket, or a stale one nobody listens on
            AccessDenied, // the socket (or its directory) belongs to someone else
            Untrusted,    // the socket, its directory or the serving process is not this user's: nothing was sent
            Failed,       // anything else (timeout, bad path)
        } kind = Kind::Failed;
        UserText why;
    };

    explicit ControlClient(const QString& socketPath);
    ~ControlClient();
    ControlClient(const ControlClient&) = delete;
    ControlClient& operator=(const ControlClient&) = delete;

    Result<void, ConnectFailure> connectToServer(int timeoutMs);
    bool isConnected() const { return m_socket.state() == QLocalSocket::ConnectedState; }
    QString socketPath() const { return m_path; }

    // Sends a request and waits for its reply. Stream lines of other requests are skipped.
    // Returns a Reply, or an Invalid message whose error says what went wrong (timeout,
    // disconnected, bad-reply).
    ControlMessage request(const QString& cmd, const QJsonObject& args, int timeoutMs);
    // The same, handing this request's own stream lines (`update` progress) to `onStream` meanwhile.
    ControlMessage request(const QString& cmd, const QJsonObject& args, int timeoutMs,
                           const std::function<void(const ControlMessage&)>& onStream);
    // The next message of any kind (stream lines of `logs --follow`); timeoutMs < 0 waits forever.
    ControlMessage next(int timeoutMs);
    // Writes raw bytes (tests: malformed requests).
    bool sendRaw(const QByteArray& bytes, int timeoutMs = 5000);

private:
    std::optional<QByteArray> readLine(QDeadlineTimer deadline, ControlMessage* failure);

    QString m_path;
    QLocalSocket m_socket;
    QByteArray m_buffer;
    int m_nextId = 1;
};

} // namespace clawtray
