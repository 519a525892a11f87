// healthReadinessDigest: what of the gateway's periodic `health` snapshot can change readiness.
// The supervisor asks /readyz again only when this digest moves, so it must move for every channel
// account change that matters and stay put for everything that changes on every snapshot.
#include "client/HealthDigest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace clawtray;

namespace {

// Shaped as OpenClaw 2026.9.6's HealthSummary (dist: getHealthSnapshot), one Telegram account.
QJsonObject snapshot()
{
    return QJsonDocument::fromJson(R"({
      "ok": true, "ts": 1764850000000, "durationMs": 12,
      "plugins": {"loaded": ["telegram"], "errors": [], "unavailable": []},
      "configReload": {"hotReloadStatus": "active"},
      "channels": {"telegram": {"configured": true, "running": true, "connected": true,
                                "lastProbeAt": 1764850000000, "probe": {"ok": true, "elapsedMs": 80},
                                "accounts": {"default": {"accountId": "default", "configured": true,
                                             "running": true, "connected": true, "lastInboundAt": 1764849000000}}}},
      "channelOrder": ["telegram"], "channelLabels": {"telegram": "Telegram"},
      "heartbeatSeconds": 1800,
      "agents": [{"agentId": "main", "sessions": {"count": 3}}],
      "sessions": {"count": 3, "recent": []},
      "modelRuntime": {"degraded": false, "pendingAgents": []},
      "eventLoop": {"delayP99Ms": 4.2, "utilization": 0.01}
    })").object();
}

QJsonObject withAccount(QJsonObject health, const char* key, const QJsonValue& value)
{
    QJsonObject channels = health.value(QStringLiteral("channels")).toObject();
    QJsonObject telegram = channels.value(QStringLiteral("telegram")).toObject();
    QJsonObject accounts = telegram.value(QStringLiteral("accounts")).toObject();
    QJsonObject account = accounts.value(QStringLiteral("default")).toObject();
    account.insert(QLatin1String(key), value);
    accounts.insert(QStringLiteral("default"), account);
    telegram.insert(QStringLiteral("accounts"), accounts);
    channels.insert(QStringLiteral("telegram"), telegram);
    health.insert(QStringLiteral("channels"), channels);
    return health;
}

} // namespace

class TestClientHealthDigest : public QObject
{
    Q_OBJECT

private slots:
    void unchangedReadinessGivesTheSameDigest()
    {
        const QByteArray base = healthReadinessDigest(snapshot());
        QVERIFY(!base.isEmpty());
        QJsonObject later = snapshot();
        later.insert(QStringLiteral("ts"), 1764850060000.0);
        later.insert(QStringLiteral("durationMs"), 31);
        later.insert(QStringLiteral("eventLoop"), QJsonObject{{QStringLiteral("delayP99Ms"), 9.1}});
        later.insert(QStringLiteral("sessions"), QJsonObject{{QStringLiteral("count"), 4}});
        later = withAccount(later, "lastInboundAt", 1764850055000.0);
        QCOMPARE(healthReadinessDigest(later), base);
    }

    void aChannelAccountThatMovesChangesIt_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("stopped") << "running" << QJsonValue(false);
        QTest::newRow("disconnected") << "connected" << QJsonValue(false);
        QTest::newRow("failed") << "lastError" << QJsonValue(QStringLiteral("401 Unauthorized"));
        QTest::newRow("unlinked") << "linked" << QJsonValue(false);
        QTest::newRow("disabled") << "enabled" << QJsonValue(false);
    }
    void aChannelAccountThatMovesChangesIt()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        const QByteArray base = healthReadinessDigest(snapshot());
        QVERIFY(healthReadinessDigest(withAccount(snapshot(), qPrintable(key), value)) != base);
    }

    void aChannelOrPluginErrorOrReloadChangesIt()
    {
        const QByteArray base = healthReadinessDigest(snapshot());
        QJsonObject noChannel = snapshot();
        noChannel.insert(QStringLiteral("channels"), QJsonObject());
        QVERIFY(healthReadinessDigest(noChannel) != base);

        QJsonObject pluginError = snapshot();
        pluginError.insert(QStringLiteral("plugins"),
                           QJsonObject{{QStringLiteral("loaded"), QJsonArray()},
                                       {QStringLiteral("errors"), QJsonArray{QJsonObject{{QStringLiteral("lastError"), QStringLiteral("telegram: load failed")}}}},
                                       {QStringLiteral("unavailable"), QJsonArray{QStringLiteral("telegram")}}});
        QVERIFY(healthReadinessDigest(pluginError) != base);

        QJsonObject reload = snapshot();
        reload.insert(QStringLiteral("configReload"), QJsonObject{{QStringLiteral("restartPending"), true}});
        QVERIFY(healthReadinessDigest(reload) != base);

        QJsonObject degraded = snapshot();
        degraded.insert(QStringLiteral("modelRuntime"), QJsonObject{{QStringLiteral("degraded"), true}});
        QVERIFY(healthReadinessDigest(degraded) != base);
    }

    void anEmptyPayloadHasNoDigest()
    {
        QVERIFY(healthReadinessDigest(QJsonObject()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClientHealthDigest)
#include "tst_client_healthdigest.moc"
