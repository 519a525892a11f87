#include "protocol/ConnectParams.h"

#include <QJsonArray>
#include <QSysInfo>

namespace clawtray {

QStringList ConnectParams::scopes()
{
    // What a companion needs: admin (the lifecycle, config, and seeing every approval — without it
    // only the approvals a device raised itself are visible), approvals and pairing.
    return {QStringLiteral("operator.read"), QStringLiteral("operator.write"), QStringLiteral("operator.admin"),
            QStringLiteral("operator.approvals"), QStringLiteral("operator.pairing")};
}

QString ConnectParams::currentPlatform()
{
    // QSysInfo names the kernel; Node (and so the gateway's own clients) says win32 for Windows.
    const QString kernel = QSysInfo::kernelType().toLower();
    if (kernel == QLatin1String("winnt"))
        return QStringLiteral("win32");
    return kernel.isEmpty() ? QStringLiteral("unknown") : kernel;
}

namespace {

QStringList scopesOf(const ConnectAs& as)
{
    return as.scopes.isEmpty() ? ConnectParams::scopes() : as.scopes;
}

} // namespace

QByteArray ConnectParams::signaturePayload(const QString& token, const DeviceIdentity& identity,
                                           const ConnectChallenge& challenge, const QString& platform, const ConnectAs& as)
{
    // No deviceFamily is sent in client{}, so its field in the signed string is empty.
    return DeviceIdentity::buildSignaturePayloadV3(identity.deviceId(), as.clientId, as.clientMode, as.role, scopesOf(as),
                                                   challenge.ts, token, challenge.nonce, platform, QString());
}

QJsonObject ConnectParams::build(const QString& token, const DeviceIdentity& identity,
                                 const ConnectChallenge& challenge, const QString& appVersion, const QString& platform,
                                 const ConnectAs& as)
{
    const QJsonObject client{
        {QStringLiteral("id"), as.clientId},
        {QStringLiteral("version"), appVersion},
        {QStringLiteral("platform"), platform},
        {QStringLiteral("mode"), as.clientMode},
        {QStringLiteral("displayName"), as.displayName},
    };
    const QJsonObject device{
        {QStringLiteral("id"), identity.deviceId()},
        {QStringLiteral("publicKey"), identity.publicKeyBase64Url()},
        {QStringLiteral("signature"),
         identity.signatureBase64Url(signaturePayload(token, identity, challenge, platform, as))},
        {QStringLiteral("signedAt"), QJsonValue(challenge.ts)},
        {QStringLiteral("nonce"), challenge.nonce},
    };
    QJsonObject params{
        {QStringLiteral("minProtocol"), kProtocolVersion},
        {QStringLiteral("maxProtocol"), kProtocolVersion},
        {QStringLiteral("client"), client},
        {QStringLiteral("role"), as.role},
        {QStringLiteral("scopes"), QJsonArray::fromStringList(scopesOf(as))},
        // Exec-approval events reach a client only with this cap (and the approvals or admin scope).
        {QStringLiteral("caps"), QJsonArray::fromStringList(as.caps)},
        {QStringLiteral("device"), device},
    };
    if (!token.isEmpty())
        params.insert(QStringLiteral("auth"), QJsonObject{{QStringLiteral("token"), token}});
    return params;
}

} // namespace clawtray
