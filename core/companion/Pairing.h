#pragma once

#include "policy/UserText.h"

#include <QJsonObject>
#include <QMetaType>
#include <QStringList>

#include <optional>

namespace clawtray {

// A device or node asking to be paired with the gateway (or, for a paired one, for more: a
// higher role, more scopes, more node commands). From `device.pair.list` / `node.pair.list`
// pending entries and the `device.pair.requested` / `node.pair.requested` events (same shapes).
struct PairingRequest
{
    enum class Kind { Device, Node };
    Kind kind = Kind::Device;
    QString requestId;
    QString subjectId;   // deviceId or nodeId
    QString displayName;
    QString platform;
    QString clientId;    // "openclaw-linux", "cli", "node-host", …
    QString clientMode;
    QString role;        // requested role (devices): operator, node
    QStringList scopes;  // requested scopes (devices)
    QStringList commands;              // declared commands (nodes)
    QStringList requiredApproveScopes; // what approving needs (nodes)
    QString remoteIp;
    bool isRepair = false; // a paired device asking for more than it has
    bool silent = false;   // the gateway approves it by itself
    qint64 ts = 0;

    static std::optional<PairingRequest> fromJson(Kind kind, const QJsonObject& entry);
    QJsonObject toJson() const;
    QString kindName() const { return kind == Kind::Node ? QStringLiteral("node") : QStringLiteral("device"); }
    QString name() const; // display name, else client id, else a short id
    // Approving it needs operator.admin: a non-operator role or admin scope (devices), or node
    // commands the gateway guards with admin.
    bool needsAdmin() const;
    // "Pixel 8 (android, openclaw-android) wants to pair as operator with operator.read from 10.0.0.5"
    QString describe() const;   // description() in English, for logs and ctl
    UserText description() const; // "Pixel 8 (android) wants to pair as operator with operator.read from 10.0.0.2"
};

// A device or node that is paired.
struct PairedDevice
{
    PairingRequest::Kind kind = PairingRequest::Kind::Device;
    QString id;          // deviceId or nodeId
    QString displayName;
    QString label;       // the name the owner gave it (devices: operatorLabel)
    QString platform;
    QString clientId;
    QString role;
    QStringList roles;
    QStringList scopes;
    QString approvedVia; // "silent", "owner", …
    qint64 approvedAtMs = 0;
    qint64 lastSeenAtMs = 0;
    bool connected = false;

    static std::optional<PairedDevice> fromJson(PairingRequest::Kind kind, const QJsonObject& entry);
    QJsonObject toJson() const;
    QString name() const; // label, else display name, else client id
};

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::PairingRequest)
