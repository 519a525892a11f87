#include "protocol/Frame.h"

#include "protocol/GatewayError.h"
#include "protocol/JsonFields.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace clawtray {

namespace {

FrameParseResult reject(FrameRejection why, const QString& reason)
{
    FrameParseResult r;
    r.rejection = why;
    r.error = reason;
    return r;
}

FrameParseResult accept(Frame frame)
{
    FrameParseResult r;
    r.ok = true;
    r.frame = std::move(frame);
    return r;
}

FrameParseResult missing(const QString& what, const QString& field)
{
    return reject(FrameRejection::MissingField, QStringLiteral("%1 frame has no \"%2\"").arg(what, field));
}

FrameParseResult wrongType(const QString& what, const QString& field, const QString& expected, const QJsonValue& got)
{
    return reject(
        FrameRejection::WrongType,
        QStringLiteral("%1 frame: \"%2\" must be %3, got %4").arg(what, field, expected, json::typeName(got)));
}

// The OpenClaw schema requires ids to be non-empty strings; an id we cannot match against a
// pending call is useless, so it is a rejection rather than a frame with an empty id.
std::optional<FrameParseResult> checkStringId(const QJsonObject& obj, const QString& what, QString* id)
{
    const QJsonValue v = obj.value(QLatin1String("id"));
    if (v.isUndefined())
        return missing(what, QStringLiteral("id"));
    if (!v.isString())
        return wrongType(what, QStringLiteral("id"), QStringLiteral("a string"), v);
    if (v.toString().isEmpty())
        return reject(FrameRejection::MissingField, QStringLiteral("%1 frame has an empty \"id\"").arg(what));
    *id = v.toString();
    return std::nullopt;
}

FrameParseResult parseRequest(const QJsonObject& obj)
{
    const QString what = QStringLiteral("request");
    Frame f;
    f.kind = FrameKind::Request;
    if (auto bad = checkStringId(obj, what, &f.id))
        return *bad;
    const QJsonValue method = obj.value(QLatin1String("method"));
    if (method.isUndefined())
        return missing(what, QStringLiteral("method"));
    if (!method.isString())
        return wrongType(what, QStringLiteral("method"), QStringLiteral("a string"), method);
    if (method.toString().isEmpty())
        return reject(FrameRejection::MissingField, QStringLiteral("request frame has an empty \"method\""));
    f.method = method.toString();
    f.params = obj.value(QLatin1String("params"));
    return accept(std::move(f));
}

FrameParseResult parseResponse(const QJsonObject& obj)
{
    const QString what = QStringLiteral("response");
    Frame f;
    f.kind = FrameKind::Response;
    if (auto bad = checkStringId(obj, what, &f.id))
        return *bad;
    const QJsonValue ok = obj.value(QLatin1String("ok"));
    if (ok.isUndefined())
        return missing(what, QStringLiteral("ok"));
    if (!ok.isBool())
        return wrongType(what, QStringLiteral("ok"), QStringLiteral("a boolean"), ok);
    f.ok = ok.toBool();
    f.payload = obj.value(QLatin1String("payload"));
    const QJsonValue error = obj.value(QLatin1String("error"));
    if (!error.isUndefined() && !error.isObject())
        return wrongType(what, QStringLiteral("error"), QStringLiteral("an object"), error);
    // ok:false without an error object is accepted: the call still failed and must settle;
    // GatewayError turns the empty object into an "UNKNOWN" error.
    f.error = error.toObject();
    return accept(std::move(f));
}

FrameParseResult parseEvent(const QJsonObject& obj)
{
    const QString what = QStringLiteral("event");
    Frame f;
    f.kind = FrameKind::Event;
    const QJsonValue event = obj.value(QLatin1String("event"));
    if (event.isUndefined())
        return missing(what, QStringLiteral("event"));
    if (!event.isString())
        return wrongType(what, QStringLiteral("event"), QStringLiteral("a string"), event);
    if (event.toString().isEmpty())
        return reject(FrameRejection::MissingField, QStringLiteral("event frame has an empty \"event\""));
    f.event = event.toString();
    f.payload = obj.value(QLatin1String("payload"));
    const QJsonValue seq = obj.value(QLatin1String("seq"));
    if (!seq.isUndefined()) {
        const auto n = json::toExactInteger(seq);
        if (!n || *n < 0)
            return wrongType(what, QStringLiteral("seq"), QStringLiteral("a non-negative integer"), seq);
        f.seq = *n;
    }
    const QJsonValue stateVersion = obj.value(QLatin1String("stateVersion"));
    if (!stateVersion.isUndefined() && !stateVersion.isObject() && !stateVersion.isDouble())
        return wrongType(what, QStringLiteral("stateVersion"), QStringLiteral("an object or a number"), stateVersion);
    f.stateVersion = stateVersion;
    return accept(std::move(f));
}

// Legacy JSON-RPC 2.0: responses {jsonrpc, id, result|error} and notifications {jsonrpc, method,
// params}. Ids may be numbers in JSON-RPC; integral ones are turned into their decimal string so
// they match the string ids ClawTray sends. Server-to-client requests are not part of either
// protocol ClawTray speaks, so they are rejected instead of being silently treated as events.
FrameParseResult parseJsonRpc(const QJsonObject& obj)
{
    const QString what = QStringLiteral("JSON-RPC");
    const QJsonValue version = obj.value(QLatin1String("jsonrpc"));
    if (!version.isString() || version.toString() != QLatin1String("2.0"))
        return reject(FrameRejection::Unsupported, QStringLiteral("JSON-RPC frame: \"jsonrpc\" must be \"2.0\""));

    const QJsonValue id = obj.value(QLatin1String("id"));
    const QJsonValue method = obj.value(QLatin1String("method"));
    if (!method.isUndefined()) {
        if (!id.isUndefined() && !id.isNull())
            return reject(FrameRejection::Unsupported,
                          QStringLiteral("JSON-RPC requests from the gateway are not supported"));
        if (!method.isString())
            return wrongType(what, QStringLiteral("method"), QStringLiteral("a string"), method);
        if (method.toString().isEmpty())
            return reject(FrameRejection::MissingField, QStringLiteral("JSON-RPC frame has an empty \"method\""));
        Frame f;
        f.kind = FrameKind::Event;
        f.dialect = FrameDialect::JsonRpc;
        f.event = method.toString();
        f.payload = obj.value(QLatin1String("params"));
        return accept(std::move(f));
    }

    Frame f;
    f.kind = FrameKind::Response;
    f.dialect = FrameDialect::JsonRpc;
    if (id.isUndefined() || id.isNull())
        return missing(what, QStringLiteral("id"));
    if (id.isString()) {
        if (id.toString().isEmpty())
            return reject(FrameRejection::MissingField, QStringLiteral("JSON-RPC frame has an empty \"id\""));
        f.id = id.toString();
    } else if (const auto n = json::toExactInteger(id)) {
        f.id = QString::number(*n);
    } else {
        return wrongType(what, QStringLiteral("id"), QStringLiteral("a string or an integer"), id);
    }

    const bool hasResult = obj.contains(QLatin1String("result"));
    const QJsonValue error = obj.value(QLatin1String("error"));
    if (hasResult == !error.isUndefined())
        return reject(FrameRejection::MissingField,
                      QStringLiteral("JSON-RPC response must have exactly one of \"result\" and \"error\""));
    if (hasResult) {
        f.ok = true;
        f.payload = obj.value(QLatin1String("result"));
        return accept(std::move(f));
    }
    if (!error.isObject())
        return wrongType(what, QStringLiteral("error"), QStringLiteral("an object"), error);
    const QJsonObject e = error.toObject();
    if (!json::toExactInteger(e.value(QLatin1String("code"))))
        return wrongType(what, QStringLiteral("error.code"), QStringLiteral("an integer"),
                         e.value(QLatin1String("code")));
    const QJsonValue message = e.value(QLatin1String("message"));
    if (!message.isUndefined() && !message.isString())
        return wrongType(what, QStringLiteral("error.message"), QStringLiteral("a string"), message);
    f.ok = false;
    f.error = GatewayError::fromJsonRpc(e).toJson();
    return accept(std::move(f));
}

} // namespace

