#include "FakeGateway.h"

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QUuid>

namespace testsupport {

clawtray::GatewayLaunchOptions fakeGatewayOptions(quint16 port, const QStringList& fakeArgs, const QString& token)
{
    clawtray::GatewayLaunchOptions o;
    o.nodePath = fakeGatewayPath();
    // The product checks that openclaw.mjs exists before it spawns; the fake ignores the file.
    static QTemporaryDir pkg;
    static const bool made = [] {
        QFile f(pkg.filePath(QStringLiteral("openclaw.mjs")));
        return f.open(QIODevice::WriteOnly);
    }();
    Q_UNUSED(made);
    o.openclawDir = pkg.path();
    o.port = port;
    o.token = token;
    o.extraArgs = fakeArgs;
    o.leaseTag = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return o;
}

FakeGateway::FakeGateway(const QStringList& fakeArgs, quint16 port)
    : m_args(fakeArgs)
    , m_port(port ? port : freeTcpPort())
{
    auto cfg = m_process.config();
    cfg.stopGraceMs = 2000;
    m_process.setConfig(cfg);
}

FakeGateway::~FakeGateway()
{
    stop();
}

bool FakeGateway::start(bool waitReady, int timeoutMs)
{
    const auto spec = clawtray::LaunchSpec::forGateway(options());
    if (!m_process.start(spec))
        return false;
    const QString marker = waitReady ? QStringLiteral("fake: ready") : QStringLiteral("fake: listening");
    return waitFor([&] { return m_process.lastLines().join(QLatin1Char('\n')).contains(marker) || !m_process.isRunning(); },
                   timeoutMs)
        && m_process.isRunning();
}

void FakeGateway::stop()
{
    if (!m_process.isRunning())
        return;
    QSignalSpy spy(&m_process, &clawtray::GatewayProcess::finished);
    m_process.stop();
    spy.wait(10000);
}

} // namespace testsupport
