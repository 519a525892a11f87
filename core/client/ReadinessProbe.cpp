#include "client/ReadinessProbe.h"

#include "logging/Logging.h"
#include "process/PeerCheck.h"
#include "protocol/ConnectChallenge.h"
#include "protocol/Frame.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QWebSocket>

namespace clawtray {
namespace {

constexpr qsizetype kMaxResponseBytes = 64 * 1024;

} // namespace

ReadinessProbe::Result parseProbeResponse(const QByteArray& response, ReadinessProbe::Method method, bool* complete)
{
    ReadinessProbe::Result r;
    *complete = false;
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return r;
    const QList<QByteArray> lines = response.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine.at(0).startsWith("HTTP/1.")) {
        *complete = true;
        r.reachable = true;
        r.detail = QStringLiteral("not an HTTP answer");
        return r;
    }
    qsizetype contentLength = -1;
    bool chunked = false;
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed().toLower();
        if (line.startsWith("content-length:"))
            contentLength = line.mid(15).trimmed().toLongLong();
        else if (line.startsWith("transfer-encoding:") && line.contains("chunked"))
            chunked = true;
    }
    QByteArray body = response.mid(headerEnd + 4);
    if (chunked) {
        QByteArray decoded;
        qsizetype at = 0;
        for (;;) {
            const qsizetype eol = body.indexOf("\r\n", at);
            if (eol < 0)
                return r; // more to come
            bool ok = false;
            const qsizetype size = body.mid(at, eol - at).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok)
                break;
            if (size == 0)
                break; // the last chunk
            if (body.size() < eol + 2 + size + 2)
                return r;
            decoded += body.mid(eol + 2, size);
            at = eol + 2 + size + 2;
        }
        body = decoded;
    } else if (contentLength >= 0 && body.size() < contentLength) {
        return r; // more to come
    }
    *complete = true;
    r.reachable = true;
    r.httpStatus = statusLine.at(1).toInt();
    const QJsonObject json = QJsonDocument::fromJson(contentLength >= 0 ? body.left(contentLength) : body).object();
    r.status = json.value(QLatin1String("status")).toString();
    for (const auto& f : json.value(QLatin1String("failing")).toArray())
        r.failing << f.toString();
    if (method == ReadinessProbe::Method::Startupz)
        r.ready = r.httpStatus == 200 && (r.status.isEmpty() || r.status == QLatin1String("started"));
    else
        r.ready = r.httpStatus == 200;
    if (!r.failing.isEmpty())
        r.detail = QStringLiteral("waiting for: %1").arg(r.failing.join(QLatin1String(", ")));
    else if (!r.status.isEmpty())
        r.detail = QStringLiteral("HTTP %1, %2").arg(r.httpStatus).arg(r.status);
    else
        r.detail = QStringLiteral("HTTP %1").arg(r.httpStatus);
    return r;
}

ReadinessProbe::ReadinessProbe(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<clawtray::ReadinessProbe::Result>();
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        Result r;
        r.reachable = !m_response.isEmpty();
        r.detail = QStringLiteral("no answer in time");
        finish(r);
    });
}

ReadinessProbe::~ReadinessProbe()
{
    cancel();
}

