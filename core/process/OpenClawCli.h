#pragma once

#include "process/LaunchSpec.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <functional>
#include <sys/types.h>

namespace clawtray {

// What one OpenClaw CLI command did.
struct CliResult
{
    bool started = false;
    bool timedOut = false;
    bool crashed = false;
    bool truncated = false; // more output than the limit: the oldest part was dropped
    int exitCode = -1;
    QByteArray output;      // stdout (or both channels when merged); may hold secrets: never log it
    QString error;          // why it did not run or did not finish
    bool ok() const { return started && !timedOut && !crashed && exitCode == 0; }
    // The JSON object the command printed (`--json`): the last line that parses as one, so a
    // warning printed before it does not matter. Empty when there is none.
    QJsonObject json() const;
    // "exit code 2", "timed out after 30 s", "crashed", "cannot run node: ..."
    QString describe() const;
};

// Runs one `openclaw <args>` command with the gateway's own environment (LaunchSpec::forCli),
// bounded in time and memory: the command runs in its own process group with a parent-death
// signal; a timeout, its exit or ClawTray's destruction kills whatever it left in that group; at
// most `maxOutputBytes` of output are kept. One command at a time per runner.
class OpenClawCli final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int timeoutMs = 30000;
        qsizetype maxOutputBytes = 256 * 1024;
        bool mergeChannels = false; // stderr into output (the doctor's report); else stderr is dropped
        QString logLabel;           // "openclaw doctor --fix": what the log says is running
    };
    using Callback = std::function<void(const CliResult&)>;

    explicit OpenClawCli(QObject* parent = nullptr);
    ~OpenClawCli() override;

    void run(const GatewayLaunchOptions& launch, const QStringList& arguments, const Options& options, Callback done);
    // The same for a prepared spec (a wrapper such as `script` for commands that want a tty).
    void run(const LaunchSpec& spec, const Options& options, Callback done);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qsizetype peakBufferedBytes() const { return m_peak; } // for tests: never above the limit

private:
    void take();
    void killGroup();
    void finish();

    QProcess m_process;
    QTimer m_timeout;
    Options m_options;
    CliResult m_result;
    Callback m_done;
    qsizetype m_peak = 0;
    pid_t m_pid = 0;
};

} // namespace clawtray
