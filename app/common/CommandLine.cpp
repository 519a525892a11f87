#include "CommandLine.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QTextStream>

namespace clawtray {

ParsedCommandLine parseCommandLine(const QStringList& arguments, const QString& description)
{
    ParsedCommandLine out;
    QCommandLineParser p;
    p.setApplicationDescription(description);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version."));
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Run without a desktop (no tray, no window)."));
    const QCommandLineOption minimized(QStringLiteral("minimized"), QStringLiteral("Start hidden in the tray."));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Gateway port (overrides the setting)."), QStringLiteral("port"));
    const QCommandLineOption runtimeDir(QStringLiteral("runtime-dir"), QStringLiteral("Where Node 24 and openclaw are installed."), QStringLiteral("dir"));
    const QCommandLineOption stateDir(QStringLiteral("state-dir"), QStringLiteral("The gateway's state dir (overrides the setting)."), QStringLiteral("dir"));
    const QCommandLineOption configDir(QStringLiteral("config-dir"), QStringLiteral("ClawTray's settings dir."), QStringLiteral("dir"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("ClawTray's data dir (logs, lease, identity)."), QStringLiteral("dir"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"), QStringLiteral("trace, debug, info, warn or error."), QStringLiteral("level"), QStringLiteral("info"));
    for (const auto& o : {help, version, headless, minimized, port, runtimeDir, stateDir, configDir, dataDir, logLevel})
        p.addOption(o);
    QTextStream err(stderr);
    QTextStream outStream(stdout);
    if (!p.parse(arguments)) {
        err << "clawtray: " << p.errorText() << "\n" << "Try 'clawtray --help'.\n";
        out.exitCode = 2;
        return out;
    }
    if (p.isSet(help)) {
        outStream << p.helpText().replace(QRegularExpression(QStringLiteral("^Usage: \\S+")), QStringLiteral("Usage: clawtray"))
                  << "\nCommands:\n  clawtray ctl <command> [options]\n"
                     "      Control a running ClawTray: status, start, stop, restart, reload, logs, diagnostics,\n"
                     "      doctor, call, dashboard, takeover, handback, approvals, channels, pair\n"
                     "      (see 'clawtray ctl --help').\n"
                     "  clawtray service <install|uninstall|status>\n"
                     "      Run the headless ClawTray as a systemd user service (see 'clawtray service --help').\n";
        out.exitCode = 0;
        return out;
    }
    if (p.isSet(version)) {
        outStream << "clawtray " << CLAWTRAY_VERSION << "\n";
        out.exitCode = 0;
        return out;
    }
    if (!p.positionalArguments().isEmpty()) {
        err << "clawtray: unexpected argument '" << p.positionalArguments().first() << "'\nTry 'clawtray --help'.\n";
        out.exitCode = 2;
        return out;
    }
    AppOptions& o = out.options;
    o.headless = p.isSet(headless);
    o.minimized = p.isSet(minimized);
    if (p.isSet(port)) {
        bool ok = false;
        const uint v = p.value(port).toUInt(&ok);
        if (!ok || v == 0 || v > 65535) {
            err << "clawtray: --port must be a number between 1 and 65535\n";
            out.exitCode = 2;
            return out;
        }
        o.port = quint16(v);
    }
    o.runtimeDir = p.value(runtimeDir);
    o.stateDir = p.value(stateDir);
    o.configDir = p.value(configDir);
    o.dataDir = p.value(dataDir);
    o.logLevel = p.value(logLevel);
    return out;
}

} // namespace clawtray