Frame Frame::request(const QString& id, const QString& method, const QJsonValue& params)
{
    Frame f;
    f.kind = FrameKind::Request;
    f.id = id;
    f.method = method;
    f.params = params;
    return f;
}

Frame Frame::response(const QString& id, const QJsonValue& payload)
{
    Frame f;
    f.kind = FrameKind::Response;
    f.id = id;
    f.ok = true;
    f.payload = payload;
    return f;
}

Frame Frame::errorResponse(const QString& id, const QJsonObject& error)
{
    Frame f;
    f.kind = FrameKind::Response;
    f.id = id;
    f.ok = false;
    f.error = error;
    return f;
}

Frame Frame::eventFrame(const QString& event, const QJsonValue& payload, std::optional<qint64> seq,
                        const QJsonValue& stateVersion)
{
    Frame f;
    f.kind = FrameKind::Event;
    f.event = event;
    f.payload = payload;
    f.seq = seq;
    f.stateVersion = stateVersion;
    return f;
}

QJsonObject Frame::toJson() const
{
    QJsonObject o;
    // insert() of an Undefined value would store null; the gateway's closed schemas reject
    // unexpected nulls, so optional fields are left out entirely when absent.
    const auto put = [&o](const char* key, const QJsonValue& v) {
        if (!v.isUndefined())
            o.insert(QLatin1String(key), v);
    };
    switch (kind) {
    case FrameKind::Request:
        o.insert(QLatin1String("type"), QStringLiteral("req"));
        o.insert(QLatin1String("id"), id);
        o.insert(QLatin1String("method"), method);
        put("params", params);
        break;
    case FrameKind::Response:
        o.insert(QLatin1String("type"), QStringLiteral("res"));
        o.insert(QLatin1String("id"), id);
        o.insert(QLatin1String("ok"), ok);
        put("payload", payload);
        if (!ok)
            o.insert(QLatin1String("error"), error);
        break;
    case FrameKind::Event:
        o.insert(QLatin1String("type"), QStringLiteral("event"));
        o.insert(QLatin1String("event"), event);
        put("payload", payload);
        if (seq)
            o.insert(QLatin1String("seq"), QJsonValue(*seq));
        put("stateVersion", stateVersion);
        break;
    }
    return o;
}

