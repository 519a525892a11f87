// The companion against the REAL gateway (issue #14), through the real `clawtray --headless` and
// `clawtray ctl`. Exec approvals: a second client with its own device identity raises `exec.approval.request`
// (it blocks until someone decides), ClawTray lists it, and its answer is the one the requester
// gets; a request resolved elsewhere disappears from ClawTray's list. Pairing: a CLI-like client
// with a fresh identity is held for pairing (the config turns off loopback auto-approval, as a
// shared machine would), ClawTray lists the request, approving it with `ctl pair approve` lets
// that client connect, and `ctl pair remove` unpairs it. One gateway for the file.
#include "client/GatewayClient.h"
#include "logging/Logging.h"

#include "RealGateway.h"
#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <signal.h>

using namespace clawtray;

namespace {

constexpr int kGatewayBootMs = 150000;
const QString kToken = QStringLiteral("approvals-e2e-token-0123456789abcdef");


} // namespace

class TestCompanionRealGateway : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    quint16 m_port = 0;
    QProcess m_headless;
    GatewayClient m_requester; // the "agent": another operator device
    DeviceIdentity m_requesterIdentity = *DeviceIdentity::generate();
    QString m_lastOut;

    QString path(const QString& rel) const { return QDir(m_root.path()).filePath(rel); }

    QProcessEnvironment environment() const { return testsupport::userEnvironment(m_root.path()); }

    int ctl(const QStringList& args)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(testsupport::clawtrayBinary(), QStringList{QStringLiteral("ctl")} + args);
        const bool done = p.waitForFinished(60000);
        m_lastOut = QString::fromUtf8(p.readAll());
        return done ? p.exitCode() : -1;
    }

    QJsonArray pending()
    {
        if (ctl({QStringLiteral("approvals"), QStringLiteral("--json")}) != 0)
            return {};
        return QJsonDocument::fromJson(m_lastOut.toUtf8()).object().value(QLatin1String("approvals")).toArray();
    }

    QString logTail() const
    {
        QFile f(path(QStringLiteral("headless.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(3000)) : QString();
    }

    // exec.approval.request blocks until a decision: the answer arrives through `out`.
    void raise(const QString& command, std::optional<CallResult>* out)
    {
        m_requester.call(QStringLiteral("exec.approval.request"),
                         QJsonObject{{QStringLiteral("command"), command}, {QStringLiteral("cwd"), path(QStringLiteral("tmp"))},
                                     {QStringLiteral("timeoutMs"), 120000}},
                         150000, [out](const CallResult& r) { *out = r; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions o;
        logging::init(o);
        if (testsupport::runtimeNode().isEmpty())
            QFAIL("the OpenClaw runtime is not installed (run scripts/setup.sh)");
        for (const char* d : {"home", "tmp", "state", "config", "data", "xdg-config", "xdg-data", "run"})
            QDir().mkpath(path(QString::fromLatin1(d)));
        QFile::setPermissions(path(QStringLiteral("run")), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_port = testsupport::freeTcpPort();
        QFile cfg(path(QStringLiteral("state/openclaw.json")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(testsupport::offlineGatewayConfig(
            {{QStringLiteral("mode"), QStringLiteral("local")},
             {QStringLiteral("auth"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("token")}, {QStringLiteral("token"), kToken}}},
             {QStringLiteral("nodes"), QJsonObject{{QStringLiteral("pairing"), QJsonObject{{QStringLiteral("autoApproveLocal"), false}}}}}}));
        cfg.close();
        m_headless.setProcessEnvironment(environment());
        m_headless.setProcessChannelMode(QProcess::MergedChannels);
        m_headless.setStandardOutputFile(path(QStringLiteral("headless.log")));
        m_headless.start(testsupport::clawtrayBinary(), {QStringLiteral("--headless"), QStringLiteral("--state-dir"), path(QStringLiteral("state")),
                                    QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--config-dir"),
                                    path(QStringLiteral("config")), QStringLiteral("--data-dir"), path(QStringLiteral("data")),
                                    QStringLiteral("--runtime-dir"), testsupport::runtimeDir()});
        QVERIFY(m_headless.waitForStarted());
        QVERIFY2(testsupport::waitFor([&] {
                     ctl({QStringLiteral("status"), QStringLiteral("--json")});
                     return QJsonDocument::fromJson(m_lastOut.toUtf8()).object().value(QLatin1String("gateway")).toObject()
                                .value(QLatin1String("state")).toString() == QLatin1String("running");
                 }, kGatewayBootMs),
                 qPrintable(logTail()));
        // ClawTray's device was granted what approvals need, and nothing is waiting yet.
        const QJsonObject summary = QJsonDocument::fromJson(m_lastOut.toUtf8()).object().value(QLatin1String("approvals")).toObject();
        QVERIFY2(summary.value(QLatin1String("permitted")).toBool(), qPrintable(m_lastOut));
        QCOMPARE(summary.value(QLatin1String("pending")).toInt(), 0);
        m_requester.setCredentials(kToken, m_requesterIdentity);
        QSignalSpy connected(&m_requester, &GatewayClient::connected);
        m_requester.connectToGateway(m_port);
        QVERIFY(connected.wait(30000));
    }

    void cleanupTestCase()
    {
        m_requester.disconnectFromGateway();
        if (m_headless.state() != QProcess::NotRunning) {
            ::kill(pid_t(m_headless.processId()), SIGTERM);
            m_headless.waitForFinished(30000);
        }
    }

    QJsonObject pairing()
    {
        if (ctl({QStringLiteral("pair"), QStringLiteral("--json")}) != 0)
            return {};
        return QJsonDocument::fromJson(m_lastOut.toUtf8()).object();
    }

    void aDeviceThatMustPairIsApprovedThroughClawTray()
    {
        GatewayClient phone;
        GatewayClient::Config c;
        c.as.clientId = QStringLiteral("cli");
        c.as.clientMode = QStringLiteral("cli");
        c.as.displayName = QStringLiteral("pairing-e2e");
        c.as.scopes = {QStringLiteral("operator.read")};
        c.as.caps = {};
        phone.setConfig(c);
        const DeviceIdentity identity = *DeviceIdentity::generate();
        phone.setCredentials(kToken, identity);
        QSignalSpy failed(&phone, &GatewayClient::connectFailed);
        QSignalSpy connected(&phone, &GatewayClient::connected);
        phone.connectToGateway(m_port);
        QVERIFY(failed.wait(30000));
        const ConnectFailure f = failed.first().at(0).value<ConnectFailure>();
        QVERIFY2(f.error && f.error->code == QLatin1String("NOT_PAIRED"), qPrintable(f.message.english()));
        const QString requestId = f.error->details.value(QLatin1String("requestId")).toString();
        QVERIFY(!requestId.isEmpty());

        // ClawTray shows the request (from the event, or the list), as it is.
        QJsonObject p;
        QVERIFY2(testsupport::waitFor([&] {
                     p = pairing();
                     return p.value(QLatin1String("pending")).toInt() == 1;
                 }, 10000),
                 qPrintable(m_lastOut + logTail()));
        const QJsonObject req = p.value(QLatin1String("requests")).toArray().first().toObject();
        QCOMPARE(req.value(QLatin1String("requestId")).toString(), requestId);
        QCOMPARE(req.value(QLatin1String("deviceId")).toString(), identity.deviceId());
        QCOMPARE(req.value(QLatin1String("name")).toString(), QStringLiteral("pairing-e2e"));
        QCOMPARE(req.value(QLatin1String("role")).toString(), QStringLiteral("operator"));
        QVERIFY(!req.value(QLatin1String("needsAdmin")).toBool());
        QVERIFY(ctl({QStringLiteral("pair")}) == 0);
        QVERIFY2(m_lastOut.contains(QStringLiteral("1 pairing request is waiting")) && m_lastOut.contains(requestId), qPrintable(m_lastOut));

        QVERIFY2(ctl({QStringLiteral("pair"), QStringLiteral("approve"), requestId.left(8)}) == 0, qPrintable(m_lastOut));
        QVERIFY2(m_lastOut.startsWith(QStringLiteral("Approved pairing-e2e.")), qPrintable(m_lastOut));
        phone.connectToGateway(m_port);
        QVERIFY2(connected.wait(30000), failed.size() > 1 ? qPrintable(failed.last().at(0).value<ConnectFailure>().message.english()) : "no answer");

        // Listed as paired; removing it closes its connection.
        p = pairing();
        QCOMPARE(p.value(QLatin1String("pending")).toInt(), 0);
        bool listed = false;
        for (const QJsonValue& v : p.value(QLatin1String("devices")).toArray())
            listed |= v.toObject().value(QLatin1String("id")).toString() == identity.deviceId();
        QVERIFY2(listed, qPrintable(QJsonDocument(p).toJson()));
        QCOMPARE(ctl({QStringLiteral("pair"), QStringLiteral("remove"), identity.deviceId()}), 2); // needs --yes
        QSignalSpy gone(&phone, &GatewayClient::disconnected);
        QVERIFY2(ctl({QStringLiteral("pair"), QStringLiteral("remove"), identity.deviceId(), QStringLiteral("--yes")}) == 0, qPrintable(m_lastOut));
        QVERIFY(gone.wait(10000));
        for (const QJsonValue& v : pairing().value(QLatin1String("devices")).toArray())
            QVERIFY(v.toObject().value(QLatin1String("id")).toString() != identity.deviceId());
    }

    // No channel is configured here (nothing may contact an outside service): the real gateway's
    // answer renders as exactly that.
    void noChannelsConfigured()
    {
        QVERIFY2(ctl({QStringLiteral("channels")}) == 0, qPrintable(m_lastOut));
        QVERIFY2(m_lastOut.startsWith(QStringLiteral("Channels: no channels configured")), qPrintable(m_lastOut));
        QVERIFY(ctl({QStringLiteral("channels"), QStringLiteral("--json")}) == 0);
        const QJsonObject o = QJsonDocument::fromJson(m_lastOut.toUtf8()).object();
        QVERIFY(o.value(QLatin1String("loaded")).toBool());
        QCOMPARE(o.value(QLatin1String("channelAccounts")).toArray().size(), 0);
        QCOMPARE(o.value(QLatin1String("attention")).toInt(), 0);
    }

    void aDenyFromClawTrayReachesTheRequester()
    {
        std::optional<CallResult> answer;
        QElapsedTimer clock;
        clock.start();
        raise(QStringLiteral("echo from-the-agent"), &answer);
        QJsonArray list;
        QVERIFY2(testsupport::waitFor([&] { return !(list = pending()).isEmpty() || answer.has_value(); }, 30000), qPrintable(logTail()));
        QVERIFY2(!answer.has_value(), qPrintable(answer ? answer->message + QString::fromUtf8(QJsonDocument(answer->payload.toObject()).toJson()) : QString()));
        const qint64 seenAfterMs = clock.elapsed();
        QVERIFY2(seenAfterMs < 5000, qPrintable(QString::number(seenAfterMs))); // the CLI round trips dominate; the model itself is in bench/
        QCOMPARE(list.size(), 1);
        const QJsonObject a = list.first().toObject();
        QCOMPARE(a.value(QLatin1String("command")).toString(), QStringLiteral("echo from-the-agent"));
        QCOMPARE(a.value(QLatin1String("cwd")).toString(), path(QStringLiteral("tmp")));
        QVERIFY(a.value(QLatin1String("expiresAtMs")).toDouble() > a.value(QLatin1String("createdAtMs")).toDouble());
        QVERIFY2(ctl({QStringLiteral("approvals")}) == 0 && m_lastOut.contains(QStringLiteral("echo from-the-agent")), qPrintable(m_lastOut));

        const QString id = a.value(QLatin1String("id")).toString();
        QVERIFY2(ctl({QStringLiteral("approvals"), QStringLiteral("deny"), id.left(8)}) == 0, qPrintable(m_lastOut));
        QVERIFY(testsupport::waitFor([&] { return answer.has_value(); }, 30000));
        QVERIFY2(answer->ok(), qPrintable(answer->message));
        QCOMPARE(answer->payload.toObject().value(QLatin1String("decision")).toString(), QStringLiteral("deny"));
        QVERIFY(pending().isEmpty());
    }

    // Answered by someone else (the requester's own device resolves it here): ClawTray's entry
    // closes, and ClawTray's answer afterwards is refused with a reason.
    void resolvedElsewhereCloses()
    {
        std::optional<CallResult> answer;
        raise(QStringLiteral("echo resolved-elsewhere"), &answer);
        QJsonArray list;
        QVERIFY(testsupport::waitFor([&] { return !(list = pending()).isEmpty(); }, 30000));
        const QString id = list.first().toObject().value(QLatin1String("id")).toString();
        std::optional<CallResult> resolved;
        m_requester.call(QStringLiteral("exec.approval.resolve"),
                         QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("decision"), QStringLiteral("allow-once")}}, 30000,
                         [&](const CallResult& r) { resolved = r; });
        QVERIFY(testsupport::waitFor([&] { return resolved.has_value() && answer.has_value(); }, 30000));
        QVERIFY2(resolved->ok(), qPrintable(resolved->message));
        QCOMPARE(answer->payload.toObject().value(QLatin1String("decision")).toString(), QStringLiteral("allow-once"));
        QVERIFY(testsupport::waitFor([&] { return pending().isEmpty(); }, 10000));
        QCOMPARE(ctl({QStringLiteral("approvals"), QStringLiteral("deny"), id}), 1);
        QVERIFY2(m_lastOut.contains(QStringLiteral("no pending approval")), qPrintable(m_lastOut));
    }
};

QTEST_GUILESS_MAIN(TestCompanionRealGateway)
#include "tst_companion_realgateway.moc"
