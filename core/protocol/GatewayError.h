#pragma once

#include "policy/UserText.h"
#include "protocol/CloseCode.h" // close-code meanings live beside the error codes they accompany

#include <QJsonObject>
#include <QLatin1String>
#include <QString>

#include <optional>

namespace clawtray {

struct Frame;

// A human explanation of an error and what the user can do about it (empty when nothing).
struct ErrorExplanation
{
    UserText summary;
    UserText action;
};

// The error object of a failed response: {code, message, details?, retryable?, retryAfterMs?}.
// Everything that decides anything branches on `code` and `details.code`; `message` is for
// humans only and may change between gateway versions.
struct GatewayError
{
    // Top-level codes the gateway documents (any other string is kept as-is).
    static constexpr QLatin1String kInvalidRequest{"INVALID_REQUEST"};
    static constexpr QLatin1String kForbidden{"FORBIDDEN"};
    static constexpr QLatin1String kUnavailable{"UNAVAILABLE"};
    static constexpr QLatin1String kNotPaired{"NOT_PAIRED"};
    static constexpr QLatin1String kApprovalNotFound{"APPROVAL_NOT_FOUND"};
    static constexpr QLatin1String kUnknown{"UNKNOWN"}; // the error object had no usable code

    // details.code values seen on the real gateway.
    static constexpr QLatin1String kAuthTokenMismatch{"AUTH_TOKEN_MISMATCH"};
    static constexpr QLatin1String kAuthTokenMissing{"AUTH_TOKEN_MISSING"};
    static constexpr QLatin1String kDeviceSignatureInvalid{"DEVICE_AUTH_SIGNATURE_INVALID"};
    static constexpr QLatin1String kDeviceSignatureExpired{"DEVICE_AUTH_SIGNATURE_EXPIRED"};
    static constexpr QLatin1String kDeviceNonceMismatch{"DEVICE_AUTH_NONCE_MISMATCH"};
    static constexpr QLatin1String kProtocolMismatch{"PROTOCOL_MISMATCH"};
    static constexpr QLatin1String kMissingScope{"MISSING_SCOPE"};

    // What the error is, for the cases a supervisor treats specially.
    enum class Kind {
        Other,
        AuthTokenMismatch,
        AuthTokenMissing,
        DeviceSignatureInvalid,
        DeviceSignatureExpired,
        DeviceNonceMismatch,
        AuthOther, // another AUTH_* / DEVICE_AUTH_* details code, or FORBIDDEN with no details
        MissingScope,
        NotPaired,
        ProtocolMismatch,
        StartingUp,
    };

    QString code = QString(kUnknown);
    QString message;
    QString detailsCode; // details.code, empty when absent
    QJsonObject details;
    bool retryable = false;
    std::optional<int> retryAfterMs;
    std::optional<int> jsonRpcCode; // set when the error came from a legacy JSON-RPC response

    // Lenient by design: a failed call must always produce an error, so missing or mistyped
    // fields fall back to defaults (code "UNKNOWN") instead of failing the parse.
    static GatewayError fromJson(const QJsonObject& error);
    // JSON-RPC {code:int, message, data}: standard request errors map to INVALID_REQUEST, the
    // rest to "JSONRPC_<code>"; an object `data` becomes the details (so data.code is honoured).
    static GatewayError fromJsonRpc(const QJsonObject& error);
    // The error of a failed response frame; nullopt for anything else.
    static std::optional<GatewayError> fromFrame(const Frame& frame);
    // A synthetic error for failures that never reached the gateway (timeouts, disconnects).
    static GatewayError make(const QString& code, const QString& message, const QString& detailsCode = QString(),
                             bool retryable = false, std::optional<int> retryAfterMs = std::nullopt);

    QJsonObject toJson() const; // the OpenClaw error object (the fake gateway sends these)

    Kind kind() const;
    bool isAuthFailure() const;
    bool isProtocolMismatch() const;
    bool isStartingUp() const;
    bool isMissingScope() const;

    ErrorExplanation explain() const;
    QString toString() const; // "CODE/DETAILS_CODE: message", for logs
};

QString gatewayErrorKindName(GatewayError::Kind kind);

} // namespace clawtray
