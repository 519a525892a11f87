// GatewayError: parsing of the gateway's error objects (and JSON-RPC errors), classification
// that depends only on codes, explanations for the user, and close-code meanings.
#include "protocol/Frame.h"
#include "protocol/GatewayError.h"

#include <QJsonDocument>
#include <QTest>

#include <limits>

using namespace clawtray;

Q_DECLARE_METATYPE(clawtray::GatewayError::Kind)
Q_DECLARE_METATYPE(clawtray::CloseMeaning)

namespace {

QJsonObject obj(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestProtocolError : public QObject
{
    Q_OBJECT

private slots:
    void parsesRealErrors();
    void classification_data();
    void classification();
    void messageTextNeverDecides();
    void lenientParsing();
    void retryAfterBounds();
    void jsonRpcErrors_data();
    void jsonRpcErrors();
    void toJsonRoundTrip();
    void fromFrame();
    void explanations();
    void closeCodes_data();
    void closeCodes();
};

void TestProtocolError::parsesRealErrors()
{
    // As observed from the real gateway for a wrong token (section 5 of the protocol notes).
    const GatewayError e = GatewayError::fromJson(obj(R"j({"code":"INVALID_REQUEST",
        "message":"unauthorized: gateway token mismatch (set gateway.auth.token)",
        "details":{"code":"AUTH_TOKEN_MISMATCH","hint":"x"}})j"));
    QCOMPARE(e.code, QStringLiteral("INVALID_REQUEST"));
    QCOMPARE(e.detailsCode, QStringLiteral("AUTH_TOKEN_MISMATCH"));
    QCOMPARE(e.details.value(QStringLiteral("hint")).toString(), QStringLiteral("x"));
    QVERIFY(e.message.startsWith(QStringLiteral("unauthorized")));
    QVERIFY(!e.retryable);
    QVERIFY(!e.retryAfterMs.has_value());
    QVERIFY(e.isAuthFailure());
    QCOMPARE(e.kind(), GatewayError::Kind::AuthTokenMismatch);

    const GatewayError starting = GatewayError::fromJson(obj(R"({"code":"UNAVAILABLE",
        "message":"gateway starting; retry shortly","retryable":true,"retryAfterMs":500,
        "details":{"reason":"startup-sidecars"}})"));
    QVERIFY(starting.isStartingUp());
    QVERIFY(!starting.isAuthFailure());
    QCOMPARE(starting.retryAfterMs.value_or(-1), 500);
    QCOMPARE(starting.details.value(QStringLiteral("reason")).toString(), QStringLiteral("startup-sidecars"));
    QVERIFY(starting.detailsCode.isEmpty());

    const GatewayError proto = GatewayError::fromJson(obj(R"({"code":"INVALID_REQUEST","message":"protocol mismatch",
        "details":{"code":"PROTOCOL_MISMATCH","expectedProtocol":4}})"));
    QVERIFY(proto.isProtocolMismatch());
    QVERIFY(!proto.isAuthFailure());
}

void TestProtocolError::classification_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("detailsCode");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<GatewayError::Kind>("kind");
    QTest::addColumn<bool>("auth");
    QTest::addColumn<bool>("protocol");
    QTest::addColumn<bool>("starting");

    using K = GatewayError::Kind;
    QTest::newRow("token mismatch") << "INVALID_REQUEST"
                                    << "AUTH_TOKEN_MISMATCH" << false << K::AuthTokenMismatch << true << false << false;
    QTest::newRow("token missing") << "INVALID_REQUEST"
                                   << "AUTH_TOKEN_MISSING" << false << K::AuthTokenMissing << true << false << false;
    QTest::newRow("bad signature") << "INVALID_REQUEST"
                                   << "DEVICE_AUTH_SIGNATURE_INVALID" << false << K::DeviceSignatureInvalid << true
                                   << false << false;
    QTest::newRow("stale signature") << "INVALID_REQUEST"
                                     << "DEVICE_AUTH_SIGNATURE_EXPIRED" << false << K::DeviceSignatureExpired << true
                                     << false << false;
    QTest::newRow("nonce mismatch") << "INVALID_REQUEST"
                                    << "DEVICE_AUTH_NONCE_MISMATCH" << false << K::DeviceNonceMismatch << true << false
                                    << false;
    QTest::newRow("future auth code") << "INVALID_REQUEST"
                                      << "AUTH_TOKEN_REVOKED" << false << K::AuthOther << true << false << false;
    QTest::newRow("retryable auth code is not fatal")
        << "UNAVAILABLE"
        << "AUTH_RATE_LIMITED" << true << K::StartingUp << false << false << true;
    QTest::newRow("bare forbidden") << "FORBIDDEN"
                                    << "" << false << K::AuthOther << true << false << false;
    QTest::newRow("forbidden missing scope") << "FORBIDDEN"
                                             << "MISSING_SCOPE" << false << K::MissingScope << false << false << false;
    QTest::newRow("protocol mismatch") << "INVALID_REQUEST"
                                       << "PROTOCOL_MISMATCH" << false << K::ProtocolMismatch << false << true << false;
    QTest::newRow("protocol mismatch top-level") << "PROTOCOL_MISMATCH"
                                                 << "" << false << K::ProtocolMismatch << false << true << false;
    QTest::newRow("starting up") << "UNAVAILABLE"
                                 << "" << true << K::StartingUp << false << false << true;
    QTest::newRow("unavailable not retryable") << "UNAVAILABLE"
                                               << "" << false << K::Other << false << false << false;
    QTest::newRow("not paired") << "NOT_PAIRED"
                                << "" << false << K::NotPaired << false << false << false;
    QTest::newRow("unknown method") << "INVALID_REQUEST"
                                    << "" << false << K::Other << false << false << false;
    QTest::newRow("approval not found") << "APPROVAL_NOT_FOUND"
                                        << "" << false << K::Other << false << false << false;
    QTest::newRow("unknown code kept") << "SOMETHING_NEW"
                                       << "" << false << K::Other << false << false << false;
}

void TestProtocolError::classification()
{
    QFETCH(QString, code);
    QFETCH(QString, detailsCode);
    QFETCH(bool, retryable);
    QFETCH(GatewayError::Kind, kind);
    QFETCH(bool, auth);
    QFETCH(bool, protocol);
    QFETCH(bool, starting);

    QJsonObject json{{QStringLiteral("code"), code}, {QStringLiteral("message"), QStringLiteral("irrelevant")}};
    if (!detailsCode.isEmpty())
        json.insert(QStringLiteral("details"), QJsonObject{{QStringLiteral("code"), detailsCode}});
    if (retryable)
        json.insert(QStringLiteral("retryable"), true);
    const GatewayError e = GatewayError::fromJson(json);
    QCOMPARE(e.code, code);
    QCOMPARE(gatewayErrorKindName(e.kind()), gatewayErrorKindName(kind));
    QCOMPARE(e.isAuthFailure(), auth);
    QCOMPARE(e.isProtocolMismatch(), protocol);
    QCOMPARE(e.isStartingUp(), starting);
}

void TestProtocolError::messageTextNeverDecides()
{
    // The real message for a token mismatch, without the code: not an auth failure.
    const GatewayError textOnly = GatewayError::fromJson(
        obj(R"({"code":"INVALID_REQUEST","message":"unauthorized: gateway token mismatch","details":{"x":1}})"));
    QVERIFY(!textOnly.isAuthFailure());
    QCOMPARE(textOnly.kind(), GatewayError::Kind::Other);
    // "gateway starting" in the text but not retryable: not starting up.
    const GatewayError notStarting =
        GatewayError::fromJson(obj(R"({"code":"UNAVAILABLE","message":"gateway starting; retry shortly"})"));
    QVERIFY(!notStarting.isStartingUp());
    // The code alone decides, whatever the text says.
    const GatewayError codeOnly = GatewayError::fromJson(
        obj(R"({"code":"INVALID_REQUEST","message":"all good","details":{"code":"AUTH_TOKEN_MISMATCH"}})"));
    QVERIFY(codeOnly.isAuthFailure());
}

void TestProtocolError::lenientParsing()
{
    const GatewayError empty = GatewayError::fromJson(QJsonObject());
    QCOMPARE(empty.code, QStringLiteral("UNKNOWN"));
    QVERIFY(empty.message.isEmpty());
    QCOMPARE(empty.kind(), GatewayError::Kind::Other);

    const GatewayError mistyped = GatewayError::fromJson(
        obj(R"({"code":7,"message":{"a":1},"details":"text","retryable":"yes","retryAfterMs":"500"})"));
    QCOMPARE(mistyped.code, QStringLiteral("UNKNOWN"));
    QVERIFY(mistyped.message.isEmpty());
    QVERIFY(mistyped.details.isEmpty());
    QVERIFY(!mistyped.retryable);
    QVERIFY(!mistyped.retryAfterMs.has_value());

    const GatewayError detailsCodeNotString =
        GatewayError::fromJson(obj(R"({"code":"FORBIDDEN","details":{"code":42}})"));
    QVERIFY(detailsCodeNotString.detailsCode.isEmpty());
    // Details exist, so this is not the "bare FORBIDDEN" auth refusal.
    QVERIFY(!detailsCodeNotString.isAuthFailure());

    QCOMPARE(GatewayError::fromJson(obj(R"({"code":""})")).code, QStringLiteral("UNKNOWN"));
}

void TestProtocolError::retryAfterBounds()
{
    QVERIFY(!GatewayError::fromJson(obj(R"({"code":"UNAVAILABLE","retryAfterMs":-1})")).retryAfterMs);
    QVERIFY(!GatewayError::fromJson(obj(R"({"code":"UNAVAILABLE","retryAfterMs":1.5})")).retryAfterMs);
    QCOMPARE(GatewayError::fromJson(obj(R"({"code":"UNAVAILABLE","retryAfterMs":0})")).retryAfterMs.value_or(-1), 0);
    QCOMPARE(GatewayError::fromJson(obj(R"({"code":"UNAVAILABLE","retryAfterMs":1e15})")).retryAfterMs.value_or(-1),
             std::numeric_limits<int>::max());
    QVERIFY(!GatewayError::fromJson(obj(R"({"code":"UNAVAILABLE","retryAfterMs":1e300})")).retryAfterMs);
}

void TestProtocolError::jsonRpcErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("rpcCode");
    QTest::addColumn<QString>("detailsCode");

