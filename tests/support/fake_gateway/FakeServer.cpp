#include "FakeServer.h"

#include "FakeSession.h"
#include "Json.h"
#include "ProcessUtil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>
#include <QUuid>
#include <QHostInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <unistd.h>

namespace fakegw {
namespace {

constexpr int kMaxHttpHeaderBytes = 64 * 1024;
const char kVersion[] = "2026.9.6-fake";

} // namespace

FakeServer::FakeServer(const Options& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_bootId(newUuid())
    , m_instanceId(newUuid())
    , m_hostname(QHostInfo::localHostName())
    , m_port(options.port)
    , m_activeTasks(options.activeTasks)
{
    m_processClock.start();
    m_bootClock.start();
    m_webSockets = new QWebSocketServer(QStringLiteral("openclaw-fake"), QWebSocketServer::NonSecureMode, this);
    m_webSockets->setMaxPendingConnections(100000);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &FakeServer::onWebSocketConnection);

    // Precise timers throughout: Qt makes timers >= 2 s coarse (±5 %) by default, and tests
    // measure these delays.
    m_readyTimer.setSingleShot(true);
    m_readyTimer.setTimerType(Qt::PreciseTimer);
    m_tickTimer.setTimerType(Qt::PreciseTimer);
    m_healthTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_readyTimer, &QTimer::timeout, this, &FakeServer::onReadyTimer);
    // Global timers, like the real gateway's: the first tick lands at any offset for a client.
    m_tickTimer.setInterval(m_options.tickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, [this] {
        broadcast(QStringLiteral("tick"), QJsonObject{{QStringLiteral("ts"), nowMs()}});
    });
    m_healthTimer.setInterval(m_options.healthEventMs);
    connect(&m_healthTimer, &QTimer::timeout, this, [this] {
        ++m_healthVersion;
        broadcast(QStringLiteral("health"), healthSnapshot(), true);
    });
    m_reapTimer.setInterval(200);
    connect(&m_reapTimer, &QTimer::timeout, this, [] { reapHelpers(); });
}

FakeServer::~FakeServer() = default;

void FakeServer::start()
{
    m_tickTimer.start();
    m_healthTimer.start();
    m_reapTimer.start();
    trace("plugins");
    QTimer::singleShot(m_options.listenDelayMs, Qt::PreciseTimer, this, &FakeServer::listenNow);
}

// ---- HTTP and WebSocket on one port -------------------------------------------------------

void FakeServer::onTcpConnection()
{
    auto* listener = qobject_cast<QTcpServer*>(sender());
    while (QTcpSocket* socket = listener->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onTcpReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [socket] { socket->deleteLater(); });
        if (socket->bytesAvailable() > 0)
            onTcpReadable(socket);
    }
}

void FakeServer::onTcpReadable(QTcpSocket* socket)
{
    // Peek (do not consume): a WebSocket upgrade is handed over with its request intact.
    const QByteArray head = socket->peek(std::min<qint64>(socket->bytesAvailable(), kMaxHttpHeaderBytes + 4));
    const int end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > kMaxHttpHeaderBytes)
            socket->abort();
        return;
    }
    const QList<QByteArray> lines = head.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    bool upgrade = false;
    bool close = requestLine.value(2) == "HTTP/1.0";
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed().toLower();
        if (line.startsWith("upgrade:") && line.contains("websocket"))
            upgrade = true;
        if (line.startsWith("connection:") && line.contains("close"))
            close = true;
    }
    QObject::disconnect(socket, nullptr, this, nullptr);
    if (upgrade && !m_stopping) {
        m_webSockets->handleConnection(socket);
        return;
    }
    answerHttp(socket, requestLine.value(0), requestLine.value(1), !close);
}

