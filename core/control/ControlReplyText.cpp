#include "control/ControlReplyText.h"

#include "supervisor/GatewayStatus.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace clawtray {
namespace {

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

qint64 num(const QJsonObject& o, const char* key)
{
    return qint64(o.value(QLatin1String(key)).toDouble());
}

// The manager passes a blocker object it cannot summarise on as compact JSON: show its message.
QString blockerText(const QJsonValue& blocker)
{
    const QString text = blocker.isString()
                             ? blocker.toString()
                             : QString::fromUtf8(QJsonDocument(blocker.toObject()).toJson(QJsonDocument::Compact));
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    for (const char* key : {"message", "summary", "kind"}) {
        if (!str(o, key).isEmpty())
            return str(o, key);
    }
    return text;
}

} // namespace

QString ControlReplyText::gatewayLine(const QJsonObject& status)
{
    const QString summary = str(status, "summary");
    return summary.isEmpty() ? str(status, "state") : summary;
}

QString ControlReplyText::problem(const QJsonObject& status)
{
    const QJsonObject e = status.value(QLatin1String("lastError")).toObject();
    if (str(e, "summary").isEmpty())
        return {};
    QString text = QStringLiteral("Last error: %1").arg(str(e, "summary"));
    if (!str(e, "action").isEmpty())
        text += QStringLiteral("\n  What to do: %1").arg(str(e, "action"));
    return text;
}

QString ControlReplyText::status(const QJsonObject& result)
{
    const QJsonObject self = result.value(QLatin1String("clawtray")).toObject();
    const QJsonObject gw = result.value(QLatin1String("gateway")).toObject();
    const QJsonObject health = result.value(QLatin1String("health")).toObject();
    QStringList lines;
    QString head = QStringLiteral("ClawTray %1").arg(str(self, "version"));
    if (!str(self, "mode").isEmpty())
        head += QStringLiteral(" · %1").arg(str(self, "mode"));
    head += QStringLiteral(" · pid %1 · up %2").arg(num(self, "pid")).arg(formatDuration(num(self, "uptimeMs")));
    lines << head;
    // In the error state the error is said once, in "Last error" at the end, with what to do.
    const bool failed = str(gw, "state") == QLatin1String("error") && !problem(gw).isEmpty();
    lines << QStringLiteral("Gateway: %1").arg(failed ? QStringLiteral("error (see Last error below)") : gatewayLine(gw));
    QStringList facts;
    if (num(gw, "port") > 0)
        facts << QStringLiteral("port %1").arg(num(gw, "port"));
    if (!str(gw, "gatewayVersion").isEmpty())
        facts << QStringLiteral("version %1").arg(str(gw, "gatewayVersion"));
    if (!str(gw, "serviceUnit").isEmpty())
        facts << QStringLiteral("managed by OpenClaw's service %1").arg(str(gw, "serviceUnit"));
    else if (gw.value(QLatin1String("external")).toBool())
        facts << QStringLiteral("external (not started by ClawTray)");
    if (!facts.isEmpty())
        lines << QStringLiteral("  ") + facts.join(QStringLiteral(" · "));
    if (!str(gw, "peer").isEmpty())
        lines << QStringLiteral("  served by %1").arg(str(gw, "peer"));
    if (!str(gw, "serviceUnit").isEmpty())
        lines << QStringLiteral("  `clawtray ctl takeover` stops and disables %1 and lets ClawTray manage the gateway")
                     .arg(str(gw, "serviceUnit"));
    else if (!str(gw, "serviceHandBackUnit").isEmpty())
        lines << QStringLiteral("  OpenClaw's service %1 is installed but disabled; `clawtray ctl handback` gives it the gateway back")
                     .arg(str(gw, "serviceHandBackUnit"));
    if (!str(gw, "tokenSource").isEmpty())
        lines << QStringLiteral("  token: %1").arg(str(gw, "tokenSource"));
    // Where ClawTray keeps its copy of the token, in words; "auto" alone means nothing was stored
    // yet (the token is the gateway's own, say): nothing to tell.
    static const QHash<QString, QString> storage{
        {QStringLiteral("keychain"), QStringLiteral("in the system keychain")},
        {QStringLiteral("file"), QStringLiteral("in a file only you can read")},
        {QStringLiteral("auto:keychain"), QStringLiteral("in the system keychain (chosen automatically)")},
        {QStringLiteral("auto:file"), QStringLiteral("in a file only you can read (no keychain was available)")}};
    if (const QString where = storage.value(str(gw, "tokenStorage")); !where.isEmpty())
        lines << QStringLiteral("  ClawTray's copy of the token: %1").arg(where);
    if (!health.isEmpty() && str(gw, "state") != QLatin1String("stopped") && !failed)
        lines << QStringLiteral("  health: %1")
                     .arg(str(health, "text").isEmpty() ? str(health, "level") : str(health, "text"));
    if (!str(gw, "pendingAction").isEmpty())
        lines << QStringLiteral("  pending: %1").arg(str(gw, "pendingAction"));
    const QJsonObject channels = result.value(QLatin1String("channels")).toObject();
    if (channels.value(QLatin1String("loaded")).toBool() && str(gw, "state") == QLatin1String("running"))
        lines << QStringLiteral("  channels: %1").arg(str(channels, "text"));
    const QJsonObject approvals = result.value(QLatin1String("approvals")).toObject();
    if (!approvals.isEmpty() && str(gw, "state") == QLatin1String("running")) {
        if (!approvals.value(QLatin1String("permitted")).toBool(true))
            lines << QStringLiteral("  %1").arg(str(approvals, "reason"));
        else if (num(approvals, "pending") > 0)
            lines << QStringLiteral("  approvals: %1 waiting (`clawtray ctl approvals`)").arg(num(approvals, "pending"));
    }
    const QJsonObject activity = result.value(QLatin1String("activity")).toObject();
    if (activity.value(QLatin1String("loaded")).toBool() && str(gw, "state") == QLatin1String("running"))
        lines << QStringLiteral("  %1; %2").arg(str(activity, "sessionsText"), str(activity, "usageText"));
    for (const QString& l : updateLines(result.value(QLatin1String("update")).toObject()))
        lines << QStringLiteral("  ") + l;
    const QJsonObject pairing = result.value(QLatin1String("pairing")).toObject();
    if (!pairing.isEmpty() && str(gw, "state") == QLatin1String("running")) {
        if (!pairing.value(QLatin1String("permitted")).toBool(true))
            lines << QStringLiteral("  %1").arg(str(pairing, "reason"));
        else if (num(pairing, "pending") > 0)
            lines << QStringLiteral("  pairing: %1 waiting (`clawtray ctl pair`)").arg(num(pairing, "pending"));
    }
    if (const QString p = problem(gw); !p.isEmpty())
        lines << p;
    return lines.join(QLatin1Char('\n'));
}

