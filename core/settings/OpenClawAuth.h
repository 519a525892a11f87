#pragma once

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace clawtray {

// What the gateway's own configuration says about its shared secret (`gateway.auth` in
// openclaw.json). The gateway uses the configured token before OPENCLAW_GATEWAY_TOKEN, so a
// ClawTray that passed its own token to a gateway someone onboarded with the `openclaw` CLI was
// rejected by the gateway it had just started. ClawTray uses what the configuration resolves to
// and only brings its own token when the configuration has none.
struct ConfiguredAuth
{
    enum class Kind {
        None,         // no gateway.auth secret: ClawTray's own token, through OPENCLAW_GATEWAY_TOKEN
        Resolved,     // `secret` holds the value (a literal, or an env reference we could read)
        NeedsOpenClaw,// a store/file/exec SecretRef: OpenClaw itself must resolve it
        Unavailable,  // configured, but cannot be obtained (error says why and what to do)
    };

    Kind kind = Kind::None;
    bool password = false;  // gateway.auth.mode = password (the secret is a password)
    QString secret;
    QString configPath;
    QString field;          // "gateway.auth.token" / "gateway.auth.password"
    QString refSource;      // "literal", "env:NAME", "store", "file", "exec"
    QString error;

    // For the status and the log: "gateway.auth.token (store SecretRef) in /root/.openclaw/openclaw.json".
    QString describe() const;
};

namespace openclawauth {

// Parses openclaw.json text: strict JSON first, then JSON5's common extensions (comments,
// trailing commas, unquoted keys, single quotes). An empty object when it cannot be parsed.
QJsonObject parseConfigText(const QByteArray& text, bool* ok);

// Reads `configPath` and says where the gateway's shared secret comes from. Env references are
// resolved from `env` (the environment the gateway will get); a missing file is Kind::None.
ConfiguredAuth read(const QString& configPath, const QProcessEnvironment& env);

// `gateway.port` of that config file when it is a valid port number (the port an onboarded
// gateway and the user's other tools use); nothing when absent, unreadable or not a port.
std::optional<quint16> configuredPort(const QString& configPath);

// Picks the token from the output of `openclaw gateway auth-token --show` run under a pty (the
// command prints banners first, the token is the last non-empty line).
QString tokenFromAuthTokenOutput(const QByteArray& output);

} // namespace openclawauth
} // namespace clawtray
