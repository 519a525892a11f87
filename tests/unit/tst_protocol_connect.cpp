// The handshake: connect.challenge parsing, connect params exactly shaped like the captured
// connect the real gateway accepted, and hello-ok parsing from the captured hello-ok.
#include "protocol/ConnectParams.h"
#include "protocol/Frame.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace clawtray;

namespace {

QString framesDir()
{
    const QByteArray src = qgetenv("CLAWTRAY_SOURCE_DIR");
    if (!src.isEmpty())
        return QString::fromLocal8Bit(src) + QStringLiteral("/tests/data/frames");
    return QFINDTESTDATA("../data/frames");
}

QByteArray readData(const QString& name)
{
    QFile f(framesDir() + QLatin1Char('/') + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The n-th captured frame of first.jsonl.
QJsonObject capturedFrame(int n)
{
    const QList<QByteArray> lines = readData(QStringLiteral("first.jsonl")).split('\n');
    return QJsonDocument::fromJson(lines.value(n)).object().value(QStringLiteral("frame")).toObject();
}

// The structure of a JSON value: object keys (recursively) and value types, without values.
QJsonValue shapeOf(const QJsonValue& v)
{
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), shapeOf(it.value()));
        return out;
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue& item : v.toArray())
            out.append(shapeOf(item));
        return out;
    }
    return QJsonValue(static_cast<int>(v.type()));
}

const QByteArray kPrivateHex = "52b45874207e97170c0a4d3c879ae3020e3e98c2ff8a0aac6e4c400d3a7b119b";
// openssl pkeyutl -sign -rawin over the v3 string for this key, kToken and the captured challenge
// (see tst_protocol_identity.cpp for how it was made).
const QString kExpectedSignature =
    QStringLiteral("8W6UuoW8ewYcpPGXdptZSxj5yPROtmvu7kEJgNt0rHovdu6gmt5Vh-zlhEbrWt4GvSYOZp3O_PjqptY8baDJDw");
const QString kToken = QStringLiteral("fixture-token-abcdef123456");

} // namespace

class TestProtocolConnect : public QObject
{
    Q_OBJECT

private slots:
    void challengeFromCapture();
    void challengeRejections_data();
    void challengeRejections();
    void challengeFrameMustBeTheChallenge();
    void paramsMatchCapturedConnect();
    void paramsSignatureIsOpensslVector();
    void paramsWithoutToken();
    void platformName();
    void helloOkFromCapture();
    void helloOkMinimalUsesDefaults();
    void helloOkRejections_data();
    void helloOkRejections();
    void failedConnectCarriesGatewayError();
};

void TestProtocolConnect::challengeFromCapture()
{
    const QJsonObject frame = capturedFrame(0);
    QVERIFY(!frame.isEmpty());
    const FrameParseResult parsed =
        parseFrame(QJsonDocument(frame).toJson(QJsonDocument::Compact), kPreHandshakeMaxFrameBytes);
    QVERIFY(parsed.ok);
    const ConnectChallengeResult r = parseConnectChallengeFrame(parsed.frame);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.challenge.nonce, QStringLiteral("8ef4587c-24b4-4836-aa57-94d033b11117"));
    QCOMPARE(r.challenge.ts, qint64(1795312326448));
    QCOMPARE(r.challenge.capabilities, QStringList{QStringLiteral("model-catalog-snapshot")});

    // Non-string capability entries are skipped, not fatal.
    const ConnectChallengeResult lenient = parseConnectChallenge(
        QJsonDocument::fromJson(R"({"nonce":"n","ts":1,"capabilities":["a",1,null,"b"]})").object());
    QVERIFY(lenient.ok);
    QCOMPARE(lenient.challenge.capabilities, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestProtocolConnect::challengeRejections_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("reasonHas");
    QTest::newRow("not object") << QByteArray(R"([1])") << "object";
    QTest::newRow("no nonce") << QByteArray(R"({"ts":1})") << "nonce";
    QTest::newRow("nonce number") << QByteArray(R"({"nonce":5,"ts":1})") << "nonce";
    QTest::newRow("empty nonce") << QByteArray(R"({"nonce":"","ts":1})") << "nonce";
    QTest::newRow("huge nonce") << (R"({"nonce":")" + QByteArray(600, 'n') + R"(","ts":1})") << "too long";
    QTest::newRow("no ts") << QByteArray(R"({"nonce":"n"})") << "ts";
    QTest::newRow("ts string") << QByteArray(R"({"nonce":"n","ts":"1795312326448"})") << "ts";
    QTest::newRow("ts fraction") << QByteArray(R"({"nonce":"n","ts":1.5})") << "ts";
    QTest::newRow("ts zero") << QByteArray(R"({"nonce":"n","ts":0})") << "ts";
    QTest::newRow("ts negative") << QByteArray(R"({"nonce":"n","ts":-5})") << "ts";
    QTest::newRow("ts huge") << QByteArray(R"({"nonce":"n","ts":1e300})") << "ts";
    QTest::newRow("capabilities object") << QByteArray(R"({"nonce":"n","ts":1,"capabilities":{}})") << "capabilities";
}

