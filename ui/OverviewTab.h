#pragma once

#include "companion/Companion.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QGroupBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace clawtray {

class ActivityModel;
class ApprovalsModel;
class ChannelsModel;
class PairingModel;
class UpdatePanel;

// The window's first tab: what the gateway does for its user. Channels per account (state, the
// gateway's diagnosis and fix; start / stop / log out the selected one), exec approvals waiting,
// devices waiting to be paired and the paired devices (rename, remove). Every line renders the
// companion models as they are now; while the gateway is not running there is nothing to show and
// it says so. Actions go to the models; a log out or a removal is confirmed first.
class OverviewTab final : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewTab(QWidget* parent = nullptr);

    void setCompanion(const Companion& companion);

    // Questions to the user, replaceable for tests: a yes/no confirmation and a new name.
    using Confirm = std::function<bool(const QString& title, const QString& text)>;
    using AskName = std::function<std::optional<QString>(const QString& title, const QString& current)>;
    void setConfirm(Confirm c) { m_confirm = std::move(c); }
    void setAskName(AskName a) { m_askName = std::move(a); }

    // For tests.
    QTableWidget* channelsTable() const { return m_channelsTable; }
    QTableWidget* devicesTable() const { return m_devicesTable; }
    // "version", "update", "sessions", "usage", "recent", "channels", "issues", "approvals", "pairing", "message"
    QString text(const QString& field) const;
    QPushButton* button(const QString& name) const; // start, stop, logout, refresh, approvals, pairing, rename, remove
    UpdatePanel* updates() const { return m_updates; }

Q_SIGNALS:
    void approvalsRequested();
    void pairingRequested();

protected:
    void showEvent(QShowEvent* event) override; // sessions and usage are read when looked at

private:
    QGroupBox* buildActivity();
    void renderActivity();
    QGroupBox* buildChannels();
    QGroupBox* buildApprovals();
    QGroupBox* buildPairing();
    void renderChannels();
    void renderApprovals();
    void renderPairing();
    void updateChannelButtons();
    void updateDeviceButtons();
    void controlChannel(const QString& action);
    void renameDevice();
    void removeDevice();
    void showResult(const QString& error, const QString& success);

    QPointer<ActivityModel> m_activity;
    QPointer<ApprovalsModel> m_approvals;
    QPointer<ChannelsModel> m_channels;
    QPointer<PairingModel> m_pairing;
    Confirm m_confirm;
    AskName m_askName;
    QLabel* m_version = nullptr;
    UpdatePanel* m_updates = nullptr;
    QLabel* m_sessions = nullptr;
    QLabel* m_recent = nullptr;
    QLabel* m_usage = nullptr;
    QLabel* m_channelsSummary = nullptr;
    QTableWidget* m_channelsTable = nullptr;
    QLabel* m_issues = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_logout = nullptr;
    QPushButton* m_refresh = nullptr;
    QLabel* m_approvalsText = nullptr;
    QPushButton* m_reviewApprovals = nullptr;
    QLabel* m_pairingText = nullptr;
    QPushButton* m_reviewPairing = nullptr;
    QTableWidget* m_devicesTable = nullptr;
    QPushButton* m_rename = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_message = nullptr;
    QTimer m_messageTimer; // a result line goes after kMessageMs
    bool m_busy = false;
    static constexpr int kMessageMs = 10000;
};

} // namespace clawtray
