#pragma once

#include "policy/UserText.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace clawtray {

class GatewayManager;
struct GatewayStatus;

// One configured channel account as `channels.status` reports it ("telegram", "default").
struct ChannelAccount
{
    QString channel;
    QString channelLabel;   // "Telegram"
    QString accountId;
    QString name;
    bool enabled = true;
    bool configured = true;
    bool running = false;
    bool connected = false;
    QString lastError;
    QString healthState;
    // Enabled and configured but not running, or running and not connected, or in error.
    bool needsAttention() const;
    QString stateText() const { return state().english(); }
    UserText state() const; // "connected", "running, not connected", "stopped", "error: …", "disabled"
    QJsonObject toJson() const;
};

// A problem the gateway diagnosed for an account, with its own fix text.
struct ChannelIssue
{
    QString channel;
    QString accountId;
    QString kind;     // intent | permissions | config | auth | runtime
    QString message;
    QString fix;
    QJsonObject toJson() const;
};

// The gateway's channels (Telegram, WhatsApp, …) per account, from `channels.status` with
// probe:false (the gateway's own last knowledge; nothing is contacted for it): fetched after every
// (re)connect, on demand, and `minRefreshMs` after a `health` event that changed a channel account
// (GatewayManager::readinessInputsChanged) — never polled in a loop. Empty and "not loaded" while the gateway is not running.
class ChannelsModel final : public QObject
{
    Q_OBJECT
public:
    explicit ChannelsModel(GatewayManager* manager, QObject* parent = nullptr);

    void setMinRefreshMs(int ms) { m_minRefreshMs = ms; }
    // Asks the gateway now; `done` (optional) gets "" or why it failed.
    void refresh(std::function<void(const QString& error)> done = {});

    bool loaded() const { return m_loaded; }
    QString error() const { return m_error; }
    QList<ChannelAccount> accounts() const { return m_accounts; }
    QList<ChannelIssue> issues() const { return m_issues; }
    int attentionCount() const;
    // "no channels configured", "Telegram connected", "1 of 2 channels needs attention: …"
    QString summaryText() const { return summary().english(); }
    UserText summary() const;
    QJsonObject summaryJson() const;
    QJsonObject toJson() const; // summary + accounts + issues

    // Start, stop or log out one account (`channels.start|stop|logout {channel, accountId}`; the
    // gateway allows these to admin devices only), then refresh; `done` gets "" or why it failed.
    // Logging out drops the account's session with its service: callers confirm it first.
    void control(const QString& action, const QString& channel, const QString& accountId,
                 std::function<void(const QString& error)> done);
    // Whether ClawTray's device was granted operator.admin (what control() needs); when not,
    // controlUnavailableReason() says so.
    bool canControl() const;
    QString controlUnavailableReason() const;
    static bool isControlAction(const QString& action); // start | stop | logout

    // Parses a channels.status result (exposed for tests).
    static void parse(const QJsonObject& result, QList<ChannelAccount>* accounts, QList<ChannelIssue>* issues);

Q_SIGNALS:
    void changed();

private:
    void onStatus(const GatewayStatus& s);
    void clear();

    QPointer<GatewayManager> m_manager;
    QList<ChannelAccount> m_accounts;
    QList<ChannelIssue> m_issues;
    bool m_loaded = false;
    QString m_error;
    qint64 m_loadedFor = 0; // connectedAtMs of the connection the data is from
    qint64 m_listedPid = 0; // the gateway process the accounts came from
    quint64 m_generation = 0;
    int m_minRefreshMs = 10000;
    QTimer m_eventRefresh;
    QList<std::function<void(const QString&)>> m_waiters; // callers of refresh() waiting for the newest answer
};

} // namespace clawtray
