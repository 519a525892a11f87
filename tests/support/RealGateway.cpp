#include "RealGateway.h"

#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

namespace testsupport {

QString clawtrayBinary()
{
    return qEnvironmentVariable("CLAWTRAY_BINARY_DIR") + QStringLiteral("/app/clawtray");
}

QProcessEnvironment userEnvironment(const QString& root)
{
    const QDir d(root);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* k : {"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH",
                          "OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_HOME", "OPENCLAW_PROFILE"})
        env.remove(QString::fromLatin1(k));
    env.insert(QStringLiteral("HOME"), d.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("TMPDIR"), d.filePath(QStringLiteral("tmp")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), d.filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), d.filePath(QStringLiteral("xdg-config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), d.filePath(QStringLiteral("xdg-data")));
    env.insert(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"), d.filePath(QStringLiteral("run/clawtray.sock")));
    for (const char* k : {"OPENCLAW_SKIP_CHANNELS", "OPENCLAW_NO_AUTO_UPDATE", "OPENCLAW_OFFLINE"})
        env.insert(QString::fromLatin1(k), QStringLiteral("1"));
    env.insert(QStringLiteral("OPENCLAW_EXEC_SHELL_SNAPSHOT"), QStringLiteral("0"));
    // ClawTray's own update check asks npm: here npm asks a loopback port nobody serves, so a check
    // is a quiet "offline" note and nothing leaves the machine.
    env.insert(QStringLiteral("npm_config_registry"), QStringLiteral("http://127.0.0.1:9/"));
    return env;
}

RealGatewayEnv::RealGatewayEnv()
{
    if (runtimeNode().isEmpty() || runtimeOpenClawMjs().isEmpty()) {
        error = QStringLiteral("the OpenClaw runtime is not installed in '%1' (run scripts/setup.sh)").arg(runtimeDir());
        return;
    }
    const QDir d(root.path());
    for (const char* sub : {"home", "state", "tmp", "logs"})
        d.mkpath(QString::fromLatin1(sub));
    QFile cfg(d.filePath(QStringLiteral("state/openclaw.json")));
    if (!cfg.open(QIODevice::WriteOnly)) {
        error = cfg.errorString();
        return;
    }
    cfg.write(offlineGatewayConfig({{QStringLiteral("mode"), QStringLiteral("local")}},
                                   {{QStringLiteral("logging"), QJsonObject{{QStringLiteral("file"), d.filePath(QStringLiteral("logs/gateway.log"))}}}}));
    cfg.close();
    port = freeTcpPort();
    valid = port != 0;
}

clawtray::GatewayLaunchOptions RealGatewayEnv::options() const
{
    const QDir d(root.path());
    clawtray::GatewayLaunchOptions o;
    o.nodePath = runtimeNode();
    o.openclawDir = QFileInfo(runtimeOpenClawMjs()).absolutePath();
    o.port = port;
    o.token = token;
    o.stateDir = d.filePath(QStringLiteral("state"));
    o.configPath = d.filePath(QStringLiteral("state/openclaw.json"));
    o.leaseTag = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (const auto& [k, v] : {std::pair{"HOME", "home"}, std::pair{"OPENCLAW_HOME", "home"}, std::pair{"TMPDIR", "tmp"}})
        o.extraEnvironment.insert(QString::fromLatin1(k), d.filePath(QString::fromLatin1(v)));
    for (const char* k : {"OPENCLAW_SKIP_CHANNELS", "OPENCLAW_NO_AUTO_UPDATE", "OPENCLAW_OFFLINE"})
        o.extraEnvironment.insert(QString::fromLatin1(k), QStringLiteral("1"));
    o.extraEnvironment.insert(QStringLiteral("OPENCLAW_EXEC_SHELL_SNAPSHOT"), QStringLiteral("0"));
    return o;
}

int httpGetStatus(quint16 port, const QString& path, int timeoutMs)
{
    QNetworkAccessManager nam;
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    req.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = nam.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 500, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

qint64 waitForReadyz(quint16 port, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (httpGetStatus(port, QStringLiteral("/readyz"), 1000) == 200)
            return t.elapsed();
        QTest::qWait(100);
    }
    return -1;
}

} // namespace testsupport