QStringList ControlReplyText::updateLines(const QJsonObject& update)
{
    QStringList lines;
    if (update.isEmpty())
        return lines;
    const QJsonObject progress = update.value(QLatin1String("progress")).toObject();
    if (progress.value(QLatin1String("running")).toBool())
        lines << QStringLiteral("updating: %1").arg(updateProgress(progress));
    const QJsonObject a = update.value(QLatin1String("availability")).toObject();
    if (a.value(QLatin1String("available")).toBool())
        lines << QStringLiteral("OpenClaw %1 → %2 available (%3; `clawtray ctl update`)")
                     .arg(str(a, "current"), str(a, "latest"), str(a, "channel"));
    else if (!str(a, "note").isEmpty())
        lines << str(a, "note");
    const QJsonObject last = update.value(QLatin1String("last")).toObject();
    const QString result = str(last, "result");
    if (result == QLatin1String("rolled-back") || result == QLatin1String("failed") || result == QLatin1String("refused"))
        lines << QStringLiteral("last update (%1 → %2): %3 — %4").arg(str(last, "from"), str(last, "to"), result, str(last, "reason"));
    if (!str(update, "previous").isEmpty() && !progress.value(QLatin1String("running")).toBool())
        lines << QStringLiteral("OpenClaw %1 is kept for `clawtray ctl update --rollback`").arg(str(update, "previous"));
    return lines;
}

QString ControlReplyText::updateProgress(const QJsonObject& p)
{
    return QStringLiteral("[%1/%2] %3").arg(num(p, "stepNumber")).arg(num(p, "stepCount")).arg(str(p, "text"));
}

QString ControlReplyText::update(const QJsonObject& result)
{
    const QJsonObject outcome = result.value(QLatin1String("outcome")).toObject();
    if (!outcome.isEmpty()) {
        const QString done = QStringLiteral("OpenClaw %1 runs now (was %2).").arg(str(outcome, "to"), str(outcome, "from"));
        return str(outcome, "action").isEmpty() ? done : done + QLatin1Char('\n') + str(outcome, "action");
    }
    // --check
    const QJsonObject a = result.value(QLatin1String("availability")).toObject();
    if (a.value(QLatin1String("available")).toBool())
        return QStringLiteral("OpenClaw %1 → %2 available (%3 channel). `clawtray ctl update` installs it.")
            .arg(str(a, "current"), str(a, "latest"), str(a, "channel"));
    if (!str(a, "note").isEmpty())
        return str(a, "note");
    return QStringLiteral("OpenClaw %1 is the newest version of the %2 channel.").arg(str(a, "current"), str(a, "channel"));
}

