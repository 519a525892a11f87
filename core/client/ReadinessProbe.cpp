#include "client/ReadinessProbe.h"

#include "protocol/ConnectChallenge.h"
#include "protocol/Frame.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QWebSocket>

namespace clawtray {

ReadinessProbe::ReadinessProbe(QObject* parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    qRegisterMetaType<clawtray::ReadinessProbe::Result>();
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        Result r;
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
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
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
    const quint64 gen = ++m_generation;
    m_timeout.start(timeoutMs);
    if (method == Method::Readyz) {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/readyz").arg(port)));
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        m_reply = m_nam->get(req);
        connect(m_reply, &QNetworkReply::finished, this, [this, gen] {
            if (gen != m_generation || !m_reply)
                return;
            Result r;
            r.httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.reachable = r.httpStatus != 0;
            r.ready = r.httpStatus == 200;
            const QJsonObject body = QJsonDocument::fromJson(m_reply->read(64 * 1024)).object();
            const QJsonArray failing = body.value(QLatin1String("failing")).toArray();
            QStringList names;
            for (const auto& f : failing)
                names << f.toString();
            r.detail = r.reachable ? (names.isEmpty() ? QStringLiteral("HTTP %1").arg(r.httpStatus)
                                                      : QStringLiteral("waiting for: %1").arg(names.join(QLatin1String(", "))))
                                   : m_reply->errorString();
            finish(r);
        });
        return;
    }
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, [this, gen](const QString& text) {
        if (gen != m_generation)
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
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this, gen](QAbstractSocket::SocketError) {
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
