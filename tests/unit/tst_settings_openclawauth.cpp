// Which secret the gateway's own configuration names (gateway.auth in openclaw.json): ClawTray
// must use that one, never its own, whenever it exists.
#include "settings/OpenClawAuth.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

class TestSettingsOpenClawAuth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QByteArray& text)
    {
        const QString path = m_dir.filePath(QStringLiteral("openclaw-%1.json").arg(++m_n));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path;
    }
    int m_n = 0;

private slots:
    void noFileMeansOurToken()
    {
        const auto a = openclawauth::read(m_dir.filePath(QStringLiteral("absent.json")), {});
        QCOMPARE(a.kind, ConfiguredAuth::Kind::None);
    }

    void configWithoutAuthMeansOurToken()
    {
        const auto a = openclawauth::read(write(R"({"gateway":{"mode":"local"}})"), {});
        QCOMPARE(a.kind, ConfiguredAuth::Kind::None);
        const auto b = openclawauth::read(write(R"({"gateway":{"mode":"local","auth":{"mode":"token"}}})"), {});
        QCOMPARE(b.kind, ConfiguredAuth::Kind::None);
    }

    void literalTokenIsAdopted()
    {
        const QString path = write(R"({"gateway":{"mode":"local","auth":{"mode":"token","token":"someone-elses-token"}}})");
        const auto a = openclawauth::read(path, {});
        QCOMPARE(a.kind, ConfiguredAuth::Kind::Resolved);
        QCOMPARE(a.secret, QStringLiteral("someone-elses-token"));
        QVERIFY(!a.password);
        QVERIFY(a.describe().contains(QStringLiteral("gateway.auth.token")));
        QVERIFY(a.describe().contains(path));
        QVERIFY(!a.describe().contains(QStringLiteral("someone-elses-token")));
    }

    // The port an onboarded gateway listens on (gateway.port), so ClawTray finds it there.
    void configuredPortIsReadWhenValid()
    {
        QCOMPARE(openclawauth::configuredPort(write(R"({"gateway":{"mode":"local","port":28123}})")), std::optional<quint16>(28123));
        QCOMPARE(openclawauth::configuredPort(write("{ gateway: { port: 19001, }, }\n")), std::optional<quint16>(19001));
        QVERIFY(!openclawauth::configuredPort(write(R"({"gateway":{"mode":"local"}})")));
        QVERIFY(!openclawauth::configuredPort(write(R"({"gateway":{"port":"18789"}})")));
        QVERIFY(!openclawauth::configuredPort(write(R"({"gateway":{"port":70000}})")));
        QVERIFY(!openclawauth::configuredPort(write(R"({"gateway":{"port":0}})")));
        QVERIFY(!openclawauth::configuredPort(write(R"({"gateway":{"port":123.5}})")));
        QVERIFY(!openclawauth::configuredPort(write("{not json")));
        QVERIFY(!openclawauth::configuredPort(m_dir.filePath(QStringLiteral("absent.json"))));
        QVERIFY(!openclawauth::configuredPort(QString()));
    }

    void json5IsUnderstood()
    {
        const auto a = openclawauth::read(write("// written by hand\n{ gateway: { mode: 'local', /* auth */ auth: { mode: 'token', "
                                                "token: 'hand-token', }, }, }\n"),
                                          {});
        QCOMPARE(a.kind, ConfiguredAuth::Kind::Resolved);
        QCOMPARE(a.secret, QStringLiteral("hand-token"));
    }

    void envReferencesAreReadFromOurEnvironment()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("MY_GW_TOKEN"), QStringLiteral("from-env"));
        const auto a = openclawauth::read(write(R"({"gateway":{"auth":{"token":"${MY_GW_TOKEN}"}}})"), env);
        QCOMPARE(a.kind, ConfiguredAuth::Kind::Resolved);
        QCOMPARE(a.secret, QStringLiteral("from-env"));
        QCOMPARE(a.refSource, QStringLiteral("env:MY_GW_TOKEN"));
        const auto b = openclawauth::read(
            write(R"({"gateway":{"auth":{"token":{"source":"env","provider":"default","id":"MY_GW_TOKEN"}}}})"), env);
        QCOMPARE(b.kind, ConfiguredAuth::Kind::Resolved);
        QCOMPARE(b.secret, QStringLiteral("from-env"));
        // Not set: a clear error naming the variable, never our own token instead.
        const auto c = openclawauth::read(write(R"({"gateway":{"auth":{"token":"$MISSING_VAR"}}})"), env);
        QCOMPARE(c.kind, ConfiguredAuth::Kind::Unavailable);
        QVERIFY2(c.error.contains(QStringLiteral("MISSING_VAR")), qPrintable(c.error));
    }

    void storeReferencesNeedOpenClaw()
    {
        const auto a = openclawauth::read(
            write(R"({"gateway":{"auth":{"mode":"token","token":{"source":"store","provider":"default","id":"OPENCLAW_GATEWAY_TOKEN"}}}})"),
            {});
        QCOMPARE(a.kind, ConfiguredAuth::Kind::NeedsOpenClaw);
        QCOMPARE(a.refSource, QStringLiteral("store"));
    }

    void passwordMode()
    {
        const auto a = openclawauth::read(write(R"({"gateway":{"auth":{"mode":"password","password":"pw-123"}}})"), {});
        QCOMPARE(a.kind, ConfiguredAuth::Kind::Resolved);
        QVERIFY(a.password);
        QCOMPARE(a.secret, QStringLiteral("pw-123"));
        const auto b = openclawauth::read(write(R"({"gateway":{"auth":{"mode":"password"}}})"), {});
        QCOMPARE(b.kind, ConfiguredAuth::Kind::Unavailable);
    }

    void unparsableConfigIsLeftToTheGateway()
    {
        const auto a = openclawauth::read(write("{ this is not json"), {});
        QCOMPARE(a.kind, ConfiguredAuth::Kind::None);
    }

    void authTokenOutputLastLine()
    {
        const QByteArray out = "\x1b[1m🦞 OpenClaw 2026.9.6\x1b[0m\r\n\r\nA tagline here\r\nclawtray-0123456789abcdef\r\n";
        QCOMPARE(openclawauth::tokenFromAuthTokenOutput(out), QStringLiteral("clawtray-0123456789abcdef"));
        QVERIFY(openclawauth::tokenFromAuthTokenOutput("Refusing to print the Gateway token outside a terminal\n").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSettingsOpenClawAuth)
#include "tst_settings_openclawauth.moc"
