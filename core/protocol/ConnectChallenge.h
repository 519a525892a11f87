#pragma once

#include <QJsonValue>
#include <QLatin1String>
#include <QString>
#include <QStringList>

namespace clawtray {

struct Frame;

// The gateway speaks first on every connection: {"type":"event","event":"connect.challenge",
// "payload":{"nonce","ts","capabilities"}}. The nonce and ts are echoed (and signed) in connect.
struct ConnectChallenge
{
    static constexpr QLatin1String kEventName{"connect.challenge"};
    static constexpr int kMaxNonceLength = 512; // a UUID on the real gateway; anything huge is not a nonce

    QString nonce;
    qint64 ts = 0; // server time in ms since the epoch; becomes device.signedAt
    QStringList capabilities;
};

struct ConnectChallengeResult
{
    bool ok = false;
    ConnectChallenge challenge;
    QString error;

    explicit operator bool() const { return ok; }
};

// Validates the payload: nonce a non-empty string, ts a positive integer, capabilities (when
// present) an array; non-string capability entries are skipped, being informational only.
ConnectChallengeResult parseConnectChallenge(const QJsonValue& payload);
// Same, from a parsed frame, which must be the connect.challenge event.
ConnectChallengeResult parseConnectChallengeFrame(const Frame& frame);

} // namespace clawtray
