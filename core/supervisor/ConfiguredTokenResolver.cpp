#include "supervisor/ConfiguredTokenResolver.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/OpenClawAuth.h"

#include <QDir>
#include <QStandardPaths>

namespace clawtray {
namespace {

QString shellQuote(const QString& s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

} // namespace

ConfiguredTokenResolver::ConfiguredTokenResolver(QObject* parent)
    : QObject(parent)
{
}

void ConfiguredTokenResolver::resolve(const GatewayLaunchOptions& launch, int timeoutMs, Callback done)
{
    if (isRunning()) {
        if (done)
            done(Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "already resolving"))));
        return;
    }
    const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty() || launch.nodePath.isEmpty()) {
        if (done)
            done(Result<QString>::failure(
                script.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "`script` (util-linux) is needed to ask OpenClaw for the token"))
                                 : UserText(QT_TRANSLATE_NOOP("UserText", "the gateway runtime is not installed"))));
        return;
    }
    GatewayLaunchOptions o = launch;
    o.token.clear(); // the configured secret is what we ask for; ours must not be mistaken for it
    // The command prints the token only to a terminal: run it under `script` (a pty).
    LaunchSpec spec = LaunchSpec::forCli(o, {QStringLiteral("gateway"), QStringLiteral("auth-token"), QStringLiteral("--show")});
    QStringList quoted{shellQuote(spec.program)};
    for (const QString& a : std::as_const(spec.arguments))
        quoted << shellQuote(a);
    spec.arguments = QStringList{QStringLiteral("-qec"), quoted.join(QLatin1Char(' ')), QStringLiteral("/dev/null")};
    spec.program = script;
    OpenClawCli::Options opts;
    opts.timeoutMs = timeoutMs;
    opts.mergeChannels = true;
    opts.logLabel = QStringLiteral("`openclaw gateway auth-token --show` (to learn the token the configuration resolves to)");
    m_cli.run(spec, opts, [done = std::move(done)](const CliResult& r) {
        if (!done)
            return;
        if (r.timedOut) {
            done(Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "`openclaw gateway auth-token --show` did not answer in time"))));
            return;
        }
        if (!r.started) {
            done(Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot run `script` to ask OpenClaw for the token: %1")).arg(r.error)));
            return;
        }
        const QString token = r.ok() && !r.truncated ? openclawauth::tokenFromAuthTokenOutput(r.output) : QString();
        if (!token.isEmpty()) {
            Redactor::instance().addSecret(token);
            done(token);
            return;
        }
        done(Result<QString>::failure(
            (r.crashed ? UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw could not resolve gateway.auth.token (`openclaw gateway auth-token --show` crashed)"))
                       : UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw could not resolve gateway.auth.token (`openclaw gateway auth-token --show` exited with %1)"))
                             .arg(qint64(r.exitCode)))));
    });
}

} // namespace clawtray