    QTest::newRow("parse error") << QByteArray(R"({"code":-32700,"message":"Parse error"})") << "INVALID_REQUEST"
                                 << -32700 << "";
    QTest::newRow("method not found") << QByteArray(R"({"code":-32601,"message":"nope"})") << "INVALID_REQUEST"
                                      << -32601 << "";
    QTest::newRow("invalid params") << QByteArray(R"({"code":-32602,"message":"bad"})") << "INVALID_REQUEST" << -32602
                                    << "";
    QTest::newRow("internal") << QByteArray(R"({"code":-32603,"message":"oops"})") << "JSONRPC_-32603" << -32603 << "";
    QTest::newRow("data code honoured") << QByteArray(
                                               R"({"code":-32000,"message":"m","data":{"code":"AUTH_TOKEN_MISMATCH"}})")
                                        << "JSONRPC_-32000" << -32000 << "AUTH_TOKEN_MISMATCH";
    QTest::newRow("no code") << QByteArray(R"({"message":"m"})") << "UNKNOWN" << 0 << "";
}

void TestProtocolError::jsonRpcErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(int, rpcCode);
    QFETCH(QString, detailsCode);
    const GatewayError e = GatewayError::fromJsonRpc(QJsonDocument::fromJson(json).object());
    QCOMPARE(e.code, code);
    QCOMPARE(e.jsonRpcCode.value_or(0), rpcCode);
    QCOMPARE(e.detailsCode, detailsCode);
    QCOMPARE(e.isAuthFailure(), detailsCode == QLatin1String("AUTH_TOKEN_MISMATCH"));

    const GatewayError retry = GatewayError::fromJsonRpc(
        obj(R"({"code":-32000,"message":"busy","data":{"retryable":true,"retryAfterMs":250}})"));
    QVERIFY(retry.retryable);
    QCOMPARE(retry.retryAfterMs.value_or(0), 250);
}