QString ControlReplyText::lifecycle(const QString& cmd, const QJsonObject& result)
{
    const QJsonObject status = result.value(QLatin1String("status")).toObject();
    if (cmd == QLatin1String("start") && result.value(QLatin1String("alreadyRunning")).toBool())
        return QStringLiteral("The gateway was already running: %1").arg(gatewayLine(status));
    if (cmd == QLatin1String("stop") && result.value(QLatin1String("external")).toBool())
        return QStringLiteral("Disconnected from the external gateway (pid %1); it keeps running.")
            .arg(num(result, "previousPid"));
    if (cmd == QLatin1String("takeover"))
        return QStringLiteral("%1 is stopped and disabled; ClawTray manages the gateway now.\nGateway %2")
            .arg(str(result, "unit"), gatewayLine(status));
    if (cmd == QLatin1String("handback"))
        return QStringLiteral("%1 is enabled and manages the gateway again.\nGateway %2")
            .arg(str(result, "unit"), gatewayLine(status));
    if (cmd == QLatin1String("stop") && !str(status, "serviceUnit").isEmpty())
        return QStringLiteral("Stopped %1 (was pid %2); it stays enabled, so it starts again at login.")
            .arg(str(status, "serviceUnit"))
            .arg(num(result, "previousPid"));
    if (cmd == QLatin1String("stop"))
        return num(result, "previousPid") > 0
                   ? QStringLiteral("Gateway stopped (was pid %1).").arg(num(result, "previousPid"))
                   : QStringLiteral("Gateway stopped.");
    return QStringLiteral("Gateway %1").arg(gatewayLine(status));
}

QString ControlReplyText::safeRestart(const QJsonObject& result)
{
    const QJsonObject sr = result.value(QLatin1String("safeRestart")).toObject();
    const QString verdict = str(sr, "status");
    QStringList lines;
    QString head = QStringLiteral("Restart: %1").arg(verdict);
    if (!str(sr, "summary").isEmpty())
        head += QStringLiteral(" — %1").arg(str(sr, "summary"));
    lines << head;
    if (verdict != QLatin1String("forced")) {
        lines << QStringLiteral("Active tasks: %1").arg(num(sr, "activeTasks"));
        const QJsonArray blockers = sr.value(QLatin1String("blockers")).toArray();
        if (blockers.isEmpty())
            lines << QStringLiteral("Blockers: none");
        else
            lines << QStringLiteral("Blockers:");
        for (const QJsonValue& b : blockers)
            lines << QStringLiteral("  - %1").arg(blockerText(b));
    }
    if (verdict == QLatin1String("deferred"))
        lines << QStringLiteral("The gateway restarts by itself once nothing blocks it any more.");
    else if (verdict == QLatin1String("coalesced"))
        lines << QStringLiteral("A restart was already pending; this request joined it.");
    else if (result.value(QLatin1String("completed")).toBool())
        lines << QStringLiteral("Gateway %1").arg(gatewayLine(result.value(QLatin1String("status")).toObject()));
    return lines.join(QLatin1Char('\n'));
}

QString ControlReplyText::reload(const QJsonObject& result)
{
    const QJsonObject activity = result.value(QLatin1String("reload")).toObject();
    QString text = str(activity, "line");
    if (!text.isEmpty() && result.contains(QLatin1String("settled")) && !result.value(QLatin1String("settled")).toBool())
        text += QStringLiteral(" (still under way; `clawtray ctl status` shows how it ends)");
    if (text.isEmpty())
        text = str(result, "explanation");
    if (text.isEmpty())
        text = QStringLiteral("Reload requested.");
    return settingsFileLine(result.value(QLatin1String("settings")).toObject()) + text
           + QStringLiteral("\nGateway: %1").arg(gatewayLine(result.value(QLatin1String("status")).toObject()));
}

