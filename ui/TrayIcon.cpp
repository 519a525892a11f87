#include "TrayIcon.h"

#include "companion/ActivityModel.h"
#include "companion/ApprovalsModel.h"
#include "companion/ChannelsModel.h"
#include "companion/PairingModel.h"
#include "update/GatewayUpdater.h"
#include "update/UpdateChecker.h"

#include "DisplayText.h"
#include "GatewayActions.h"
#include "SettingsController.h"
#include "StatusVisual.h"
#include "logging/Logging.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QSignalBlocker>

namespace clawtray {

namespace {
// The status line moves on its own only through the uptime, shown in minutes; the menu refreshes
// when it opens. A tray app that wakes up more often than this costs battery for nothing.
constexpr int kRefreshMs = 60000;
constexpr int kMessageMs = 8000;
} // namespace

TrayIcon::TrayIcon(GatewayActions* actions, SettingsController* settings, QObject* parent)
    : QObject(parent)
    , m_actions(actions)
    , m_settings(settings)
{
    m_clock.start();
    buildMenu();
    m_tray.setContextMenu(&m_menu);
    connect(&m_tray, &QSystemTrayIcon::activated, this, &TrayIcon::onActivated);
    connect(m_actions, &GatewayActions::statusChanged, this, &TrayIcon::render);
    connect(m_actions, &GatewayActions::safeRestartNoteChanged, this, &TrayIcon::refresh);
    connect(m_actions, &GatewayActions::busyChanged, this, &TrayIcon::refresh);
    connect(m_actions, &GatewayActions::managerChanged, this, &TrayIcon::refresh);
    connect(m_actions, &GatewayActions::notice, this, &TrayIcon::notify);
    connect(&m_notifier, &DesktopNotifier::actionInvoked, this, &TrayIcon::onNotificationAction);
    connect(&m_menu, &QMenu::aboutToShow, m_actions, &GatewayActions::lookedAt);
    connect(&m_menu, &QMenu::aboutToShow, this, &TrayIcon::refresh);
    connect(&m_menu, &QMenu::aboutToShow, this, &TrayIcon::syncLaunchAtLogin);
    if (m_settings) {
        connect(m_settings, &SettingsController::changed, this, &TrayIcon::syncLaunchAtLogin);
        connect(m_settings, &SettingsController::changed, this, &TrayIcon::refresh); // the icon style
    }
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &TrayIcon::refresh);
    m_refresh.start();
    syncLaunchAtLogin();
    render(m_actions->status());
}

TrayIcon::~TrayIcon()
{
    m_tray.hide();
}

void TrayIcon::buildMenu()
{
    // The live status line. Enabled (a disabled item is greyed out and hard to read); clicking it
    // opens the window with the details.
    m_status = m_menu.addAction(QString(), this, &TrayIcon::showWindowRequested);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_activity = m_menu.addAction(QString(), this, &TrayIcon::overviewRequested);
    m_activity->setVisible(false);
    m_update = m_menu.addAction(QString(), this, &TrayIcon::overviewRequested);
    m_update->setVisible(false);
    m_channels = m_menu.addAction(QString(), this, &TrayIcon::overviewRequested);
    m_channels->setVisible(false);
    m_approvals = m_menu.addAction(QString(), this, &TrayIcon::approvalsRequested);
    m_approvals->setVisible(false);
    m_pairing = m_menu.addAction(QString(), this, &TrayIcon::pairingRequested);
    m_pairing->setVisible(false);
    m_menu.addSeparator();
    m_start = m_menu.addAction(tr("Start"), m_actions, &GatewayActions::start);
    m_stop = m_menu.addAction(tr("Stop"), m_actions, &GatewayActions::stop);
    m_restart = m_menu.addAction(tr("Restart"), m_actions, &GatewayActions::restart);
    m_safeRestart = m_menu.addAction(tr("Safe restart"), this, [this] { m_actions->safeRestart(false); });
    m_reloadConfig = m_menu.addAction(tr("Reload configuration"), m_actions, &GatewayActions::reloadConfiguration);
    m_reloadStatus = m_menu.addAction(QString());
    m_reloadStatus->setEnabled(false); // what the reload does or did: information, not a command
    m_reloadStatus->setVisible(false);
    m_menu.addSeparator();
    m_openUi = m_menu.addAction(tr("Open Control UI"), m_actions, &GatewayActions::openControlUi);
    m_switchManager = m_menu.addAction(QString(), m_actions, &GatewayActions::switchManager);
    m_switchManager->setVisible(false);
    m_show = m_menu.addAction(tr("Show ClawTray"), this, &TrayIcon::showWindowRequested);
    m_settingsItem = m_menu.addAction(tr("Settings…"), this, &TrayIcon::settingsRequested);
    m_launchAtLogin = m_menu.addAction(tr("Launch at login"));
    m_launchAtLogin->setCheckable(true);
    connect(m_launchAtLogin, &QAction::toggled, this, &TrayIcon::onLaunchAtLoginToggled);
    m_menu.addSeparator();
    m_quit = m_menu.addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    // A stable width: wide enough for a typical status line; longer lines are elided to it, so the
    // menu does not jump when a line appears or grows while it is open.
    const QFontMetrics boldMetrics(bold);
    m_lineWidth = boldMetrics.horizontalAdvance(QStringLiteral("Gateway running · pid 1234567 · up 23 h 59 min · port 65535"));
    m_menu.setFixedWidth(m_lineWidth + 4 * boldMetrics.height());
}

