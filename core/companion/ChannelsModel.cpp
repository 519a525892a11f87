#include "companion/ChannelsModel.h"

#include "logging/Logging.h"
#include "supervisor/GatewayManager.h"

#include <QJsonArray>

#include <utility>

namespace clawtray {

namespace {

constexpr int kCallTimeoutMs = 15000;

QString text(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

} // namespace

bool ChannelAccount::needsAttention() const
{
    if (!enabled || !configured)
        return false;
    return !running || !connected || !lastError.isEmpty();
}

UserText ChannelAccount::state() const
{
    if (!enabled)
        return UserText(QT_TRANSLATE_NOOP("UserText", "disabled"));
    if (!configured)
        return UserText(QT_TRANSLATE_NOOP("UserText", "not configured"));
    if (!lastError.isEmpty())
        return UserText(QT_TRANSLATE_NOOP("UserText", "error: %1")).arg(lastError);
    if (!running)
        return UserText(QT_TRANSLATE_NOOP("UserText", "stopped"));
    return connected ? UserText(QT_TRANSLATE_NOOP("UserText", "connected")) : UserText(QT_TRANSLATE_NOOP("UserText", "running, not connected"));
}

QJsonObject ChannelAccount::toJson() const
{
    return {{QStringLiteral("channel"), channel},       {QStringLiteral("label"), channelLabel},
            {QStringLiteral("accountId"), accountId},   {QStringLiteral("name"), name},
            {QStringLiteral("enabled"), enabled},       {QStringLiteral("configured"), configured},
            {QStringLiteral("running"), running},       {QStringLiteral("connected"), connected},
            {QStringLiteral("lastError"), lastError},   {QStringLiteral("healthState"), healthState},
            {QStringLiteral("state"), stateText()},     {QStringLiteral("needsAttention"), needsAttention()}};
}

QJsonObject ChannelIssue::toJson() const
{
    return {{QStringLiteral("channel"), channel}, {QStringLiteral("accountId"), accountId}, {QStringLiteral("kind"), kind},
            {QStringLiteral("message"), message}, {QStringLiteral("fix"), fix}};
}

ChannelsModel::ChannelsModel(GatewayManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    m_eventRefresh.setSingleShot(true);
    connect(&m_eventRefresh, &QTimer::timeout, this, [this] { refresh(); });
    connect(manager, &GatewayManager::statusChanged, this, &ChannelsModel::onStatus);
    connect(manager, &GatewayManager::readinessInputsChanged, this, [this] {
        // The gateway's health snapshot says a channel account moved: look again, but not more
        // often than minRefreshMs. An unchanged snapshot (most of them) costs nothing.
        if (m_loaded && !m_eventRefresh.isActive())
            m_eventRefresh.start(m_minRefreshMs);
    });
    onStatus(manager->status());
}

void ChannelsModel::parse(const QJsonObject& result, QList<ChannelAccount>* accounts, QList<ChannelIssue>* issues)
{
    accounts->clear();
    issues->clear();
    const QJsonObject labels = result.value(QLatin1String("channelLabels")).toObject();
    const QJsonObject byChannel = result.value(QLatin1String("channelAccounts")).toObject();
    QStringList order;
    for (const QJsonValue& v : result.value(QLatin1String("channelOrder")).toArray())
        order << v.toString();
    for (const QString& c : byChannel.keys())
        if (!order.contains(c))
            order << c;
    for (const QString& channel : order) {
        for (const QJsonValue& v : byChannel.value(channel).toArray()) {
            const QJsonObject a = v.toObject();
            ChannelAccount acc;
            acc.channel = channel;
            acc.channelLabel = labels.value(channel).toString(channel);
            acc.accountId = text(a, "accountId");
            acc.name = text(a, "name");
            acc.enabled = a.value(QLatin1String("enabled")).toBool(true);
            acc.configured = a.value(QLatin1String("configured")).toBool(true);
            acc.running = a.value(QLatin1String("running")).toBool(false);
            acc.connected = a.value(QLatin1String("connected")).toBool(false);
            acc.lastError = text(a, "lastError");
            acc.healthState = text(a, "healthState");
            accounts->append(acc);
        }
    }
    for (const QJsonValue& v : result.value(QLatin1String("statusIssues")).toArray()) {
        const QJsonObject i = v.toObject();
        issues->append({text(i, "channel"), text(i, "accountId"), text(i, "kind"), text(i, "message"), text(i, "fix")});
    }
}

void ChannelsModel::onStatus(const GatewayStatus& s)
{
    if (s.state != GatewayState::Running) {
        // Only a reconnect to the process that reported them keeps the accounts on screen; a
        // crashed one's are not current any more.
        if (s.state != GatewayState::Reconnecting || s.pid == 0 || s.pid != m_listedPid)
            clear();
        m_loadedFor = 0;
        return;
    }
    if (s.connectedAtMs != m_loadedFor) {
        m_loadedFor = s.connectedAtMs;
        m_listedPid = s.pid;
        refresh();
    }
}

void ChannelsModel::clear()
{
    m_eventRefresh.stop();
    ++m_generation;
    for (const auto& w : std::exchange(m_waiters, {}))
        w(QStringLiteral("the gateway stopped"));
    if (!m_loaded && m_accounts.isEmpty() && m_error.isEmpty())
        return;
    m_loaded = false;
    m_accounts.clear();
    m_issues.clear();
    m_error.clear();
    Q_EMIT changed();
}

void ChannelsModel::refresh(std::function<void(const QString&)> done)
{
    if (!m_manager || m_manager->status().state != GatewayState::Running) {
        if (done)
            done(QStringLiteral("the gateway is not running"));
        return;
    }
    // A newer refresh answers this caller too, with what it read (never with older data).
    if (done)
        m_waiters << std::move(done);
    const quint64 generation = ++m_generation;
    m_manager->call(QStringLiteral("channels.status"), QJsonObject{{QStringLiteral("probe"), false}}, kCallTimeoutMs,
                    [this, generation](const CallResult& r) {
                        if (generation != m_generation)
                            return;
                        const QList<std::function<void(const QString&)>> waiters = std::exchange(m_waiters, {});
                        auto done = [waiters](const QString& error) {
                            for (const auto& w : waiters)
                                w(error);
                        };
                        if (!r.ok()) {
                            m_error = r.message;
                            logWarn(QStringLiteral("channels.status failed: %1").arg(r.message));
                            Q_EMIT changed();
                            done(r.message);
                            return;
                        }
                        const int before = attentionCount();
                        parse(r.payload.toObject(), &m_accounts, &m_issues);
                        m_loaded = true;
                        m_error.clear();
                        if (attentionCount() != before)
                            logInfo(QStringLiteral("channels: %1").arg(summaryText()));
                        Q_EMIT changed();
                        done(QString());
                    });
}

bool ChannelsModel::isControlAction(const QString& action)
{
    return action == QLatin1String("start") || action == QLatin1String("stop") || action == QLatin1String("logout");
}

bool ChannelsModel::canControl() const
{
    return m_manager && m_manager->status().state == GatewayState::Running
           && m_manager->client()->hello().grantedScopes.contains(QStringLiteral("operator.admin"));
}

QString ChannelsModel::controlUnavailableReason() const
{
    if (!m_manager || m_manager->status().state != GatewayState::Running)
        return QStringLiteral("the gateway is not running");
    if (!canControl())
        return QStringLiteral("starting, stopping and logging out channels needs operator.admin, which the gateway did not grant "
                              "ClawTray's device");
    return {};
}

void ChannelsModel::control(const QString& action, const QString& channel, const QString& accountId,
                            std::function<void(const QString&)> done)
{
    if (!isControlAction(action)) {
        done(QStringLiteral("'%1' is not a channel action: start, stop or logout").arg(action));
        return;
    }
    if (channel.isEmpty()) {
        done(QStringLiteral("%1 needs a channel").arg(action));
        return;
    }
    if (!canControl()) {
        done(controlUnavailableReason());
        return;
    }
    QJsonObject params{{QStringLiteral("channel"), channel}};
    if (!accountId.isEmpty())
        params.insert(QStringLiteral("accountId"), accountId);
    const QString what = accountId.isEmpty() ? channel : QStringLiteral("%1 (%2)").arg(channel, accountId);
    logInfo(QStringLiteral("channel %1: %2 requested").arg(what, action));
    QPointer<ChannelsModel> self(this);
    m_manager->call(QStringLiteral("channels.") + action, params, kCallTimeoutMs, [self, action, what, done](const CallResult& r) {
        if (!self)
            return;
        if (!r.ok()) {
            logWarn(QStringLiteral("channel %1: %2 failed: %3").arg(what, action, r.message));
            done(QStringLiteral("the gateway refused to %1 %2: %3").arg(action, what, r.message));
            return;
        }
        logInfo(QStringLiteral("channel %1: %2 done").arg(what, action));
        // What the account does now is in the next channels.status, not in this reply.
        self->refresh([done](const QString&) { done(QString()); });
    });
}

int ChannelsModel::attentionCount() const
{
    int n = 0;
    for (const ChannelAccount& a : m_accounts)
        n += a.needsAttention();
    return n;
}

UserText ChannelsModel::summary() const
{
    if (!m_loaded)
        return m_error.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "channels unknown")) : UserText(QT_TRANSLATE_NOOP("UserText", "channels unknown (%1)")).arg(m_error);
    QList<ChannelAccount> active;
    for (const ChannelAccount& a : m_accounts)
        if (a.enabled && a.configured)
            active << a;
    if (active.isEmpty())
        return UserText(QT_TRANSLATE_NOOP("UserText", "no channels configured"));
    const int attention = attentionCount();
    if (attention == 0) {
        QStringList names;
        for (const ChannelAccount& a : active)
            names << a.channelLabel;
        names.removeDuplicates();
        return UserText(QT_TRANSLATE_NOOP("UserText", "%1 connected")).arg(names.join(QStringLiteral(", ")));
    }
    UserText down; // "Telegram (default): stopped; Slack (work): error: …"
    for (const ChannelAccount& a : active) {
        if (!a.needsAttention())
            continue;
        const UserText one = UserText(QT_TRANSLATE_NOOP("UserText", "%1 (%2): %3")).arg(a.channelLabel).arg(a.accountId).arg(a.state());
        down = down.isEmpty() ? one : UserText(QT_TRANSLATE_NOOP("UserText", "%1; %2")).arg(down).arg(one);
    }
    return UserText(QT_TRANSLATE_NOOP("UserText", "%1 of %2 channel accounts need attention: %3")).arg(attention).arg(active.size()).arg(down);
}

QJsonObject ChannelsModel::summaryJson() const
{
    return {{QStringLiteral("loaded"), m_loaded},
            {QStringLiteral("accounts"), int(m_accounts.size())},
            {QStringLiteral("attention"), attentionCount()},
            {QStringLiteral("issues"), int(m_issues.size())},
            {QStringLiteral("text"), summaryText()}};
}

QJsonObject ChannelsModel::toJson() const
{
    QJsonObject o = summaryJson();
    QJsonArray accounts;
    for (const ChannelAccount& a : m_accounts)
        accounts.append(a.toJson());
    QJsonArray issues;
    for (const ChannelIssue& i : m_issues)
        issues.append(i.toJson());
    o.insert(QStringLiteral("channelAccounts"), accounts);
    o.insert(QStringLiteral("statusIssues"), issues);
    if (!m_error.isEmpty())
        o.insert(QStringLiteral("error"), m_error);
    return o;
}

} // namespace clawtray
