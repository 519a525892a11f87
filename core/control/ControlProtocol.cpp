#include "control/ControlProtocol.h"

#include "policy/Result.h"

#include "logging/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <optional>

namespace clawtray {
namespace {

const QLatin1String kV("v");
const QLatin1String kId("id");
const QLatin1String kCmd("cmd");
const QLatin1String kArgs("args");
const QLatin1String kOk("ok");
const QLatin1String kResult("result");
const QLatin1String kError("error");
const QLatin1String kStream("stream");
const QLatin1String kData("data");

bool usableId(const QJsonValue& id)
{
    if (id.isString())
        return !id.toString().isEmpty() && id.toString().size() <= 128;
    return id.isDouble();
}

// The object on one line, or why it is none (in the protocol's own English: the channel's error
// messages are for scripts, not translated).
Result<QJsonObject, QString> parseObject(const QByteArray& line)
{
    using Parsed = Result<QJsonObject, QString>;
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Parsed::failure(QStringLiteral("not JSON: %1 at offset %2").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject())
        return Parsed::failure(QStringLiteral("not a JSON object"));
    return doc.object();
}

} // namespace

QJsonObject ControlError::toJson() const
{
    QJsonObject o{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!details.isEmpty())
        o.insert(QLatin1String("details"), details);
    return o;
}

ControlError ControlError::fromJson(const QJsonObject& o)
{
    ControlError e;
    e.code = o.value(QLatin1String("code")).toString();
    e.message = o.value(QLatin1String("message")).toString();
    e.details = o.value(QLatin1String("details")).toObject();
    if (e.code.isEmpty())
        e.code = QString::fromLatin1(ControlErrorCode::BadReply);
    return e;
}

ControlMessage ControlMessage::invalid(const char* code, const QString& message)
{
    ControlMessage m;
    m.error = {QString::fromLatin1(code), message, {}};
    return m;
}

QStringList ControlProtocol::commands()
{
    return {QStringLiteral("status"),      QStringLiteral("start"),  QStringLiteral("stop"),
            QStringLiteral("restart"),     QStringLiteral("reload"), QStringLiteral("logs"),
            QStringLiteral("diagnostics"), QStringLiteral("doctor"), QStringLiteral("call"),
            QStringLiteral("dashboard"),   QStringLiteral("takeover"), QStringLiteral("handback"),
            QStringLiteral("approvals"),   QStringLiteral("channels"), QStringLiteral("pair"),
            QStringLiteral("update")};
}

ParsedControlRequest ControlProtocol::parseRequest(const QByteArray& line)
{
    ParsedControlRequest out;
    auto fail = [&out](const char* code, const QString& message) {
        out.error = {QString::fromLatin1(code), message, {}};
        return out;
    };
    if (line.size() > kMaxRequestBytes)
        return fail(
            ControlErrorCode::TooLarge,
            QStringLiteral("request of %1 bytes exceeds the limit of %2").arg(line.size()).arg(kMaxRequestBytes));
    const auto parsed = parseObject(line);
    if (!parsed)
        return fail(ControlErrorCode::BadJson, parsed.error());
    const QJsonObject* obj = &parsed.value();
    const QJsonValue id = obj->value(kId);
    if (usableId(id))
        out.request.id = id;
    const QJsonValue v = obj->value(kV);
    if (!v.isDouble() || v.toDouble() != kVersion)
        return fail(
            ControlErrorCode::BadVersion,
            QStringLiteral("missing or unsupported protocol version (this ClawTray speaks \"v\": %1)").arg(kVersion));
    if (!usableId(id))
        return fail(ControlErrorCode::BadRequest, QStringLiteral("\"id\" must be a non-empty string or a number"));
    const QJsonValue cmd = obj->value(kCmd);
    if (!cmd.isString() || cmd.toString().isEmpty())
        return fail(ControlErrorCode::BadRequest, QStringLiteral("\"cmd\" must be a non-empty string"));
    const QJsonValue args = obj->value(kArgs);
    if (!args.isUndefined() && !args.isNull() && !args.isObject())
        return fail(ControlErrorCode::BadRequest, QStringLiteral("\"args\" must be an object"));
    out.request.cmd = cmd.toString();
    out.request.args = args.toObject();
    if (!commands().contains(out.request.cmd))
        return fail(ControlErrorCode::UnknownCommand,
                    QStringLiteral("unknown command '%1' (known: %2)")
                        .arg(out.request.cmd.left(64), commands().join(QLatin1String(", "))));
    out.ok = true;
    return out;
}

ControlMessage ControlProtocol::parseMessage(const QByteArray& line)
{
    const auto parsed = parseObject(line);
    if (!parsed)
        return ControlMessage::invalid(ControlErrorCode::BadReply, parsed.error());
    const QJsonObject* obj = &parsed.value();
    if (obj->value(kV).toInt(-1) != kVersion)
        return ControlMessage::invalid(ControlErrorCode::BadVersion,
                                       QStringLiteral("the server speaks another protocol version"));
    ControlMessage m;
    m.id = obj->value(kId);
    if (obj->contains(kStream)) {
        m.kind = ControlMessage::Kind::Stream;
        m.stream = obj->value(kStream).toString();
        m.data = obj->value(kData).toObject();
        return m;
    }
    if (!obj->value(kOk).isBool())
        return ControlMessage::invalid(ControlErrorCode::BadReply, QStringLiteral("a reply without \"ok\""));
    m.kind = ControlMessage::Kind::Reply;
    m.ok = obj->value(kOk).toBool();
    if (m.ok)
        m.result = obj->value(kResult).toObject();
    else
        m.error = ControlError::fromJson(obj->value(kError).toObject());
    return m;
}

QByteArray ControlProtocol::encode(QJsonObject message)
{
    message.insert(kV, kVersion);
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray ControlProtocol::encodeRequest(const ControlRequest& request)
{
    return encode({{kId, request.id}, {kCmd, request.cmd}, {kArgs, request.args}});
}

QByteArray ControlProtocol::encodeReply(const QJsonValue& id, const QJsonObject& result)
{
    return encode({{kId, id}, {kOk, true}, {kResult, redact(result)}});
}

QByteArray ControlProtocol::encodeError(const QJsonValue& id, const ControlError& error)
{
    return encode(
        {{kId, id.isUndefined() ? QJsonValue(QJsonValue::Null) : id}, {kOk, false}, {kError, redact(error.toJson())}});
}

QByteArray ControlProtocol::encodeStream(const QJsonValue& id, const QString& stream, const QJsonObject& data)
{
    return encode({{kId, id}, {kStream, stream}, {kData, redact(data)}});
}

QJsonObject ControlProtocol::redact(const QJsonObject& object)
{
    return Redactor::instance().redactJson(object);
}

} // namespace clawtray