void FakeServer::answerHttp(QTcpSocket* socket, const QByteArray& method, const QByteArray& target, bool keepAlive)
{
    const QByteArray path = target.split('?').value(0);
    int status = 404;
    QByteArray body = R"({"error":"not found"})";
    if (method != "GET" && method != "HEAD") {
        status = 405;
        body = R"({"error":"method not allowed"})";
    } else if (path == "/healthz") {
        status = 200;
        body = R"({"ok":true,"status":"live"})";
    } else if (path == "/startupz" || path == "/startup") {
        // The real gateway: 503 "starting" while start-up sidecars run, 503 "draining" while
        // stopping, 200 "started" otherwise (channel health is not consulted).
        const bool started = !isStarting() && !m_stopping;
        status = started ? 200 : 503;
        body = started ? QByteArray(R"({"ok":true,"status":"started"})")
                       : m_stopping ? QByteArray(R"({"ok":false,"status":"draining"})")
                                    : QByteArray(R"({"ok":false,"status":"starting"})");
    } else if (path == "/readyz") {
        const bool ready = !isStarting() && !m_stopping && m_notReady.isEmpty();
        status = ready ? 200 : 503;
        const QStringList failing = !m_notReady.isEmpty() && !isStarting() && !m_stopping ? m_notReady
                                                                                        : QStringList{QStringLiteral("startup-sidecars")};
        body = ready ? QByteArray(R"({"ready":true})")
                     : QJsonDocument(QJsonObject{{QStringLiteral("ready"), false},
                                                 {QStringLiteral("failing"), QJsonArray::fromStringList(failing)}})
                           .toJson(QJsonDocument::Compact);
    }
    const char* reason = status == 200   ? "OK"
                         : status == 503 ? "Service Unavailable"
                         : status == 405 ? "Method Not Allowed"
                                         : "Not Found";
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                          "\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n"
                          "Content-Length: " +
                          QByteArray::number(body.size()) + (keepAlive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n");
    if (method != "HEAD")
        response += body;
    socket->write(response);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    // Like Node's HTTP server: an HTTP/1.1 connection stays open after the answer unless the
    // client asked to close it (one answer per connection is all the fixture gives).
    if (!keepAlive)
        socket->disconnectFromHost();
}

void FakeServer::onWebSocketConnection()
{
    while (QWebSocket* ws = m_webSockets->nextPendingConnection()) {
        auto* session = new FakeSession(ws, this);
        m_sessions.append(session);
        connect(session, &FakeSession::gone, this, &FakeServer::onSessionGone);
        if (m_stopping)
            session->closeWith(1012, QStringLiteral("gateway stopping"));
        else
            session->begin();
    }
}

void FakeServer::onSessionGone(FakeSession* session)
{
    const bool wasAuthenticated = session->isAuthenticated();
    m_sessions.removeOne(session);
    session->deleteLater();
    if (wasAuthenticated && !m_stopping) {
        ++m_presenceVersion;
        broadcast(QStringLiteral("presence"), QJsonObject{{QStringLiteral("presence"), presence()}}, true);
    }
}

// ---- Sessions and events ------------------------------------------------------------------

QList<FakeSession*> FakeServer::authenticatedSessions() const
{
    QList<FakeSession*> out;
    for (FakeSession* s : m_sessions) {
        if (s->isAuthenticated() && !s->isClosing())
            out.append(s);
    }
    return out;
}

QJsonObject FakeServer::addApproval(const QJsonObject& params)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString id = params.value(QStringLiteral("id")).toString(QUuid::createUuid().toString(QUuid::WithoutBraces));
    const int expiresInMs = params.value(QStringLiteral("expiresInMs")).toInt(120000);
    QJsonObject request{{QStringLiteral("command"), params.value(QStringLiteral("command")).toString(QStringLiteral("echo hello"))},
                        {QStringLiteral("cwd"), params.value(QStringLiteral("cwd")).toString(QStringLiteral("/tmp"))},
                        {QStringLiteral("host"), QStringLiteral("gateway")},
                        {QStringLiteral("agentId"), QStringLiteral("main")},
                        {QStringLiteral("sessionKey"), QStringLiteral("agent:main:main")},
                        {QStringLiteral("allowedDecisions"),
                         params.value(QStringLiteral("allowedDecisions"))
                             .toArray(QJsonArray{QStringLiteral("allow-once"), QStringLiteral("allow-always"), QStringLiteral("deny")})}};
    const QJsonObject entry{{QStringLiteral("id"), id},
                            {QStringLiteral("approvalKind"), QStringLiteral("exec")},
                            {QStringLiteral("request"), request},
                            {QStringLiteral("createdAtMs"), double(now)},
                            {QStringLiteral("expiresAtMs"), double(now + expiresInMs)}};
    m_approvals.insert(id, entry);
    if (!params.value(QStringLiteral("silent")).toBool())
        broadcast(QStringLiteral("exec.approval.requested"), entry);
    QTimer::singleShot(expiresInMs, this, [this, id] { resolveApproval(id, QStringLiteral("deny"), QString()); });
    return entry;
}