QString ControlReplyText::settingsFileLine(const QJsonObject& settings)
{
    if (settings.isEmpty())
        return {};
    QStringList lines;
    for (const QJsonValue& w : settings.value(QLatin1String("warnings")).toArray())
        lines << QStringLiteral("clawtray.ini: %1").arg(w.toString());
    QStringList changed;
    for (const QJsonValue& k : settings.value(QLatin1String("changed")).toArray())
        changed << k.toString();
    if (!str(settings, "error").isEmpty())
        lines << QStringLiteral("clawtray.ini: %1 changed, not applied: %2").arg(changed.join(QLatin1String(", ")), str(settings, "error"));
    else if (!changed.isEmpty())
        lines << QStringLiteral("clawtray.ini: applied %1").arg(changed.join(QLatin1String(", ")));
    else
        lines << QStringLiteral("clawtray.ini: unchanged");
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

namespace {

QString approvalLine(const QJsonObject& a, qint64 nowMs)
{
    QString line = QStringLiteral("%1  %2").arg(str(a, "id"), str(a, "command"));
    QStringList where;
    if (!str(a, "cwd").isEmpty())
        where << QStringLiteral("in %1").arg(str(a, "cwd"));
    if (!str(a, "agentId").isEmpty())
        where << QStringLiteral("agent %1").arg(str(a, "agentId"));
    if (!str(a, "host").isEmpty())
        where << QStringLiteral("host %1").arg(str(a, "host"));
    if (num(a, "expiresAtMs") > 0)
        where << QStringLiteral("expires in %1").arg(formatDuration(num(a, "expiresAtMs") - nowMs));
    if (!where.isEmpty())
        line += QStringLiteral("\n      ") + where.join(QStringLiteral(" · "));
    if (!str(a, "warningText").isEmpty())
        line += QStringLiteral("\n      warning: ") + str(a, "warningText");
    const QJsonArray allowed = a.value(QLatin1String("allowedDecisions")).toArray();
    if (!allowed.contains(QStringLiteral("allow-always")))
        line += QStringLiteral("\n      (allow-always is not offered for this one)");
    return line;
}

} // namespace

QString ControlReplyText::approvals(const QJsonObject& result)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (result.contains(QLatin1String("decision"))) {
        const QJsonObject a = result.value(QLatin1String("approval")).toObject();
        return QStringLiteral("%1: %2 (%3)").arg(str(result, "decision"), str(a, "command"), str(a, "id"));
    }
    if (!result.value(QLatin1String("permitted")).toBool(true))
        return str(result, "reason");
    const QJsonArray list = result.value(QLatin1String("approvals")).toArray();
    if (list.isEmpty())
        return QStringLiteral("No exec approvals are waiting.");
    QStringList lines{list.size() == 1 ? QStringLiteral("1 exec approval is waiting:")
                                       : QStringLiteral("%1 exec approvals are waiting:").arg(list.size())};
    for (const QJsonValue& v : list)
        lines << QStringLiteral("  ") + approvalLine(v.toObject(), now);
    lines << QStringLiteral("Answer with `clawtray ctl approvals allow-once|allow-always|deny ID`.");
    return lines.join(QLatin1Char('\n'));
}

QString ControlReplyText::channels(const QJsonObject& result)
{
    QStringList lines;
    if (result.contains(QLatin1String("action"))) {
        const QString account = str(result, "accountId");
        lines << QStringLiteral("%1 %2: done.")
                     .arg(str(result, "action"),
                          account.isEmpty() ? str(result, "channel") : QStringLiteral("%1 (%2)").arg(str(result, "channel"), account));
    }
    lines << QStringLiteral("Channels: %1").arg(str(result, "text"));
    for (const QJsonValue& v : result.value(QLatin1String("channelAccounts")).toArray()) {
        const QJsonObject a = v.toObject();
        lines << QStringLiteral("  %1 %2 (%3): %4")
                     .arg(a.value(QLatin1String("needsAttention")).toBool() ? QStringLiteral("!") : QStringLiteral(" "),
                          str(a, "label"), str(a, "accountId"), str(a, "state"));
    }
    for (const QJsonValue& v : result.value(QLatin1String("statusIssues")).toArray()) {
        const QJsonObject i = v.toObject();
        lines << QStringLiteral("  %1 (%2) %3: %4").arg(str(i, "channel"), str(i, "accountId"), str(i, "kind"), str(i, "message"));
        if (!str(i, "fix").isEmpty())
            lines << QStringLiteral("      fix: %1").arg(str(i, "fix"));
    }
    return lines.join(QLatin1Char('\n'));
}

