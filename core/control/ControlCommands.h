#pragma once

#include "companion/Companion.h"
#include "control/ControlProtocol.h"
#include "control/ControlSession.h"
#include "supervisor/GatewayStatus.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <QPointer>

#include <optional>

namespace clawtray {

class GatewayManager;

// Where the answer to one request goes. The session may be gone by the time a slow operation
// finishes (the client gave up): then the answer is dropped.
struct ControlResponder
{
    QPointer<ControlSession> session;
    QJsonValue id;
    void ok(const QJsonObject& result) const;
    void fail(const char* code, const QString& message, const QJsonObject& details = {}) const;
    bool connected() const { return session && session->isOpen(); }
};

// Executes control requests against the GatewayManager. Lifecycle commands (start, stop,
// restart) answer once the gateway reached the operation's end state (running, stopped, error)
// or the timeout passed, and always carry the final status. Nothing here decides anything about
// the gateway: it forwards the intent to the manager and reports what the manager did.
class ControlCommands final : public QObject
{
    Q_OBJECT
public:
    explicit ControlCommands(QObject* parent = nullptr);
    static constexpr int kReloadWaitMs = 45000; // `reload` answers with the outcome, or what is known then
    static constexpr int kActivityWaitMs = 1500; // `status` waits this long at most for sessions/usage

    // May be null while ClawTray is still starting (the token is loading): commands then answer
    // "not-ready". The manager must outlive this object or be reset to null first.
    void setManager(GatewayManager* manager, const Companion& companion = {});
    // Extra fields for `status`.clawtray, e.g. {"mode": "headless", "socket": path}.
    void setInstanceInfo(const QJsonObject& info) { m_instanceInfo = info; }
    // While there is no manager: what ClawTray is doing or waiting for instead ("ClawTray is waiting
    // for the keychain: …"), said to every command. Empty: "still starting".
    void setNotReadyReason(const QString& reason) { m_notReadyReason = reason; }
    // `reload` first reads ClawTray's own settings file again and applies what changed there (the
    // app's AppContext::reloadSettingsFile); its answer goes into the reply's "settings".
    using SettingsReloader = std::function<QJsonObject()>;
    void setSettingsReloader(SettingsReloader reloader) { m_settingsReloader = std::move(reloader); }

    void execute(ControlSession* session, const ControlRequest& request);

private:
    void status(const ControlResponder& r);
    void start(const ControlResponder& r, const QJsonObject& args);
    void stop(const ControlResponder& r, const QJsonObject& args);
    void restart(const ControlResponder& r, const QJsonObject& args);
    void safeRestart(const ControlResponder& r, bool force, int timeoutMs);
    void reload(const ControlResponder& r);
    void logs(const ControlResponder& r, const QJsonObject& args);
    void diagnostics(const ControlResponder& r, const QJsonObject& args);
    void doctor(const ControlResponder& r);
    void dashboard(const ControlResponder& r);
    // takeover / handback: switch who manages the gateway (OpenClaw's service or ClawTray), then
    // answer once it runs again under the new manager.
    void serviceHandover(const ControlResponder& r, const QJsonObject& args, bool takeOver);
    void call(const ControlResponder& r, const QJsonObject& args);
    void approvals(const ControlResponder& r, const QJsonObject& args);
    void channels(const ControlResponder& r, const QJsonObject& args);
    void pair(const ControlResponder& r, const QJsonObject& args);
    // update: check for a newer OpenClaw, update to it (or a given version), or roll back; the
    // progress goes out as "update" stream lines and the reply is the outcome (ControlUpdate.cpp).
    void update(const ControlResponder& r, const QJsonObject& args);
    QJsonObject updateJson() const;

    // Replies with the final status: ok when `success` holds, else "failed"/"timeout".
    void replyLifecycle(const ControlResponder& r, const QString& goal, const GatewayStatus& s, bool timedOut,
                        int timeoutMs, bool success, QJsonObject extra = {});
    int lifecycleTimeoutMs() const;
    QJsonObject statusJson(const GatewayStatus& s) const;

    // Reads an optional integer argument within [min, max]; on a bad value answers "bad-args".
    static std::optional<int> intArg(const ControlResponder& r, const QJsonObject& args, const char* key, int fallback,
                                     int min, int max);
    static std::optional<bool> boolArg(const ControlResponder& r, const QJsonObject& args, const char* key);

    QPointer<GatewayManager> m_manager;
    QPointer<ApprovalsModel> m_approvals;
    QPointer<ChannelsModel> m_channels;
    QPointer<PairingModel> m_pairing;
    QPointer<ActivityModel> m_activity;
    QPointer<UpdateChecker> m_checker;
    QPointer<GatewayUpdater> m_updater;
    SettingsReloader m_settingsReloader;
    QString m_notReadyReason;
    QJsonObject m_instanceInfo;
    QElapsedTimer m_uptime;
};

} // namespace clawtray
