#pragma once

// Validation of the `connect` request: schema, protocol, role, device identity (Ed25519) and
// token, in the order the real gateway applies them. Pure functions: no sockets, no state.

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace fakegw {

struct ConnectClient
{
    QString id;
    QString version;
    QString platform;
    QString mode;
    QString displayName;
    QString deviceFamily;
};

struct ConnectVerdict
{
    bool ok = false;
    // When !ok: the error shape to answer with, then the close code and reason.
    QJsonObject error;
    int closeCode = 1008;
    QString closeReason;
    bool tokenFailure = false; // counts for the failed-auth delay
    // When ok:
    QString role;
    QStringList scopes; // what the connection is granted
    QString deviceId;   // empty without a device block
    QString signatureVersion;
    ConnectClient client;
};

// The schema check the real gateway runs first ("invalid connect params: at /client/id: ...").
// Returns an empty string when the params are acceptable.
QString connectSchemaError(const QJsonObject& params);

// Protocol, role, device and token checks. `params` must have passed connectSchemaError.
ConnectVerdict verifyConnect(const QJsonObject& params, const QString& challengeNonce, const QString& expectedToken,
                             qint64 nowMs);

// Helpers, exposed for the self-test of the fake.
QByteArray decodeBase64Url(const QString& text, bool* ok);
QString deviceIdForPublicKey(const QByteArray& rawKey);
bool verifyEd25519(const QByteArray& rawPublicKey, const QByteArray& message, const QByteArray& signature);

} // namespace fakegw
