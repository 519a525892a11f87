#include "CtlCommand.h"

#include "ConsoleText.h"

#include "control/ControlClient.h"
#include "control/ControlReplyText.h"
#include "control/ControlServer.h"

#include <QCommandLineParser>
#include <QHash>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

#include <cstdio>
#include <optional>

namespace clawtray {
namespace {

enum Exit { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitNotRunning = 3 };

constexpr int kConnectTimeoutMs = 3000;
constexpr int kShortTimeoutMs = 60000;
constexpr int kLongTimeoutMs = 300000; // the server answers by its own timeouts well before this
constexpr int kReplyMarginMs = 15000;

const char* const kCommandsHelp = R"(
Commands:
  status                       ClawTray's and the gateway's state
  start                        start the gateway; answers once it runs (or failed)
  stop                         stop the gateway; answers once it stopped
  restart [--safe|--force]     restart the gateway and wait until it runs again.
                               --safe asks the gateway to restart when idle and prints its
                               blockers and whether the restart was scheduled, deferred or
                               coalesced; --force restarts now, whatever it is doing
  reload                       apply a hand-edited clawtray.ini, then make the gateway re-read its configuration
  logs [-n N] [--follow]       the last N lines of ClawTray's log (default 50); --follow keeps
                               printing new lines until interrupted
  diagnostics [--output FILE]  a redacted diagnostics snapshot (JSON), to stdout or FILE
  doctor                       run `openclaw doctor --fix` and print its output
  call METHOD [PARAMS-JSON]    call a gateway RPC method and print its answer
  dashboard [--no-open]        open the Control UI in the browser with a one-time pairing link
                               (from `openclaw dashboard --json`; never the gateway's token).
                               --no-open prints the file to open instead
  takeover                     when OpenClaw's own service (openclaw-gateway.service) manages
                               the gateway: stop and disable it, and let ClawTray manage it
  handback                     undo takeover: stop ClawTray's gateway, enable --now the service
  approvals [--follow]         the exec approvals the gateway waits on (an agent wants to run a
                               command); --follow prints each new or closed one as it happens
  channels                     the gateway's channels per account: connected, stopped, errors,
                               and the gateway's own diagnosis with its fix
  approvals allow-once|allow-always|deny ID
                               answer one (ID or a unique prefix of it)
  channels start|stop CHANNEL [ACCOUNT]
  channels logout CHANNEL [ACCOUNT] --yes
                               start, stop or log out one channel account (needs an admin
                               device; logging out ends its session with the service)
  pair                         devices waiting to be paired, and the paired devices
  pair approve|reject REQUEST-ID
                               answer a pairing request (ID or a unique prefix of it)
  pair rename DEVICE-ID LABEL  give a paired device another name
  pair remove DEVICE-ID --yes  unpair a device (it must pair again to connect)
  update --check [--channel C] is a newer OpenClaw out? (asks the npm registry now)
  update [--to VERSION] [--channel stable|beta] [--now]
                               update the gateway to the channel's newest version (or VERSION):
                               install it beside the current one, back up, check the state
                               database with it, wait until no run is active (--now: do not
                               wait), switch, verify; a failure goes back to the version before.
                               Prints each step; the exit code is 0 only when the new version runs
  update --rollback [--now]    go back to the version that ran before the last update

Exit codes:
  0  ok
  1  the operation failed or timed out (the gateway did not reach the requested state)
  2  usage error
  3  no running ClawTray (nothing answers on the control socket)

Environment:
  CLAWTRAY_CONTROL_SOCKET      the control socket (default: $XDG_RUNTIME_DIR/clawtray.sock,
                               or /tmp/clawtray-<uid>/clawtray.sock without XDG_RUNTIME_DIR)
)";

using console::print;
using console::printJson;

QString jsonText(const QJsonValue& v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

struct Invocation
{
    QString command;
    QJsonObject args;
    bool json = false;
    QString socket;
    int waitMs = kShortTimeoutMs;
    bool open = true; // dashboard: hand the launcher to the browser
};

int usage(const QString& message)
{
    print(stderr, QStringLiteral("clawtray ctl: %1\nTry 'clawtray ctl --help'.").arg(message));
    return ExitUsage;
}

// Parses the command line into a request. Returns an exit code when there is nothing to send.
std::optional<int> parse(const QStringList& arguments, Invocation* inv)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Controls a running ClawTray (`clawtray` or `clawtray --headless`)."));
    p.addPositionalArgument(QStringLiteral("command"),
                            QStringLiteral("status, start, stop, restart, reload, logs, diagnostics, doctor, call, dashboard, takeover, handback, approvals, channels, pair or update."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Machine-readable output (JSON; JSON lines for logs)."));
    const QCommandLineOption socket(QStringLiteral("socket"), QStringLiteral("The control socket to use."),
                                    QStringLiteral("path"));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QStringLiteral("How long start/stop/restart may take (default: ClawTray's own limits)."),
        QStringLiteral("seconds"));
    const QCommandLineOption safe(QStringLiteral("safe"),
                                  QStringLiteral("restart: let the gateway finish active work first."));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("restart: restart now, whatever the gateway is doing."));
    const QCommandLineOption lines({QStringLiteral("n"), QStringLiteral("lines")},
                                   QStringLiteral("logs: how many lines (default 50)."), QStringLiteral("N"));
    const QCommandLineOption follow({QStringLiteral("f"), QStringLiteral("follow")},
                                    QStringLiteral("logs: keep printing new lines."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("diagnostics: write to this file instead of stdout."),
                                    QStringLiteral("file"));
    const QCommandLineOption noOpen(QStringLiteral("no-open"),
                                    QStringLiteral("dashboard: print the pairing file instead of opening a browser."));
    const QCommandLineOption yes(QStringLiteral("yes"),
                                 QStringLiteral("channels logout, pair remove: confirm an action that cannot be undone."));
    const QCommandLineOption check(QStringLiteral("check"), QStringLiteral("update: only check for a newer OpenClaw."));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("update: the version to install."), QStringLiteral("version"));
    const QCommandLineOption channel(QStringLiteral("channel"), QStringLiteral("update: stable or beta."), QStringLiteral("channel"));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("update: do not wait for active runs to finish."));
    const QCommandLineOption rollback(QStringLiteral("rollback"), QStringLiteral("update: go back to the previous version."));
    for (const auto& o : {help, json, socket, timeout, safe, force, lines, follow, output, noOpen, yes, check, to, channel, now, rollback})
        p.addOption(o);
    if (!p.parse(arguments))
        return usage(p.errorText());
    if (p.isSet(help)) {
        print(stdout,
              // Qt puts the binary's path in the usage line; the command is `clawtray ctl`.
              p.helpText()
                      .replace(QRegularExpression(QStringLiteral("^Usage: \\S+")), QStringLiteral("Usage: clawtray ctl"))
                      .trimmed() +
                  QLatin1Char('\n') + QString::fromUtf8(kCommandsHelp).trimmed());
        return ExitOk;
    }
    QStringList pos = p.positionalArguments();
    if (pos.isEmpty())
        return usage(QStringLiteral("missing command"));
    inv->command = pos.takeFirst();
    inv->json = p.isSet(json);
    inv->socket = p.isSet(socket) ? p.value(socket) : ControlServer::configuredSocketPath();
    const QString& cmd = inv->command;
    if (!ControlProtocol::commands().contains(cmd))
        return usage(QStringLiteral("unknown command '%1'").arg(cmd));
    // Options that belong to another command are a mistake worth pointing out, not ignoring.
    const QList<std::pair<QCommandLineOption, QString>> owners = {{safe, QStringLiteral("restart")},
                                                                  {force, QStringLiteral("restart")},
                                                                  {lines, QStringLiteral("logs")},
                                                                  {follow, QStringLiteral("logs|approvals")},
                                                                  {output, QStringLiteral("diagnostics")},
                                                                  {noOpen, QStringLiteral("dashboard")},
                                                                  {yes, QStringLiteral("channels|pair")},
                                                                  {check, QStringLiteral("update")},
                                                                  {to, QStringLiteral("update")},
                                                                  {channel, QStringLiteral("update")},
                                                                  {now, QStringLiteral("update")},
                                                                  {rollback, QStringLiteral("update")}};
    for (const auto& [opt, owner] : owners) {
        if (p.isSet(opt) && !owner.split(QLatin1Char('|')).contains(cmd))
            return usage(QStringLiteral("--%1 only applies to '%2'").arg(opt.names().constLast(), QString(owner).replace(QLatin1Char('|'), QStringLiteral("' and '"))));
    }
    if (cmd == QLatin1String("call")) {
        if (pos.isEmpty() || pos.size() > 2)
            return usage(QStringLiteral("call needs METHOD and optionally PARAMS-JSON"));
        inv->args.insert(QLatin1String("method"), pos.at(0));
        if (pos.size() == 2) {
            QJsonParseError pe{};
            const QJsonDocument doc = QJsonDocument::fromJson(pos.at(1).toUtf8(), &pe);
            if (pe.error != QJsonParseError::NoError)
                return usage(QStringLiteral("PARAMS-JSON is not valid JSON: %1").arg(pe.errorString()));
            inv->args.insert(QLatin1String("params"),
                             doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
        }
    } else if (cmd == QLatin1String("approvals")) {
        const QString action = pos.value(0, QStringLiteral("list"));
        if (action == QLatin1String("list")) {
            if (pos.size() > 1)
                return usage(QStringLiteral("unexpected argument '%1'").arg(pos.at(1)));
        } else if (action == QLatin1String("allow-once") || action == QLatin1String("allow-always") || action == QLatin1String("deny")) {
            if (pos.size() != 2)
                return usage(QStringLiteral("approvals %1 needs the approval's ID").arg(action));
            if (p.isSet(follow))
                return usage(QStringLiteral("--follow only applies to listing approvals"));
            inv->args.insert(QLatin1String("id"), pos.at(1));
        } else {
            return usage(QStringLiteral("approvals: expected allow-once, allow-always or deny ID (or nothing to list them)"));
        }
        inv->args.insert(QLatin1String("action"), action);
    } else if (cmd == QLatin1String("channels")) {
        const QString action = pos.value(0, QStringLiteral("list"));
        if (action == QLatin1String("list")) {
            if (pos.size() > 1)
                return usage(QStringLiteral("unexpected argument '%1'").arg(pos.at(1)));
        } else if (action == QLatin1String("start") || action == QLatin1String("stop") || action == QLatin1String("logout")) {
            if (pos.size() < 2 || pos.size() > 3)
                return usage(QStringLiteral("channels %1 needs CHANNEL and optionally ACCOUNT").arg(action));
            inv->args.insert(QLatin1String("channel"), pos.at(1));
            if (pos.size() == 3)
                inv->args.insert(QLatin1String("accountId"), pos.at(2));
        } else {
            return usage(QStringLiteral("channels: expected start, stop or logout CHANNEL [ACCOUNT] (or nothing to list them)"));
        }
        if (action == QLatin1String("logout") && !p.isSet(yes))
            return usage(QStringLiteral("channels logout ends the account's session with its service (it has to be linked "
                                        "again); add --yes to do it"));
        if (action != QLatin1String("logout") && p.isSet(yes))
            return usage(QStringLiteral("--yes only applies to 'channels logout' and 'pair remove'"));
        inv->args.insert(QLatin1String("action"), action);
        inv->waitMs = kLongTimeoutMs;
    } else if (cmd == QLatin1String("pair")) {
        const QString action = pos.value(0, QStringLiteral("list"));
        const QHash<QString, int> arity{{QStringLiteral("list"), 1},    {QStringLiteral("approve"), 2}, {QStringLiteral("reject"), 2},
                                        {QStringLiteral("remove"), 2},  {QStringLiteral("rename"), 3}};
        if (!arity.contains(action))
            return usage(QStringLiteral("pair: expected approve|reject REQUEST-ID, rename DEVICE-ID LABEL or remove DEVICE-ID "
                                        "(or nothing to list)"));
        if (std::max<int>(1, pos.size()) != arity.value(action)) // plain `pair` is `pair list`
            return usage(action == QLatin1String("list") ? QStringLiteral("unexpected argument '%1'").arg(pos.value(1))
                         : action == QLatin1String("rename") ? QStringLiteral("pair rename needs DEVICE-ID and LABEL")
                         : action == QLatin1String("remove") ? QStringLiteral("pair remove needs the device's ID")
                                                             : QStringLiteral("pair %1 needs the request's ID").arg(action));
        if (action == QLatin1String("remove") && !p.isSet(yes))
            return usage(QStringLiteral("pair remove unpairs the device (it must pair again to connect); add --yes to do it"));
        if (action != QLatin1String("remove") && p.isSet(yes))
            return usage(QStringLiteral("--yes only applies to 'channels logout' and 'pair remove'"));
        if (pos.size() > 1)
            inv->args.insert(QLatin1String("id"), pos.at(1));
        if (action == QLatin1String("rename")) {
            if (pos.at(2).trimmed().isEmpty())
                return usage(QStringLiteral("pair rename needs a non-empty LABEL"));
            inv->args.insert(QLatin1String("label"), pos.at(2).trimmed());
        }
        inv->args.insert(QLatin1String("action"), action);
    } else if (cmd == QLatin1String("update")) {
        if (!pos.isEmpty())
            return usage(QStringLiteral("unexpected argument '%1' (the version goes after --to)").arg(pos.first()));
        if (p.isSet(check) && (p.isSet(to) || p.isSet(now) || p.isSet(rollback)))
            return usage(QStringLiteral("--check only checks; it takes no --to, --now or --rollback"));
        if (p.isSet(rollback) && (p.isSet(to) || p.isSet(channel)))
            return usage(QStringLiteral("--rollback goes back to the previous version; it takes no --to or --channel"));
        inv->args.insert(QLatin1String("check"), p.isSet(check));
        inv->args.insert(QLatin1String("now"), p.isSet(now));
        inv->args.insert(QLatin1String("rollback"), p.isSet(rollback));
        if (p.isSet(to))
            inv->args.insert(QLatin1String("to"), p.value(to));
        if (p.isSet(channel))
            inv->args.insert(QLatin1String("channel"), p.value(channel));
        // Installing ~600 MB, a backup and two gateway starts: the server ends it by its own limits.
        inv->waitMs = p.isSet(check) ? kShortTimeoutMs + kReplyMarginMs : 2 * 3600 * 1000;
    } else if (!pos.isEmpty()) {
        return usage(QStringLiteral("unexpected argument '%1'").arg(pos.first()));
    }
    if (p.isSet(safe) && p.isSet(force))
        return usage(QStringLiteral("--safe and --force exclude each other"));
    if (p.isSet(lines)) {
        bool ok = false;
        const int n = p.value(lines).toInt(&ok);
        if (!ok || n < 0)
            return usage(QStringLiteral("-n needs a number of lines (0 or more)"));
        inv->args.insert(QLatin1String("n"), n);
    }
    if (p.isSet(follow))
        inv->args.insert(QLatin1String("follow"), true);
    if (p.isSet(safe))
        inv->args.insert(QLatin1String("safe"), true);
    if (p.isSet(force))
        inv->args.insert(QLatin1String("force"), true);
    inv->open = !p.isSet(noOpen);
    if (p.isSet(output))
        inv->args.insert(QLatin1String("output"), QFileInfo(p.value(output)).absoluteFilePath());
    const bool lifecycle = cmd == QLatin1String("start") || cmd == QLatin1String("stop") || cmd == QLatin1String("restart")
                           || cmd == QLatin1String("takeover") || cmd == QLatin1String("handback");
    if (p.isSet(timeout)) {
        bool ok = false;
        const double s = p.value(timeout).toDouble(&ok);
        if (!ok || s <= 0 || s > 3600)
            return usage(QStringLiteral("--timeout needs a number of seconds (up to 3600)"));
        if (!lifecycle)
            return usage(QStringLiteral("--timeout only applies to start, stop, restart, takeover and handback"));
        inv->args.insert(QLatin1String("timeoutMs"), qRound(s * 1000));
        inv->waitMs = qRound(s * 1000) + kReplyMarginMs;
    } else if (lifecycle || cmd == QLatin1String("doctor") || cmd == QLatin1String("dashboard")) {
        inv->waitMs = kLongTimeoutMs;
    }
    return std::nullopt;
}

int exitCodeFor(const ControlError& e)
{
    if (e.code == QLatin1String(ControlErrorCode::BadArgs) || e.code == QLatin1String(ControlErrorCode::UnknownCommand))
        return ExitUsage;
    return ExitFailed;
}

int printFailure(const Invocation& inv, const ControlError& e)
{
    if (inv.json)
        printJson({{QStringLiteral("ok"), false}, {QStringLiteral("error"), e.toJson()}});
    print(stderr, QStringLiteral("clawtray ctl %1: %2").arg(inv.command, ControlReplyText::error(e)));
    return exitCodeFor(e);
}

void printLogLine(const Invocation& inv, const QJsonObject& line)
{
    if (inv.json)
        printJson(line, true);
    else
        print(stdout, ControlReplyText::logLine(line));
}

int followLogs(const Invocation& inv, ControlClient& client)
{
    for (;;) {
        const ControlMessage m = client.next(-1);
        if (m.kind == ControlMessage::Kind::Stream && m.stream == QLatin1String("log")) {
            printLogLine(inv, m.data);
        } else if (m.kind == ControlMessage::Kind::Stream && m.stream == QLatin1String("approval")) {
            if (inv.json)
                printJson(m.data, true);
            else
                print(stdout, ControlReplyText::approvalEvent(m.data));
        } else if (m.kind == ControlMessage::Kind::Stream && m.stream == QLatin1String("dropped")) {
            print(stderr, QStringLiteral("clawtray ctl logs: %1 lines skipped (output was not read fast enough)")
                              .arg(qint64(m.data.value(QLatin1String("count")).toDouble())));
        } else if (m.kind == ControlMessage::Kind::Invalid) {
            if (m.error.code == QLatin1String(ControlErrorCode::Disconnected)) {
                print(stderr, QStringLiteral("clawtray ctl logs: ClawTray closed the connection"));
                return ExitOk;
            }
            return printFailure(inv, m.error);
        }
    }
}

// The launcher file goes to the desktop's opener (xdg-open): its argv holds only the file's
// path; the one-time link stays inside the 0600 file.
int openDashboard(const Invocation& inv, const QJsonObject& result)
{
    const QString launcher = result.value(QLatin1String("launcher")).toString();
    const QString until = QDateTime::fromMSecsSinceEpoch(qint64(result.value(QLatin1String("expiresAtMs")).toDouble()))
                              .toString(QStringLiteral("HH:mm"));
    if (!inv.open) {
        if (inv.json)
            printJson(result);
        else
            print(stdout, QStringLiteral("One-time pairing link for the Control UI at %1: open file://%2 in a browser on "
                                         "this machine before %3.")
                              .arg(result.value(QLatin1String("httpUrl")).toString(), launcher, until));
        return ExitOk;
    }
    const QString opener = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
    qint64 pid = 0;
    const bool started = !opener.isEmpty() && QProcess::startDetached(opener, {launcher}, QString(), &pid);
    QJsonObject out = result;
    out.insert(QLatin1String("opened"), started);
    if (inv.json)
        printJson(out);
    if (!started) {
        print(stderr, QStringLiteral("clawtray ctl dashboard: no browser opener (xdg-open) could be started; open file://%1 in a "
                                     "browser on this machine before %2.")
                          .arg(launcher, until));
        return ExitFailed;
    }
    if (!inv.json)
        print(stdout, QStringLiteral("Opening the Control UI (%1) in your browser with a one-time pairing link (valid until %2). "
                                     "If no browser appears, open file://%3 yourself.")
                          .arg(result.value(QLatin1String("httpUrl")).toString(), until, launcher));
    return ExitOk;
}

void printResult(const Invocation& inv, const QJsonObject& result)
{
    const QString& cmd = inv.command;
    if (inv.json) {
        if (cmd == QLatin1String("logs")) {
            for (const QJsonValue& l : result.value(QLatin1String("lines")).toArray())
                printLogLine(inv, l.toObject());
        } else {
            printJson(result);
        }
        return;
    }
    if (cmd == QLatin1String("status"))
        print(stdout, ControlReplyText::status(result));
    else if (cmd == QLatin1String("restart") && result.contains(QLatin1String("safeRestart")))
        print(stdout, ControlReplyText::safeRestart(result));
    else if (cmd == QLatin1String("start") || cmd == QLatin1String("stop") || cmd == QLatin1String("restart")
             || cmd == QLatin1String("takeover") || cmd == QLatin1String("handback"))
        print(stdout, ControlReplyText::lifecycle(cmd, result));
    else if (cmd == QLatin1String("reload"))
        print(stdout, ControlReplyText::reload(result));
    else if (cmd == QLatin1String("logs"))
        for (const QJsonValue& l : result.value(QLatin1String("lines")).toArray())
            printLogLine(inv, l.toObject());
    else if (cmd == QLatin1String("diagnostics") && inv.args.contains(QLatin1String("output")))
        print(stdout, QStringLiteral("Diagnostics written to %1 (%2 bytes).")
                          .arg(result.value(QLatin1String("path")).toString())
                          .arg(qint64(result.value(QLatin1String("bytes")).toDouble())));
    else if (cmd == QLatin1String("doctor"))
        print(stdout, result.value(QLatin1String("output")).toString().trimmed() +
                          QStringLiteral("\nopenclaw doctor --fix: ok"));
    else if (cmd == QLatin1String("call"))
        print(stdout, jsonText(result.value(QLatin1String("payload"))));
    else if (cmd == QLatin1String("approvals"))
        print(stdout, ControlReplyText::approvals(result));
    else if (cmd == QLatin1String("channels"))
        print(stdout, ControlReplyText::channels(result));
    else if (cmd == QLatin1String("pair"))
        print(stdout, ControlReplyText::pairing(result));
    else if (cmd == QLatin1String("update"))
        print(stdout, ControlReplyText::update(result));
    else
        printJson(result);
}

} // namespace

int runCtl(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList arguments{QStringLiteral("clawtray ctl")};
    for (int i = 2; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    Invocation inv;
    if (const auto code = parse(arguments, &inv))
        return *code;

    ControlClient client(inv.socket);
    if (const auto connected = client.connectToServer(kConnectTimeoutMs); !connected) {
        const QString why = connected.error().why.english();
        switch (connected.error().kind) {
        case ControlClient::ConnectFailure::Kind::NotRunning:
            if (inv.json)
                printJson({{QStringLiteral("ok"), false},
                           {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("not-running")},
                                                                 {QStringLiteral("socket"), inv.socket}}}});
            print(stderr,
                  QStringLiteral("No ClawTray is running (socket %1). Start it with `clawtray` or `clawtray --headless`.")
                      .arg(inv.socket));
            break;
        case ControlClient::ConnectFailure::Kind::AccessDenied:
            print(stderr, QStringLiteral("Cannot reach ClawTray at %1: permission denied (it belongs to another user).")
                              .arg(inv.socket));
            break;
        case ControlClient::ConnectFailure::Kind::Untrusted:
            print(stderr,
                  QStringLiteral("Refusing to talk to %1: %2. Another user may be impersonating ClawTray; nothing was "
                                 "sent. Remove it if it is yours, or point CLAWTRAY_CONTROL_SOCKET at a private path.")
                      .arg(inv.socket, why));
            break;
        case ControlClient::ConnectFailure::Kind::Failed:
            print(stderr, QStringLiteral("Cannot reach ClawTray at %1: %2").arg(inv.socket, why));
            break;
        }
        return ExitNotRunning;
    }
    // `update` prints its steps as they happen (JSON lines with --json).
    const ControlMessage reply = client.request(inv.command, inv.args, inv.waitMs, [&inv](const ControlMessage& m) {
        if (m.stream != QLatin1String("update"))
            return;
        if (inv.json)
            printJson(m.data, true);
        else
            print(stdout, ControlReplyText::updateProgress(m.data));
    });
    if (reply.kind != ControlMessage::Kind::Reply || !reply.ok)
        return printFailure(inv, reply.error);
    if (inv.command == QLatin1String("dashboard"))
        return openDashboard(inv, reply.result);
    printResult(inv, reply.result);
    if ((inv.command == QLatin1String("logs") || inv.command == QLatin1String("approvals"))
        && inv.args.value(QLatin1String("follow")).toBool())
        return followLogs(inv, client);
    return ExitOk;
}

} // namespace clawtray
