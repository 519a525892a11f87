#include "companion/ActivityModel.h"

#include "logging/Logging.h"
#include "supervisor/GatewayManager.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <memory>

namespace clawtray {

namespace {

constexpr int kCallTimeoutMs = 15000;

QString text(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

QJsonObject SessionSummary::toJson() const
{
    return {{QStringLiteral("key"), key},       {QStringLiteral("name"), name},
            {QStringLiteral("agentId"), agentId}, {QStringLiteral("model"), model},
            {QStringLiteral("updatedAtMs"), updatedAtMs}, {QStringLiteral("running"), running}};
}

QString UpdateOffer::text() const
{
    if (!available())
        return {};
    return QStringLiteral("OpenClaw %1 → %2 available%3")
        .arg(currentVersion.isEmpty() ? QStringLiteral("?") : currentVersion, latestVersion,
             channel.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(channel));
}

ActivityModel::ActivityModel(GatewayManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    m_eventRefresh.setSingleShot(true);
    connect(&m_eventRefresh, &QTimer::timeout, this, [this] { refresh(); });
    connect(manager, &GatewayManager::statusChanged, this, &ActivityModel::onStatus);
    connect(manager, &GatewayManager::gatewayEvent, this, &ActivityModel::onEvent);
    onStatus(manager->status());
}

void ActivityModel::onStatus(const GatewayStatus& s)
{
    // The version, sessions and usage describe the connection ClawTray has: while it is lost
    // (reconnecting after a crash included) there is none, and nothing of the old one is shown as
    // if it were current. They are read again on the next hello-ok.
    if (s.state != GatewayState::Running && s.state != GatewayState::Starting) {
        m_connectedFor = 0;
        clear();
        return;
    }
    if (s.state != GatewayState::Running || s.connectedAtMs == m_connectedFor)
        return;
    m_connectedFor = s.connectedAtMs;
    const HelloOk& hello = m_manager->client()->hello();
    const bool versionMoved = m_version != hello.serverVersion;
    m_version = hello.serverVersion;
    setUpdate(hello.snapshot.value(QLatin1String("updateAvailable")));
    // sessions.changed reaches only subscribed connections; a gateway without it is no error.
    m_manager->call(QStringLiteral("sessions.subscribe"), QJsonObject{}, kCallTimeoutMs, [](const CallResult& r) {
        if (!r.ok())
            logDebug(QStringLiteral("sessions.subscribe: %1").arg(r.message));
    });
    if (m_loaded)
        refresh(); // someone looks at it: what this connection says
    else if (versionMoved)
        Q_EMIT changed();
}

void ActivityModel::onEvent(const QString& event, const QJsonValue& payload)
{
    if (event == QLatin1String("sessions.changed")) {
        if (m_loaded && !m_eventRefresh.isActive())
            m_eventRefresh.start(m_minRefreshMs);
    } else if (event == QLatin1String("update.available")) {
        setUpdate(payload.toObject().value(QLatin1String("updateAvailable")));
    }
}

void ActivityModel::setUpdate(const QJsonValue& offer)
{
    const QJsonObject o = offer.toObject();
    UpdateOffer next{text(o, "currentVersion"), text(o, "latestVersion"), text(o, "channel")};
    if (next.currentVersion.isEmpty())
        next.currentVersion = m_version;
    if (!next.available())
        next = UpdateOffer{};
    if (next.currentVersion == m_update.currentVersion && next.latestVersion == m_update.latestVersion
        && next.channel == m_update.channel)
        return;
    m_update = next;
    if (m_update.available())
        logInfo(m_update.text());
    Q_EMIT updateChanged();
    Q_EMIT changed();
}

void ActivityModel::clear()
{
    m_eventRefresh.stop();
    ++m_generation;
    const bool had = m_loaded || !m_version.isEmpty() || m_update.available() || !m_error.isEmpty();
    m_loaded = false;
    m_error.clear();
    m_activeSessions = 0;
    m_recent.clear();
    m_tokensToday = 0;
    m_costToday = 0;
    m_missingCost = 0;
    m_version.clear();
    m_loadedAtMs = 0;
    const bool hadUpdate = m_update.available();
    m_update = {};
    if (hadUpdate)
        Q_EMIT updateChanged();
    if (had)
        Q_EMIT changed();
}

void ActivityModel::refreshIfStale(std::function<void(const QString&)> done)
{
    // By the time of the last attempt, so a gateway that keeps failing is not asked in a loop.
    if (m_loadedAtMs == 0 || nowMs() - m_loadedAtMs >= m_minRefreshMs)
        refresh(std::move(done));
    else if (done)
        done(m_error);
}

void ActivityModel::refresh(std::function<void(const QString&)> done)
{
    if (!m_manager || m_manager->status().state != GatewayState::Running) {
        if (done)
            done(QStringLiteral("the gateway is not running"));
        return;
    }
    const quint64 generation = ++m_generation;
    QPointer<ActivityModel> self(this);
    auto finish = [self, generation, done](const QString& error) {
        if (!self || generation != self->m_generation) {
            if (done)
                done(QStringLiteral("superseded"));
            return;
        }
        self->m_error = error;
        self->m_loadedAtMs = nowMs();
        if (!error.isEmpty())
            logWarn(QStringLiteral("sessions and usage: %1").arg(error));
        Q_EMIT self->changed();
        if (done)
            done(error);
    };
    const QJsonObject sessionsParams{{QStringLiteral("limit"), kRecentSessions}, {QStringLiteral("activeMinutes"), kActiveMinutes}};
    m_manager->call(QStringLiteral("sessions.list"), sessionsParams, kCallTimeoutMs, [self, generation, finish](const CallResult& r) {
        if (!self || generation != self->m_generation)
            return finish(QString());
        if (!r.ok())
            return finish(QStringLiteral("sessions.list failed: %1").arg(r.message));
        const QJsonObject o = r.payload.toObject();
        const QJsonArray list = o.value(QLatin1String("sessions")).toArray();
        // Shown together with the usage of the same moment: kept aside until that answer is in.
        auto recent = std::make_shared<QList<SessionSummary>>();
        for (const QJsonValue& v : list) {
            const QJsonObject s = v.toObject();
            SessionSummary row;
            row.key = text(s, "key");
            row.name = text(s, "displayName");
            if (row.name.isEmpty())
                row.name = text(s, "label");
            if (row.name.isEmpty())
                row.name = row.key;
            row.agentId = text(s, "agentId");
            row.model = text(s, "model");
            row.updatedAtMs = qint64(s.value(QLatin1String("updatedAt")).toDouble());
            row.running = s.value(QLatin1String("hasActiveRun")).toBool(false);
            *recent << row;
        }
        const QJsonValue total = o.value(QLatin1String("totalCount"));
        const int active = total.isDouble() ? total.toInt() : o.value(QLatin1String("count")).toInt(int(list.size()));
        self->m_manager->call(QStringLiteral("usage.cost"), QJsonObject{{QStringLiteral("days"), 1}}, kCallTimeoutMs,
                              [self, generation, finish, recent, active](const CallResult& u) {
                                  if (!self || generation != self->m_generation)
                                      return finish(QString());
                                  self->m_recent = *recent;
                                  self->m_activeSessions = active;
                                  if (!u.ok()) {
                                      self->m_loaded = true; // the sessions are still worth showing
                                      return finish(QStringLiteral("usage.cost failed: %1").arg(u.message));
                                  }
                                  const QJsonArray daily = u.payload.toObject().value(QLatin1String("daily")).toArray();
                                  const QJsonObject today = daily.isEmpty() ? u.payload.toObject().value(QLatin1String("totals")).toObject()
                                                                            : daily.last().toObject();
                                  self->m_tokensToday = qint64(today.value(QLatin1String("totalTokens")).toDouble());
                                  self->m_costToday = today.value(QLatin1String("totalCost")).toDouble();
                                  self->m_missingCost = today.value(QLatin1String("missingCostEntries")).toInt();
                                  self->m_loaded = true;
                                  finish(QString());
                              });
    });
}

QString ActivityModel::sessionsText() const
{
    if (!m_loaded)
        return QStringLiteral("sessions unknown");
    QString line = m_activeSessions == 0 ? QStringLiteral("no session active in the last hour")
                   : m_activeSessions == 1 ? QStringLiteral("1 session active in the last hour")
                                           : QStringLiteral("%1 sessions active in the last hour").arg(m_activeSessions);
    // Of the sessions listed (the most recent few): derived, not kept beside them.
    const auto running = std::count_if(m_recent.cbegin(), m_recent.cend(), [](const SessionSummary& s) { return s.running; });
    if (running > 0)
        line += QStringLiteral(" (%1 running now)").arg(running);
    return line;
}

QString ActivityModel::usageText() const
{
    if (!m_loaded)
        return QStringLiteral("usage unknown");
    const QLocale en(QLocale::English);
    const QString cost = QStringLiteral("$%1").arg(m_costToday, 0, 'f', 2);
    return QStringLiteral("today: %1 tokens, %2 %3 (estimated)")
        .arg(en.toString(m_tokensToday), costComplete() ? QStringLiteral("about") : QStringLiteral("at least"), cost);
}

QJsonObject ActivityModel::summaryJson() const
{
    QJsonObject o{{QStringLiteral("loaded"), m_loaded}, {QStringLiteral("version"), m_version}};
    if (m_loaded) {
        QJsonArray recent;
        for (const SessionSummary& s : m_recent)
            recent.append(s.toJson());
        o.insert(QStringLiteral("activeSessions"), m_activeSessions);
        o.insert(QStringLiteral("recentSessions"), recent);
        o.insert(QStringLiteral("tokensToday"), m_tokensToday);
        o.insert(QStringLiteral("costTodayUsd"), m_costToday);
        o.insert(QStringLiteral("costComplete"), costComplete());
        o.insert(QStringLiteral("sessionsText"), sessionsText());
        o.insert(QStringLiteral("usageText"), usageText());
    }
    if (!m_error.isEmpty())
        o.insert(QStringLiteral("error"), m_error);
    if (m_update.available())
        o.insert(QStringLiteral("update"), QJsonObject{{QStringLiteral("currentVersion"), m_update.currentVersion},
                                                       {QStringLiteral("latestVersion"), m_update.latestVersion},
                                                       {QStringLiteral("channel"), m_update.channel},
                                                       {QStringLiteral("text"), m_update.text()}});
    return o;
}

} // namespace clawtray
