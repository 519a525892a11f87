#include "Handshake.h"

#include "Json.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <openssl/evp.h>

#include <cstdlib>

namespace fakegw {
namespace {

constexpr int kProtocolVersion = 4;
constexpr qint64 kSignatureSkewMs = 120000;

const QStringList kClientIds = {QStringLiteral("webchat-ui"),
                                QStringLiteral("openclaw-control-ui"),
                                QStringLiteral("openclaw-browser-copilot"),
                                QStringLiteral("openclaw-tui"),
                                QStringLiteral("webchat"),
                                QStringLiteral("cli"),
                                QStringLiteral("gateway-client"),
                                QStringLiteral("openclaw-macos"),
                                QStringLiteral("openclaw-linux"),
                                QStringLiteral("openclaw-ios"),
                                QStringLiteral("openclaw-watchos"),
                                QStringLiteral("openclaw-android"),
                                QStringLiteral("node-host"),
                                QStringLiteral("openclaw-worker"),
                                QStringLiteral("test"),
                                QStringLiteral("fingerprint"),
                                QStringLiteral("openclaw-probe")};
const QStringList kClientModes = {QStringLiteral("webchat"), QStringLiteral("cli"),  QStringLiteral("ui"),
                                  QStringLiteral("backend"), QStringLiteral("node"), QStringLiteral("worker"),
                                  QStringLiteral("probe"),   QStringLiteral("test")};

bool isInteger(const QJsonValue& v)
{
    return v.isDouble() && v.toDouble() == static_cast<double>(static_cast<qint64>(v.toDouble()));
}

QString requireString(const QJsonObject& o, const QString& key, const QString& at)
{
    if (!o.contains(key))
        return QStringLiteral("at %1: must have required property '%2'")
            .arg(at.isEmpty() ? QStringLiteral("root") : at, key);
    if (!o.value(key).isString())
        return QStringLiteral("at %1/%2: must be string").arg(at, key);
    return {};
}

// Platform / device family as they enter the v3 signature: trimmed, ASCII lower case.
QString normalizeMeta(const QString& value)
{
    QString out = value.trimmed();
    for (QChar& c : out) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + 32);
    }
    return out;
}

ConnectVerdict reject(const QString& message, const QString& detailCode, const QJsonObject& extraDetails = {},
                      int closeCode = 1008)
{
    ConnectVerdict v;
    QJsonObject details = extraDetails;
    details.insert(QStringLiteral("code"), detailCode);
    v.error = invalidRequest(message, details);
    v.closeCode = closeCode;
    v.closeReason = message;
    return v;
}

QString tokenHint(const ConnectClient& client)
{
    if (client.id == QLatin1String("cli") || client.mode == QLatin1String("cli"))
        return QStringLiteral("set gateway.remote.token to match gateway.auth.token");
    if (client.id == QLatin1String("openclaw-control-ui") || client.id.startsWith(QLatin1String("webchat")))
        return QStringLiteral("open the dashboard URL and paste the token in Control UI settings");
    return QStringLiteral("provide gateway auth token");
}

} // namespace

QByteArray decodeBase64Url(const QString& text, bool* ok)
{
    const auto result = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                            QByteArray::AbortOnBase64DecodingErrors);
    *ok = result.decodingStatus == QByteArray::Base64DecodingStatus::Ok && !text.isEmpty();
    return result.decoded;
}

QString deviceIdForPublicKey(const QByteArray& rawKey)
{
    return QString::fromLatin1(QCryptographicHash::hash(rawKey, QCryptographicHash::Sha256).toHex());
}

bool verifyEd25519(const QByteArray& rawPublicKey, const QByteArray& message, const QByteArray& signature)
{
    if (rawPublicKey.size() != 32 || signature.size() != 64)
        return false;
    EVP_PKEY* key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                                reinterpret_cast<const unsigned char*>(rawPublicKey.constData()), 32);
    if (!key)
        return false;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
              EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.constData()),
                               static_cast<size_t>(signature.size()),
                               reinterpret_cast<const unsigned char*>(message.constData()),
                               static_cast<size_t>(message.size())) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return ok;
}