void TestProtocolError::toJsonRoundTrip()
{
    GatewayError e = GatewayError::make(QStringLiteral("INVALID_REQUEST"), QStringLiteral("bad token"),
                                        QStringLiteral("AUTH_TOKEN_MISMATCH"));
    e.details.insert(QStringLiteral("extra"), 1);
    const QJsonObject j = e.toJson();
    QCOMPARE(j.value(QStringLiteral("code")).toString(), QStringLiteral("INVALID_REQUEST"));
    QCOMPARE(j.value(QStringLiteral("details")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("AUTH_TOKEN_MISMATCH"));
    QVERIFY(!j.contains(QStringLiteral("retryable"))); // the gateway only sends it when true
    QVERIFY(!j.contains(QStringLiteral("retryAfterMs")));
    const GatewayError back = GatewayError::fromJson(j);
    QCOMPARE(back.code, e.code);
    QCOMPARE(back.message, e.message);
    QCOMPARE(back.detailsCode, e.detailsCode);
    QCOMPARE(back.details, e.details);
    QCOMPARE(back.kind(), GatewayError::Kind::AuthTokenMismatch);

    const GatewayError starting =
        GatewayError::make(QStringLiteral("UNAVAILABLE"), QStringLiteral("starting"), QString(), true, 500);
    const GatewayError startingBack = GatewayError::fromJson(starting.toJson());
    QVERIFY(startingBack.isStartingUp());
    QCOMPARE(startingBack.retryAfterMs.value_or(0), 500);
    QVERIFY(!starting.toJson().contains(QStringLiteral("details")));
}

void TestProtocolError::fromFrame()
{
    const FrameParseResult failed = parseFrame(
        R"({"type":"res","id":"1","ok":false,"error":{"code":"FORBIDDEN","message":"missing scope: operator.admin",
            "details":{"code":"MISSING_SCOPE"}}})");
    QVERIFY(failed.ok);
    const auto e = GatewayError::fromFrame(failed.frame);
    QVERIFY(e.has_value());
    QVERIFY(e->isMissingScope());
    QCOMPARE(e->kind(), GatewayError::Kind::MissingScope);

    const FrameParseResult noError = parseFrame(R"({"type":"res","id":"1","ok":false})");
    QVERIFY(noError.ok);
    QCOMPARE(GatewayError::fromFrame(noError.frame).value_or(GatewayError::make({}, {})).code,
             QStringLiteral("UNKNOWN"));

    QVERIFY(!GatewayError::fromFrame(parseFrame(R"({"type":"res","id":"1","ok":true})").frame).has_value());
    QVERIFY(!GatewayError::fromFrame(parseFrame(R"({"type":"event","event":"tick"})").frame).has_value());
}