QJsonObject FakeServer::channelsStatus() const
{
    const QJsonObject accounts = m_channels.value(QStringLiteral("accounts")).toObject();
    return {{QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())},
            {QStringLiteral("channelOrder"), QJsonArray::fromStringList(accounts.keys())},
            {QStringLiteral("channelLabels"), m_channels.value(QStringLiteral("labels")).toObject()},
            {QStringLiteral("channels"), QJsonObject{}},
            {QStringLiteral("channelAccounts"), accounts},
            {QStringLiteral("channelDefaultAccountId"), QJsonObject{}},
            {QStringLiteral("statusIssues"), m_channels.value(QStringLiteral("issues")).toArray()}};
}

QJsonObject FakeServer::healthSnapshot() const
{
    QJsonObject health = healthPayload(facts());
    QJsonObject channels;
    const QJsonObject accounts = m_channels.value(QStringLiteral("accounts")).toObject();
    for (auto it = accounts.begin(); it != accounts.end(); ++it) {
        QJsonObject byId;
        for (const QJsonValue& v : it.value().toArray()) {
            const QJsonObject a = v.toObject();
            byId.insert(a.value(QStringLiteral("accountId")).toString(QStringLiteral("default")), a);
        }
        channels.insert(it.key(), QJsonObject{{QStringLiteral("accounts"), byId}});
    }
    for (const QString& failing : m_notReady) {
        const QString channel = failing.section(QLatin1Char(':'), 0, 0);
        const QString account = failing.section(QLatin1Char(':'), 1).isEmpty() ? QStringLiteral("default")
                                                                                : failing.section(QLatin1Char(':'), 1);
        QJsonObject entry = channels.value(channel).toObject();
        QJsonObject byId = entry.value(QStringLiteral("accounts")).toObject();
        QJsonObject a = byId.value(account).toObject();
        a.insert(QStringLiteral("accountId"), account);
        a.insert(QStringLiteral("running"), false);
        a.insert(QStringLiteral("lastError"), QStringLiteral("not ready"));
        byId.insert(account, a);
        entry.insert(QStringLiteral("accounts"), byId);
        channels.insert(channel, entry);
    }
    for (auto it = channels.begin(); it != channels.end(); ++it) {
        // As the real snapshot: the default account's fields beside the per-account map.
        QJsonObject entry = it.value().toObject();
        const QJsonObject byId = entry.value(QStringLiteral("accounts")).toObject();
        const QJsonObject first = byId.value(QStringLiteral("default")).toObject();
        for (auto f = first.begin(); f != first.end(); ++f)
            entry.insert(f.key(), f.value());
        it.value() = entry;
    }
    health.insert(QStringLiteral("channels"), channels);
    health.insert(QStringLiteral("channelOrder"), QJsonArray::fromStringList(channels.keys()));
    return health;
}

QString FakeServer::controlChannel(const QString& action, const QString& channel, const QString& accountId)
{
    QJsonObject accounts = m_channels.value(QStringLiteral("accounts")).toObject();
    if (!accounts.contains(channel))
        return QStringLiteral("unknown channel: %1").arg(channel);
    QJsonArray list = accounts.value(channel).toArray();
    bool found = false;
    for (int i = 0; i < list.size(); ++i) {
        QJsonObject a = list.at(i).toObject();
        const QString id = a.value(QStringLiteral("accountId")).toString(QStringLiteral("default"));
        if (!accountId.isEmpty() ? id != accountId : i != 0)
            continue;
        found = true;
        const bool start = action == QLatin1String("start");
        a.insert(QStringLiteral("running"), start);
        a.insert(QStringLiteral("connected"), start);
        a.remove(QStringLiteral("lastError"));
        if (action == QLatin1String("logout"))
            a.insert(QStringLiteral("linked"), false);
        list.replace(i, a);
    }
    if (!found)
        return QStringLiteral("unknown account %1 for channel %2").arg(accountId, channel);
    accounts.insert(channel, list);
    m_channels.insert(QStringLiteral("accounts"), accounts);
    return {};
}

namespace {

QString pairIdKey(const QString& kind)
{
    return kind == QLatin1String("node") ? QStringLiteral("nodeId") : QStringLiteral("deviceId");
}

} // namespace

