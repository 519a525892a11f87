#pragma once

#include "protocol/ConnectChallenge.h"
#include "protocol/DeviceIdentity.h"
#include "protocol/HelloOk.h" // the handshake's other half, so one include covers the handshake

#include <QJsonObject>
#include <QLatin1String>
#include <QString>
#include <QStringList>

namespace clawtray {

// Who a connection says it is. ClawTray's own connection uses the defaults; a test that plays
// another client (a CLI, a node, a device that must pair) sets its own.
struct ConnectAs
{
    QString clientId = QStringLiteral("gateway-client");
    QString clientMode = QStringLiteral("backend");
    QString displayName = QStringLiteral("ClawTray");
    QString role = QStringLiteral("operator");
    QStringList scopes; // empty: ConnectParams::scopes()
    QStringList caps{QStringLiteral("exec-approvals")};
};

// Builds the params of the `connect` request, the client's first frame. The shape follows what
// the real gateway accepted (see the protocol notes, section 5):
//  - client.id "gateway-client" + mode "backend": over loopback with the token this keeps the
//    requested operator scopes; other ids without a paired device silently get no scopes.
//  - device.signature signs the v3 string over exactly the values sent in this frame, with
//    signedAt/nonce taken from the challenge (the gateway allows ±120 s of clock skew).
class ConnectParams final
{
public:
    static constexpr int kProtocolVersion = 4;
    static constexpr QLatin1String kMethod{"connect"};

    static QStringList scopes(); // operator.read, operator.write, operator.admin

    // Node-style platform name (linux, darwin, win32, ...), as the gateway's own clients send it.
    static QString currentPlatform();

    // An empty token leaves out `auth` entirely, so the gateway answers AUTH_TOKEN_MISSING (a
    // classified auth failure) rather than a schema error about an empty string.
    static QJsonObject build(const QString& token, const DeviceIdentity& identity, const ConnectChallenge& challenge,
                             const QString& appVersion, const QString& platform = currentPlatform(),
                             const ConnectAs& as = ConnectAs());

    // The exact bytes build() signs, for diagnostics and tests.
    static QByteArray signaturePayload(const QString& token, const DeviceIdentity& identity,
                                       const ConnectChallenge& challenge, const QString& platform = currentPlatform(),
                                       const ConnectAs& as = ConnectAs());
};

} // namespace clawtray
