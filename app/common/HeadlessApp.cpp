#include "HeadlessApp.h"

#include "UnixSignalBridge.h"
#include "control/ControlServer.h"
#include "control/ServiceNotifier.h"
#include "logging/Logging.h"

#include <QCoreApplication>
#include <QDateTime>

#include <signal.h>

namespace clawtray {

namespace {
constexpr int kQuitTimeoutMs = 10000;
// EX_CONFIG: a broken setup no watch can fix (unusable settings, identity or secret store); the
// systemd unit's RestartPreventExitStatus=78 keeps it from restarting in a loop.
constexpr int kExitBrokenSetup = 78;
}

int runHeadless(int argc, char** argv, const AppOptions& options)
{
    QCoreApplication app(argc, argv);
    // Read (and removed from the environment) before anything is spawned: only ClawTray itself
    // talks to systemd, never the gateway it starts.
    ServiceNotifier* systemd = ServiceNotifier::fromEnvironment(&app);
    AppContext ctx(options);
    if (const Done initialised = ctx.initialise(); !initialised) {
        fprintf(stderr, "clawtray: %s\n", qPrintable(initialised.error().english()));
        return kExitBrokenSetup;
    }
    // The control channel comes up first: it is also the single-instance guard, so a second
    // instance stops here instead of racing the first one for the gateway.
    ControlServer control(nullptr);
    control.setInstanceInfo({{QStringLiteral("mode"), QStringLiteral("headless")}});
    control.setSettingsReloader([&ctx] { return ctx.reloadSettingsFile(); });
    const QString socketPath = ControlServer::configuredSocketPath();
    if (const Done listening = control.listen(socketPath); !listening) {
        if (control.addressInUse()) {
            logError(QStringLiteral("%1; not starting a second instance (use `clawtray ctl status`)").arg(listening.error().english()));
            return 1;
        }
        logWarn(QStringLiteral("control channel unavailable, `clawtray ctl` will not reach this instance: %1")
                    .arg(listening.error().english()));
    }
    UnixSignalBridge signalBridge;
    int exitCode = 0;
    bool quitting = false;
    auto quit = [&](int code) {
        if (quitting)
            return; // a second request during cleanup changes nothing
        quitting = true;
        exitCode = code;
        systemd->stopping();
        if (!ctx.manager()) {
            QCoreApplication::exit(code);
            return;
        }
        ctx.manager()->shutdown(kQuitTimeoutMs, [&] { QCoreApplication::exit(exitCode); });
    };
    QObject::connect(&signalBridge, &UnixSignalBridge::received, &app, [&](int sig) {
        logInfo(QStringLiteral("received signal %1; stopping").arg(sig));
        quit(0);
    });

    ctx.prepareManager([&](const Done& prepared) {
        if (!prepared) {
            logError(QStringLiteral("cannot start: %1").arg(prepared.error().english()));
            QCoreApplication::exit(kExitBrokenSetup);
            return;
        }
        GatewayManager* m = ctx.manager();
        // Headless has nobody to click "Start" again, so an error is never the end: the manager
        // watches its cause and retries by itself. Each new error is said once, with what
        // ClawTray waits for, where a service manager's journal shows it.
        QObject::connect(m, &GatewayManager::statusChanged, &app, [&, lastSaid = QString()](const GatewayStatus& s) mutable {
            systemd->setStatus(s.oneLine(QDateTime::currentMSecsSinceEpoch()));
            if (s.state != GatewayState::Error) {
                lastSaid.clear();
                return;
            }
            const QString line = s.lastError.summary.english() + QLatin1Char('|') + s.pendingAction.english();
            if (line == lastSaid || quitting)
                return;
            lastSaid = line;
            logWarn(QStringLiteral("not running: %1%2%3")
                        .arg(s.lastError.summary.english(),
                             s.lastError.action.isEmpty() ? QString() : QStringLiteral(" — ") + s.lastError.action.english(),
                             s.pendingAction.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(s.pendingAction.english())));
        });
        control.setManager(m, ctx.companion());
        m->start();
        // Ready for a service manager: supervising (whatever the gateway's state), and `ctl`
        // answers.
        systemd->ready(m->status().oneLine(QDateTime::currentMSecsSinceEpoch()));
    });
    const int rc = app.exec();
    // Answers still in flight (e.g. to the `stop` that ended the gateway) reach their clients
    // before the manager goes away.
    control.setManager(nullptr);
    control.close();
    return rc;
}

} // namespace clawtray
