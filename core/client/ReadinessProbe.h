#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;
class QWebSocket;

namespace clawtray {

// Asks a gateway whether it is up before anything connects to it:
// - `GET /startupz`: 200 with status "started" once start-up work has settled (channel health is
//   not consulted) — what a (re)start waits for, as OpenClaw's supervisor contract says;
// - `GET /readyz`: 200 only when configured channels and agents are usable as well (tracked
//   separately: a broken channel account is not a gateway that is down);
// - the WebSocket challenge, for gateways without those endpoints (true only when a
//   connect.challenge event arrives).
// Every answer counts only if the kernel says the connection was accepted by our gateway
// (process/PeerCheck.h): a listener of another user on the port is never "ready".
class ReadinessProbe final : public QObject
{
    Q_OBJECT
public:
    enum class Method { Startupz, Readyz, Challenge };
    struct Result
    {
        bool ready = false;
        bool reachable = false;  // something answered on the port
        bool untrusted = false;  // it was not our gateway (detail says who)
        int httpStatus = 0;
        QString status;          // the endpoint's "status" field ("started", "starting", "draining")
        QStringList failing;     // /readyz: what is not ready
        QString detail;          // e.g. the failing sidecars, or the socket error
    };

    explicit ReadinessProbe(QObject* parent = nullptr);
    ~ReadinessProbe() override;

    // Who must hold the server end: our gateway's pid (or its group), 0 = any process of our uid.
    void setExpectedPeer(qint64 ownerPid) { m_expectedPeerPid = ownerPid; }
    void setVerifyPeer(bool on) { m_verifyPeer = on; }

    // One probe; `finished` follows exactly once. A probe in progress is abandoned.
    void probe(quint16 port, Method method, int timeoutMs);
    void cancel();

Q_SIGNALS:
    void finished(const clawtray::ReadinessProbe::Result& result);

private:
    void probeHttp(quint16 port, const QByteArray& path, quint64 gen);
    void probeChallenge(quint16 port, quint64 gen);
    bool peerRejected(quint16 port, quint16 localPort);
    void onHttpData(quint64 gen, quint16 port);
    void finish(Result r);

    QPointer<QTcpSocket> m_tcp;
    QPointer<QWebSocket> m_socket;
    QByteArray m_response;
    Method m_method = Method::Startupz;
    QTimer m_timeout;
    quint64 m_generation = 0;
    qint64 m_expectedPeerPid = 0;
    bool m_verifyPeer = true;
    bool m_running = false;
};

// Parses an HTTP/1.x response to a probe (status line, headers, JSON body) into a result.
// Exposed for unit tests; `complete` is false while more bytes are needed.
ReadinessProbe::Result parseProbeResponse(const QByteArray& response, ReadinessProbe::Method method, bool* complete);

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::ReadinessProbe::Result)
