#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace clawtray {

// Error codes of the control channel (the `code` of an error reply). Stable: scripts branch on them.
namespace ControlErrorCode {
inline constexpr const char* BadJson = "bad-json";       // the line is not a JSON object
inline constexpr const char* BadVersion = "bad-version"; // "v" is missing or not 1
inline constexpr const char* BadRequest = "bad-request"; // id/cmd/args missing or of the wrong type
inline constexpr const char* TooLarge = "too-large";     // the line exceeds kMaxRequestBytes
inline constexpr const char* UnknownCommand = "unknown-command";
inline constexpr const char* BadArgs = "bad-args";           // an argument has the wrong type or range
inline constexpr const char* Busy = "busy";                  // too many clients
inline constexpr const char* NotReady = "not-ready";         // ClawTray is still starting (no manager yet)
inline constexpr const char* Failed = "failed";              // the operation ran and failed
inline constexpr const char* Timeout = "timeout";            // the end state was not reached in time
inline constexpr const char* GatewayError = "gateway-error"; // `call`: the gateway answered ok:false
inline constexpr const char* Disconnected = "disconnected";  // client side: the server went away
inline constexpr const char* BadReply = "bad-reply";         // client side: unreadable answer
} // namespace ControlErrorCode

struct ControlError
{
    QString code;
    QString message;
    QJsonObject details; // e.g. the final gateway status of a failed start
    bool isEmpty() const { return code.isEmpty(); }
    QJsonObject toJson() const;
    static ControlError fromJson(const QJsonObject& o);
};

struct ControlRequest
{
    QJsonValue id; // a string or a number, echoed in every reply and stream line
    QString cmd;
    QJsonObject args;
};

// A request line as the server read it. When !ok, `error` says why and `request.id` holds the id
// if the line had a usable one (so the error reply can still be matched by the client).
struct ParsedControlRequest
{
    bool ok = false;
    ControlRequest request;
    ControlError error;
};

// A line as the client read it: a reply to a request, a stream line, or something unusable
// (then `error` says what — including client-side failures such as a timeout).
struct ControlMessage
{
    enum class Kind { Reply, Stream, Invalid };
    Kind kind = Kind::Invalid;
    QJsonValue id;
    bool ok = false;
    QJsonObject result;
    ControlError error;
    QString stream; // stream lines: what they carry ("log")
    QJsonObject data;

    static ControlMessage invalid(const char* code, const QString& message);
};

// The control channel's wire format: one JSON object per line (UTF-8, '\n'), each with "v": 1.
//   request {"v":1, "id":"1", "cmd":"restart", "args":{"safe":true}}
//   reply   {"v":1, "id":"1", "ok":true, "result":{...}}
//           {"v":1, "id":"1", "ok":false, "error":{"code":"timeout", "message":"...", "details":{...}}}
//   stream  {"v":1, "id":"1", "stream":"log", "data":{...}}  (after the reply to `logs` with follow)
// Pure: no sockets, so malformed input is testable line by line.
class ControlProtocol final
{
public:
    static constexpr int kVersion = 1;
    // A request is a short command; anything longer is refused before it is parsed.
    static constexpr qsizetype kMaxRequestBytes = 64 * 1024;
    // Replies can carry a diagnostics snapshot; the client refuses anything beyond this.
    static constexpr qsizetype kMaxMessageBytes = 64 * 1024 * 1024;

    static QStringList commands(); // status start stop restart reload logs diagnostics doctor call

    static ParsedControlRequest parseRequest(const QByteArray& line);
    static ControlMessage parseMessage(const QByteArray& line);

    static QByteArray encodeRequest(const ControlRequest& request);
    static QByteArray encodeReply(const QJsonValue& id, const QJsonObject& result);
    static QByteArray encodeError(const QJsonValue& id, const ControlError& error);
    static QByteArray encodeStream(const QJsonValue& id, const QString& stream, const QJsonObject& data);

    // Every string through the Redactor, and the value of any secret-named key ("token",
    // "password", "...Token") masked — on the JSON values, so the document stays valid JSON.
    // Everything the server sends passes through this: a secret never leaves over the channel.
    static QJsonObject redact(const QJsonObject& object);

private:
    static QByteArray encode(QJsonObject message);
};

} // namespace clawtray
