#pragma once

#include "process/OpenClawCli.h"

#include <QObject>

#include <functional>

namespace clawtray {

// Runs `openclaw doctor --fix --yes --non-interactive` with the gateway's own environment, bounded
// in time and in memory (OpenClawCli): at most kMaxOutputBytes of its output are kept (the
// newest), redacted, for the UI: it says what was repaired. Neither a timeout nor ClawTray's own
// death leaves it (or its helpers) behind.
class DoctorRunner final : public QObject
{
    Q_OBJECT
public:
    explicit DoctorRunner(QObject* parent = nullptr);
    void run(const GatewayLaunchOptions& launch, int timeoutMs, std::function<void(bool ok, const QString& output)> done);
    bool isRunning() const { return m_cli.isRunning(); }
    static constexpr qsizetype kMaxOutputBytes = 256 * 1024;
    qsizetype peakBufferedBytes() const { return m_cli.peakBufferedBytes(); } // for tests

private:
    OpenClawCli m_cli;
};

} // namespace clawtray
