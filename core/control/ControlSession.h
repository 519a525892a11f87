#pragma once

#include "control/ControlProtocol.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QLocalSocket;

namespace clawtray {

// One client connection of the control channel: splits the byte stream into request lines,
// answers unusable lines itself (an error reply, then carries on with the next line) and hands
// well-formed requests on. A line longer than the request limit is answered with "too-large" and
// the connection is closed, since there is no trustworthy place to resume reading.
class ControlSession final : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of `socket`.
    explicit ControlSession(QLocalSocket* socket, QObject* parent = nullptr);
    ~ControlSession() override;

    void send(const QByteArray& line);
    void sendError(const QJsonValue& id, const char* code, const QString& message, const QJsonObject& details = {});
    // Writes what is queued, waiting at most `timeoutMs` (used when the server shuts down).
    void flush(int timeoutMs);
    // Flushes what was queued, then disconnects.
    void close();
    bool isOpen() const;
    qint64 pendingBytes() const; // written but not yet taken by the client (slow log followers)

Q_SIGNALS:
    void requestReceived(const clawtray::ControlRequest& request);
    void closed();

private:
    void onReadyRead();
    void processLine(const QByteArray& line);

    QPointer<QLocalSocket> m_socket;
    QByteArray m_buffer;
    bool m_closing = false;
};

} // namespace clawtray
