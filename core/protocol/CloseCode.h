#pragma once

#include <QString>

namespace clawtray {

// What a WebSocket close code from the gateway means for a supervisor. The gateway uses close
// codes deliberately (see the protocol notes): 1008 after a rejected connect, 1002 on a protocol
// version mismatch, 1012 for an in-process restart or a stop, 1013 while it is still starting.
// QWebSocketProtocol::CloseCode is not used here so this module stays free of QtWebSockets.
enum class CloseMeaning {
    Normal,           // 1000: orderly close (also: non-JSON first frame, or handshake timeout)
    GoingAway,        // 1001
    ProtocolMismatch, // 1002: the gateway does not speak our protocol version
    Abnormal,         // 1006: no close frame at all (socket lost, process died)
    PolicyViolation,  // 1008: authentication/authorisation refused
    MessageTooBig,    // 1009
    InternalError,    // 1011
    ServiceRestart,   // 1012: gateway restarting or stopping; reconnect after a short delay
    TryAgainLater,    // 1013: gateway still starting; reconnect soon
    Other,
};

struct CloseInfo
{
    int code = 0;
    CloseMeaning meaning = CloseMeaning::Other;
    QString name;        // stable machine name, e.g. "service-restart"
    QString description; // one sentence for logs and the UI
};

CloseInfo classifyCloseCode(int code);
CloseMeaning closeMeaning(int code);
QString closeMeaningName(CloseMeaning meaning);

} // namespace clawtray