QString connectSchemaError(const QJsonObject& p)
{
    for (const char* key : {"minProtocol", "maxProtocol", "client"}) {
        if (!p.contains(QLatin1String(key)))
            return QStringLiteral("at root: must have required property '%1'").arg(QLatin1String(key));
    }
    for (const char* key : {"minProtocol", "maxProtocol"}) {
        if (!isInteger(p.value(QLatin1String(key))) || p.value(QLatin1String(key)).toInteger() < 1)
            return QStringLiteral("at /%1: must be integer >= 1").arg(QLatin1String(key));
    }
    if (!p.value(QStringLiteral("client")).isObject())
        return QStringLiteral("at /client: must be object");
    const QJsonObject client = p.value(QStringLiteral("client")).toObject();
    for (const char* key : {"id", "version", "platform", "mode"}) {
        const QString error = requireString(client, QLatin1String(key), QStringLiteral("/client"));
        if (!error.isEmpty())
            return error;
    }
    if (!kClientIds.contains(client.value(QStringLiteral("id")).toString()))
        return QStringLiteral("at /client/id: must be equal to one of the allowed values");
    if (!kClientModes.contains(client.value(QStringLiteral("mode")).toString()))
        return QStringLiteral("at /client/mode: must be equal to one of the allowed values");
    if (p.contains(QStringLiteral("role")) && !p.value(QStringLiteral("role")).isString())
        return QStringLiteral("at /role: must be string");
    if (p.contains(QStringLiteral("scopes"))) {
        if (!p.value(QStringLiteral("scopes")).isArray())
            return QStringLiteral("at /scopes: must be array");
        const QJsonArray scopes = p.value(QStringLiteral("scopes")).toArray();
        for (int i = 0; i < scopes.size(); ++i) {
            if (!scopes.at(i).isString())
                return QStringLiteral("at /scopes/%1: must be string").arg(i);
        }
    }
    if (p.contains(QStringLiteral("auth"))) {
        if (!p.value(QStringLiteral("auth")).isObject())
            return QStringLiteral("at /auth: must be object");
        const QJsonValue token = p.value(QStringLiteral("auth")).toObject().value(QStringLiteral("token"));
        if (!token.isUndefined() && !token.isString())
            return QStringLiteral("at /auth/token: must be string");
    }
    if (p.contains(QStringLiteral("device"))) {
        if (!p.value(QStringLiteral("device")).isObject())
            return QStringLiteral("at /device: must be object");
        const QJsonObject device = p.value(QStringLiteral("device")).toObject();
        for (const char* key : {"id", "publicKey", "signature"}) {
            const QString error = requireString(device, QLatin1String(key), QStringLiteral("/device"));
            if (!error.isEmpty())
                return error;
        }
        if (!device.contains(QStringLiteral("signedAt")))
            return QStringLiteral("at /device: must have required property 'signedAt'");
        if (device.contains(QStringLiteral("nonce")) && !device.value(QStringLiteral("nonce")).isString())
            return QStringLiteral("at /device/nonce: must be string");
    }
    return {};
}

