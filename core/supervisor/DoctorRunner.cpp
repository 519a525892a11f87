#include "supervisor/DoctorRunner.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "policy/StartupRecovery.h"

namespace clawtray {

DoctorRunner::DoctorRunner(QObject* parent)
    : QObject(parent)
{
}

void DoctorRunner::run(const GatewayLaunchOptions& launch, int timeoutMs, std::function<void(bool, const QString&)> done)
{
    if (isRunning()) {
        if (done)
            done(false, QStringLiteral("doctor is already running"));
        return;
    }
    OpenClawCli::Options o;
    o.timeoutMs = timeoutMs;
    o.maxOutputBytes = kMaxOutputBytes;
    o.mergeChannels = true;
    o.logLabel = QStringLiteral("openclaw doctor --fix");
    m_cli.run(launch, StartupRecovery::doctorArguments(), o, [done = std::move(done)](const CliResult& r) {
        const QString output = Redactor::instance().redact(QString::fromUtf8(r.output)).right(16 * 1024);
        logInfo(QStringLiteral("openclaw doctor --fix finished: %1 (%2)")
                    .arg(r.ok() ? QStringLiteral("ok") : QStringLiteral("failed"), r.describe()));
        if (done)
            done(r.ok(), r.ok() ? output : output + QStringLiteral("\n(doctor: %1)").arg(r.describe()));
    });
}

} // namespace clawtray