QString TrayIcon::fit(const QString& text, bool bold) const
{
    QFont font = m_menu.font();
    font.setBold(bold);
    return QFontMetrics(font).elidedText(text, Qt::ElideRight, m_lineWidth);
}

QAction* TrayIcon::action(Item item) const
{
    switch (item) {
    case Item::Status:
        return m_status;
    case Item::Approvals:
        return m_approvals;
    case Item::Activity:
        return m_activity;
    case Item::Update:
        return m_update;
    case Item::Channels:
        return m_channels;
    case Item::Pairing:
        return m_pairing;
    case Item::Start:
        return m_start;
    case Item::Stop:
        return m_stop;
    case Item::Restart:
        return m_restart;
    case Item::SafeRestart:
        return m_safeRestart;
    case Item::ReloadConfig:
        return m_reloadConfig;
    case Item::ReloadStatus:
        return m_reloadStatus;
    case Item::Settings:
        return m_settingsItem;
    case Item::OpenControlUi:
        return m_openUi;
    case Item::SwitchManager:
        return m_switchManager;
    case Item::ShowWindow:
        return m_show;
    case Item::LaunchAtLogin:
        return m_launchAtLogin;
    case Item::Quit:
        return m_quit;
    }
    return nullptr;
}

bool TrayIcon::attach()
{
    if (m_tray.isVisible())
        return true;
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    m_tray.show();
    if (m_tray.isVisible())
        logInfo(QStringLiteral("tray icon attached to the system tray"));
    return m_tray.isVisible();
}

void TrayIcon::refresh()
{
    render(m_actions->status());
}

