#pragma once

#include "AppContext.h"
#include "KeyringWatch.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace clawtray {

class ApprovalPrompt;
class PairingPrompt;

class ControlServer;
class DesktopSettingsController;
class GatewayActions;
class MainWindow;
class SettingsDialog;
class SingleInstance;
class TrayIcon;
class UnixSignalBridge;

// The desktop composition root: one instance per configuration, the core (AppContext), the tray,
// the main window, the settings dialog, Unix signals and the quit sequence. Wiring only: every
// decision is the core's.
class DesktopApp final : public QObject
{
    Q_OBJECT
public:
    explicit DesktopApp(const AppOptions& options, QObject* parent = nullptr);
    ~DesktopApp() override;

    // Runs the event loop; returns the exit code (0 also for a second launch that activated the
    // first one).
    int run();

private:
    bool claimInstance(int* exitCode);
    void buildUi();
    void startControlServer();
    // Loads the token and builds the manager (again, after the token storage changed when
    // rebuildContext is set).
    void prepareCore(bool rebuildContext, std::function<void(const Done&)> done);
    void onCoreReady(const Done& prepared);
    // The token read is slow (a keychain prompt, most likely): say so and watch for the unlock.
    void waitForKeychain();
    void showLoading(const UserText& phase);
    void attachTray();
    void showWindow();
    void openSettings(const QString& page);
    void onOperationFinished(const QString& title, const QString& text, bool ok);
    void quit(int code);
    // Quit from the tray or the window: asks first while ClawTray's gateway runs.
    void quitAsked();
    bool m_askingToQuit = false;
    void finishQuit();

    AppOptions m_options;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<SingleInstance> m_instance;
    std::unique_ptr<UnixSignalBridge> m_signals;
    std::unique_ptr<GatewayActions> m_actions;
    std::unique_ptr<DesktopSettingsController> m_settings;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<ControlServer> m_control;
    std::unique_ptr<ApprovalPrompt> m_prompt; // follows m_ctx's approvals model (reset before it goes)
    std::unique_ptr<PairingPrompt> m_pairingPrompt; // the same for the pairing model
    QPointer<SettingsDialog> m_dialog;
    QTimer m_trayRetry;
    QTimer m_tokenSlow; // the token has not been read after kTokenSlowMs: say why ClawTray waits
    static constexpr int kTokenSlowMs = 2000;
    bool m_preparing = false;    // a token read (prepareCore) is under way
    bool m_tokenWasSlow = false; // ... and it kept ClawTray waiting (the keychain's prompt)
    KeyringWatch m_keyringWatch; // active while the token cannot be read from the keyring
    QElapsedTimer m_trayClock;
    bool m_hideWhenTrayAppears = false;
    bool m_gatewayStartedOnLaunch = false;
    bool m_quitting = false;
    int m_exitCode = 0;
};

} // namespace clawtray
