#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;
class QWebSocket;

namespace clawtray {

// Asks a gateway whether it is ready before anything connects to it: `GET /readyz` (200 only
// when its start-up sidecars are done) or, for gateways without that endpoint, the WebSocket
// challenge (true only when a connect.challenge event arrives; any error, close, timeout, other
// event or malformed frame is false). Probes always abort their socket.
class ReadinessProbe final : public QObject
{
    Q_OBJECT
public:
    enum class Method { Readyz, Challenge };
    struct Result
    {
        bool ready = false;
        bool reachable = false; // something answered on the port
        int httpStatus = 0;
        QString detail;         // e.g. the failing sidecars, or the socket error
    };

    explicit ReadinessProbe(QObject* parent = nullptr);
    ~ReadinessProbe() override;

    // One probe; `finished` follows exactly once. A probe in progress is abandoned.
    void probe(quint16 port, Method method, int timeoutMs);
    void cancel();

Q_SIGNALS:
    void finished(const clawtray::ReadinessProbe::Result& result);

private:
    void finish(Result r);

    QNetworkAccessManager* m_nam = nullptr;
    QPointer<QNetworkReply> m_reply;
    QPointer<QWebSocket> m_socket;
    QTimer m_timeout;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::ReadinessProbe::Result)
