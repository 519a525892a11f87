#pragma once

#include "process/OpenClawCli.h"

#include <QObject>

#include <functional>

namespace clawtray {

// OpenClaw's restart-handoff contract for external supervisors. A gateway that wants a fresh
// process (a restart that cannot happen in-process) writes a handoff and exits cleanly; the
// supervisor consumes it for the pid that exited and, when accepted, starts the gateway again at
// once — a restart the gateway asked for, not a crash. Support is negotiated per runtime with
// `openclaw gateway restart-handoff capabilities --json`, never inferred from a version.
class RestartHandoff final : public QObject
{
    Q_OBJECT
public:
    enum class Support { Unknown, Probing, Supported, Unsupported };

    struct Verdict
    {
        bool accepted = false;
        QString status; // accepted | none | rejected | error
        QString reason; // missing | expired | pid-mismatch | invalid | store-unavailable | ...
        QString error;  // the command did not answer usably
        QString describe() const;
    };

    explicit RestartHandoff(QObject* parent = nullptr);

    Support support(const GatewayLaunchOptions& launch) const;
    // Probes once per runtime (openclaw dir); `done` (optional) gets the answer.
    void probe(const GatewayLaunchOptions& launch, int timeoutMs, std::function<void(Support)> done = {});
    // `consume --expected-pid <pid>`: probes first when the support is not known yet; an
    // unsupported runtime answers "not accepted" without running anything.
    void consume(const GatewayLaunchOptions& launch, qint64 pid, int timeoutMs, std::function<void(const Verdict&)> done);

    static bool capabilitiesSupportConsume(const QJsonObject& answer);
    static Verdict verdictFrom(const CliResult& result);

private:
    void run(const GatewayLaunchOptions& launch, const QStringList& args, int timeoutMs, const QString& label,
             std::function<void(const CliResult&)> done);

    QString m_runtime; // the openclaw dir m_support is about
    Support m_support = Support::Unknown;
    QList<std::function<void(Support)>> m_waiters;
};

} // namespace clawtray
