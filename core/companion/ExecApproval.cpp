#include "companion/ExecApproval.h"

#include <QJsonArray>

namespace clawtray {

namespace {

QString text(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

} // namespace

std::optional<ExecApproval> ExecApproval::fromJson(const QJsonObject& entry)
{
    ExecApproval a;
    a.id = text(entry, "id");
    if (a.id.isEmpty())
        return std::nullopt;
    a.kind = text(entry, "approvalKind");
    if (a.kind.isEmpty())
        a.kind = QStringLiteral("exec");
    const QJsonObject r = entry.value(QLatin1String("request")).toObject();
    a.command = text(r, "command");
    if (a.command.isEmpty()) {
        QStringList argv;
        for (const QJsonValue& v : r.value(QLatin1String("commandArgv")).toArray())
            argv << v.toString();
        a.command = argv.join(QLatin1Char(' '));
    }
    a.cwd = text(r, "cwd");
    a.host = text(r, "host");
    a.nodeId = text(r, "nodeId");
    a.agentId = text(r, "agentId");
    a.sessionKey = text(r, "sessionKey");
    a.warningText = text(r, "warningText");
    for (const QJsonValue& v : r.value(QLatin1String("allowedDecisions")).toArray())
        if (isDecision(v.toString()))
            a.allowedDecisions << v.toString();
    if (a.allowedDecisions.isEmpty()) // an older gateway that does not say: the three decisions
        a.allowedDecisions = {QStringLiteral("allow-once"), QStringLiteral("allow-always"), QStringLiteral("deny")};
    a.createdAtMs = qint64(entry.value(QLatin1String("createdAtMs")).toDouble());
    a.expiresAtMs = qint64(entry.value(QLatin1String("expiresAtMs")).toDouble());
    return a;
}

QJsonObject ExecApproval::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("command"), command},
            {QStringLiteral("cwd"), cwd},
            {QStringLiteral("host"), host},
            {QStringLiteral("nodeId"), nodeId},
            {QStringLiteral("agentId"), agentId},
            {QStringLiteral("sessionKey"), sessionKey},
            {QStringLiteral("warningText"), warningText},
            {QStringLiteral("allowedDecisions"), QJsonArray::fromStringList(allowedDecisions)},
            {QStringLiteral("createdAtMs"), createdAtMs},
            {QStringLiteral("expiresAtMs"), expiresAtMs}};
}

QString ExecApproval::describe() const
{
    return description().english();
}

UserText ExecApproval::description() const
{
    UserText where; // "in /srv, agent main, host box (node-1)"
    const auto add = [&where](const UserText& part) {
        where = where.isEmpty() ? part : UserText(QT_TRANSLATE_NOOP("UserText", "%1, %2")).arg(where).arg(part);
    };
    if (!cwd.isEmpty())
        add(UserText(QT_TRANSLATE_NOOP("UserText", "in %1")).arg(cwd));
    if (!agentId.isEmpty())
        add(UserText(QT_TRANSLATE_NOOP("UserText", "agent %1")).arg(agentId));
    if (!host.isEmpty())
        add(nodeId.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "host %1")).arg(host) : UserText(QT_TRANSLATE_NOOP("UserText", "host %1 (%2)")).arg(host).arg(nodeId));
    return where.isEmpty() ? UserText::verbatim(command) : UserText(QT_TRANSLATE_NOOP("UserText", "%1 — %2")).arg(command).arg(where);
}

bool ExecApproval::isDecision(const QString& d)
{
    return d == QLatin1String("allow-once") || d == QLatin1String("allow-always") || d == QLatin1String("deny");
}

} // namespace clawtray