QString ControlReplyText::pairing(const QJsonObject& result)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList lines;
    const QString action = str(result, "action");
    if (!action.isEmpty()) {
        const QJsonObject subject = result.value(QLatin1String("subject")).toObject();
        const QString done = action == QLatin1String("approve")  ? QStringLiteral("Approved")
                             : action == QLatin1String("reject") ? QStringLiteral("Rejected")
                             : action == QLatin1String("remove") ? QStringLiteral("Removed")
                                                                 : QStringLiteral("Renamed");
        lines << QStringLiteral("%1 %2.").arg(done, str(subject, "name"));
    }
    if (!result.value(QLatin1String("permitted")).toBool(true)) {
        lines << str(result, "reason");
        return lines.join(QLatin1Char('\n'));
    }
    const QJsonArray requests = result.value(QLatin1String("requests")).toArray();
    if (requests.isEmpty())
        lines << QStringLiteral("No device is waiting to be paired.");
    else
        lines << (requests.size() == 1 ? QStringLiteral("1 pairing request is waiting:")
                                       : QStringLiteral("%1 pairing requests are waiting:").arg(requests.size()));
    for (const QJsonValue& v : requests) {
        const QJsonObject q = v.toObject();
        // The device id tells two devices of the same name apart.
        const QString subject = str(q, "kind") == QLatin1String("node") ? str(q, "nodeId") : str(q, "deviceId");
        lines << QStringLiteral("  %1  %2").arg(str(q, "requestId"), str(q, "text"));
        lines << QStringLiteral("      %1 %2%3")
                     .arg(str(q, "kind"), subject,
                          num(q, "ts") > 0 ? QStringLiteral(", asked %1 ago").arg(formatDuration(now - num(q, "ts"))) : QString());
        if (!str(q, "cannotApprove").isEmpty())
            lines << QStringLiteral("      %1").arg(str(q, "cannotApprove"));
    }
    if (!requests.isEmpty())
        lines << QStringLiteral("Answer with `clawtray ctl pair approve|reject REQUEST-ID`.");
    const QJsonArray devices = result.value(QLatin1String("devices")).toArray();
    lines << (devices.isEmpty() ? QStringLiteral("No paired devices.") : QStringLiteral("Paired:"));
    for (const QJsonValue& v : devices) {
        const QJsonObject d = v.toObject();
        QStringList facts;
        if (!str(d, "platform").isEmpty())
            facts << str(d, "platform");
        facts << str(d, "role");
        if (d.value(QLatin1String("connected")).toBool())
            facts << QStringLiteral("connected");
        else if (num(d, "lastSeenAtMs") > 0)
            facts << QStringLiteral("last seen %1 ago").arg(formatDuration(now - num(d, "lastSeenAtMs")));
        lines << QStringLiteral("  %1  %2 (%3)").arg(str(d, "id"), str(d, "name"), facts.join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

QString ControlReplyText::approvalEvent(const QJsonObject& data)
{
    if (str(data, "event") == QLatin1String("requested"))
        return QStringLiteral("requested  ") + approvalLine(data.value(QLatin1String("approval")).toObject(), QDateTime::currentMSecsSinceEpoch());
    return QStringLiteral("closed     %1  %2").arg(str(data, "id"), str(data, "why"));
}

QString ControlReplyText::logLine(const QJsonObject& line)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(num(line, "timeMs"));
    return QStringLiteral("%1 %2 [%3] %4")
        .arg(t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")), str(line, "level").toUpper().leftJustified(5),
             str(line, "source"), str(line, "text"));
}

QString ControlReplyText::error(const ControlError& error)
{
    QStringList lines{error.message.isEmpty() ? error.code : error.message};
    const QJsonObject sr = error.details.value(QLatin1String("safeRestart")).toObject();
    if (!sr.isEmpty() && !sr.value(QLatin1String("blockers")).toArray().isEmpty())
        lines << safeRestart(error.details);
    const QJsonObject status = error.details.value(QLatin1String("status")).toObject();
    if (!status.isEmpty()) {
        lines << QStringLiteral("Gateway: %1").arg(gatewayLine(status));
        // The message usually is the last error already; add what to do when it is not there.
        const QJsonObject e = status.value(QLatin1String("lastError")).toObject();
        if (!str(e, "action").isEmpty() && !error.message.contains(str(e, "action")))
            lines << QStringLiteral("What to do: %1").arg(str(e, "action"));
    }
    const QString output = error.details.value(QLatin1String("output")).toString();
    if (!output.isEmpty())
        lines << output.trimmed();
    return lines.join(QLatin1Char('\n'));
}

} // namespace clawtray
