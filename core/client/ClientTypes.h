#pragma once

#include "protocol/GatewayError.h"

#include <QJsonValue>
#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>

namespace clawtray {

// How one RPC settled. Exactly one of these reaches the caller, exactly once.
struct CallResult
{
    enum class Status {
        Ok,            // payload holds the result
        GatewayError,  // the gateway answered ok:false (error is set); NOT a transport failure
        Timeout,       // no answer within the call's timeout
        Disconnected,  // the connection went away while the call was pending
        NotConnected,  // the call was made before the handshake completed / after a disconnect
        TooLarge,      // the request exceeds the gateway's maxPayload
        SendFailed,    // the socket refused the frame
    };

    Status status = Status::Ok;
    QString method;
    QJsonValue payload;
    std::optional<GatewayError> error;
    QString message; // human text for every non-Ok status ("RPC timeout: health", "gateway stopped")
    qint64 latencyUs = 0;

    bool ok() const { return status == Status::Ok; }
    // Timeouts and lost connections say something about the gateway's health; a gateway's own
    // ok:false answer does not (the reference manager's rule, kept).
    bool isTransportFailure() const { return status != Status::Ok && status != Status::GatewayError; }
};

using CallCallback = std::function<void(const CallResult&)>;

// Why a connection attempt failed, classified by codes, never by message text.
struct ConnectFailure
{
    enum class Kind {
        AuthRejected,       // token mismatch/missing, device signature errors (close 1008): not retried
        ProtocolMismatch,   // close 1002: not retried
        StillStarting,      // "gateway starting" retried until the budget ran out
        ChallengeTimeout,   // the socket opened but no connect.challenge arrived
        HandshakeTimeout,   // connect sent, no response in time
        ClosedBeforeHandshake,
        SocketError,        // refused, unreachable, ...
        BadHandshake,       // malformed challenge or hello-ok
        Rejected,           // another gateway error on connect
        Aborted,            // we gave up (disconnect/abort called)
        UntrustedPeer,      // the connection was accepted by a process that is not our gateway
    };

    Kind kind = Kind::SocketError;
    UserText message;                // one line, what happened
    UserText action;                 // what the user can do (may be empty)
    std::optional<GatewayError> error;
    int closeCode = 0;
    int attempts = 0;

    bool retryable() const
    {
        return kind != Kind::AuthRejected && kind != Kind::ProtocolMismatch && kind != Kind::Aborted;
    }
    static QString kindName(Kind kind);
};

struct DisconnectInfo
{
    int closeCode = 0;          // effective code: 1012 when the gateway announced a restart/stop
    int rawCloseCode = 0;       // what the socket reported (Qt 6.4 turns 1012/1013 into 1002)
    QString closeReason;
    bool wasConnected = false;  // the handshake had completed
    bool requested = false;     // we closed it (disconnectFromGateway/abort)
    bool serviceRestart() const { return closeCode == 1012; }
};

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::CallResult)
Q_DECLARE_METATYPE(clawtray::ConnectFailure)
Q_DECLARE_METATYPE(clawtray::DisconnectInfo)
