#include "protocol/ConnectChallenge.h"

#include "protocol/Frame.h"
#include "protocol/JsonFields.h"

#include <QJsonArray>
#include <QJsonObject>

namespace clawtray {

namespace {

ConnectChallengeResult fail(const QString& reason)
{
    ConnectChallengeResult r;
    r.error = reason;
    return r;
}

} // namespace

ConnectChallengeResult parseConnectChallenge(const QJsonValue& payload)
{
    if (!payload.isObject())
        return fail(QStringLiteral("connect.challenge payload must be an object, got %1").arg(json::typeName(payload)));
    const QJsonObject o = payload.toObject();

    const QJsonValue nonce = o.value(QLatin1String("nonce"));
    if (!nonce.isString())
        return fail(QStringLiteral("connect.challenge: \"nonce\" must be a string, got %1").arg(json::typeName(nonce)));
    if (nonce.toString().isEmpty())
        return fail(QStringLiteral("connect.challenge: \"nonce\" is empty"));
    if (nonce.toString().size() > ConnectChallenge::kMaxNonceLength)
        return fail(QStringLiteral("connect.challenge: \"nonce\" is too long"));

    const QJsonValue tsValue = o.value(QLatin1String("ts"));
    const auto ts = json::toExactInteger(tsValue);
    if (!ts || *ts <= 0)
        return fail(QStringLiteral("connect.challenge: \"ts\" must be a positive integer, got %1")
                        .arg(json::typeName(tsValue)));

    ConnectChallengeResult r;
    const QJsonValue caps = o.value(QLatin1String("capabilities"));
    if (!caps.isUndefined()) {
        if (!caps.isArray())
            return fail(QStringLiteral("connect.challenge: \"capabilities\" must be an array, got %1")
                            .arg(json::typeName(caps)));
        const QJsonArray list = caps.toArray();
        for (const QJsonValue& c : list) {
            if (c.isString())
                r.challenge.capabilities.append(c.toString());
        }
    }
    r.ok = true;
    r.challenge.nonce = nonce.toString();
    r.challenge.ts = *ts;
    return r;
}

ConnectChallengeResult parseConnectChallengeFrame(const Frame& frame)
{
    if (!frame.isEvent())
        return fail(
            QStringLiteral("expected the connect.challenge event, got a %1 frame").arg(frameKindName(frame.kind)));
    if (frame.event != ConnectChallenge::kEventName)
        return fail(QStringLiteral("expected the connect.challenge event, got the \"%1\" event").arg(frame.event));
    return parseConnectChallenge(frame.payload);
}

} // namespace clawtray
