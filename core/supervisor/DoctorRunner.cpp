#include "supervisor/DoctorRunner.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "policy/StartupRecovery.h"
#include "process/ProcessSignal.h"

#include <QDir>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace clawtray {

DoctorRunner::DoctorRunner(QObject* parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, &DoctorRunner::take);
    m_process.setChildProcessModifier([] {
        ::signal(SIGPIPE, SIG_DFL);
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        take();
        // Helpers it left in its group go with it.
        killGroup();
        finish(status == QProcess::NormalExit && code == 0,
               status == QProcess::NormalExit ? QStringLiteral("exit code %1").arg(code) : QStringLiteral("crashed"));
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish(false, m_process.errorString());
    });
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        killGroup();
        m_process.kill();
        m_process.waitForFinished(2000);
        finish(false, QStringLiteral("timed out"));
    });
}

DoctorRunner::~DoctorRunner()
{
    m_done = nullptr;
    if (m_process.state() != QProcess::NotRunning) {
        killGroup();
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void DoctorRunner::run(const GatewayLaunchOptions& launch, int timeoutMs, std::function<void(bool, const QString&)> done)
{
    if (isRunning()) {
        if (done)
            done(false, QStringLiteral("doctor is already running"));
        return;
    }
    m_done = std::move(done);
    m_output.clear();
    m_peak = 0;
    QStringList args{QDir(launch.openclawDir).filePath(QStringLiteral("openclaw.mjs"))};
    args << StartupRecovery::doctorArguments();
    m_process.setProgram(launch.nodePath);
    m_process.setArguments(args);
    m_process.setWorkingDirectory(launch.openclawDir);
    m_process.setProcessEnvironment(LaunchSpec::childEnvironment(launch));
    logInfo(QStringLiteral("running: %1 %2").arg(launch.nodePath, Redactor::redactArguments(args).join(QLatin1Char(' '))));
    m_timeout.start(timeoutMs);
    m_process.start();
    m_pid = pid_t(m_process.processId());
}

void DoctorRunner::take()
{
    // Read in bounded chunks and keep only the newest kMaxOutputBytes: a doctor that floods its
    // output costs a fixed amount of memory.
    while (m_process.bytesAvailable() > 0) {
        m_output += m_process.read(kMaxOutputBytes);
        if (m_output.size() > kMaxOutputBytes)
            m_output.remove(0, m_output.size() - kMaxOutputBytes);
        m_peak = qMax(m_peak, m_output.size());
    }
}

void DoctorRunner::killGroup()
{
    procsignal::sendToChildGroup(m_pid, m_process.state() != QProcess::NotRunning, SIGKILL);
}

void DoctorRunner::finish(bool ok, const QString& why)
{
    m_timeout.stop();
    if (!m_done)
        return;
    auto done = std::exchange(m_done, nullptr);
    const QString output = Redactor::instance().redact(QString::fromUtf8(m_output)).right(16 * 1024);
    logInfo(QStringLiteral("openclaw doctor --fix finished: %1 (%2)").arg(ok ? QStringLiteral("ok") : QStringLiteral("failed"), why));
    done(ok, output);
}

} // namespace clawtray