void TestProtocolConnect::challengeRejections()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, reasonHas);
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    const QJsonValue v = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const ConnectChallengeResult r = parseConnectChallenge(v);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(reasonHas), qPrintable(r.error));
}

void TestProtocolConnect::challengeFrameMustBeTheChallenge()
{
    const ConnectChallengeResult tick = parseConnectChallengeFrame(
        parseFrame(R"({"type":"event","event":"tick","payload":{"nonce":"n","ts":1}})").frame);
    QVERIFY(!tick.ok);
    QVERIFY(tick.error.contains(QStringLiteral("tick")));
    const ConnectChallengeResult res = parseConnectChallengeFrame(
        parseFrame(R"({"type":"res","id":"1","ok":true,"payload":{"nonce":"n","ts":1}})").frame);
    QVERIFY(!res.ok);
    QVERIFY(!parseConnectChallengeFrame(parseFrame(R"({"type":"event","event":"connect.challenge"})").frame).ok);
}

void TestProtocolConnect::paramsMatchCapturedConnect()
{
    const QJsonObject captured = capturedFrame(1);
    QCOMPARE(captured.value(QStringLiteral("method")).toString(), QStringLiteral("connect"));
    const QJsonObject expected = captured.value(QStringLiteral("params")).toObject();
    const QJsonObject expectedDevice = expected.value(QStringLiteral("device")).toObject();

    const auto identity = DeviceIdentity::fromRawPrivateKey(QByteArray::fromHex(kPrivateHex));
    QVERIFY(identity.has_value());
    const ConnectChallenge challenge{QStringLiteral("8ef4587c-24b4-4836-aa57-94d033b11117"), 1795312326448, {}};
    const QString token = expected.value(QStringLiteral("auth")).toObject().value(QStringLiteral("token")).toString();
    const QJsonObject params =
        ConnectParams::build(token, *identity, challenge, QStringLiteral("0.0.1-probe"), QStringLiteral("linux"));

    // Same keys at every level and same value types as what the real gateway accepted. The
    // capture asked for three scopes and no caps; ClawTray now also asks for the approvals and
    // pairing scopes and the exec-approvals cap (checked against the real gateway in e2e).
    auto withoutAsks = [](QJsonObject o) {
        o.remove(QStringLiteral("scopes"));
        o.remove(QStringLiteral("caps"));
        return o;
    };
    QCOMPARE(shapeOf(withoutAsks(params)), shapeOf(withoutAsks(expected)));
    for (const QJsonValue& scope : expected.value(QStringLiteral("scopes")).toArray())
        QVERIFY(params.value(QStringLiteral("scopes")).toArray().contains(scope));

    // Same values, except what is ClawTray's own (display name, device key and signature).
    QJsonObject ours = withoutAsks(params);
    QJsonObject theirs = withoutAsks(expected);
    for (QJsonObject* o : {&ours, &theirs}) {
        QJsonObject client = o->value(QStringLiteral("client")).toObject();
        client.remove(QStringLiteral("displayName"));
        o->insert(QStringLiteral("client"), client);
        QJsonObject device = o->value(QStringLiteral("device")).toObject();
        device.remove(QStringLiteral("id"));
        device.remove(QStringLiteral("publicKey"));
        device.remove(QStringLiteral("signature"));
        o->insert(QStringLiteral("device"), device);
    }
    QCOMPARE(ours, theirs);
    QCOMPARE(params.value(QStringLiteral("client")).toObject().value(QStringLiteral("displayName")).toString(),
             QStringLiteral("ClawTray"));
    QCOMPARE(params.value(QStringLiteral("minProtocol")).toInt(), 4);
    QCOMPARE(params.value(QStringLiteral("maxProtocol")).toInt(), 4);
    QCOMPARE(params.value(QStringLiteral("device")).toObject().value(QStringLiteral("signedAt")).toInteger(),
             expectedDevice.value(QStringLiteral("signedAt")).toInteger());

    // The device block is internally consistent and its signature verifies like the gateway does it.
    const QJsonObject device = params.value(QStringLiteral("device")).toObject();
    QCOMPARE(device.value(QStringLiteral("id")).toString(), identity->deviceId());
    QCOMPARE(device.value(QStringLiteral("publicKey")).toString(), identity->publicKeyBase64Url());
    const QByteArray v3 = DeviceIdentity::buildSignaturePayloadV3(
        device.value(QStringLiteral("id")).toString(), QStringLiteral("gateway-client"), QStringLiteral("backend"),
        QStringLiteral("operator"), ConnectParams::scopes(), challenge.ts, token, challenge.nonce,
        QStringLiteral("linux"), QString());
    QCOMPARE(ConnectParams::signaturePayload(token, *identity, challenge, QStringLiteral("linux")), v3);
    QVERIFY(DeviceIdentity::verifyBase64Url(device.value(QStringLiteral("publicKey")).toString(), v3,
                                            device.value(QStringLiteral("signature")).toString()));

    // The whole request frame, as the client will send it, parses as a connect request.
    const FrameParseResult req = parseFrame(buildRequest(QStringLiteral("1"), ConnectParams::kMethod, params));
    QVERIFY(req.ok);
    QCOMPARE(req.frame.method, QStringLiteral("connect"));
    QCOMPARE(req.frame.params.toObject(), params);
}

