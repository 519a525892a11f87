#pragma once

#include "protocol/Frame.h"
#include "protocol/GatewayError.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace clawtray {

// The payload of a successful connect response ({"type":"hello-ok", ...}): who the gateway is,
// the limits to apply to this connection, and what it offers. Limits absent from the payload keep
// the values the real gateway sends, so a minimal hello-ok (the fake gateway's) still works.
struct HelloOk
{
    static constexpr qint64 kDefaultMaxBufferedBytes = 50 * 1024 * 1024;
    static constexpr qint64 kDefaultTickIntervalMs = 30000;

    int protocol = 0;
    QString serverVersion;
    QString buildId;
    QString bootId; // changes on every in-process restart: tells a restart from a reconnect
    QString connId;
    qint64 maxPayload = kDefaultMaxFrameBytes;
    qint64 maxBufferedBytes = kDefaultMaxBufferedBytes;
    qint64 tickIntervalMs = kDefaultTickIntervalMs;
    QStringList methods;
    QStringList events;
    QStringList capabilities;
    std::optional<qint64> uptimeMs; // snapshot.uptimeMs
    QJsonObject auth;               // {method, role, scopes, ...}
    QStringList grantedScopes;      // auth.scopes: empty means every operator RPC will be FORBIDDEN
    QJsonObject policy;
    QJsonObject snapshot;

    bool hasMethod(const QString& method) const { return methods.contains(method); }
};

struct HelloOkResult
{
    bool ok = false;
    HelloOk hello;
    QString error;
    // Set when the connect response itself failed: the caller classifies it (auth, protocol,
    // starting up) instead of reading the reason text.
    std::optional<GatewayError> gatewayError;

    explicit operator bool() const { return ok; }
};

// Validates a hello-ok payload: type "hello-ok" and an integer protocol are required; any other
// known field that is present must have the right type (a mistyped limit is a broken gateway,
// not something to guess around). Unknown fields are ignored.
HelloOkResult parseHelloOk(const QJsonValue& payload);
// Same, from the connect response frame; a failed response yields gatewayError.
HelloOkResult parseHelloOkFrame(const Frame& frame);

} // namespace clawtray