void TrayIcon::render(const GatewayStatus& status)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const ActionAvailability a = m_actions->availability(status);
    const bool busy = m_actions->busy();
    m_status->setText(fit(DisplayText::trayLine(status, nowMs), /*bold*/ true));
    m_start->setEnabled(a.start);
    m_stop->setEnabled(a.stop);
    m_stop->setText(fit(a.stopLabel));
    m_restart->setEnabled(a.restart);
    m_safeRestart->setEnabled(a.safeRestart && !busy);
    const QString note = m_actions->safeRestartNote();
    m_safeRestart->setText(fit(note.isEmpty() ? tr("Safe restart") : tr("Safe restart (%1)").arg(note)));
    m_reloadConfig->setEnabled(m_actions->manager() != nullptr);
    const QString reloadLine = fit(DisplayText::text(status.reload.line(nowMs)));
    m_reloadStatus->setText(reloadLine);
    m_reloadStatus->setVisible(!reloadLine.isEmpty());
    m_openUi->setEnabled(a.openControlUi);
    m_switchManager->setVisible(!a.switchManagerLabel.isEmpty());
    m_switchManager->setEnabled(a.switchManager);
    m_switchManager->setText(fit(a.switchManagerLabel));
    const int waiting = m_approvalsModel ? int(m_approvalsModel->pending().size()) : 0;
    m_approvals->setVisible(waiting > 0);
    m_approvals->setText(fit(waiting == 1 ? tr("1 command waits for your approval…")
                                          : tr("%1 commands wait for your approval…").arg(waiting)));
    QString tip = StatusVisual::tooltip(status, nowMs);
    if (waiting > 0)
        tip += tr("\n%1 waiting for approval").arg(waiting == 1 ? tr("1 command") : tr("%1 commands").arg(waiting));
    const bool activityShown = m_activityModel && m_activityModel->loaded() && status.state == GatewayState::Running;
    m_activity->setVisible(activityShown);
    if (activityShown)
        m_activity->setText(
            fit(QStringLiteral("%1 · %2").arg(DisplayText::sessions(*m_activityModel), DisplayText::usage(*m_activityModel))));
    const UpdateProgress updating = m_updater ? m_updater->progress() : UpdateProgress{};
    const UpdateAvailability offer = m_checker ? m_checker->availability() : UpdateAvailability{};
    if (updating.running) {
        const QString line = tr("Updating OpenClaw (%1/%2): %3")
                                 .arg(updateStepNumber(updating.step))
                                 .arg(kUpdateStepCount)
                                 .arg(DisplayText::text(updating.text));
        m_update->setText(fit(line));
        tip += QStringLiteral("\n") + line;
    } else if (offer.available()) {
        m_update->setText(fit(DisplayText::text(offer.text()) + QStringLiteral("…")));
        tip += QStringLiteral("\n") + DisplayText::text(offer.text());
    }
    m_update->setVisible(updating.running || offer.available());
    const int pairing = m_pairingModel ? int(m_pairingModel->pending().size()) : 0;
    m_pairing->setVisible(pairing > 0);
    m_pairing->setText(fit(pairing == 1 ? tr("1 device waits to be paired…")
                                        : tr("%1 devices wait to be paired…").arg(pairing)));
    if (pairing > 0)
        tip += tr("\n%1 waiting to be paired").arg(pairing == 1 ? tr("1 device") : tr("%1 devices").arg(pairing));
    const bool channelsShown = m_channelsModel && m_channelsModel->loaded() && status.state == GatewayState::Running;
    const int attention = channelsShown ? m_channelsModel->attentionCount() : 0;
    m_channels->setVisible(attention > 0);
    m_channels->setText(fit(attention == 1 ? tr("Attention: 1 channel account is down…")
                                           : tr("Attention: %1 channel accounts are down…").arg(attention)));
    if (attention > 0)
        tip += tr("\nAttention needed — %1").arg(DisplayText::channelsSummary(*m_channelsModel));
    m_tray.setToolTip(tip);
    // A running gateway with something waiting for the user gets its own badge, distinct from a
    // gateway in trouble.
    QString name = StatusVisual::iconName(status);
    if (name == QLatin1String("running") && (attention > 0 || waiting > 0 || pairing > 0))
        name = QStringLiteral("attention");
    // The panel's icon follows the "Tray icon" setting; the menu line (on the menu's own
    // background) keeps the colour one.
    const TrayIconStyle style = m_settings ? m_settings->settings().behaviour.trayIcon : TrayIconStyle::Colour;
    if (name != m_iconName || style != m_iconStyle) {
        if (name != m_iconName)
            m_status->setIcon(StatusVisual::iconByName(name));
        m_iconName = name;
        m_iconStyle = style;
        m_tray.setIcon(StatusVisual::iconByName(name, style));
    }
}

void TrayIcon::setChannels(ChannelsModel* model)
{
    m_channelsModel = model;
    if (model)
        connect(model, &ChannelsModel::changed, this, &TrayIcon::refresh);
    refresh();
}

void TrayIcon::setActivity(ActivityModel* model)
{
    m_activityModel = model;
    if (!model)
        return;
    connect(model, &ActivityModel::changed, this, &TrayIcon::refresh);
    connect(&m_menu, &QMenu::aboutToShow, model, [model] { model->refreshIfStale(); });
    refresh();
}

void TrayIcon::setUpdates(UpdateChecker* checker, GatewayUpdater* updater)
{
    m_checker = checker;
    m_updater = updater;
    if (checker) {
        connect(checker, &UpdateChecker::changed, this, [this](const UpdateAvailability& a) {
            refresh();
            if (a.available() && a.latest != m_announcedUpdate && !(m_updater && m_updater->isRunning())) {
                m_announcedUpdate = a.latest;
                notify(QStringLiteral("update"), DisplayText::text(a.text()));
            }
        });
    }
    if (updater) {
        connect(updater, &GatewayUpdater::progressChanged, this, &TrayIcon::refresh);
        connect(updater, &GatewayUpdater::finished, this, [this](const UpdateOutcome& out) {
            refresh();
            if (!out.ok())
                notify(QStringLiteral("update-failed"), DisplayText::text(out.reason.then(out.action)));
            else if (out.automatic)
                notify(QStringLiteral("updated"), tr("OpenClaw %1 runs now (was %2).").arg(out.to, out.from));
        });
    }
    refresh();
}

void TrayIcon::setPairing(PairingModel* model)
{
    m_pairingModel = model;
    if (!model)
        return;
    connect(model, &PairingModel::changed, this, &TrayIcon::refresh);
    connect(model, &PairingModel::requested, this, [this](const PairingRequest& r) {
        notify(QStringLiteral("pairing"), tr("%1\nApprove or reject it in the pairing panel.").arg(DisplayText::text(r.description())));
    });
    refresh();
}

void TrayIcon::setApprovals(ApprovalsModel* model)
{
    m_approvalsModel = model;
    if (!model)
        return;
    connect(model, &ApprovalsModel::changed, this, &TrayIcon::refresh);
    connect(model, &ApprovalsModel::requested, this, [this](const ExecApproval& a) {
        notify(QStringLiteral("approval"), tr("%1\nAllow or deny it in the ClawTray prompt.").arg(DisplayText::text(a.description())));
    });
    refresh();
}

