// Legacy JSON-RPC 2.0 on receive: responses and notifications map onto the same Response/Event
// representation as OpenClaw frames (errors normalised to the OpenClaw error shape); anything
// else JSON-RPC is a rejection with a reason.
#include "protocol/Frame.h"
#include "protocol/GatewayError.h"

#include <QJsonDocument>
#include <QTest>

using namespace clawtray;

Q_DECLARE_METATYPE(clawtray::FrameRejection)
Q_DECLARE_METATYPE(clawtray::FrameKind)

class TestProtocolJsonRpc : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void jsonRpcResponse();
    void jsonRpcErrorIsNormalised();
    void jsonRpcNotificationIsEvent();
    void rebuiltAsOpenClaw();
};

void TestProtocolJsonRpc::accepted_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<FrameKind>("kind");
    QTest::addColumn<QString>("idOrName");
    QTest::addColumn<bool>("ok");

    QTest::newRow("jsonrpc result") << QByteArray(R"({"jsonrpc":"2.0","id":"9","result":{"a":1}})")
                                    << FrameKind::Response << "9" << true;
    QTest::newRow("jsonrpc numeric id") << QByteArray(R"({"jsonrpc":"2.0","id":42,"result":null})")
                                        << FrameKind::Response << "42" << true;
    QTest::newRow("jsonrpc notification")
        << QByteArray(R"({"jsonrpc":"2.0","method":"tick","params":{}})") << FrameKind::Event << "tick" << false;
    QTest::newRow("jsonrpc notification null id")
        << QByteArray(R"({"jsonrpc":"2.0","id":null,"method":"presence"})") << FrameKind::Event << "presence" << false;
}

void TestProtocolJsonRpc::accepted()
{
    QFETCH(QByteArray, input);
    QFETCH(FrameKind, kind);
    QFETCH(QString, idOrName);
    QFETCH(bool, ok);

    const FrameParseResult r = parseFrame(input);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.frame.dialect, FrameDialect::JsonRpc);
    QCOMPARE(r.frame.kind, kind);
    QCOMPARE(kind == FrameKind::Event ? r.frame.event : r.frame.id, idOrName);
    QCOMPARE(r.frame.ok, ok);
}

void TestProtocolJsonRpc::rejected_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<FrameRejection>("rejection");
    QTest::addColumn<QString>("reasonHas");

    const auto row = [](const char* name, const QByteArray& in, FrameRejection why, const char* has) {
        QTest::newRow(name) << in << why << QString::fromLatin1(has);
    };
    using R = FrameRejection;
    row("jsonrpc wrong version", R"({"jsonrpc":"1.0","id":"1","result":1})", R::Unsupported, "2.0");
    row("jsonrpc version number", R"({"jsonrpc":2,"id":"1","result":1})", R::Unsupported, "2.0");
    row("jsonrpc request from server", R"({"jsonrpc":"2.0","id":"1","method":"x"})", R::Unsupported, "requests");
    row("jsonrpc no id", R"({"jsonrpc":"2.0","result":1})", R::MissingField, "\"id\"");
    row("jsonrpc null id", R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}})", R::MissingField,
        "\"id\"");
    row("jsonrpc empty id", R"({"jsonrpc":"2.0","id":"","result":1})", R::MissingField, "\"id\"");
    row("jsonrpc fractional id", R"({"jsonrpc":"2.0","id":1.5,"result":1})", R::WrongType, "\"id\"");
    row("jsonrpc bool id", R"({"jsonrpc":"2.0","id":true,"result":1})", R::WrongType, "\"id\"");
    row("jsonrpc neither result nor error", R"({"jsonrpc":"2.0","id":"1"})", R::MissingField, "exactly one");
    row("jsonrpc both result and error", R"({"jsonrpc":"2.0","id":"1","result":1,"error":{"code":1}})", R::MissingField,
        "exactly one");
    row("jsonrpc error not object", R"({"jsonrpc":"2.0","id":"1","error":"x"})", R::WrongType, "\"error\"");
    row("jsonrpc error code string", R"({"jsonrpc":"2.0","id":"1","error":{"code":"x","message":"m"}})", R::WrongType,
        "error.code");
    row("jsonrpc error message number", R"({"jsonrpc":"2.0","id":"1","error":{"code":1,"message":5}})", R::WrongType,
        "error.message");
    row("jsonrpc method number", R"({"jsonrpc":"2.0","method":5})", R::WrongType, "\"method\"");
    row("jsonrpc empty method", R"({"jsonrpc":"2.0","method":""})", R::MissingField, "\"method\"");
}