QByteArray Frame::toBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

FrameParseResult parseFrame(const QByteArray& data, qsizetype maxBytes)
{
    // Size first: a hostile or broken peer must not make us build a huge DOM before refusing it.
    if (maxBytes > 0 && data.size() > maxBytes)
        return reject(FrameRejection::Oversized,
                      QStringLiteral("frame is %1 bytes, over the %2-byte limit").arg(data.size()).arg(maxBytes));
    if (data.isEmpty())
        return reject(FrameRejection::NotJson, QStringLiteral("frame is empty"));

    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError)
        return reject(FrameRejection::NotJson,
                      QStringLiteral("frame is not JSON: %1 at offset %2").arg(err.errorString()).arg(err.offset));
    if (!doc.isObject())
        return reject(FrameRejection::NotObject, QStringLiteral("frame is not a JSON object"));
    const QJsonObject obj = doc.object();

    // Unknown extra properties are tolerated on receive: the gateway's schemas are closed for
    // what it accepts, but a newer gateway adding a field must not break an older ClawTray.
    const QJsonValue type = obj.value(QLatin1String("type"));
    if (type.isUndefined()) {
        if (obj.contains(QLatin1String("jsonrpc")))
            return parseJsonRpc(obj);
        return reject(FrameRejection::MissingField, QStringLiteral("frame has no \"type\""));
    }
    if (!type.isString())
        return wrongType(QStringLiteral("a"), QStringLiteral("type"), QStringLiteral("a string"), type);
    const QString t = type.toString();
    if (t == QLatin1String("req"))
        return parseRequest(obj);
    if (t == QLatin1String("res"))
        return parseResponse(obj);
    if (t == QLatin1String("event"))
        return parseEvent(obj);
    return reject(FrameRejection::UnknownType, QStringLiteral("frame has an unknown \"type\""));
}

QByteArray buildRequest(const QString& id, const QString& method, const QJsonValue& params)
{
    return buildRequestText(id, method, params).toUtf8();
}

QByteArray buildResponse(const QString& id, const QJsonValue& payload)
{
    return Frame::response(id, payload).toBytes();
}

QByteArray buildErrorResponse(const QString& id, const QJsonObject& error)
{
    return Frame::errorResponse(id, error).toBytes();
}

QByteArray buildEvent(const QString& event, const QJsonValue& payload, std::optional<qint64> seq,
                      const QJsonValue& stateVersion)
{
    return Frame::eventFrame(event, payload, seq, stateVersion).toBytes();
}

QString frameKindName(FrameKind kind)
{
    switch (kind) {
    case FrameKind::Request:
        return QStringLiteral("req");
    case FrameKind::Response:
        return QStringLiteral("res");
    case FrameKind::Event:
        return QStringLiteral("event");
    }
    return QString();
}

QString frameRejectionName(FrameRejection rejection)
{
    switch (rejection) {
    case FrameRejection::None:
        return QStringLiteral("none");
    case FrameRejection::Oversized:
        return QStringLiteral("oversized");
    case FrameRejection::NotJson:
        return QStringLiteral("not-json");
    case FrameRejection::NotObject:
        return QStringLiteral("not-object");
    case FrameRejection::UnknownType:
        return QStringLiteral("unknown-type");
    case FrameRejection::MissingField:
        return QStringLiteral("missing-field");
    case FrameRejection::WrongType:
        return QStringLiteral("wrong-type");
    case FrameRejection::Unsupported:
        return QStringLiteral("unsupported");
    }
    return QString();
}

} // namespace clawtray
