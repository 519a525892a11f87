#include "supervisor/ConfiguredTokenResolver.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/OpenClawAuth.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>

namespace clawtray {
namespace {

constexpr qsizetype kMaxOutputBytes = 256 * 1024;

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
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_process.kill();
        finish({false, {}, QStringLiteral("`openclaw gateway auth-token --show` did not answer in time")});
    });
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, [this] {
        m_output += m_process.read(kMaxOutputBytes - m_output.size() + 1);
        if (m_output.size() > kMaxOutputBytes)
            m_process.kill();
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        m_output += m_process.readAll();
        const QString token = openclawauth::tokenFromAuthTokenOutput(m_output);
        m_output.fill('\0');
        m_output.clear();
        if (status == QProcess::NormalExit && code == 0 && !token.isEmpty()) {
            Redactor::instance().addSecret(token);
            finish({true, token, {}});
            return;
        }
        finish({false, {},
                QStringLiteral("OpenClaw could not resolve gateway.auth.token (`openclaw gateway auth-token --show` "
                               "exited with %1)")
                    .arg(status == QProcess::NormalExit ? QString::number(code) : QStringLiteral("a crash"))});
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish({false, {}, QStringLiteral("cannot run `script` to ask OpenClaw for the token: %1").arg(m_process.errorString())});
    });
    m_process.setChildProcessModifier([] {
        ::signal(SIGPIPE, SIG_DFL);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
}

ConfiguredTokenResolver::~ConfiguredTokenResolver()
{
    m_done = nullptr;
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void ConfiguredTokenResolver::resolve(const GatewayLaunchOptions& launch, int timeoutMs, Callback done)
{
    if (isRunning()) {
        if (done)
            done({false, {}, QStringLiteral("already resolving")});
        return;
    }
    const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty() || launch.nodePath.isEmpty()) {
        if (done)
            done({false, {},
                  script.isEmpty() ? QStringLiteral("`script` (util-linux) is needed to ask OpenClaw for the token")
                                   : QStringLiteral("the gateway runtime is not installed")});
        return;
    }
    m_done = std::move(done);
    m_output.clear();
    GatewayLaunchOptions o = launch;
    o.token.clear(); // the configured secret is what we ask for; ours must not be mistaken for it
    const QString command = QStringLiteral("%1 %2 gateway auth-token --show")
                                .arg(shellQuote(o.nodePath),
                                     shellQuote(QDir(o.openclawDir).filePath(QStringLiteral("openclaw.mjs"))));
    m_process.setProgram(script);
    m_process.setArguments({QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
    m_process.setWorkingDirectory(o.openclawDir);
    m_process.setProcessEnvironment(LaunchSpec::childEnvironment(o));
    logInfo(QStringLiteral("asking OpenClaw for the token its configuration resolves to (gateway auth-token)"));
    m_timeout.start(timeoutMs);
    m_process.start(QIODevice::ReadOnly);
}

void ConfiguredTokenResolver::finish(const Result& r)
{
    m_timeout.stop();
    if (!m_done)
        return;
    auto done = std::exchange(m_done, nullptr);
    done(r);
}

} // namespace clawtray