void TestProtocolJsonRpc::rejected()
{
    QFETCH(QByteArray, input);
    QFETCH(FrameRejection, rejection);
    QFETCH(QString, reasonHas);

    const FrameParseResult r = parseFrame(input);
    QVERIFY(!r.ok);
    QCOMPARE(frameRejectionName(r.rejection), frameRejectionName(rejection));
    QVERIFY2(r.error.contains(reasonHas), qPrintable(r.error));
}

void TestProtocolJsonRpc::jsonRpcResponse()
{
    const FrameParseResult r = parseFrame(R"({"jsonrpc":"2.0","id":"12","result":{"uptime":5}})");
    QVERIFY(r.ok);
    QCOMPARE(r.frame.kind, FrameKind::Response);
    QCOMPARE(r.frame.dialect, FrameDialect::JsonRpc);
    QCOMPARE(r.frame.id, QStringLiteral("12"));
    QVERIFY(r.frame.ok);
    QCOMPARE(r.frame.payload.toObject().value(QStringLiteral("uptime")).toInt(), 5);
    QVERIFY(r.frame.error.isEmpty());
    QVERIFY(!GatewayError::fromFrame(r.frame).has_value());
}

void TestProtocolJsonRpc::jsonRpcErrorIsNormalised()
{
    const FrameParseResult r = parseFrame(
        R"({"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"Method not found","data":{"code":"X_Y"}}})");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.frame.kind, FrameKind::Response);
    QCOMPARE(r.frame.id, QStringLiteral("3"));
    QVERIFY(!r.frame.ok);
    // Frame::error is always the OpenClaw shape, whatever the dialect.
    QCOMPARE(r.frame.error.value(QStringLiteral("code")).toString(), QStringLiteral("INVALID_REQUEST"));
    QCOMPARE(r.frame.error.value(QStringLiteral("message")).toString(), QStringLiteral("Method not found"));
    const auto e = GatewayError::fromFrame(r.frame);
    QVERIFY(e.has_value());
    QCOMPARE(e->code, QStringLiteral("INVALID_REQUEST"));
    QCOMPARE(e->detailsCode, QStringLiteral("X_Y"));
    QCOMPARE(e->jsonRpcCode.value_or(0), -32601);
}

void TestProtocolJsonRpc::jsonRpcNotificationIsEvent()
{
    const FrameParseResult r = parseFrame(R"({"jsonrpc":"2.0","method":"health","params":{"ok":true}})");
    QVERIFY(r.ok);
    QCOMPARE(r.frame.kind, FrameKind::Event);
    QCOMPARE(r.frame.dialect, FrameDialect::JsonRpc);
    QCOMPARE(r.frame.event, QStringLiteral("health"));
    QCOMPARE(r.frame.payload.toObject().value(QStringLiteral("ok")).toBool(), true);
    QVERIFY(!r.frame.seq.has_value());
}

void TestProtocolJsonRpc::rebuiltAsOpenClaw()
{
    // ClawTray never speaks JSON-RPC: a received JSON-RPC frame serialises as an OpenClaw frame.
    const FrameParseResult r = parseFrame(R"({"jsonrpc":"2.0","id":5,"error":{"code":-32000,"message":"busy"}})");
    QVERIFY(r.ok);
    const QJsonObject rebuilt = r.frame.toJson();
    QVERIFY(!rebuilt.contains(QStringLiteral("jsonrpc")));
    QCOMPARE(rebuilt.value(QStringLiteral("type")).toString(), QStringLiteral("res"));
    QCOMPARE(rebuilt.value(QStringLiteral("id")).toString(), QStringLiteral("5"));
    const FrameParseResult again = parseFrame(r.frame.toBytes());
    QVERIFY(again.ok);
    QCOMPARE(again.frame.dialect, FrameDialect::OpenClaw);
    const auto e = GatewayError::fromFrame(again.frame);
    QVERIFY(e.has_value());
    QCOMPARE(e->code, QStringLiteral("JSONRPC_-32000"));
    QCOMPARE(e->jsonRpcCode.value_or(0), -32000);
}

QTEST_GUILESS_MAIN(TestProtocolJsonRpc)
#include "tst_protocol_jsonrpc.moc"