QJsonObject FakeServer::addPairRequest(const QJsonObject& params)
{
    const QString kind = params.value(QStringLiteral("kind")).toString(QStringLiteral("device"));
    const QString requestId = params.value(QStringLiteral("requestId")).toString(QUuid::createUuid().toString(QUuid::WithoutBraces));
    QJsonObject entry = params;
    entry.remove(QStringLiteral("kind"));
    entry.remove(QStringLiteral("quiet"));
    entry.insert(QStringLiteral("requestId"), requestId);
    if (!entry.contains(pairIdKey(kind)))
        entry.insert(pairIdKey(kind), QUuid::createUuid().toString(QUuid::Id128));
    if (!entry.contains(QStringLiteral("ts")))
        entry.insert(QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch()));
    if (kind == QLatin1String("device")) {
        if (!entry.contains(QStringLiteral("role")))
            entry.insert(QStringLiteral("role"), QStringLiteral("operator"));
        if (!entry.contains(QStringLiteral("scopes")))
            entry.insert(QStringLiteral("scopes"), QJsonArray{QStringLiteral("operator.read")});
    }
    m_pairPending[kind].insert(requestId, entry);
    if (!entry.value(QStringLiteral("silent")).toBool() && !params.value(QStringLiteral("quiet")).toBool())
        broadcast(kind + QStringLiteral(".pair.requested"), entry);
    return entry;
}

QJsonObject FakeServer::pairList(const QString& kind) const
{
    QJsonArray pending;
    for (const QJsonObject& e : m_pairPending.value(kind))
        pending.append(e);
    QJsonArray paired;
    for (const QJsonObject& e : m_paired.value(kind))
        paired.append(e);
    return {{QStringLiteral("pending"), pending}, {QStringLiteral("paired"), paired}};
}

QString FakeServer::answerPairRequest(const QString& kind, const QString& requestId, bool approve, QJsonObject* result)
{
    auto& pending = m_pairPending[kind];
    const auto it = pending.find(requestId);
    if (it == pending.end())
        return QStringLiteral("unknown requestId");
    QJsonObject entry = *it;
    pending.erase(it);
    const QString id = entry.value(pairIdKey(kind)).toString();
    if (approve) {
        entry.remove(QStringLiteral("requestId"));
        entry.remove(QStringLiteral("silent"));
        entry.remove(QStringLiteral("isRepair"));
        entry.insert(QStringLiteral("approvedVia"), QStringLiteral("owner"));
        entry.insert(QStringLiteral("approvedAtMs"), double(QDateTime::currentMSecsSinceEpoch()));
        m_paired[kind].insert(id, entry);
        *result = {{QStringLiteral("requestId"), requestId}, {kind, entry}};
    } else {
        *result = {{QStringLiteral("requestId"), requestId}, {pairIdKey(kind), id}};
    }
    broadcast(kind + QStringLiteral(".pair.resolved"),
              QJsonObject{{QStringLiteral("requestId"), requestId},
                          {pairIdKey(kind), id},
                          {QStringLiteral("decision"), approve ? QStringLiteral("approved") : QStringLiteral("rejected")},
                          {QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())}});
    return {};
}

QString FakeServer::removePaired(const QString& kind, const QString& id)
{
    if (m_paired[kind].remove(id) == 0)
        return kind == QLatin1String("node") ? QStringLiteral("unknown nodeId") : QStringLiteral("unknown deviceId");
    if (kind == QLatin1String("node"))
        broadcast(QStringLiteral("node.pair.resolved"), QJsonObject{{QStringLiteral("requestId"), QString()},
                                                                    {QStringLiteral("nodeId"), id},
                                                                    {QStringLiteral("decision"), QStringLiteral("removed")}});
    return {};
}

QString FakeServer::renamePaired(const QString& kind, const QString& id, const QString& label)
{
    auto& paired = m_paired[kind];
    const auto it = paired.find(id);
    if (it == paired.end())
        return kind == QLatin1String("node") ? QStringLiteral("unknown nodeId") : QStringLiteral("unknown deviceId");
    if (label.trimmed().isEmpty())
        return QStringLiteral("label required");
    it->insert(kind == QLatin1String("node") ? QStringLiteral("displayName") : QStringLiteral("operatorLabel"), label);
    if (kind == QLatin1String("device"))
        broadcast(QStringLiteral("device.pair.changed"), QJsonObject{});
    return {};
}

void FakeServer::setSessions(const QJsonObject& spec)
{
    m_agentSessions = spec;
    const QJsonObject payload{{QStringLiteral("reason"), QStringLiteral("update")},
                              {QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())}};
    for (FakeSession* s : authenticatedSessions())
        if (sessionSubscribers.contains(s))
            s->sendEvent(QStringLiteral("sessions.changed"), payload);
}

QJsonObject FakeServer::sessionsList(int limit) const
{
    const QJsonArray all = m_agentSessions.value(QStringLiteral("sessions")).toArray();
    QJsonArray rows;
    for (int i = 0; i < all.size() && i < limit; ++i)
        rows.append(all.at(i));
    return {{QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())},
            {QStringLiteral("count"), int(rows.size())},
            {QStringLiteral("totalCount"), m_agentSessions.value(QStringLiteral("totalCount")).toInt(int(all.size()))},
            {QStringLiteral("sessions"), rows}};
}