ConnectVerdict verifyConnect(const QJsonObject& p, const QString& challengeNonce, const QString& expectedToken,
                             qint64 nowMs)
{
    const QJsonObject clientObject = p.value(QStringLiteral("client")).toObject();
    ConnectClient client;
    client.id = clientObject.value(QStringLiteral("id")).toString();
    client.version = clientObject.value(QStringLiteral("version")).toString();
    client.platform = clientObject.value(QStringLiteral("platform")).toString();
    client.mode = clientObject.value(QStringLiteral("mode")).toString();
    client.displayName = clientObject.value(QStringLiteral("displayName")).toString();
    client.deviceFamily = clientObject.value(QStringLiteral("deviceFamily")).toString();

    const qint64 minProtocol = p.value(QStringLiteral("minProtocol")).toInteger();
    const qint64 maxProtocol = p.value(QStringLiteral("maxProtocol")).toInteger();
    if (!(maxProtocol >= kProtocolVersion && minProtocol <= kProtocolVersion)) {
        return reject(QStringLiteral("protocol mismatch"), QStringLiteral("PROTOCOL_MISMATCH"),
                      {{QStringLiteral("clientMinProtocol"), minProtocol},
                       {QStringLiteral("clientMaxProtocol"), maxProtocol},
                       {QStringLiteral("expectedProtocol"), kProtocolVersion}},
                      1002);
    }

    const QString role = p.value(QStringLiteral("role")).toString(QStringLiteral("operator"));
    if (role != QLatin1String("operator") && role != QLatin1String("node")) {
        ConnectVerdict v;
        v.error = invalidRequest(QStringLiteral("invalid role"));
        v.closeReason = QStringLiteral("invalid role");
        return v;
    }
    QStringList requestedScopes;
    for (const QJsonValue& s : p.value(QStringLiteral("scopes")).toArray())
        requestedScopes.append(s.toString());
    const QString token = p.value(QStringLiteral("auth")).toObject().value(QStringLiteral("token")).toString();

    ConnectVerdict ok;
    ok.ok = true;
    ok.role = role;
    ok.client = client;

    // Device identity is checked before the shared token, as in the real message handler.
    if (p.contains(QStringLiteral("device"))) {
        const QJsonObject device = p.value(QStringLiteral("device")).toObject();
        const QString deviceId = device.value(QStringLiteral("id")).toString();
        bool keyOk = false;
        const QByteArray rawKey = decodeBase64Url(device.value(QStringLiteral("publicKey")).toString(), &keyOk);
        if (!keyOk || rawKey.size() != 32 || deviceIdForPublicKey(rawKey) != deviceId)
            return reject(QStringLiteral("device identity mismatch"), QStringLiteral("DEVICE_AUTH_DEVICE_ID_MISMATCH"),
                          {{QStringLiteral("reason"), QStringLiteral("device-id-mismatch")}});
        const QJsonValue signedAtValue = device.value(QStringLiteral("signedAt"));
        const qint64 signedAt = signedAtValue.toInteger();
        if (!isInteger(signedAtValue) || std::llabs(nowMs - signedAt) > kSignatureSkewMs)
            return reject(QStringLiteral("device signature expired"), QStringLiteral("DEVICE_AUTH_SIGNATURE_EXPIRED"),
                          {{QStringLiteral("reason"), QStringLiteral("device-signature-stale")}});
        const QString nonce = device.value(QStringLiteral("nonce")).toString().trimmed();
        if (nonce.isEmpty())
            return reject(QStringLiteral("device nonce required"), QStringLiteral("DEVICE_AUTH_NONCE_REQUIRED"),
                          {{QStringLiteral("reason"), QStringLiteral("device-nonce-missing")}});
        if (nonce != challengeNonce)
            return reject(QStringLiteral("device nonce mismatch"), QStringLiteral("DEVICE_AUTH_NONCE_MISMATCH"),
                          {{QStringLiteral("reason"), QStringLiteral("device-nonce-mismatch")}});
        bool sigOk = false;
        const QByteArray signature = decodeBase64Url(device.value(QStringLiteral("signature")).toString(), &sigOk);
        const QString fields = QStringList{deviceId,
                                           client.id,
                                           client.mode,
                                           role,
                                           requestedScopes.join(QLatin1Char(',')),
                                           QString::number(signedAt),
                                           token,
                                           nonce}
                                   .join(QLatin1Char('|'));
        const QString v2 = QStringLiteral("v2|") + fields;
        const QString v3 = QStringLiteral("v3|") + fields + QLatin1Char('|') + normalizeMeta(client.platform) +
                           QLatin1Char('|') + normalizeMeta(client.deviceFamily);
        if (sigOk && verifyEd25519(rawKey, v3.toUtf8(), signature))
            ok.signatureVersion = QStringLiteral("v3");
        else if (sigOk && verifyEd25519(rawKey, v2.toUtf8(), signature))
            ok.signatureVersion = QStringLiteral("v2");
        else
            return reject(QStringLiteral("device signature invalid"), QStringLiteral("DEVICE_AUTH_SIGNATURE_INVALID"),
                          {{QStringLiteral("reason"), QStringLiteral("device-signature")}});
        ok.deviceId = deviceId;
    }

    if (token.isEmpty() || token != expectedToken) {
        const bool missing = token.isEmpty();
        ConnectVerdict v =
            reject(QStringLiteral("unauthorized: gateway token %1 (%2)")
                       .arg(missing ? QStringLiteral("missing") : QStringLiteral("mismatch"), tokenHint(client)),
                   missing ? QStringLiteral("AUTH_TOKEN_MISSING") : QStringLiteral("AUTH_TOKEN_MISMATCH"),
                   {{QStringLiteral("authReason"),
                     missing ? QStringLiteral("token_missing") : QStringLiteral("token_mismatch")},
                    {QStringLiteral("canRetryWithDeviceToken"), false},
                    {QStringLiteral("recommendedNextStep"), QStringLiteral("update_auth_configuration")}});
        v.tokenFailure = true;
        return v;
    }

    // A verified device keeps its requested scopes (local silent pairing); without one only the
    // local backend `gateway-client` keeps them, everyone else is cut down to none.
    const bool localBackend = client.id == QLatin1String("gateway-client") && client.mode == QLatin1String("backend");
    ok.scopes = (!ok.deviceId.isEmpty() || localBackend) ? requestedScopes : QStringList();
    // FAKE_WITHHOLD_SCOPES="a,b": a gateway that does not grant those (e.g. approvals).
    for (const QString& s : qEnvironmentVariable("FAKE_WITHHOLD_SCOPES").split(QLatin1Char(','), Qt::SkipEmptyParts))
        ok.scopes.removeAll(s.trimmed());
    return ok;
}

} // namespace fakegw
