#include "protocol/HelloOk.h"

#include "protocol/JsonFields.h"

#include <QJsonArray>

namespace clawtray {

namespace {

// Reads optional fields, remembering the first type error; absent fields leave the target as is.
// Collecting the first error instead of returning early keeps parseHelloOk a flat list of fields.
class FieldReader
{
public:
    QString error() const { return m_error; }

    QJsonObject object(const QJsonObject& from, const char* key, const QString& path)
    {
        const QJsonValue v = from.value(QLatin1String(key));
        if (v.isUndefined())
            return QJsonObject();
        if (!v.isObject()) {
            fail(path, QStringLiteral("an object"), v);
            return QJsonObject();
        }
        return v.toObject();
    }

    void string(const QJsonObject& from, const char* key, const QString& path, QString* out)
    {
        const QJsonValue v = from.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isString())
            return fail(path, QStringLiteral("a string"), v);
        *out = v.toString();
    }

    void positiveInteger(const QJsonObject& from, const char* key, const QString& path, qint64* out)
    {
        const QJsonValue v = from.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        const auto n = json::toExactInteger(v);
        if (!n || *n <= 0)
            return fail(path, QStringLiteral("a positive integer"), v);
        *out = *n;
    }

    void stringList(const QJsonObject& from, const char* key, const QString& path, QStringList* out)
    {
        const QJsonValue v = from.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isArray())
            return fail(path, QStringLiteral("an array of strings"), v);
        const QJsonArray list = v.toArray();
        out->clear();
        out->reserve(list.size());
        for (const QJsonValue& item : list) {
            if (!item.isString())
                return fail(path + QStringLiteral("[]"), QStringLiteral("a string"), item);
            out->append(item.toString());
        }
    }

private:
    void fail(const QString& path, const QString& expected, const QJsonValue& got)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("hello-ok: \"%1\" must be %2, got %3").arg(path, expected, json::typeName(got));
    }

    QString m_error;
};

HelloOkResult fail(const QString& reason)
{
    HelloOkResult r;
    r.error = reason;
    return r;
}

} // namespace

HelloOkResult parseHelloOk(const QJsonValue& payload)
{
    if (!payload.isObject())
        return fail(QStringLiteral("connect response payload must be an object, got %1").arg(json::typeName(payload)));
    const QJsonObject o = payload.toObject();
    if (o.value(QLatin1String("type")).toString() != QLatin1String("hello-ok"))
        return fail(QStringLiteral("connect response payload is not a hello-ok"));
    const auto protocol = json::toExactInteger(o.value(QLatin1String("protocol")));
    if (!protocol || *protocol <= 0 || *protocol > 1000000)
        return fail(QStringLiteral("hello-ok: \"protocol\" must be a positive integer"));

    HelloOkResult r;
    HelloOk& h = r.hello;
    h.protocol = static_cast<int>(*protocol);
    FieldReader read;

    const QJsonObject server = read.object(o, "server", QStringLiteral("server"));
    read.string(server, "version", QStringLiteral("server.version"), &h.serverVersion);
    read.string(server, "buildId", QStringLiteral("server.buildId"), &h.buildId);
    read.string(server, "bootId", QStringLiteral("server.bootId"), &h.bootId);
    read.string(server, "connId", QStringLiteral("server.connId"), &h.connId);

    h.policy = read.object(o, "policy", QStringLiteral("policy"));
    read.positiveInteger(h.policy, "maxPayload", QStringLiteral("policy.maxPayload"), &h.maxPayload);
    read.positiveInteger(h.policy, "maxBufferedBytes", QStringLiteral("policy.maxBufferedBytes"), &h.maxBufferedBytes);
    read.positiveInteger(h.policy, "tickIntervalMs", QStringLiteral("policy.tickIntervalMs"), &h.tickIntervalMs);

    const QJsonObject features = read.object(o, "features", QStringLiteral("features"));
    read.stringList(features, "methods", QStringLiteral("features.methods"), &h.methods);
    read.stringList(features, "events", QStringLiteral("features.events"), &h.events);
    read.stringList(features, "capabilities", QStringLiteral("features.capabilities"), &h.capabilities);

    h.auth = read.object(o, "auth", QStringLiteral("auth"));
    read.stringList(h.auth, "scopes", QStringLiteral("auth.scopes"), &h.grantedScopes);

    h.snapshot = read.object(o, "snapshot", QStringLiteral("snapshot"));
    const QJsonValue uptime = h.snapshot.value(QLatin1String("uptimeMs"));
    if (!uptime.isUndefined()) {
        const auto n = json::toExactInteger(uptime);
        if (!n || *n < 0)
            return fail(QStringLiteral("hello-ok: \"snapshot.uptimeMs\" must be a non-negative integer, got %1")
                            .arg(json::typeName(uptime)));
        h.uptimeMs = *n;
    }

    if (!read.error().isEmpty())
        return fail(read.error());
    r.ok = true;
    return r;
}

HelloOkResult parseHelloOkFrame(const Frame& frame)
{
    if (!frame.isResponse())
        return fail(QStringLiteral("expected the connect response, got a %1 frame").arg(frameKindName(frame.kind)));
    if (!frame.ok) {
        HelloOkResult r;
        r.gatewayError = GatewayError::fromFrame(frame);
        r.error = QStringLiteral("connect was rejected: %1").arg(r.gatewayError->toString());
        return r;
    }
    return parseHelloOk(frame.payload);
}

} // namespace clawtray
