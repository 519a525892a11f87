#include "protocol/GatewayError.h"

#include "protocol/Frame.h"
#include "protocol/JsonFields.h"

#include <algorithm>
#include <limits>

namespace clawtray {

namespace {

std::optional<int> nonNegativeMs(const QJsonValue& v)
{
    const auto n = json::toExactInteger(v);
    if (!n || *n < 0)
        return std::nullopt;
    // A server asking for more than ~24 days is clamped rather than overflowing an int timer.
    return static_cast<int>(std::min<qint64>(*n, std::numeric_limits<int>::max()));
}

void readRetryFields(const QJsonObject& from, GatewayError* e)
{
    const QJsonValue retryable = from.value(QLatin1String("retryable"));
    if (retryable.isBool())
        e->retryable = retryable.toBool();
    if (const auto ms = nonNegativeMs(from.value(QLatin1String("retryAfterMs"))))
        e->retryAfterMs = ms;
}

void readDetails(const QJsonValue& details, GatewayError* e)
{
    if (!details.isObject())
        return;
    e->details = details.toObject();
    const QJsonValue code = e->details.value(QLatin1String("code"));
    if (code.isString())
        e->detailsCode = code.toString();
}

} // namespace

GatewayError GatewayError::fromJson(const QJsonObject& error)
{
    GatewayError e;
    const QJsonValue code = error.value(QLatin1String("code"));
    if (code.isString() && !code.toString().isEmpty())
        e.code = code.toString();
    const QJsonValue message = error.value(QLatin1String("message"));
    if (message.isString())
        e.message = message.toString();
    readDetails(error.value(QLatin1String("details")), &e);
    readRetryFields(error, &e);
    if (const auto rpc = json::toExactInteger(error.value(QLatin1String("jsonRpcCode"))))
        e.jsonRpcCode = static_cast<int>(
            std::clamp<qint64>(*rpc, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    return e;
}

GatewayError GatewayError::fromJsonRpc(const QJsonObject& error)
{
    GatewayError e;
    const auto rpc = json::toExactInteger(error.value(QLatin1String("code")));
    if (rpc) {
        const qint64 n = *rpc;
        e.jsonRpcCode =
            static_cast<int>(std::clamp<qint64>(n, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
        // Parse error, invalid request, method not found, invalid params: all "the request was
        // wrong", which is what INVALID_REQUEST means in the OpenClaw dialect.
        if (n == -32700 || n == -32600 || n == -32601 || n == -32602)
            e.code = QString(kInvalidRequest);
        else
            e.code = QStringLiteral("JSONRPC_%1").arg(n);
    }
    const QJsonValue message = error.value(QLatin1String("message"));
    if (message.isString())
        e.message = message.toString();
    const QJsonValue data = error.value(QLatin1String("data"));
    readDetails(data, &e);
    if (data.isObject())
        readRetryFields(data.toObject(), &e);
    return e;
}

std::optional<GatewayError> GatewayError::fromFrame(const Frame& frame)
{
    if (!frame.isResponse() || frame.ok)
        return std::nullopt;
    return fromJson(frame.error);
}

GatewayError GatewayError::make(const QString& code, const QString& message, const QString& detailsCode, bool retryable,
                                std::optional<int> retryAfterMs)
{
    GatewayError e;
    e.code = code;
    e.message = message;
    if (!detailsCode.isEmpty()) {
        e.detailsCode = detailsCode;
        e.details.insert(QLatin1String("code"), detailsCode);
    }
    e.retryable = retryable;
    e.retryAfterMs = retryAfterMs;
    return e;
}

QJsonObject GatewayError::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("code"), code);
    o.insert(QLatin1String("message"), message);
    QJsonObject d = details;
    if (!detailsCode.isEmpty())
        d.insert(QLatin1String("code"), detailsCode);
    if (!d.isEmpty())
        o.insert(QLatin1String("details"), d);
    if (retryable)
        o.insert(QLatin1String("retryable"), true);
    if (retryAfterMs)
        o.insert(QLatin1String("retryAfterMs"), *retryAfterMs);
    // Not part of the OpenClaw schema; only present on errors normalised from JSON-RPC so the
    // original number survives a round trip through Frame::error.
    if (jsonRpcCode)
        o.insert(QLatin1String("jsonRpcCode"), *jsonRpcCode);
    return o;
}

GatewayError::Kind GatewayError::kind() const
{
    if (detailsCode == kProtocolMismatch || code == kProtocolMismatch)
        return Kind::ProtocolMismatch;
    if (detailsCode == kAuthTokenMismatch)
        return Kind::AuthTokenMismatch;
    if (detailsCode == kAuthTokenMissing)
        return Kind::AuthTokenMissing;
    if (detailsCode == kDeviceSignatureInvalid)
        return Kind::DeviceSignatureInvalid;
    if (detailsCode == kDeviceSignatureExpired)
        return Kind::DeviceSignatureExpired;
    if (detailsCode == kDeviceNonceMismatch)
        return Kind::DeviceNonceMismatch;
    if (detailsCode == kMissingScope)
        return Kind::MissingScope;
    // Other auth codes a newer gateway may add are still auth failures, unless the gateway says
    // retrying helps (a rate limit, say), in which case treating them as fatal would be wrong.
    if (!retryable &&
        (detailsCode.startsWith(QLatin1String("AUTH_")) || detailsCode.startsWith(QLatin1String("DEVICE_AUTH_"))))
        return Kind::AuthOther;
    if (code == kUnavailable && retryable)
        return Kind::StartingUp;
    if (code == kNotPaired)
        return Kind::NotPaired;
    // A bare FORBIDDEN (no details at all) is how the gateway refuses an unauthenticated peer.
    if (code == kForbidden && details.isEmpty() && detailsCode.isEmpty())
        return Kind::AuthOther;
    return Kind::Other;
}

bool GatewayError::isAuthFailure() const
{
    switch (kind()) {
    case Kind::AuthTokenMismatch:
    case Kind::AuthTokenMissing:
    case Kind::DeviceSignatureInvalid:
    case Kind::DeviceSignatureExpired:
    case Kind::DeviceNonceMismatch:
    case Kind::AuthOther:
        return true;
    default:
        return false;
    }
}

bool GatewayError::isProtocolMismatch() const
{
    return kind() == Kind::ProtocolMismatch;
}

bool GatewayError::isStartingUp() const
{
    return code == kUnavailable && retryable;
}

bool GatewayError::isMissingScope() const
{
    return detailsCode == kMissingScope;
}

ErrorExplanation GatewayError::explain() const
{
    switch (kind()) {
    case Kind::AuthTokenMismatch:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "The gateway rejected ClawTray's token: the gateway was started with a different one.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Import the gateway's token into ClawTray, or restart the gateway from ClawTray so it "
                               "uses ClawTray's token."))};
    case Kind::AuthTokenMissing:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "ClawTray connected without a token, and the gateway requires one.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Set the gateway token in ClawTray's settings, or restart the gateway from ClawTray so "
                               "it uses ClawTray's token."))};
    case Kind::DeviceSignatureInvalid:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "The gateway could not verify ClawTray's device signature.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Reconnect; if it keeps failing, remove ClawTray's device identity file so a new key "
                               "is created."))};
    case Kind::DeviceSignatureExpired:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "The gateway rejected ClawTray's device signature as stale: this computer's clock and "
                               "the gateway's differ by more than two minutes.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Check the system clock (enable time synchronisation), then reconnect."))};
    case Kind::DeviceNonceMismatch:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "The handshake challenge did not match; the connection was probably reset during the "
                               "handshake.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Reconnect; ClawTray does this automatically."))};
    case Kind::AuthOther:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "The gateway refused ClawTray's credentials.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Import the gateway's token into ClawTray, or restart the gateway from ClawTray."))};
    case Kind::MissingScope:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "The gateway accepted ClawTray but did not grant the operator permission this action "
                               "needs.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Connect with the gateway's token (import it, or restart the gateway from ClawTray) so "
                               "operator scopes are granted."))};
    case Kind::NotPaired:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "The gateway requires this device to be paired before it accepts it.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Approve the pairing request in OpenClaw, or connect with the gateway's token."))};
    case Kind::ProtocolMismatch: {
        const auto expected = json::toExactInteger(details.value(QLatin1String("expectedProtocol")));
        UserText summary =
            expected ? UserText(QT_TRANSLATE_NOOP("UserText", "The gateway speaks a different protocol version than "
                                                              "ClawTray (the gateway expects v%1, ClawTray speaks v4)."))
                           .arg(*expected)
                     : UserText(QT_TRANSLATE_NOOP("UserText", "The gateway speaks a different protocol version than "
                                                              "ClawTray (ClawTray speaks v4)."));
        return {summary, UserText(QT_TRANSLATE_NOOP("UserText", "Update ClawTray, or install the gateway version this "
                                                                "ClawTray supports."))};
    }
    case Kind::StartingUp:
        return {UserText(QT_TRANSLATE_NOOP("UserText", "The gateway is still starting up.")),
                UserText(QT_TRANSLATE_NOOP("UserText", "Wait a moment; ClawTray retries automatically."))};
    case Kind::Other:
        break;
    }
    return {UserText(QT_TRANSLATE_NOOP("UserText", "The gateway reported an error: %1")).arg(toString()), UserText()};
}

