#pragma once

#include "DesktopNotifier.h"
#include "NotificationThrottle.h"
#include "settings/SettingsData.h"
#include "supervisor/GatewayStatus.h"

#include <QElapsedTimer>
#include <QMenu>
#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QTimer>

namespace clawtray {

class ActivityModel;
class GatewayUpdater;
class UpdateChecker;
class ApprovalsModel;
class ChannelsModel;
class PairingModel;
class GatewayActions;
class SettingsController;

// The tray icon and its menu: a live status line, Start / Stop / Restart / Safe restart enabled
// per state, Open Control UI, Show ClawTray, Launch at login, Quit. The icon's badge shape follows
// the state; the tooltip has state, uptime and port; the manager's notices become (rate-limited)
// notifications. Renders and forwards only: every intent goes to GatewayActions.
class TrayIcon final : public QObject
{
    Q_OBJECT
public:
    enum class Item { Status, Activity, Update, Channels, Approvals, Pairing, Start, Stop, Restart, SafeRestart, ReloadConfig, ReloadStatus, Settings, OpenControlUi, SwitchManager, ShowWindow, LaunchAtLogin, Quit };

    TrayIcon(GatewayActions* actions, SettingsController* settings, QObject* parent = nullptr);
    ~TrayIcon() override;

    // Shows the icon when the desktop has a system tray. Returns whether it is visible. Tray hosts
    // often appear after login, so the app calls this again for a while when it returns false.
    bool attach();
    bool isAttached() const { return m_tray.isVisible(); }

    QMenu* menu() { return &m_menu; }
    int lineWidth() const { return m_lineWidth; }
    QAction* action(Item item) const;
    QSystemTrayIcon* systemTrayIcon() { return &m_tray; }
    QString toolTip() const { return m_tray.toolTip(); }
    QString iconName() const { return m_iconName; }
    TrayIconStyle iconStyle() const { return m_iconStyle; }

    // Exec approvals: "Approvals waiting: N…" in the menu and the tooltip, a notification for
    // each new request (the prompt itself is ApprovalPrompt).
    void setApprovals(ApprovalsModel* model);
    // Channels: the tooltip says when a configured channel needs attention (the gateway itself
    // may be fine), with a menu line that opens the window.
    void setChannels(ChannelsModel* model);
    // Pairing: "N devices wait to be paired…" in the menu and the tooltip, a notification for
    // each new request (the panel itself is PairingPrompt).
    void setPairing(PairingModel* model);
    // Sessions and today's usage as a menu line (read when the menu opens).
    void setActivity(ActivityModel* model);
    // OpenClaw updates: a newer version (menu line, tooltip, one notification per new version),
    // the update in progress (menu line), and an update that failed or ran by itself (a
    // notification; one the user started and that worked is seen in the window, not announced).
    void setUpdates(UpdateChecker* checker, GatewayUpdater* updater);

    // Shows `status` (public so a test can render any state).
    void render(const GatewayStatus& status);
    // A desktop notification, rate-limited per kind. Returns whether it was shown.
    bool notify(const QString& kind, const QString& text);
    int notificationsShown() const { return m_shown; }
    // How the last notification went out: "desktop" (the notification service, with actions),
    // "tray" (the tray icon's balloon) or "none" (neither is there).
    QString lastNotificationRoute() const { return m_route; }
    DesktopNotifier* desktopNotifier() { return &m_notifier; }

Q_SIGNALS:
    void showWindowRequested();
    void overviewRequested(); // a companion line (sessions, update, channels): the window's Overview
    void approvalsRequested();
    void pairingRequested();
    void quitRequested();
    void settingsRequested();

private:
    void buildMenu();
    void refresh();
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void onLaunchAtLoginToggled(bool enabled);
    void syncLaunchAtLogin();
    static QString titleFor(const QString& kind);
    // `text` elided to the menu's line width.
    QString fit(const QString& text, bool bold = false) const;
    static QVector<DesktopNotifier::Action> actionsFor(const QString& kind);
    void onNotificationAction(const QString& kind, const QString& key);

    GatewayActions* m_actions;
    SettingsController* m_settings;
    QMenu m_menu; // declared before m_tray: the tray refers to it and must go first
    QSystemTrayIcon m_tray;
    QAction* m_status = nullptr;
    QAction* m_start = nullptr;
    QAction* m_stop = nullptr;
    QAction* m_restart = nullptr;
    QAction* m_safeRestart = nullptr;
    QAction* m_reloadConfig = nullptr;
    QAction* m_reloadStatus = nullptr;
    QAction* m_settingsItem = nullptr;
    QAction* m_openUi = nullptr;
    QAction* m_approvals = nullptr;
    QPointer<ApprovalsModel> m_approvalsModel;
    QPointer<ChannelsModel> m_channelsModel;
    QPointer<PairingModel> m_pairingModel;
    QPointer<ActivityModel> m_activityModel;
    QPointer<UpdateChecker> m_checker;
    QPointer<GatewayUpdater> m_updater;
    QAction* m_activity = nullptr;
    QAction* m_update = nullptr;
    QString m_announcedUpdate; // the version already notified about
    QAction* m_pairing = nullptr;
    QAction* m_channels = nullptr;
    QAction* m_switchManager = nullptr;
    QAction* m_show = nullptr;
    QAction* m_launchAtLogin = nullptr;
    QAction* m_quit = nullptr;
    QTimer m_refresh;
    int m_lineWidth = 0; // the width menu lines are elided to
    QString m_iconName;
    TrayIconStyle m_iconStyle = TrayIconStyle::Colour;
    NotificationThrottle m_throttle;
    QElapsedTimer m_clock;
    int m_shown = 0;
    DesktopNotifier m_notifier;
    QString m_route;
};

} // namespace clawtray