void TestProtocolConnect::paramsSignatureIsOpensslVector()
{
    const auto identity = DeviceIdentity::fromRawPrivateKey(QByteArray::fromHex(kPrivateHex));
    QVERIFY(identity.has_value());
    const ConnectChallenge challenge{QStringLiteral("8ef4587c-24b4-4836-aa57-94d033b11117"), 1795312326448, {}};
    const QJsonObject params =
        ConnectParams::build(kToken, *identity, challenge, QStringLiteral("1.2.3"), QStringLiteral("linux"));
    const QJsonObject device = params.value(QStringLiteral("device")).toObject();
    QCOMPARE(device.value(QStringLiteral("signature")).toString(), kExpectedSignature);
    QCOMPARE(device.value(QStringLiteral("nonce")).toString(), challenge.nonce);
    QCOMPARE(params.value(QStringLiteral("auth")).toObject().value(QStringLiteral("token")).toString(), kToken);
    QCOMPARE(params.value(QStringLiteral("client")).toObject().value(QStringLiteral("version")).toString(),
             QStringLiteral("1.2.3"));
    QCOMPARE(params.value(QStringLiteral("scopes")).toArray(),
             QJsonArray({QStringLiteral("operator.read"), QStringLiteral("operator.write"),
                         QStringLiteral("operator.admin"), QStringLiteral("operator.approvals"),
                         QStringLiteral("operator.pairing")}));
    QCOMPARE(params.value(QStringLiteral("caps")).toArray(), QJsonArray{QStringLiteral("exec-approvals")});
    QCOMPARE(params.value(QStringLiteral("role")).toString(), QStringLiteral("operator"));

    // Any change to a signed field changes the signature.
    const QJsonObject otherToken = ConnectParams::build(kToken + QLatin1Char('x'), *identity, challenge,
                                                        QStringLiteral("1.2.3"), QStringLiteral("linux"));
    QVERIFY(otherToken.value(QStringLiteral("device")).toObject().value(QStringLiteral("signature")).toString() !=
            kExpectedSignature);
}

void TestProtocolConnect::paramsWithoutToken()
{
    const auto identity = DeviceIdentity::fromRawPrivateKey(QByteArray::fromHex(kPrivateHex));
    QVERIFY(identity.has_value());
    const ConnectChallenge challenge{QStringLiteral("n"), 1000, {}};
    const QJsonObject params =
        ConnectParams::build(QString(), *identity, challenge, QStringLiteral("1"), QStringLiteral("linux"));
    QVERIFY(!params.contains(QStringLiteral("auth")));
    QVERIFY(params.contains(QStringLiteral("device")));
    // The signed string then has an empty token field.
    QVERIFY(ConnectParams::signaturePayload(QString(), *identity, challenge, QStringLiteral("linux"))
                .contains("|1000||n|linux|"));
}