QString GatewayError::toString() const
{
    QString s = code;
    if (!detailsCode.isEmpty())
        s += QLatin1Char('/') + detailsCode;
    if (!message.isEmpty())
        s += QStringLiteral(": ") + message;
    return s;
}

QString gatewayErrorKindName(GatewayError::Kind kind)
{
    switch (kind) {
    case GatewayError::Kind::Other:
        return QStringLiteral("other");
    case GatewayError::Kind::AuthTokenMismatch:
        return QStringLiteral("auth-token-mismatch");
    case GatewayError::Kind::AuthTokenMissing:
        return QStringLiteral("auth-token-missing");
    case GatewayError::Kind::DeviceSignatureInvalid:
        return QStringLiteral("device-signature-invalid");
    case GatewayError::Kind::DeviceSignatureExpired:
        return QStringLiteral("device-signature-expired");
    case GatewayError::Kind::DeviceNonceMismatch:
        return QStringLiteral("device-nonce-mismatch");
    case GatewayError::Kind::AuthOther:
        return QStringLiteral("auth-other");
    case GatewayError::Kind::MissingScope:
        return QStringLiteral("missing-scope");
    case GatewayError::Kind::NotPaired:
        return QStringLiteral("not-paired");
    case GatewayError::Kind::ProtocolMismatch:
        return QStringLiteral("protocol-mismatch");
    case GatewayError::Kind::StartingUp:
        return QStringLiteral("starting-up");
    }
    return QString();
}

} // namespace clawtray