QJsonObject FakeServer::usageCost() const
{
    QJsonObject day = m_agentSessions.value(QStringLiteral("usage")).toObject();
    for (const char* k : {"totalTokens", "totalCost", "missingCostEntries"})
        if (!day.contains(QLatin1String(k)))
            day.insert(QLatin1String(k), 0);
    day.insert(QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd")));
    return {{QStringLiteral("days"), 1}, {QStringLiteral("daily"), QJsonArray{day}}, {QStringLiteral("totals"), day}};
}

QJsonArray FakeServer::approvals() const
{
    QJsonArray out;
    for (const QJsonObject& e : m_approvals)
        out.append(e);
    return out;
}

bool FakeServer::resolveApproval(const QString& id, const QString& decision, const QString& by)
{
    const auto it = m_approvals.find(id);
    if (it == m_approvals.end())
        return false;
    const QJsonObject entry = *it;
    m_approvals.erase(it);
    broadcast(QStringLiteral("exec.approval.resolved"),
              QJsonObject{{QStringLiteral("id"), id},
                          {QStringLiteral("decision"), decision},
                          {QStringLiteral("resolvedBy"), by.isEmpty() ? QJsonValue() : QJsonValue(by)},
                          {QStringLiteral("ts"), double(QDateTime::currentMSecsSinceEpoch())},
                          {QStringLiteral("request"), entry.value(QStringLiteral("request"))}});
    return true;
}

void FakeServer::broadcast(const QString& event, const QJsonValue& payload, bool withStateVersion)
{
    const QJsonObject version = withStateVersion ? stateVersion() : QJsonObject();
    for (FakeSession* s : authenticatedSessions())
        s->sendEvent(event, payload, version);
}

QJsonArray FakeServer::presence() const
{
    QJsonArray list{gatewayPresenceEntry(facts())};
    for (FakeSession* s : authenticatedSessions())
        list.append(s->presenceEntry());
    return list;
}

QJsonObject FakeServer::stateVersion() const
{
    return {{QStringLiteral("presence"), m_presenceVersion}, {QStringLiteral("health"), m_healthVersion}};
}

void FakeServer::noteAuthenticated(FakeSession*)
{
    ++m_presenceVersion;
}

void FakeServer::afterHello(FakeSession*)
{
    // As the real one: a presence change, then the post-connect health refresh, to everyone.
    broadcast(QStringLiteral("presence"), QJsonObject{{QStringLiteral("presence"), presence()}}, true);
    ++m_healthVersion;
    broadcast(QStringLiteral("health"), healthSnapshot(), true);
}

int FakeServer::takeAuthFailureDelayMs()
{
    if (m_options.authFailDelayMs <= 0)
        return 0;
    const qint64 now = m_processClock.elapsed();
    while (!m_authFailures.isEmpty() && now - m_authFailures.first() > 60000)
        m_authFailures.removeFirst();
    qint64 delay = m_options.authFailDelayMs;
    for (int i = 0; i < m_authFailures.size() && delay < 5000; ++i)
        delay *= 2;
    m_authFailures.append(now);
    return static_cast<int>(std::min<qint64>(delay, 5000));
}

GatewayFacts FakeServer::facts() const
{
    GatewayFacts f;
    f.pid = ::getpid();
    f.hostname = m_hostname;
    f.port = m_port;
    f.version = QLatin1String(kVersion);
    f.buildId = QStringLiteral("%1-fake-build").arg(QLatin1String(kVersion));
    f.bootId = m_bootId;
    f.instanceId = m_instanceId;
    f.stateDir = m_options.stateDir;
    f.bootUptimeMs = m_bootClock.elapsed();
    f.processUptimeMs = m_processClock.elapsed();
    f.activeTasks = m_activeTasks;
    f.tickMs = m_options.tickMs;
    return f;
}

// ---- Fault rules --------------------------------------------------------------------------

void FakeServer::setDelay(const QString& method, int ms)
{
    if (ms > 0)
        m_delays.insert(method, ms);
    else
        m_delays.remove(method);
}

void FakeServer::setDropped(const QString& method, bool dropped)
{
    if (dropped)
        m_dropped.insert(method);
    else
        m_dropped.remove(method);
}

void FakeServer::clearRules()
{
    m_delays.clear();
    m_dropped.clear();
}

} // namespace fakegw