void TestProtocolConnect::platformName()
{
    const QString platform = ConnectParams::currentPlatform();
    QVERIFY(!platform.isEmpty());
    QCOMPARE(platform, platform.toLower());
#if defined(Q_OS_LINUX)
    QCOMPARE(platform, QStringLiteral("linux"));
#elif defined(Q_OS_MACOS)
    QCOMPARE(platform, QStringLiteral("darwin"));
#elif defined(Q_OS_WIN)
    QCOMPARE(platform, QStringLiteral("win32"));
#endif
}

void TestProtocolConnect::helloOkFromCapture()
{
    const QByteArray bytes = readData(QStringLiteral("hello-ok.json"));
    QVERIFY(!bytes.isEmpty());
    const FrameParseResult frame = parseFrame(bytes);
    QVERIFY2(frame.ok, qPrintable(frame.error));
    const HelloOkResult r = parseHelloOkFrame(frame.frame);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!r.gatewayError.has_value());
    const HelloOk& h = r.hello;
    QCOMPARE(h.protocol, 4);
    QCOMPARE(h.serverVersion, QStringLiteral("2026.9.6"));
    QCOMPARE(h.buildId, QStringLiteral("2026.9.6-release-eb377ac59e6c-2026-09-23T16-33-12.144Z"));
    QCOMPARE(h.bootId, QStringLiteral("cb4ed3f6-9a0b-4ad5-9eb1-2dcebe92f2fc"));
    QCOMPARE(h.connId, QStringLiteral("bac69e07-24cc-4fa0-a089-30ae1c1eec2c"));
    QCOMPARE(h.maxPayload, qint64(26214400));
    QCOMPARE(h.maxBufferedBytes, qint64(52428800));
    QCOMPARE(h.tickIntervalMs, qint64(30000));
    QCOMPARE(h.methods.size(), 466);
    QVERIFY(h.hasMethod(QStringLiteral("health")));
    QVERIFY(h.hasMethod(QStringLiteral("gateway.restart.request")));
    QVERIFY(h.hasMethod(QStringLiteral("gateway.restart.preflight")));
    QVERIFY(!h.hasMethod(QStringLiteral("gateway.stop")));
    QCOMPARE(h.events.size(), 64);
    QVERIFY(h.events.contains(QStringLiteral("tick")));
    QVERIFY(h.events.contains(QStringLiteral("shutdown")));
    QCOMPARE(h.capabilities.size(), 21);
    QCOMPARE(h.uptimeMs.value_or(-1), qint64(51385));
    QCOMPARE(h.auth.value(QStringLiteral("method")).toString(), QStringLiteral("token"));
    // What the capture (which asked for read, write and admin) was granted.
    QCOMPARE(h.grantedScopes, (QStringList{QStringLiteral("operator.read"), QStringLiteral("operator.write"),
                                           QStringLiteral("operator.admin")}));
    QCOMPARE(h.snapshot.value(QStringLiteral("authMode")).toString(), QStringLiteral("token"));

    // The captured session's hello-ok (compact, in first.jsonl) parses to the same identity.
    const HelloOkResult fromSession =
        parseHelloOkFrame(parseFrame(QJsonDocument(capturedFrame(2)).toJson(QJsonDocument::Compact)).frame);
    QVERIFY2(fromSession.ok, qPrintable(fromSession.error));
    QCOMPARE(fromSession.hello.bootId, h.bootId);
}

void TestProtocolConnect::helloOkMinimalUsesDefaults()
{
    const HelloOkResult r = parseHelloOk(QJsonDocument::fromJson(R"({"type":"hello-ok","protocol":4})").object());
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.hello.protocol, 4);
    QCOMPARE(r.hello.maxPayload, qint64(kDefaultMaxFrameBytes));
    QCOMPARE(r.hello.maxBufferedBytes, qint64(50 * 1024 * 1024));
    QCOMPARE(r.hello.tickIntervalMs, qint64(30000));
    QVERIFY(r.hello.methods.isEmpty());
    QVERIFY(!r.hello.uptimeMs.has_value());
    QVERIFY(r.hello.bootId.isEmpty());

    const HelloOkResult custom =
        parseHelloOk(QJsonDocument::fromJson(
                         R"({"type":"hello-ok","protocol":4,"policy":{"maxPayload":1024,"tickIntervalMs":50},
            "server":{"bootId":"b1"},"snapshot":{"uptimeMs":0}})")
                         .object());
    QVERIFY2(custom.ok, qPrintable(custom.error));
    QCOMPARE(custom.hello.maxPayload, qint64(1024));
    QCOMPARE(custom.hello.tickIntervalMs, qint64(50));
    QCOMPARE(custom.hello.bootId, QStringLiteral("b1"));
    QCOMPARE(custom.hello.uptimeMs.value_or(-1), qint64(0));
}

