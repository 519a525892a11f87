#pragma once

#include "process/LaunchSpec.h"

#include <QObject>
#include <QProcess>
#include <QTimer>

#include <functional>
#include <sys/types.h>

namespace clawtray {

// Runs `openclaw doctor --fix --yes --non-interactive` with the gateway's own environment, bounded
// in time and in memory: at most kMaxOutputBytes of its output are kept (the newest), redacted,
// for the UI: it says what was repaired. It runs in its own process group with a parent-death
// signal, so neither a timeout nor ClawTray's own death leaves it (or its helpers) behind.
class DoctorRunner final : public QObject
{
    Q_OBJECT
public:
    explicit DoctorRunner(QObject* parent = nullptr);
    ~DoctorRunner() override;
    void run(const GatewayLaunchOptions& launch, int timeoutMs, std::function<void(bool ok, const QString& output)> done);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    static constexpr qsizetype kMaxOutputBytes = 256 * 1024;
    qsizetype peakBufferedBytes() const { return m_peak; } // for tests: never above kMaxOutputBytes

private:
    void finish(bool ok, const QString& why);
    void take();
    void killGroup();
    QProcess m_process;
    qsizetype m_peak = 0;
    pid_t m_pid = 0;
    QTimer m_timeout;
    QByteArray m_output;
    std::function<void(bool, const QString&)> m_done;
};

} // namespace clawtray
