#include "DesktopApp.h"

#include "AboutDialog.h"
#include "ApprovalPrompt.h"
#include "OverviewTab.h"
#include "PairingPrompt.h"
#include "QuitConfirmation.h"

#include "DesktopSettingsController.h"
#include "GatewayActions.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "SingleInstance.h"
#include "DisplayText.h"
#include "StatusVisual.h"
#include "Translations.h"
#include "TrayIcon.h"
#include "UnixSignalBridge.h"
#include "control/ControlServer.h"
#include "logging/Logging.h"
#include "settings/AppPaths.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageBox>

namespace clawtray {

namespace {
constexpr int kTrayRetryIntervalMs = 2000;
constexpr int kTrayRetryForMs = 120000; // tray hosts often appear a while after login
constexpr int kActivateTimeoutMs = 5000;
constexpr int kQuitExtraMs = 5000;    // beyond the stop grace period, before the manager forces
constexpr int kQuitBackstopMs = 5000; // beyond that, before we exit regardless
} // namespace

DesktopApp::DesktopApp(const AppOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
    m_options.headless = false;
}

DesktopApp::~DesktopApp()
{
    // The widgets refer to the manager: they go first, the core last.
    m_dialog.clear();
    m_tray.reset();
    m_window.reset();
    m_settings.reset();
    m_actions.reset();
    m_control.reset();
}

bool DesktopApp::claimInstance(int* exitCode)
{
    // The same directory overrides AppContext::initialise() applies, needed earlier here: a second
    // launch must not touch the log or the settings of the running one.
    AppPaths::setApplicationIdentity();
    AppPathOverrides o;
    o.dataDir = m_options.dataDir;
    o.configDir = m_options.configDir;
    o.runtimeDir = m_options.runtimeDir;
    AppPaths::setOverrides(o);
    const QString dir = AppPaths::userRuntimeDir();
    if (const Done made = AppPaths::ensureDir(dir); !made)
        fprintf(stderr, "clawtray: %s\n", qPrintable(made.error().english()));
    m_instance = std::make_unique<SingleInstance>(dir, SingleInstance::nameForConfigDir(AppPaths::configDir()));
    const Result<SingleInstance::Role> role = m_instance->claim();
    if (!role) {
        fprintf(stderr, "clawtray: %s; continuing without single-instance protection\n", qPrintable(role.error().english()));
        return true;
    }
    if (role.value() == SingleInstance::Role::Primary)
        return true;
    if (const Done activated = m_instance->activatePrimary(kActivateTimeoutMs)) {
        fprintf(stdout, "ClawTray is already running; its window was brought forward.\n");
        *exitCode = 0;
    } else {
        fprintf(stderr, "clawtray: another ClawTray holds %s but does not answer (%s)\n",
                qPrintable(m_instance->lockPath()), qPrintable(activated.error().english()));
        *exitCode = 1;
    }
    return false;
}

int DesktopApp::run()
{
    int exitCode = 0;
    if (!claimInstance(&exitCode))
        return exitCode;
    m_ctx = std::make_unique<AppContext>(m_options);
    if (const Done initialised = m_ctx->initialise(); !initialised) {
        fprintf(stderr, "clawtray: %s\n", qPrintable(initialised.error().english()));
        QMessageBox::critical(nullptr, tr("ClawTray"), tr("ClawTray cannot start: %1").arg(DisplayText::text(initialised.error())));
        return 1;
    }
    Translations::install(m_ctx->settings().behaviour.language); // before any widget exists
    QApplication::setQuitOnLastWindowClosed(false); // closing the window hides it to the tray
    QApplication::setWindowIcon(StatusVisual::appIcon());
    buildUi();
    m_signals = std::make_unique<UnixSignalBridge>();
    connect(m_signals.get(), &UnixSignalBridge::received, this, [this](int sig) {
        logInfo(QStringLiteral("received signal %1; quitting").arg(sig));
        quit(0);
    });
    connect(m_instance.get(), &SingleInstance::activationRequested, this, &DesktopApp::showWindow);
    startControlServer();
    if (m_control->addressInUse()) {
        // Another ClawTray (e.g. `clawtray --headless`) already supervises this user's gateway:
        // two supervisors would fight over it.
        const char* const text = QT_TR_NOOP("Another ClawTray is already running for this user (probably `clawtray "
                                            "--headless`). Control it with `clawtray ctl`, or stop it before starting "
                                            "the desktop app.");
        logError(QString::fromUtf8(text)); // the log and stderr stay English
        fprintf(stderr, "clawtray-desktop: %s\n", text);
        if (QGuiApplication::platformName() != QLatin1String("offscreen"))
            QMessageBox::critical(nullptr, tr("ClawTray"), tr(text));
        return 1;
    }

    const bool minimized = m_options.minimized || m_ctx->settings().behaviour.startMinimized;
    attachTray();
    if (!minimized || !m_tray->isAttached()) {
        // Without a tray the window is the only way in; if minimized was asked for, it goes away
        // again once the tray appears (showWindow() would cancel that: it is for explicit requests).
        m_hideWhenTrayAppears = minimized;
        m_window->present();
    }
    const QStringList warnings = m_ctx->startupWarnings();
    if (!warnings.isEmpty())
        m_window->showMessage(warnings.join(QLatin1Char('\n')), false);
    prepareCore(false, {});
    return QApplication::exec();
}

void DesktopApp::buildUi()
{
    m_actions = std::make_unique<GatewayActions>();
    m_settings = std::make_unique<DesktopSettingsController>(
        [this] { return m_ctx.get(); },
        [this](bool rebuild, SettingsController::Reply done) { prepareCore(rebuild, std::move(done)); });
    m_window = std::make_unique<MainWindow>(m_actions.get(), &logging::ring());
    m_tray = std::make_unique<TrayIcon>(m_actions.get(), m_settings.get());
    connect(m_tray.get(), &TrayIcon::showWindowRequested, this, &DesktopApp::showWindow);
    connect(m_tray.get(), &TrayIcon::overviewRequested, this, [this] {
        m_window->showOverview();
        showWindow();
    });
    connect(m_tray.get(), &TrayIcon::quitRequested, this, &DesktopApp::quitAsked);
    connect(m_tray.get(), &TrayIcon::settingsRequested, this, [this] { openSettings(QStringLiteral("runtime")); });
    connect(m_window.get(), &MainWindow::quitRequested, this, &DesktopApp::quitAsked);
    connect(m_window.get(), &MainWindow::aboutRequested, this, [this] {
        AboutDialog about(m_actions->status(), m_settings.get(), m_window.get());
        about.exec();
    });
    connect(m_window.get(), &MainWindow::settingsRequested, this, &DesktopApp::openSettings);
    connect(m_actions.get(), &GatewayActions::operationFinished, this, &DesktopApp::onOperationFinished);
    connect(m_actions.get(), &GatewayActions::appActionRequested, this, [this](ProblemAction action) {
        if (action == ProblemAction::RetryToken)
            m_settings->retryTokenStorage([](const Done&) {});
    });
    connect(&m_keyringWatch, &KeyringWatch::mayBeUnlocked, this, [this] {
        if (!m_ctx || m_ctx->manager())
            return;
        if (m_preparing) {
            // Still reading: a read under way answers by itself once unlocked; a retry that waits
            // for its turn goes now instead of up to 10 s later.
            m_ctx->secrets().retryNow();
            return;
        }
        logInfo(QStringLiteral("the keyring changed; reading the gateway token again"));
        m_settings->retryTokenStorage([](const Done&) {});
    });
    // A keychain that does not answer at once is usually showing its password prompt: say what
    // ClawTray waits for, instead of a bare "Starting".
    m_tokenSlow.setSingleShot(true);
    m_tokenSlow.setInterval(kTokenSlowMs);
    connect(&m_tokenSlow, &QTimer::timeout, this, [this] {
        if (m_ctx && !m_ctx->manager())
            waitForKeychain();
    });
    connect(&m_trayRetry, &QTimer::timeout, this, &DesktopApp::attachTray);
    m_trayRetry.setInterval(kTrayRetryIntervalMs);
}

void DesktopApp::startControlServer()
{
    m_control = std::make_unique<ControlServer>(nullptr);
    m_control->setInstanceInfo(QJsonObject{{QStringLiteral("mode"), QStringLiteral("desktop")}});
    m_control->setSettingsReloader([this] {
        const QJsonObject r = m_ctx->reloadSettingsFile();
        if (!r.value(QLatin1String("changed")).toArray().isEmpty())
            Q_EMIT m_settings->changed(); // an open Settings dialog shows the file's values
        return r;
    });
    if (const Done listening = m_control->listen(ControlServer::configuredSocketPath()); !listening)
        logWarn(QStringLiteral("control channel unavailable (`clawtray ctl` will not reach this instance): %1")
                    .arg(listening.error().english()));
}

void DesktopApp::showLoading(const UserText& phase)
{
    if (m_control)
        m_control->setNotReadyReason(QStringLiteral("ClawTray is %1").arg(phase.english()));
    GatewayStatus s;
    s.state = GatewayState::Starting;
    s.phase = phase;
    s.port = quint16(m_options.port.value_or(quint16(m_ctx->settings().runtime.port)));
    m_actions->setStandInStatus(s);
}

void DesktopApp::prepareCore(bool rebuildContext, std::function<void(const Done&)> done)
{
    if (rebuildContext) {
        m_actions->setManager(nullptr);
        m_control->setManager(nullptr);
        m_tray->setApprovals(nullptr);
        m_tray->setChannels(nullptr);
        m_tray->setPairing(nullptr);
        m_tray->setActivity(nullptr);
        m_tray->setUpdates(nullptr, nullptr);
        m_window->overview()->setCompanion({});
        m_prompt.reset();
        m_pairingPrompt.reset();
        auto fresh = std::make_unique<AppContext>(m_options);
        if (const Done initialised = fresh->initialise(); !initialised) {
            onCoreReady(initialised);
            if (done)
                done(initialised);
            return;
        }
        m_ctx = std::move(fresh);
    }
    m_preparing = true;
    m_tokenWasSlow = false;
    showLoading(StatusVisual::readingTokenPhase(m_ctx->secrets().description()));
    m_tokenSlow.start();
    // Once per context: a retry of the same context must not add a second connection.
    disconnect(&m_ctx->secrets(), &SecretStore::retryScheduled, this, nullptr);
    connect(&m_ctx->secrets(), &SecretStore::retryScheduled, this, [this](int, const UserText&) {
        m_tokenSlow.stop();
        waitForKeychain();
    });
    QPointer<DesktopApp> self(this);
    m_ctx->prepareManager([self, done](const Done& prepared) {
        if (!self)
            return;
        self->onCoreReady(prepared);
        if (done)
            done(prepared);
    });
}

void DesktopApp::waitForKeychain()
{
    m_tokenWasSlow = true;
    showLoading(StatusVisual::keychainWaitPhase());
    // The unlock may come at any moment from now on (the keyring's own prompt): notice it.
    m_keyringWatch.setActive(true);
}

void DesktopApp::onCoreReady(const Done& prepared)
{
    const UserText error = prepared ? UserText() : prepared.error();
    m_tokenSlow.stop();
    m_preparing = false;
    if (m_quitting)
        return;
    GatewayManager* manager = m_ctx->manager();
    if (!prepared || !manager) {
        logError(QStringLiteral("cannot manage the gateway: %1").arg(error.english()));
        GatewayStatus s;
        s.state = GatewayState::Error;
        s.port = quint16(m_options.port.value_or(quint16(m_ctx->settings().runtime.port)));
        s.lastError.kind = ProblemKind::TokenUnavailable;
        s.lastError.summary =
            UserText(QT_TRANSLATE_NOOP("UserText", "The gateway token could not be loaded: %1")).arg(error);
        const QString place = m_ctx->secrets().storageChoice();
        s.lastError.action = place == QLatin1String("file") || place == QLatin1String("auto:file")
                                 ? UserText(QT_TRANSLATE_NOOP("UserText", "Fix the token file named above, or choose "
                                                                          "another place for the token in Settings › Token."))
                                 : UserText(QT_TRANSLATE_NOOP("UserText", "Unlock your keyring: ClawTray notices it and goes "
                                                                          "on by itself. Or keep the token in a file only you "
                                                                          "can read (Settings › Token)."));
        s.lastError.actionId = ProblemAction::TokenStorage;
        m_actions->setStandInStatus(s);
        m_settings->setTokenProblem(error);
        // When the user unlocks the keyring (from its own prompt, or the desktop's), read the token
        // again by itself: nobody has to find "Try again".
        m_keyringWatch.setActive(true);
        if (m_control)
            m_control->setNotReadyReason(s.lastError.summary.english() + QLatin1Char(' ') + s.lastError.action.english());
        // Nothing works until the user decides: do not hide this in the tray. But a keychain that
        // kept ClawTray waiting is most likely showing its password prompt right now: the window
        // must not cover it (the red tray icon says enough while the tray is there).
        if (!m_tokenWasSlow || (!m_window->isVisible() && !m_tray->isAttached()))
            showWindow();
        return;
    }
    m_keyringWatch.setActive(false);
    if (m_control)
        m_control->setNotReadyReason(QString());
    m_settings->setTokenProblem(UserText());
    logInfo(QStringLiteral("desktop ready: managing the gateway on port %1").arg(manager->config().launch.port));
    m_actions->setManager(manager);
    m_control->setManager(manager, m_ctx->companion());
    m_tray->setChannels(m_ctx->channels());
    if (ApprovalsModel* approvals = m_ctx->approvals()) {
        // Raised even while the window is hidden: a command waits for a person, not for a click
        // into the tray.
        m_prompt = std::make_unique<ApprovalPrompt>(approvals);
        m_tray->setApprovals(approvals);
        connect(m_tray.get(), &TrayIcon::approvalsRequested, m_prompt.get(), &ApprovalPrompt::showPending,
                Qt::UniqueConnection);
        connect(m_window->overview(), &OverviewTab::approvalsRequested, m_prompt.get(), &ApprovalPrompt::showPending,
                Qt::UniqueConnection);
    }
    if (PairingModel* pairing = m_ctx->pairing()) {
        m_pairingPrompt = std::make_unique<PairingPrompt>(pairing);
        m_tray->setPairing(pairing);
        connect(m_tray.get(), &TrayIcon::pairingRequested, m_pairingPrompt.get(), &PairingPrompt::showPending,
                Qt::UniqueConnection);
        connect(m_window->overview(), &OverviewTab::pairingRequested, m_pairingPrompt.get(), &PairingPrompt::showPending,
                Qt::UniqueConnection);
    }
    m_tray->setActivity(m_ctx->activity());
    m_tray->setUpdates(m_ctx->updateChecker(), m_ctx->updater());
    m_window->overview()->setCompanion(m_ctx->companion());
    if (m_ctx->settings().behaviour.startGatewayOnLaunch && !m_gatewayStartedOnLaunch) {
        m_gatewayStartedOnLaunch = true;
        manager->start();
    }
}

void DesktopApp::attachTray()
{
    if (m_quitting)
        return;
    if (m_tray->attach()) {
        m_trayRetry.stop();
        m_window->setHidesToTray(true);
        if (m_hideWhenTrayAppears) {
            m_hideWhenTrayAppears = false;
            m_window->hide();
        }
        return;
    }
    if (!m_trayRetry.isActive()) {
        logInfo(QStringLiteral("no system tray yet; the window stays open and ClawTray keeps looking for a tray"));
        m_trayClock.start();
        m_trayRetry.start();
    } else if (m_trayClock.elapsed() > kTrayRetryForMs) {
        m_trayRetry.stop();
        logWarn(QStringLiteral("no system tray appeared; closing the window quits ClawTray"));
    }
}

void DesktopApp::showWindow()
{
    if (m_quitting)
        return;
    m_hideWhenTrayAppears = false;
    m_window->present();
}

void DesktopApp::openSettings(const QString& page)
{
    if (!m_dialog) {
        m_dialog = new SettingsDialog(m_settings.get(), m_window.get());
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_dialog->showPage(page);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void DesktopApp::onOperationFinished(const QString& title, const QString& text, bool ok)
{
    Q_UNUSED(ok);
    // The window shows it in place; when the window is hidden, the tray says it.
    if (!m_window->isVisible() && m_tray->isAttached())
        m_tray->notify(QStringLiteral("operation:") + title, text);
}

void DesktopApp::quitAsked()
{
    if (m_quitting || m_askingToQuit)
        return; // a second Quit while the question is open is the same request
    m_askingToQuit = true;
    QWidget* parent = m_window->isVisible() ? m_window.get() : nullptr;
    const bool yes = QuitConfirmation::confirm(parent, m_actions->status(), m_settings.get());
    m_askingToQuit = false;
    if (yes)
        quit(0);
}

void DesktopApp::quit(int code)
{
    if (m_quitting) {
        logInfo(QStringLiteral("quit already in progress; ignoring the new request"));
        return;
    }
    m_quitting = true;
    m_exitCode = code;
    logInfo(QStringLiteral("quitting"));
    m_trayRetry.stop();
    if (m_dialog)
        m_dialog->close();
    m_window->hide();
    GatewayManager* manager = m_ctx ? m_ctx->manager() : nullptr;
    if (!manager) {
        finishQuit();
        return;
    }
    // An owned gateway is stopped (SIGTERM to its group, then SIGKILL after the grace period, then
    // the manager's own deadline); an external one is only disconnected and keeps running.
    const int timeoutMs = m_ctx->settings().stopGraceMs + kQuitExtraMs;
    QTimer::singleShot(timeoutMs + kQuitBackstopMs, this, [this] {
        logError(QStringLiteral("the gateway did not finish stopping in time; exiting anyway"));
        finishQuit();
    });
    QPointer<DesktopApp> self(this);
    manager->shutdown(timeoutMs, [self] {
        if (self)
            self->finishQuit();
    });
}

void DesktopApp::finishQuit()
{
    if (m_control)
        m_control->close();
    if (m_tray)
        m_tray->systemTrayIcon()->hide();
    logInfo(QStringLiteral("ClawTray stopped"));
    logging::flush();
    QApplication::exit(m_exitCode);
}

} // namespace clawtray
