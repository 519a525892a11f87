#pragma once

#include "control/ControlProtocol.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <limits>

class QLocalSocket;

namespace clawtray {

// One client connection of the control channel: splits the byte stream into request lines,
// answers unusable lines itself (an error reply, then carries on with the next line) and hands
// well-formed requests on. A line longer than the request limit is answered with "too-large" and
// the connection is closed, since there is no trustworthy place to resume reading.
//
// Nothing a client does can make ClawTray hold unbounded memory or lose its log history:
// - answers the client has not taken yet are capped (kMaxPendingOutputBytes): past the cap the
//   session stops reading requests until the client drains (Qt's read buffer is bounded, so what
//   else the client sends stays in the kernel), and a client that pipelines thousands of requests
//   and never reads costs a few megabytes;
// - a connection with nothing outstanding (no request in progress, no stream followed) that sends
//   nothing for the idle timeout is closed, and so is one that was paused and has not taken any
//   of its answers for a whole idle period;
// - what the control channel writes to the log is rate-limited across all sessions
//   (controlLog()), with a count of what was left out, so a flood cannot push the real history out
//   of the log ring.
class ControlSession final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxPendingOutputBytes = 4 * 1024 * 1024;
    static constexpr int kDefaultIdleTimeoutMs = 120000;

    // Takes ownership of `socket`.
    explicit ControlSession(QLocalSocket* socket, QObject* parent = nullptr, int idleTimeoutMs = kDefaultIdleTimeoutMs);
    ~ControlSession() override;

    // A stream line or any other unsolicited output.
    void send(const QByteArray& line);
    // The one answer to a request this session handed on (requestReceived).
    void reply(const QByteArray& line);
    void sendError(const QJsonValue& id, const char* code, const QString& message, const QJsonObject& details = {});
    // The client follows a stream (logs --follow): never closed for being idle.
    void holdOpen() { m_held = true; }
    // Writes what is queued, waiting at most `timeoutMs` (used when the server shuts down).
    void flush(int timeoutMs);
    // Flushes what was queued, then disconnects.
    void close();
    bool isOpen() const;
    qint64 pendingBytes() const; // written but not yet taken by the client (slow log followers)
    qint64 pendingInputBytes() const; // received and not yet handled (bounded while paused)
    int outstanding() const { return m_outstanding; }
    bool readingPaused() const { return m_paused; }

Q_SIGNALS:
    void requestReceived(const clawtray::ControlRequest& request);
    void closed();

private:
    void processInput();
    void processLine(const QByteArray& line);
    void onIdle();

    QPointer<QLocalSocket> m_socket;
    QByteArray m_buffer;
    QTimer m_idle;
    int m_outstanding = 0; // requests handed on and not answered yet
    qint64 m_pendingAtLastIdle = std::numeric_limits<qint64>::max(); // unsent answers at the last idle tick
    bool m_held = false;
    bool m_paused = false;
    bool m_closing = false;
};

// What the control channel logs on a client's behalf: at most kControlLogBurst times the same
// line per kControlLogWindowMs across all sessions (kControlLogDistinct lines, then one shared
// budget); the rest is counted and reported in one line when the next window opens.
inline constexpr int kControlLogBurst = 20;
inline constexpr qint64 kControlLogWindowMs = 10000;
inline constexpr int kControlLogDistinct = 64; // distinct lines per window, then one shared budget
void controlLog(bool debug, const QString& line);

} // namespace clawtray
