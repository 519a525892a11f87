#pragma once

#include "policy/Result.h"

#include "process/OpenClawCli.h"

#include <QObject>

#include <functional>

namespace clawtray {

// Asks OpenClaw itself for the token a store/file/exec SecretRef in gateway.auth.token resolves
// to, instead of re-implementing OpenClaw's secret providers: `openclaw gateway auth-token --show`
// with the gateway's own environment. That command prints the token only to a terminal, so it
// runs under `script` (a pty); its output is never logged, and the token is registered with the
// Redactor the moment it is read. A CLI cold start takes ~12 s on a small machine: bounded.
class ConfiguredTokenResolver final : public QObject
{
    Q_OBJECT
public:
    // The token, or why OpenClaw could not tell it (with what to do).
    using Callback = std::function<void(const Result<QString>&)>;

    explicit ConfiguredTokenResolver(QObject* parent = nullptr);

    void resolve(const GatewayLaunchOptions& launch, int timeoutMs, Callback done);
    bool isRunning() const { return m_cli.isRunning(); }

private:
    OpenClawCli m_cli;
};

} // namespace clawtray
