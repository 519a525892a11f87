#pragma once

#include "policy/UserText.h"

#include <QJsonObject>
#include <QMetaType>
#include <QStringList>

#include <optional>

namespace clawtray {

// One exec approval the gateway waits on: an agent wants to run a command and a person decides.
// From `exec.approval.list` entries and `exec.approval.requested` events (same shape).
struct ExecApproval
{
    QString id;
    QString kind;              // approvalKind: "exec"
    QString command;           // the command text as the gateway shows it
    QString cwd;
    QString host;              // "gateway", "node" or empty
    QString nodeId;
    QString agentId;
    QString sessionKey;
    QString warningText;       // the gateway's own warning, when it has one
    QStringList allowedDecisions; // allow-once, allow-always, deny (allow-always can be withheld)
    qint64 createdAtMs = 0;
    qint64 expiresAtMs = 0;

    static std::optional<ExecApproval> fromJson(const QJsonObject& entry);
    QJsonObject toJson() const;
    bool allows(const QString& decision) const { return allowedDecisions.contains(decision); }
    // "echo hello — in /tmp, agent main, host gateway"
    QString describe() const;   // description() in English, for logs and ctl
    UserText description() const; // "ls -la — in /srv, agent main, host box"

    static bool isDecision(const QString& d); // allow-once | allow-always | deny
};

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::ExecApproval)
