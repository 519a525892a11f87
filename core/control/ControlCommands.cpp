#include "control/ControlCommands.h"

#include "companion/ActivityModel.h"
#include "companion/ApprovalsModel.h"
#include "companion/ChannelsModel.h"
#include "companion/PairingModel.h"

#include "logging/Logging.h"
#include "policy/ReloadPolicy.h"
#include "supervisor/DashboardLink.h"
#include "supervisor/GatewayManager.h"
#include "update/GatewayUpdater.h"
#include "update/UpdateChecker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTimer>

#include <memory>

namespace clawtray {
namespace {

constexpr int kDefaultLogLines = 50;
constexpr int kDefaultCallTimeoutMs = 15000;
constexpr qint64 kMaxFollowBacklogBytes = 4 * 1024 * 1024;

QJsonObject logLineJson(const LogLine& l)
{
    return {{QStringLiteral("seq"), double(l.seq)},
            {QStringLiteral("timeMs"), l.timeMs},
            {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(l.timeMs).toString(Qt::ISODateWithMs)},
            {QStringLiteral("level"), logLevelName(l.level)},
            {QStringLiteral("source"), l.source},
            {QStringLiteral("text"), l.text}};
}

QString reloadActionName(ReloadPolicy::Action a)
{
    switch (a) {
    case ReloadPolicy::Action::None:
        return QStringLiteral("none");
    case ReloadPolicy::Action::RestartProcess:
        return QStringLiteral("restart-process");
    case ReloadPolicy::Action::RestartInProcessRpc:
    case ReloadPolicy::Action::RestartInProcessSignal:
        return QStringLiteral("restart-in-process");
    }
    return QStringLiteral("none");
}

} // namespace

void ControlResponder::ok(const QJsonObject& result) const
{
    if (session)
        session->reply(ControlProtocol::encodeReply(id, result));
}

void ControlResponder::fail(const char* code, const QString& message, const QJsonObject& details) const
{
    if (session)
        session->sendError(id, code, message, details);
}

ControlCommands::ControlCommands(QObject* parent)
    : QObject(parent)
{
    m_uptime.start();
}

void ControlCommands::setManager(GatewayManager* manager, const Companion& companion)
{
    m_manager = manager;
    m_approvals = companion.approvals;
    m_channels = companion.channels;
    m_pairing = companion.pairing;
    m_activity = companion.activity;
    m_checker = companion.updateChecker;
    m_updater = companion.updater;
}

void ControlCommands::execute(ControlSession* session, const ControlRequest& request)
{
    const ControlResponder r{session, request.id};
    const QString& cmd = request.cmd;
    if (!m_manager) {
        r.fail(ControlErrorCode::NotReady,
               m_notReadyReason.isEmpty()
                   ? QStringLiteral("ClawTray is still starting (loading the gateway token); try again shortly")
                   : QStringLiteral("ClawTray does not manage the gateway yet: %1").arg(m_notReadyReason));
        return;
    }
    if (cmd != QLatin1String("status") && cmd != QLatin1String("logs"))
        controlLog(false, QStringLiteral("control: %1 requested").arg(cmd));
    if (cmd == QLatin1String("status"))
        status(r);
    else if (cmd == QLatin1String("start"))
        start(r, request.args);
    else if (cmd == QLatin1String("stop"))
        stop(r, request.args);
    else if (cmd == QLatin1String("restart"))
        restart(r, request.args);
    else if (cmd == QLatin1String("reload"))
        reload(r);
    else if (cmd == QLatin1String("logs"))
        logs(r, request.args);
    else if (cmd == QLatin1String("diagnostics"))
        diagnostics(r, request.args);
    else if (cmd == QLatin1String("doctor"))
        doctor(r);
    else if (cmd == QLatin1String("call"))
        call(r, request.args);
    else if (cmd == QLatin1String("dashboard"))
        dashboard(r);
    else if (cmd == QLatin1String("approvals"))
        approvals(r, request.args);
    else if (cmd == QLatin1String("channels"))
        channels(r, request.args);
    else if (cmd == QLatin1String("pair"))
        pair(r, request.args);
    else if (cmd == QLatin1String("update"))
        update(r, request.args);
    else if (cmd == QLatin1String("takeover") || cmd == QLatin1String("handback"))
        serviceHandover(r, request.args, cmd == QLatin1String("takeover"));
    else
        r.fail(ControlErrorCode::UnknownCommand, QStringLiteral("unknown command '%1'").arg(cmd));
}

QJsonObject ControlCommands::statusJson(const GatewayStatus& s) const
{
    return s.toJson(QDateTime::currentMSecsSinceEpoch());
}

void ControlCommands::status(const ControlResponder& r)
{
    QJsonObject instance = m_instanceInfo;
    instance.insert(QLatin1String("version"), QStringLiteral(CLAWTRAY_VERSION));
    instance.insert(QLatin1String("pid"), QCoreApplication::applicationPid());
    instance.insert(QLatin1String("uptimeMs"), m_uptime.elapsed());
    QJsonObject result{{QStringLiteral("clawtray"), instance},
                       {QStringLiteral("gateway"), statusJson(m_manager->status())},
                       {QStringLiteral("health"), m_manager->health().toJson()}};
    if (m_approvals)
        result.insert(QStringLiteral("approvals"), m_approvals->summaryJson());
    if (m_channels)
        result.insert(QStringLiteral("channels"), m_channels->summaryJson());
    if (m_pairing)
        result.insert(QStringLiteral("pairing"), m_pairing->summaryJson());
    if (m_checker || m_updater)
        result.insert(QStringLiteral("update"), updateJson());
    if (!m_activity || m_manager->status().state != GatewayState::Running) {
        if (m_activity)
            result.insert(QStringLiteral("activity"), m_activity->summaryJson());
        r.ok(result);
        return;
    }
    // Sessions and usage are read when someone asks (at most every few seconds), not polled. A
    // slow or hung gateway must not hold the status up: after kActivityWaitMs it answers with
    // what is known.
    QPointer<ControlCommands> self(this);
    auto answered = std::make_shared<bool>(false);
    auto reply = [self, r, result, answered]() mutable {
        if (*answered || !self)
            return;
        *answered = true;
        if (self->m_activity)
            result.insert(QStringLiteral("activity"), self->m_activity->summaryJson());
        r.ok(result);
    };
    QTimer::singleShot(kActivityWaitMs, this, reply);
    m_activity->refreshIfStale([reply](const QString&) mutable { reply(); });
}

void ControlCommands::reload(const ControlResponder& r)
{
    // ClawTray's own settings first (a hand-edited clawtray.ini): what changed there is applied
    // like a save in the Settings dialog, and may itself schedule the reload below.
    const QJsonObject settings = m_settingsReloader ? m_settingsReloader() : QJsonObject{};
    if (!m_manager) {
        r.fail(ControlErrorCode::NotReady, QStringLiteral("ClawTray rebuilt its gateway manager after the settings "
                                                          "change; see `clawtray ctl status`"),
               {{QStringLiteral("settings"), settings}});
        return;
    }
    // The same pure decision the manager takes, so the answer can say what is about to happen.
    const GatewayStatus s = m_manager->status();
    ReloadState st;
    st.running = s.state == GatewayState::Running;
    st.owned = s.owned;
    st.rpcAvailable = m_manager->client()->isConnected();
    const auto d = ReloadPolicy(m_manager->config().reload).decide({}, st);
    m_manager->requestReload(); // the debounced path the tray and the window use
    // The answer is the reload's outcome (as the tray and the window show it), once it has one;
    // after kReloadWaitMs, what is known then.
    QPointer<ControlCommands> self(this);
    auto answered = std::make_shared<bool>(false);
    auto conn = std::make_shared<QMetaObject::Connection>();
    auto reply = [self, r, d, answered, conn, settings](bool settled) {
        if (*answered || !self)
            return;
        *answered = true;
        QObject::disconnect(*conn);
        if (!self->m_manager) { // the manager was rebuilt meanwhile (token storage switched)
            r.fail(ControlErrorCode::NotReady, QStringLiteral("the reload was requested, but ClawTray rebuilt its "
                                                              "gateway manager meanwhile; see `clawtray ctl status`"));
            return;
        }
        const GatewayStatus s = self->m_manager->status();
        r.ok({{QStringLiteral("action"), reloadActionName(d.action)},
              {QStringLiteral("explanation"), d.explanation},
              {QStringLiteral("appliesAtNextStart"), d.appliesAtNextStart},
              {QStringLiteral("settled"), settled},
              {QStringLiteral("settings"), settings},
              {QStringLiteral("reload"), s.reload.toJson(QDateTime::currentMSecsSinceEpoch())},
              {QStringLiteral("status"), self->statusJson(s)}});
    };
    *conn = connect(m_manager, &GatewayManager::statusChanged, this, [reply](const GatewayStatus& s) {
        if (s.reload.settled())
            reply(true);
    });
    QTimer::singleShot(kReloadWaitMs, this, [reply] { reply(false); });
}

void ControlCommands::logs(const ControlResponder& r, const QJsonObject& args)
{
    LogRing& ring = logging::ring();
    const auto n = intArg(r, args, "n", kDefaultLogLines, 0, int(ring.capacity()));
    const auto follow = boolArg(r, args, "follow");
    if (!n || !follow)
        return;
    const QString levelName = args.value(QLatin1String("level")).toString(QStringLiteral("trace"));
    const LogLevel minLevel = logLevelFromName(levelName, LogLevel::Trace);
    QJsonArray lines;
    const QVector<LogLine> newest = ring.lines(1);
    const quint64 lastSeq = newest.isEmpty() ? 0 : newest.back().seq;
    for (const LogLine& l : ring.lines(*n, minLevel))
        lines.append(logLineJson(l));
    r.ok({{QStringLiteral("lines"), lines}, {QStringLiteral("follow"), *follow}});
    if (!*follow || !r.session)
        return;
    // Lines appended by other threads before this point may still arrive queued: skip by seq.
    auto dropped = std::make_shared<qint64>(0);
    ControlSession* session = r.session;
    session->holdOpen();
    connect(&ring, &LogRing::lineAdded, session, [r, session, lastSeq, minLevel, dropped](const LogLine& l) {
        if (l.seq <= lastSeq || l.level < minLevel)
            return;
        // A follower that stops reading must not make us buffer without bound: drop, then say so.
        if (session->pendingBytes() > kMaxFollowBacklogBytes) {
            ++*dropped;
            return;
        }
        if (*dropped > 0) {
            session->send(ControlProtocol::encodeStream(r.id, QStringLiteral("dropped"),
                                                        {{QStringLiteral("count"), double(*dropped)}}));
            *dropped = 0;
        }
        session->send(ControlProtocol::encodeStream(r.id, QStringLiteral("log"), logLineJson(l)));
    });
}

void ControlCommands::diagnostics(const ControlResponder& r, const QJsonObject& args)
{
    // An empty snapshot means the core could not build it: say so rather than answer "{}".
    const QJsonObject snapshot = m_manager->diagnosticsSnapshot();
    if (snapshot.isEmpty()) {
        r.fail(ControlErrorCode::Failed, QStringLiteral("the diagnostics snapshot could not be built (see the log)"));
        return;
    }
    const QJsonValue output = args.value(QLatin1String("output"));
    if (output.isUndefined() || output.isNull()) {
        r.ok(snapshot);
        return;
    }
    const QString path = output.toString();
    if (!output.isString() || path.isEmpty() || QDir::isRelativePath(path)) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("\"output\" must be an absolute path"));
        return;
    }
    const Result<qint64> written = m_manager->exportDiagnostics(path);
    if (!written) {
        r.fail(ControlErrorCode::Failed, written.error().english());
        return;
    }
    r.ok({{QStringLiteral("path"), path}, {QStringLiteral("bytes"), written.value()}});
}

