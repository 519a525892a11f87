#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace clawtray {

// Byte limits for one incoming frame. Before the handshake the gateway itself caps frames at
// 64 KiB, so anything larger from a peer that has not said hello is not a gateway; afterwards
// hello-ok's policy.maxPayload (25 MiB on the real gateway) is the ceiling.
inline constexpr qsizetype kPreHandshakeMaxFrameBytes = 64 * 1024;
inline constexpr qsizetype kDefaultMaxFrameBytes = 25 * 1024 * 1024;

enum class FrameKind { Request, Response, Event };

// Where a frame came from. Legacy JSON-RPC 2.0 messages are still accepted on receive and mapped
// onto the same Response/Event representation, so the client handles one shape only.
enum class FrameDialect { OpenClaw, JsonRpc };

// One protocol frame, already validated. Which fields are meaningful depends on kind:
//   Request:  id, method, params
//   Response: id, ok, payload, error (always OpenClaw-shaped; JSON-RPC errors are normalised)
//   Event:    event, payload, seq, stateVersion
// Absent optional JSON fields are QJsonValue::Undefined, so "absent" and "null" stay distinct.
struct Frame
{
    FrameKind kind = FrameKind::Event;
    FrameDialect dialect = FrameDialect::OpenClaw;
    QString id;
    QString method;
    QJsonValue params = QJsonValue::Undefined;
    bool ok = false;
    QJsonValue payload = QJsonValue::Undefined;
    QJsonObject error;
    QString event;
    std::optional<qint64> seq;
    QJsonValue stateVersion = QJsonValue::Undefined; // an object ({presence:1,health:3}) on the real gateway

    bool isRequest() const { return kind == FrameKind::Request; }
    bool isResponse() const { return kind == FrameKind::Response; }
    bool isEvent() const { return kind == FrameKind::Event; }

    static Frame request(const QString& id, const QString& method, const QJsonValue& params = QJsonObject());
    static Frame response(const QString& id, const QJsonValue& payload = QJsonValue::Undefined);
    static Frame errorResponse(const QString& id, const QJsonObject& error);
    static Frame eventFrame(const QString& event, const QJsonValue& payload = QJsonValue::Undefined,
                            std::optional<qint64> seq = std::nullopt,
                            const QJsonValue& stateVersion = QJsonValue::Undefined);

    // Always the OpenClaw dialect: ClawTray never sends JSON-RPC.
    QJsonObject toJson() const;
    QByteArray toBytes() const; // compact UTF-8 JSON
};

// Why a frame was rejected, for code that must react differently (an oversized frame is closed
// with 1009, a malformed one is only logged).
enum class FrameRejection { None, Oversized, NotJson, NotObject, UnknownType, MissingField, WrongType, Unsupported };

struct FrameParseResult
{
    bool ok = false;
    Frame frame;
    FrameRejection rejection = FrameRejection::None;
    QString error; // human reason; never quotes field values, which may hold secrets

    explicit operator bool() const { return ok; }
};

// Parses one text frame. Never throws and never crashes, whatever the bytes: every malformed
// input is a rejection with a reason. maxBytes <= 0 means no size limit.
FrameParseResult parseFrame(const QByteArray& data, qsizetype maxBytes = kDefaultMaxFrameBytes);

// Builders producing compact JSON bytes, ready for QWebSocket::sendTextMessage.
QByteArray buildRequest(const QString& id, const QString& method, const QJsonValue& params = QJsonObject());
// The same request as the text a WebSocket text frame carries, written directly (no intermediate
// JSON object for the envelope; the hot path of every call).
QString buildRequestText(const QString& id, const QString& method, const QJsonValue& params = QJsonObject());
QByteArray buildResponse(const QString& id, const QJsonValue& payload = QJsonValue::Undefined);
QByteArray buildErrorResponse(const QString& id, const QJsonObject& error);
QByteArray buildEvent(const QString& event, const QJsonValue& payload = QJsonValue::Undefined,
                      std::optional<qint64> seq = std::nullopt, const QJsonValue& stateVersion = QJsonValue::Undefined);

QString frameKindName(FrameKind kind);
QString frameRejectionName(FrameRejection rejection);

} // namespace clawtray
