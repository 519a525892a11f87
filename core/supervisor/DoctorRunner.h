#pragma once

#include "process/LaunchSpec.h"

#include <QObject>
#include <QProcess>
#include <QTimer>

#include <functional>

namespace clawtray {

// Runs `openclaw doctor --fix --yes --non-interactive` with the gateway's own environment, bounded
// in time. Its output is kept (redacted) for the UI: it says what was repaired.
class DoctorRunner final : public QObject
{
    Q_OBJECT
public:
    explicit DoctorRunner(QObject* parent = nullptr);
    ~DoctorRunner() override;
    void run(const GatewayLaunchOptions& launch, int timeoutMs, std::function<void(bool ok, const QString& output)> done);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

private:
    void finish(bool ok, const QString& why);
    QProcess m_process;
    QTimer m_timeout;
    QByteArray m_output;
    std::function<void(bool, const QString&)> m_done;
};

} // namespace clawtray
