#include "ServiceCommand.h"

#include "ConsoleText.h"
#include "ServiceUnitTemplate.h"

#include "supervisor/OpenClawService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>

#include <pwd.h>
#include <unistd.h>

namespace clawtray {
namespace {

using console::print;
using console::printJson;

enum Exit { ExitOk = 0, ExitFailed = 1, ExitUsage = 2 };

const QString kUnit = QStringLiteral("clawtray.service");
const QByteArray kMarker = "# Written by `clawtray service install`; `clawtray service uninstall` removes it.";

const char* const kHelp = R"(Usage: clawtray service <install|uninstall|status> [--json] [--force]

Runs the headless ClawTray as a systemd user service (clawtray.service), so the gateway is
supervised from login (or from boot, with lingering) without a desktop.

  install    write ~/.config/systemd/user/clawtray.service (ExecStart: this clawtray --headless),
             then `systemctl --user daemon-reload` and `enable --now`. --force replaces a unit
             file that ClawTray did not write
  uninstall  `systemctl --user disable --now`, remove the unit file ClawTray wrote
  status     the unit file, systemd's view of the service, and whether the user lingers

Exit codes: 0 ok, 1 failed (the message says why and what to do), 2 usage.
)";

struct Run
{
    int exitCode = -1;
    QString output;
    bool ok() const { return exitCode == 0; }
    QString firstLine() const { return output.trimmed().section(QLatin1Char('\n'), 0, 0); }
};

Run run(const QString& program, const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.output = QStringLiteral("cannot run %1: %2").arg(program, p.errorString());
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        r.output = QStringLiteral("%1 %2 did not finish within %3 s").arg(program, args.join(QLatin1Char(' '))).arg(timeoutMs / 1000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

Run systemctl(const QStringList& args)
{
    return run(QStringLiteral("systemctl"), QStringList{QStringLiteral("--user")} + args);
}

QString unitPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("systemd/user/") + kUnit);
}

QString userName()
{
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QString::number(::getuid());
}

// "yes", "no", or "" when logind cannot tell (no logind, e.g. in a container).
QString linger()
{
    const Run r = run(QStringLiteral("loginctl"), {QStringLiteral("show-user"), QString::number(::getuid()),
                                                   QStringLiteral("--property=Linger"), QStringLiteral("--value")},
                      10000);
    const QString v = r.output.trimmed();
    return r.ok() && (v == QLatin1String("yes") || v == QLatin1String("no")) ? v : QString();
}

QString lingerHint(const QString& state)
{
    if (state == QLatin1String("yes"))
        return {};
    return QStringLiteral("On a server, let it run without a login session: sudo loginctl enable-linger %1").arg(userName());
}

QByteArray unitText()
{
    QString text = QString::fromUtf8(kServiceUnitTemplate);
    text.replace(QString::fromUtf8(kServiceUnitExecPlaceholder), QCoreApplication::applicationFilePath());
    return kMarker + '\n' + text.toUtf8();
}

bool writtenByUs(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.readLine().trimmed() == kMarker;
}

QString noManagerHelp(const Run& r)
{
    return QStringLiteral("No systemd user manager answers here (%1). In a login session with one, run "
                          "`systemctl --user daemon-reload && systemctl --user enable --now clawtray`; elsewhere start "
                          "`clawtray --headless` from your own service manager.")
        .arg(r.firstLine().isEmpty() ? QStringLiteral("systemctl failed") : r.firstLine());
}

int install(bool force)
{
    const QString path = unitPath();
    if (QFileInfo::exists(path) && !writtenByUs(path) && !force) {
        print(stderr, QStringLiteral("clawtray service install: %1 exists and was not written by ClawTray; leaving it as it is "
                                     "(use --force to replace it).")
                          .arg(path));
        return ExitFailed;
    }
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(unitText()) < 0 || !f.commit()) {
        print(stderr, QStringLiteral("clawtray service install: cannot write %1: %2").arg(path, f.errorString()));
        return ExitFailed;
    }
    print(stdout, QStringLiteral("Wrote %1 (ExecStart=%2 --headless).").arg(path, QCoreApplication::applicationFilePath()));
    const Run reload = systemctl({QStringLiteral("daemon-reload")});
    if (!reload.ok()) {
        print(stderr, QStringLiteral("clawtray service install: %1").arg(noManagerHelp(reload)));
        return ExitFailed;
    }
    const Run enable = systemctl({QStringLiteral("enable"), QStringLiteral("--now"), kUnit});
    if (!enable.ok()) {
        print(stderr, QStringLiteral("clawtray service install: systemctl --user enable --now %1 failed: %2\n"
                                     "See `systemctl --user status %1` and `journalctl --user -u %1`.")
                          .arg(kUnit, enable.output.trimmed()));
        return ExitFailed;
    }
    print(stdout, QStringLiteral("clawtray.service is enabled and started; `clawtray ctl status` shows the gateway."));
    if (const QString hint = lingerHint(linger()); !hint.isEmpty())
        print(stdout, hint);
    return ExitOk;
}

