#include "process/OpenClawCli.h"

#include "process/ProcessHost.h"

#include "logging/Logging.h"
#include "process/ProcessSignal.h"

#include <QJsonDocument>

#include <csignal>
#include <unistd.h>

namespace clawtray {

QJsonObject CliResult::json() const
{
    const QList<QByteArray> lines = output.split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QByteArray line = it->trimmed();
        if (!line.startsWith('{'))
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            return doc.object();
    }
    // Pretty-printed output spans lines: try the whole text from its first brace.
    const qsizetype brace = output.indexOf('{');
    if (brace >= 0) {
        const QJsonDocument doc = QJsonDocument::fromJson(output.mid(brace));
        if (doc.isObject())
            return doc.object();
    }
    return {};
}

QString CliResult::describe() const
{
    if (!started)
        return error.isEmpty() ? QStringLiteral("it did not start") : error;
    if (timedOut)
        return error;
    if (crashed)
        return QStringLiteral("it crashed");
    return QStringLiteral("exit code %1").arg(exitCode);
}

OpenClawCli::OpenClawCli(QObject* parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    const ProcessHost* host = &ProcessHost::current();
    const pid_t parentPid = ::getpid();
    m_process.setChildProcessModifier([host, parentPid] { host->prepareChild(parentPid, true); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &OpenClawCli::take);
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        if (!m_options.mergeChannels)
            m_process.readAllStandardError(); // not kept: it may be noisy, and it is not the answer
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        take();
        killGroup(); // helpers it left in its group go with it
        m_result.crashed = status != QProcess::NormalExit;
        m_result.exitCode = status == QProcess::NormalExit ? code : -1;
        finish();
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        m_result.started = false;
        m_result.error = QStringLiteral("cannot run %1: %2").arg(m_process.program(), m_process.errorString());
        finish();
    });
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_result.timedOut = true;
        m_result.error = QStringLiteral("no answer within %1 s").arg((m_options.timeoutMs + 999) / 1000);
        killGroup();
        m_process.kill();
        m_process.waitForFinished(2000);
        take();
        finish();
    });
}

OpenClawCli::~OpenClawCli()
{
    m_done = nullptr;
    if (m_process.state() != QProcess::NotRunning) {
        killGroup();
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void OpenClawCli::run(const GatewayLaunchOptions& launch, const QStringList& arguments, const Options& options, Callback done)
{
    if (launch.nodePath.isEmpty() || launch.openclawDir.isEmpty()) {
        CliResult r;
        r.error = QStringLiteral("the gateway runtime (Node 24 and openclaw) is not installed");
        if (done)
            done(r);
        return;
    }
    run(LaunchSpec::forCli(launch, arguments), options, std::move(done));
}

void OpenClawCli::run(const LaunchSpec& spec, const Options& options, Callback done)
{
    if (isRunning()) {
        CliResult r;
        r.error = QStringLiteral("another OpenClaw command is still running");
        if (done)
            done(r);
        return;
    }
    m_options = options;
    m_result = CliResult{};
    m_result.started = true;
    m_done = std::move(done);
    m_peak = 0;
    m_process.setProcessChannelMode(options.mergeChannels ? QProcess::MergedChannels : QProcess::SeparateChannels);
    m_process.setProgram(spec.program);
    m_process.setArguments(spec.arguments);
    m_process.setWorkingDirectory(spec.workingDirectory);
    m_process.setProcessEnvironment(spec.environment);
    logInfo(QStringLiteral("running %1: %2")
                .arg(options.logLabel.isEmpty() ? QStringLiteral("an OpenClaw command") : options.logLabel,
                     spec.redactedCommandLine()));
    m_timeout.start(qMax(1, options.timeoutMs));
    m_process.start(QIODevice::ReadOnly);
    m_pid = pid_t(m_process.processId());
}

void OpenClawCli::take()
{
    // Bounded chunks, newest kept: a command that floods its output costs a fixed amount.
    const qsizetype limit = qMax<qsizetype>(1, m_options.maxOutputBytes);
    while (m_process.bytesAvailable() > 0) {
        m_result.output += m_process.read(limit);
        if (m_result.output.size() > limit) {
            m_result.output.remove(0, m_result.output.size() - limit);
            m_result.truncated = true;
        }
        m_peak = qMax(m_peak, m_result.output.size());
    }
}

void OpenClawCli::killGroup()
{
    procsignal::sendToChildGroup(m_pid, m_process.state() != QProcess::NotRunning, SIGKILL);
}

void OpenClawCli::finish()
{
    m_timeout.stop();
    if (!m_done)
        return;
    auto done = std::exchange(m_done, nullptr);
    CliResult r = std::exchange(m_result, CliResult{});
    done(r);
    r.output.fill('\0'); // it may have held a token
}

} // namespace clawtray
