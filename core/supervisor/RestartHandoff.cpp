#include "supervisor/RestartHandoff.h"

#include "logging/Logging.h"

#include <QJsonArray>

namespace clawtray {

namespace {

const QLatin1String kProtocol("openclaw.gateway.restart-handoff");

} // namespace

QString RestartHandoff::Verdict::describe() const
{
    if (!error.isEmpty())
        return error;
    return reason.isEmpty() ? status : QStringLiteral("%1 (%2)").arg(status, reason);
}

RestartHandoff::RestartHandoff(QObject* parent)
    : QObject(parent)
{
}

RestartHandoff::Support RestartHandoff::support(const GatewayLaunchOptions& launch) const
{
    return launch.openclawDir == m_runtime ? m_support : Support::Unknown;
}

bool RestartHandoff::capabilitiesSupportConsume(const QJsonObject& o)
{
    return o.value(QLatin1String("ok")).toBool() && o.value(QLatin1String("protocol")).toString() == kProtocol
           && o.value(QLatin1String("protocolVersion")).toInt() == 1
           && o.value(QLatin1String("operations")).toArray().contains(QStringLiteral("consume"));
}

RestartHandoff::Verdict RestartHandoff::verdictFrom(const CliResult& r)
{
    Verdict v;
    const QJsonObject o = r.json();
    if (o.isEmpty() || o.value(QLatin1String("protocol")).toString() != kProtocol) {
        v.status = QStringLiteral("error");
        v.error = QStringLiteral("no restart-handoff answer (%1)").arg(r.describe());
        return v;
    }
    v.status = o.value(QLatin1String("status")).toString();
    v.reason = o.value(QLatin1String("reason")).toString();
    v.accepted = r.ok() && o.value(QLatin1String("ok")).toBool() && v.status == QLatin1String("accepted");
    return v;
}

void RestartHandoff::run(const GatewayLaunchOptions& launch, const QStringList& args, int timeoutMs, const QString& label,
                         std::function<void(const CliResult&)> done)
{
    auto* cli = new OpenClawCli(this);
    OpenClawCli::Options o;
    o.timeoutMs = timeoutMs;
    o.maxOutputBytes = 64 * 1024;
    o.logLabel = label;
    cli->run(launch, QStringList{QStringLiteral("gateway"), QStringLiteral("restart-handoff")} + args, o,
             [cli, done = std::move(done)](const CliResult& r) {
                 cli->deleteLater();
                 done(r);
             });
}

void RestartHandoff::probe(const GatewayLaunchOptions& launch, int timeoutMs, std::function<void(Support)> done)
{
    if (launch.openclawDir != m_runtime) {
        m_runtime = launch.openclawDir;
        m_support = Support::Unknown;
    }
    if (m_support == Support::Supported || m_support == Support::Unsupported) {
        if (done)
            done(m_support);
        return;
    }
    if (done)
        m_waiters << std::move(done);
    if (m_support == Support::Probing)
        return;
    m_support = Support::Probing;
    const QString runtime = m_runtime;
    run(launch, {QStringLiteral("capabilities"), QStringLiteral("--json")}, timeoutMs,
        QStringLiteral("the restart-handoff capability probe"), [this, runtime](const CliResult& r) {
            if (runtime != m_runtime)
                return; // the runtime changed meanwhile: a newer probe answers the waiters
            // A runtime that does not answer the probe is treated as not supporting handoffs: a
            // clean exit is then an ordinary unexpected exit, which the supervisor handles anyway.
            m_support = capabilitiesSupportConsume(r.json()) ? Support::Supported : Support::Unsupported;
            logInfo(m_support == Support::Supported
                        ? QStringLiteral("the gateway runtime supports restart handoffs (protocol 1, consume)")
                        : QStringLiteral("the gateway runtime offers no restart handoffs (%1)").arg(r.ok() ? QStringLiteral("unsupported") : r.describe()));
            for (auto& w : std::exchange(m_waiters, {}))
                w(m_support);
        });
}

void RestartHandoff::consume(const GatewayLaunchOptions& launch, qint64 pid, int timeoutMs, std::function<void(const Verdict&)> done)
{
    probe(launch, timeoutMs, [this, launch, pid, timeoutMs, done = std::move(done)](Support s) mutable {
        if (s != Support::Supported) {
            Verdict v;
            v.status = QStringLiteral("none");
            v.reason = QStringLiteral("unsupported");
            done(v);
            return;
        }
        run(launch, {QStringLiteral("consume"), QStringLiteral("--expected-pid"), QString::number(pid), QStringLiteral("--json")},
            timeoutMs, QStringLiteral("the restart-handoff consume"),
            [done = std::move(done)](const CliResult& r) { done(verdictFrom(r)); });
    });
}

} // namespace clawtray