void TestProtocolConnect::helloOkRejections_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("reasonHas");
    QTest::newRow("not object") << QByteArray("[]") << "object";
    QTest::newRow("no type") << QByteArray(R"({"protocol":4})") << "not a hello-ok";
    QTest::newRow("other type") << QByteArray(R"({"type":"hello","protocol":4})") << "not a hello-ok";
    QTest::newRow("no protocol") << QByteArray(R"({"type":"hello-ok"})") << "protocol";
    QTest::newRow("protocol string") << QByteArray(R"({"type":"hello-ok","protocol":"4"})") << "protocol";
    QTest::newRow("protocol fraction") << QByteArray(R"({"type":"hello-ok","protocol":4.5})") << "protocol";
    QTest::newRow("protocol zero") << QByteArray(R"({"type":"hello-ok","protocol":0})") << "protocol";
    QTest::newRow("server string") << QByteArray(R"({"type":"hello-ok","protocol":4,"server":"x"})") << "server";
    QTest::newRow("bootId number") << QByteArray(R"({"type":"hello-ok","protocol":4,"server":{"bootId":1}})")
                                   << "server.bootId";
    QTest::newRow("maxPayload string") << QByteArray(
                                              R"({"type":"hello-ok","protocol":4,"policy":{"maxPayload":"25MiB"}})")
                                       << "policy.maxPayload";
    QTest::newRow("maxPayload negative") << QByteArray(R"({"type":"hello-ok","protocol":4,"policy":{"maxPayload":-1}})")
                                         << "policy.maxPayload";
    QTest::newRow("tick zero") << QByteArray(R"({"type":"hello-ok","protocol":4,"policy":{"tickIntervalMs":0}})")
                               << "policy.tickIntervalMs";
    QTest::newRow("methods object") << QByteArray(R"({"type":"hello-ok","protocol":4,"features":{"methods":{}}})")
                                    << "features.methods";
    QTest::newRow("method number") << QByteArray(R"({"type":"hello-ok","protocol":4,"features":{"methods":["a",1]}})")
                                   << "features.methods[]";
    QTest::newRow("scopes string") << QByteArray(R"({"type":"hello-ok","protocol":4,"auth":{"scopes":"all"}})")
                                   << "auth.scopes";
    QTest::newRow("uptime negative") << QByteArray(R"({"type":"hello-ok","protocol":4,"snapshot":{"uptimeMs":-1}})")
                                     << "snapshot.uptimeMs";
}

void TestProtocolConnect::helloOkRejections()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, reasonHas);
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    const QJsonValue v = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const HelloOkResult r = parseHelloOk(v);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(reasonHas), qPrintable(r.error));
    QVERIFY(!r.gatewayError.has_value());
}

void TestProtocolConnect::failedConnectCarriesGatewayError()
{
    const FrameParseResult f = parseFrame(R"({"type":"res","id":"1","ok":false,"error":{"code":"INVALID_REQUEST",
        "message":"unauthorized: gateway token mismatch","details":{"code":"AUTH_TOKEN_MISMATCH"}}})");
    QVERIFY(f.ok);
    const HelloOkResult r = parseHelloOkFrame(f.frame);
    QVERIFY(!r.ok);
    QVERIFY(r.gatewayError.has_value());
    QVERIFY(r.gatewayError->isAuthFailure());
    QCOMPARE(r.gatewayError->detailsCode, QStringLiteral("AUTH_TOKEN_MISMATCH"));
    QVERIFY(r.error.contains(QStringLiteral("rejected")));

    const HelloOkResult notRes = parseHelloOkFrame(parseFrame(R"({"type":"event","event":"tick"})").frame);
    QVERIFY(!notRes.ok);
    QVERIFY(!notRes.gatewayError.has_value());
    // A successful response that is something else (e.g. a health result) is not a hello-ok.
    QVERIFY(!parseHelloOkFrame(parseFrame(R"({"type":"res","id":"1","ok":true,"payload":{"ok":true}})").frame).ok);
}

QTEST_GUILESS_MAIN(TestProtocolConnect)
#include "tst_protocol_connect.moc"