void ReadinessProbe::cancel()
{
    ++m_generation;
    m_running = false;
    m_timeout.stop();
    m_response.clear();
    if (m_tcp) {
        m_tcp->disconnect(this);
        m_tcp->abort();
        m_tcp->deleteLater();
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
}

void ReadinessProbe::probe(quint16 port, Method method, int timeoutMs)
{
    cancel();
    m_running = true;
    m_method = method;
    const quint64 gen = ++m_generation;
    m_timeout.start(timeoutMs);
    switch (method) {
    case Method::Startupz: probeHttp(port, "/startupz", gen); return;
    case Method::Readyz: probeHttp(port, "/readyz", gen); return;
    case Method::Challenge: probeChallenge(port, gen); return;
    }
}

bool ReadinessProbe::peerRejected(quint16 port, quint16 localPort)
{
    if (!m_verifyPeer)
        return false;
    const PeerVerdict v = peercheck::verify(port, localPort, pid_t(m_expectedPeerPid));
    if (v.trusted)
        return false;
    Result r;
    r.reachable = true;
    r.untrusted = true;
    r.detail = v.message;
    finish(r);
    return true;
}

void ReadinessProbe::probeHttp(quint16 port, const QByteArray& path, quint64 gen)
{
    auto* socket = new QTcpSocket(this);
    m_tcp = socket;
    connect(socket, &QTcpSocket::connected, this, [this, gen, port, path] {
        if (gen != m_generation || !m_tcp)
            return;
        // Nothing secret goes out; the answer is believed only once the kernel says our gateway
        // accepted the connection. The connection is kept alive (HTTP/1.1's default) so that its
        // server end still exists when the answer is checked.
        m_tcp->write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                     + "\r\nAccept: application/json\r\n\r\n");
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, gen, port] { onHttpData(gen, port); });
    connect(socket, &QTcpSocket::disconnected, this, [this, gen] {
        if (gen != m_generation)
            return;
        // A complete answer is handled (and its sender verified) as it arrives; whatever is left
        // when the peer closes first was never verified and is not believed.
        Result r;
        r.reachable = !m_response.isEmpty();
        r.detail = QStringLiteral("closed before a complete answer");
        finish(r);
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, gen](QAbstractSocket::SocketError e) {
        if (gen != m_generation || !m_tcp || e == QAbstractSocket::RemoteHostClosedError)
            return; // a close is handled by `disconnected`
        Result r;
        r.reachable = !m_response.isEmpty();
        r.detail = m_tcp->errorString();
        finish(r);
    });
    socket->connectToHost(QHostAddress::LocalHost, port);
}

void ReadinessProbe::onHttpData(quint64 gen, quint16 port)
{
    if (gen != m_generation || !m_tcp)
        return;
    m_response += m_tcp->read(kMaxResponseBytes - m_response.size());
    bool complete = false;
    Result r = parseProbeResponse(m_response, m_method, &complete);
    if (complete && peerRejected(port, m_tcp->localPort()))
        return;
    if (complete || m_response.size() >= kMaxResponseBytes) {
        if (!complete) {
            r = Result{};
            r.reachable = true;
            r.detail = QStringLiteral("answer larger than %1 bytes").arg(kMaxResponseBytes);
        }
        finish(r);
    }
}

void ReadinessProbe::probeChallenge(quint16 port, quint64 gen)
{
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setMaxAllowedIncomingFrameSize(quint64(kPreHandshakeMaxFrameBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(kPreHandshakeMaxFrameBytes));
    m_socket = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, [this, gen, port](const QString& text) {
        if (gen != m_generation || !m_socket)
            return;
        if (peerRejected(port, m_socket->localPort()))
            return;
        Result r;
        r.reachable = true;
        const FrameParseResult p = parseFrame(text.toUtf8(), kPreHandshakeMaxFrameBytes);
        r.ready = p.ok && p.frame.isEvent() && p.frame.event == ConnectChallenge::kEventName;
        r.detail = r.ready ? QStringLiteral("connect.challenge received") : QStringLiteral("unexpected first frame");
        finish(r);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, gen] {
        if (gen != m_generation)
            return;
        Result r;
        r.detail = QStringLiteral("closed before the challenge");
        finish(r);
    });
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this, gen](QAbstractSocket::SocketError) {
                if (gen != m_generation || !m_socket)
                    return;
                Result r;
                r.detail = m_socket->errorString();
                finish(r);
            });
    socket->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
}

void ReadinessProbe::finish(Result r)
{
    if (!m_running)
        return;
    cancel();
    Q_EMIT finished(r);
}

} // namespace clawtray