void TestProtocolError::explanations()
{
    const auto explain = [](const QString& code, const QString& detailsCode, bool retryable = false) {
        return GatewayError::make(code, QStringLiteral("m"), detailsCode, retryable).explain();
    };
    const ErrorExplanation mismatch = explain(QStringLiteral("INVALID_REQUEST"), QStringLiteral("AUTH_TOKEN_MISMATCH"));
    QVERIFY(mismatch.summary.english().contains(QStringLiteral("rejected ClawTray's token")));
    QVERIFY(mismatch.action.english().contains(QStringLiteral("Import the gateway's token")));
    QVERIFY(mismatch.action.english().contains(QStringLiteral("restart the gateway from ClawTray")));

    QVERIFY(explain(QStringLiteral("INVALID_REQUEST"), QStringLiteral("AUTH_TOKEN_MISSING"))
                .summary.english().contains(QStringLiteral("without a token")));
    QVERIFY(explain(QStringLiteral("INVALID_REQUEST"), QStringLiteral("DEVICE_AUTH_SIGNATURE_EXPIRED"))
                .action.english().contains(QStringLiteral("clock")));
    QVERIFY(
        !explain(QStringLiteral("INVALID_REQUEST"), QStringLiteral("DEVICE_AUTH_SIGNATURE_INVALID")).action.isEmpty());
    QVERIFY(!explain(QStringLiteral("INVALID_REQUEST"), QStringLiteral("DEVICE_AUTH_NONCE_MISMATCH")).action.isEmpty());
    QVERIFY(explain(QStringLiteral("UNAVAILABLE"), QString(), true).summary.english().contains(QStringLiteral("starting")));
    QVERIFY(explain(QStringLiteral("FORBIDDEN"), QStringLiteral("MISSING_SCOPE"))
                .summary.english().contains(QStringLiteral("permission")));

    GatewayError proto =
        GatewayError::make(QStringLiteral("INVALID_REQUEST"), QStringLiteral("m"), QStringLiteral("PROTOCOL_MISMATCH"));
    proto.details.insert(QStringLiteral("expectedProtocol"), 5);
    QVERIFY(proto.explain().summary.english().contains(QStringLiteral("v5")));
    QVERIFY(proto.explain().action.english().contains(QStringLiteral("Update ClawTray")));

    // Anything else: a generic sentence naming the code, and no invented advice.
    const ErrorExplanation other =
        GatewayError::make(QStringLiteral("APPROVAL_NOT_FOUND"), QStringLiteral("gone")).explain();
    QVERIFY(other.summary.english().contains(QStringLiteral("APPROVAL_NOT_FOUND")));
    QVERIFY(other.summary.english().contains(QStringLiteral("gone")));
    QVERIFY(other.action.isEmpty());

    QCOMPARE(GatewayError::make(QStringLiteral("INVALID_REQUEST"), QStringLiteral("bad"),
                                QStringLiteral("AUTH_TOKEN_MISSING"))
                 .toString(),
             QStringLiteral("INVALID_REQUEST/AUTH_TOKEN_MISSING: bad"));
}