void ControlCommands::doctor(const ControlResponder& r)
{
    m_manager->runDoctor([r](bool ok, const QString& output) {
        if (ok)
            r.ok({{QStringLiteral("output"), output}});
        else
            r.fail(ControlErrorCode::Failed, QStringLiteral("openclaw doctor --fix failed"),
                   {{QStringLiteral("output"), output}});
    });
}

void ControlCommands::dashboard(const ControlResponder& r)
{
    // The answer names the launcher file (ours, 0600), never the link inside it: the ctl process
    // (same user, verified) hands the file to the browser.
    m_manager->openDashboard([r](const DashboardLink& link) {
        if (link.ok)
            r.ok(link.toJson());
        else
            r.fail(ControlErrorCode::Failed, link.error, {{QStringLiteral("action"), link.action}});
    });
}

void ControlCommands::call(const ControlResponder& r, const QJsonObject& args)
{
    const QString method = args.value(QLatin1String("method")).toString();
    if (method.isEmpty()) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("\"method\" must be a non-empty string"));
        return;
    }
    const auto timeoutMs = intArg(r, args, "timeoutMs", kDefaultCallTimeoutMs, 100, 300000);
    if (!timeoutMs)
        return;
    const QJsonValue params =
        args.contains(QLatin1String("params")) ? args.value(QLatin1String("params")) : QJsonValue(QJsonObject{});
    m_manager->call(method, params, *timeoutMs, [r, method](const CallResult& res) {
        if (res.ok()) {
            r.ok({{QStringLiteral("method"), method}, {QStringLiteral("payload"), res.payload}});
        } else if (res.status == CallResult::Status::GatewayError && res.error) {
            r.fail(ControlErrorCode::GatewayError, res.error->message.isEmpty() ? res.message : res.error->message,
                   {{QStringLiteral("code"), res.error->code}});
        } else {
            r.fail(res.status == CallResult::Status::Timeout ? ControlErrorCode::Timeout : ControlErrorCode::Failed,
                   res.message.isEmpty() ? QStringLiteral("%1 failed").arg(method) : res.message);
        }
    });
}

std::optional<int> ControlCommands::intArg(const ControlResponder& r, const QJsonObject& args, const char* key,
                                           int fallback, int min, int max)
{
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return fallback;
    const double d = v.toDouble(-1.0);
    if (!v.isDouble() || d != double(qint64(d)) || d < min || d > max) {
        r.fail(ControlErrorCode::BadArgs,
               QStringLiteral("\"%1\" must be a whole number from %2 to %3").arg(QLatin1String(key)).arg(min).arg(max));
        return std::nullopt;
    }
    return int(d);
}

std::optional<bool> ControlCommands::boolArg(const ControlResponder& r, const QJsonObject& args, const char* key)
{
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return false;
    if (!v.isBool()) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return v.toBool();
}

} // namespace clawtray