void TrayIcon::onActivated(QSystemTrayIcon::ActivationReason reason)
{
    if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
        Q_EMIT showWindowRequested();
}

void TrayIcon::syncLaunchAtLogin()
{
    const QSignalBlocker block(m_launchAtLogin);
    m_launchAtLogin->setEnabled(m_settings != nullptr);
    m_launchAtLogin->setChecked(m_settings && m_settings->launchAtLogin());
}

void TrayIcon::onLaunchAtLoginToggled(bool enabled)
{
    if (!m_settings)
        return;
    if (const Done changed = m_settings->setLaunchAtLogin(enabled); !changed) {
        syncLaunchAtLogin();
        if (m_tray.isVisible())
            m_tray.showMessage(tr("Launch at login"), DisplayText::text(changed.error()), QSystemTrayIcon::Warning, kMessageMs);
    }
}

QString TrayIcon::titleFor(const QString& kind)
{
    if (kind.startsWith(QLatin1String("operation:"))) // an operation the user started: its own title
        return kind.mid(10);
    if (kind == QLatin1String("unexpected-exit"))
        return tr("The gateway stopped unexpectedly");
    if (kind == QLatin1String("recovered"))
        return tr("The gateway recovered");
    if (kind == QLatin1String("circuit-open"))
        return tr("Automatic restarts paused");
    if (kind == QLatin1String("auth-failed"))
        return tr("The gateway rejected ClawTray's token");
    if (kind == QLatin1String("approval"))
        return tr("A command waits for your approval");
    if (kind == QLatin1String("pairing"))
        return tr("A device asks to be paired");
    if (kind == QLatin1String("update"))
        return tr("An OpenClaw update is available");
    if (kind == QLatin1String("update-failed"))
        return tr("The OpenClaw update did not go through");
    if (kind == QLatin1String("updated"))
        return tr("OpenClaw was updated");
    return tr("ClawTray");
}

bool TrayIcon::notify(const QString& kind, const QString& text)
{
    if (!m_throttle.allow(kind, m_clock.elapsed())) {
        logDebug(QStringLiteral("notification '%1' suppressed (rate limit)").arg(kind));
        return false;
    }
    ++m_shown;
    const bool bad = kind != QLatin1String("recovered") && kind != QLatin1String("update") && kind != QLatin1String("updated");
    // Critical urgency (stays until dismissed on most desktops) only for a gateway in trouble.
    const bool urgent = kind == QLatin1String("unexpected-exit") || kind == QLatin1String("circuit-open")
                        || kind == QLatin1String("auth-failed");
    if (m_notifier.send(kind, titleFor(kind), text, actionsFor(kind), urgent)) {
        m_route = QStringLiteral("desktop");
    } else if (m_tray.isVisible() && QSystemTrayIcon::supportsMessages()) {
        m_tray.showMessage(titleFor(kind), text, bad ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                           kMessageMs);
        m_route = QStringLiteral("tray");
    } else {
        m_route = QStringLiteral("none");
    }
    return true;
}

QVector<DesktopNotifier::Action> TrayIcon::actionsFor(const QString& kind)
{
    const DesktopNotifier::Action show{QStringLiteral("show"), tr("Show ClawTray")};
    if (kind == QLatin1String("circuit-open")) // restarts are paused: starting again is the user's call
        return {{QStringLiteral("start"), tr("Start now")}, show};
    if (kind == QLatin1String("unexpected-exit") || kind == QLatin1String("auth-failed"))
        return {show};
    if (kind == QLatin1String("approval"))
        return {{QStringLiteral("approvals"), tr("Review…")}};
    if (kind == QLatin1String("pairing"))
        return {{QStringLiteral("pairing"), tr("Review…")}};
    if (kind == QLatin1String("update") || kind == QLatin1String("update-failed") || kind == QLatin1String("updated"))
        return {{QStringLiteral("update"), tr("Details…")}};
    return {};
}

void TrayIcon::onNotificationAction(const QString& kind, const QString& key)
{
    logInfo(QStringLiteral("notification '%1': %2 pressed").arg(kind, key));
    if (key == QLatin1String("start"))
        m_actions->start();
    else if (key == QLatin1String("approvals"))
        Q_EMIT approvalsRequested();
    else if (key == QLatin1String("pairing"))
        Q_EMIT pairingRequested();
    else if (key == QLatin1String("update"))
        Q_EMIT overviewRequested();
    else // "show", "default" (the notification itself)
        Q_EMIT showWindowRequested();
}

} // namespace clawtray
