#include "companion/Pairing.h"

#include <QJsonArray>

namespace clawtray {

namespace {

QString text(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

QStringList strings(const QJsonObject& o, const char* key)
{
    QStringList out;
    for (const QJsonValue& v : o.value(QLatin1String(key)).toArray())
        if (v.isString())
            out << v.toString();
    return out;
}

qint64 millis(const QJsonObject& o, const char* key)
{
    return qint64(o.value(QLatin1String(key)).toDouble());
}

QString shortId(const QString& id)
{
    return id.left(12);
}

} // namespace

std::optional<PairingRequest> PairingRequest::fromJson(Kind kind, const QJsonObject& entry)
{
    PairingRequest r;
    r.kind = kind;
    r.requestId = text(entry, "requestId");
    r.subjectId = text(entry, kind == Kind::Node ? "nodeId" : "deviceId");
    if (r.requestId.isEmpty() || r.subjectId.isEmpty())
        return std::nullopt;
    r.displayName = text(entry, "displayName");
    r.platform = text(entry, "platform");
    r.clientId = text(entry, "clientId");
    r.clientMode = text(entry, "clientMode");
    r.role = text(entry, "role");
    if (r.role.isEmpty() && kind == Kind::Node)
        r.role = QStringLiteral("node");
    r.scopes = strings(entry, "scopes");
    r.commands = strings(entry, "commands");
    r.requiredApproveScopes = strings(entry, "requiredApproveScopes");
    r.remoteIp = text(entry, "remoteIp");
    r.isRepair = entry.value(QLatin1String("isRepair")).toBool(false);
    r.silent = entry.value(QLatin1String("silent")).toBool(false);
    r.ts = millis(entry, "ts");
    return r;
}

QJsonObject PairingRequest::toJson() const
{
    return {{QStringLiteral("kind"), kindName()},
            {QStringLiteral("requestId"), requestId},
            {kind == Kind::Node ? QStringLiteral("nodeId") : QStringLiteral("deviceId"), subjectId},
            {QStringLiteral("name"), name()},
            {QStringLiteral("displayName"), displayName},
            {QStringLiteral("platform"), platform},
            {QStringLiteral("clientId"), clientId},
            {QStringLiteral("clientMode"), clientMode},
            {QStringLiteral("role"), role},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
            {QStringLiteral("commands"), QJsonArray::fromStringList(commands)},
            {QStringLiteral("remoteIp"), remoteIp},
            {QStringLiteral("isRepair"), isRepair},
            {QStringLiteral("needsAdmin"), needsAdmin()},
            {QStringLiteral("ts"), ts},
            {QStringLiteral("text"), describe()}};
}

QString PairingRequest::name() const
{
    if (!displayName.isEmpty())
        return displayName;
    if (!clientId.isEmpty())
        return clientId;
    return shortId(subjectId);
}

bool PairingRequest::needsAdmin() const
{
    if (kind == Kind::Node)
        return requiredApproveScopes.contains(QStringLiteral("operator.admin"));
    return (!role.isEmpty() && role != QLatin1String("operator")) || scopes.contains(QStringLiteral("operator.admin"));
}

QString PairingRequest::describe() const
{
    return description().english();
}

UserText PairingRequest::description() const
{
    QStringList about;
    if (!platform.isEmpty())
        about << platform;
    if (!clientId.isEmpty() && clientId != displayName)
        about << clientId;
    // Who asks: the name, with its platform and client ("Pixel 8 (android, openclaw-android)").
    const QString who = about.isEmpty() ? name() : QStringLiteral("%1 (%2)").arg(name(), about.join(QStringLiteral(", ")));
    UserText line;
    if (kind == Kind::Node) {
        const QString cmds = commands.join(QStringLiteral(", "));
        if (isRepair)
            line = commands.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "%1 asks for more node commands")).arg(who)
                                      : UserText(QT_TRANSLATE_NOOP("UserText", "%1 asks for more node commands: %2")).arg(who).arg(cmds);
        else
            line = commands.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "%1 wants to pair as a node")).arg(who)
                                      : UserText(QT_TRANSLATE_NOOP("UserText", "%1 wants to pair as a node: %2")).arg(who).arg(cmds);
    } else {
        const QString asRole = role.isEmpty() ? QStringLiteral("operator") : role; // the protocol's word
        const QString withScopes = scopes.join(QStringLiteral(", "));
        if (isRepair)
            line = scopes.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "%1 asks for more access: %2")).arg(who).arg(asRole)
                                    : UserText(QT_TRANSLATE_NOOP("UserText", "%1 asks for more access: %2 with %3")).arg(who).arg(asRole).arg(withScopes);
        else
            line = scopes.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "%1 wants to pair as %2")).arg(who).arg(asRole)
                                    : UserText(QT_TRANSLATE_NOOP("UserText", "%1 wants to pair as %2 with %3")).arg(who).arg(asRole).arg(withScopes);
    }
    if (!remoteIp.isEmpty())
        line = UserText(QT_TRANSLATE_NOOP("UserText", "%1 from %2")).arg(line).arg(remoteIp);
    return line;
}

std::optional<PairedDevice> PairedDevice::fromJson(PairingRequest::Kind kind, const QJsonObject& entry)
{
    PairedDevice d;
    d.kind = kind;
    d.id = text(entry, kind == PairingRequest::Kind::Node ? "nodeId" : "deviceId");
    if (d.id.isEmpty())
        return std::nullopt;
    d.displayName = text(entry, "displayName");
    d.label = text(entry, "operatorLabel");
    d.platform = text(entry, "platform");
    d.clientId = text(entry, "clientId");
    d.role = text(entry, "role");
    if (d.role.isEmpty() && kind == PairingRequest::Kind::Node)
        d.role = QStringLiteral("node");
    d.roles = strings(entry, "roles");
    d.scopes = strings(entry, "scopes");
    d.approvedVia = text(entry, "approvedVia");
    d.approvedAtMs = millis(entry, "approvedAtMs");
    d.lastSeenAtMs = millis(entry, "lastSeenAtMs");
    d.connected = entry.value(QLatin1String("connected")).toBool(false);
    return d;
}

QJsonObject PairedDevice::toJson() const
{
    return {{QStringLiteral("kind"), kind == PairingRequest::Kind::Node ? QStringLiteral("node") : QStringLiteral("device")},
            {QStringLiteral("id"), id},
            {QStringLiteral("name"), name()},
            {QStringLiteral("displayName"), displayName},
            {QStringLiteral("label"), label},
            {QStringLiteral("platform"), platform},
            {QStringLiteral("clientId"), clientId},
            {QStringLiteral("role"), role},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
            {QStringLiteral("approvedVia"), approvedVia},
            {QStringLiteral("approvedAtMs"), approvedAtMs},
            {QStringLiteral("lastSeenAtMs"), lastSeenAtMs},
            {QStringLiteral("connected"), connected}};
}

QString PairedDevice::name() const
{
    if (!label.isEmpty())
        return label;
    if (!displayName.isEmpty())
        return displayName;
    return clientId.isEmpty() ? shortId(id) : clientId;
}

} // namespace clawtray