void TestProtocolError::closeCodes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<CloseMeaning>("meaning");
    QTest::addColumn<QString>("name");

    QTest::newRow("1000") << 1000 << CloseMeaning::Normal << "normal";
    QTest::newRow("1001") << 1001 << CloseMeaning::GoingAway << "going-away";
    QTest::newRow("1002") << 1002 << CloseMeaning::ProtocolMismatch << "protocol-mismatch";
    QTest::newRow("1006") << 1006 << CloseMeaning::Abnormal << "abnormal";
    QTest::newRow("1008") << 1008 << CloseMeaning::PolicyViolation << "policy-violation";
    QTest::newRow("1009") << 1009 << CloseMeaning::MessageTooBig << "message-too-big";
    QTest::newRow("1011") << 1011 << CloseMeaning::InternalError << "internal-error";
    QTest::newRow("1012") << 1012 << CloseMeaning::ServiceRestart << "service-restart";
    QTest::newRow("1013") << 1013 << CloseMeaning::TryAgainLater << "try-again-later";
    QTest::newRow("4000") << 4000 << CloseMeaning::Other << "other";
    QTest::newRow("0") << 0 << CloseMeaning::Other << "other";
    QTest::newRow("-1") << -1 << CloseMeaning::Other << "other";
}

void TestProtocolError::closeCodes()
{
    QFETCH(int, code);
    QFETCH(CloseMeaning, meaning);
    QFETCH(QString, name);
    QCOMPARE(closeMeaning(code), meaning);
    const CloseInfo info = classifyCloseCode(code);
    QCOMPARE(info.code, code);
    QCOMPARE(info.meaning, meaning);
    QCOMPARE(info.name, name);
    QVERIFY(!info.description.isEmpty());
    if (meaning == CloseMeaning::TryAgainLater)
        QVERIFY(info.description.contains(QStringLiteral("starting")));
    if (meaning == CloseMeaning::PolicyViolation)
        QVERIFY(info.description.contains(QStringLiteral("authentication")));
}

QTEST_GUILESS_MAIN(TestProtocolError)
#include "tst_protocol_error.moc"