int uninstall()
{
    const QString path = unitPath();
    if (!QFileInfo::exists(path)) {
        print(stdout, QStringLiteral("clawtray.service is not installed (%1 does not exist).").arg(path));
        return ExitOk;
    }
    if (!writtenByUs(path)) {
        print(stderr, QStringLiteral("clawtray service uninstall: %1 was not written by ClawTray; leaving it as it is.").arg(path));
        return ExitFailed;
    }
    const Run disable = systemctl({QStringLiteral("disable"), QStringLiteral("--now"), kUnit});
    if (!disable.ok())
        print(stderr, QStringLiteral("note: systemctl --user disable --now %1: %2").arg(kUnit, disable.firstLine()));
    if (!QFile::remove(path)) {
        print(stderr, QStringLiteral("clawtray service uninstall: cannot remove %1").arg(path));
        return ExitFailed;
    }
    systemctl({QStringLiteral("daemon-reload")});
    print(stdout, QStringLiteral("Stopped and removed clawtray.service (%1).").arg(path));
    return ExitOk;
}

int status(bool json)
{
    const QString path = unitPath();
    const bool exists = QFileInfo::exists(path);
    const Run show = systemctl({QStringLiteral("show"), kUnit,
                                QStringLiteral("--property=LoadState,ActiveState,UnitFileState,MainPID")});
    ServiceState s = show.ok() ? ServiceState::fromShow(kUnit, show.output.toUtf8()) : ServiceState{};
    s.unit = kUnit;
    if (!show.ok() || !s.queried) {
        s.queried = false;
        s.error = show.firstLine();
    }
    const QString lingers = linger();
    if (json) {
        printJson({{QStringLiteral("unit"), kUnit},
                   {QStringLiteral("unitFile"), path},
                   {QStringLiteral("unitFileExists"), exists},
                   {QStringLiteral("writtenByClawTray"), exists && writtenByUs(path)},
                   {QStringLiteral("managerAnswered"), s.queried},
                   {QStringLiteral("loadState"), s.loadState},
                   {QStringLiteral("activeState"), s.activeState},
                   {QStringLiteral("unitFileState"), s.unitFileState},
                   {QStringLiteral("mainPid"), s.mainPid},
                   {QStringLiteral("linger"), lingers}});
        return ExitOk;
    }
    print(stdout, exists ? QStringLiteral("Unit file: %1%2").arg(path, writtenByUs(path) ? QString() : QStringLiteral(" (not written by ClawTray)"))
                         : QStringLiteral("Unit file: none (`clawtray service install` writes %1)").arg(path));
    print(stdout, s.queried ? QStringLiteral("Service: %1%2").arg(s.describe(), s.mainPid > 0 ? QStringLiteral(", pid %1").arg(s.mainPid) : QString())
                            : QStringLiteral("Service: unknown — %1").arg(noManagerHelp(show)));
    print(stdout, QStringLiteral("Lingering: %1").arg(lingers.isEmpty() ? QStringLiteral("unknown (no logind answer)") : lingers));
    if (exists && lingers != QLatin1String("yes"))
        print(stdout, lingerHint(lingers));
    return ExitOk;
}

} // namespace

int runService(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    args.removeAt(1); // "service"
    QCommandLineParser p;
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("status: machine-readable output."));
    const QCommandLineOption force(QStringLiteral("force"), QStringLiteral("install: replace a unit file ClawTray did not write."));
    p.addOptions({help, json, force});
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("install, uninstall or status"));
    if (!p.parse(args)) {
        print(stderr, QStringLiteral("clawtray service: %1\nTry 'clawtray service --help'.").arg(p.errorText()));
        return ExitUsage;
    }
    if (p.isSet(help)) {
        print(stdout, QString::fromUtf8(kHelp).trimmed());
        return ExitOk;
    }
    const QStringList pos = p.positionalArguments();
    const QString cmd = pos.value(0);
    if (pos.size() != 1 || (cmd != QLatin1String("install") && cmd != QLatin1String("uninstall") && cmd != QLatin1String("status"))) {
        print(stderr, QStringLiteral("clawtray service: expected install, uninstall or status\nTry 'clawtray service --help'."));
        return ExitUsage;
    }
    if ((p.isSet(json) && cmd != QLatin1String("status")) || (p.isSet(force) && cmd != QLatin1String("install"))) {
        print(stderr, QStringLiteral("clawtray service: --json only applies to status, --force only to install"));
        return ExitUsage;
    }
    if (cmd == QLatin1String("install"))
        return install(p.isSet(force));
    if (cmd == QLatin1String("uninstall"))
        return uninstall();
    return status(p.isSet(json));
}

} // namespace clawtray
