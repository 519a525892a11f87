// Frame parsing and building: every captured frame of a real session parses, every malformed
// input is a rejection with a reason (never a crash), and built frames round-trip.
#include "protocol/Frame.h"
#include "protocol/GatewayError.h" // builders() builds error objects with it

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace clawtray;

Q_DECLARE_METATYPE(clawtray::FrameRejection)
Q_DECLARE_METATYPE(clawtray::FrameKind)

namespace {

QString framesDir()
{
    const QByteArray src = qgetenv("CLAWTRAY_SOURCE_DIR");
    if (!src.isEmpty())
        return QString::fromLocal8Bit(src) + QStringLiteral("/tests/data/frames");
    return QFINDTESTDATA("../data/frames");
}

QList<QJsonObject> capturedFrames()
{
    QFile f(framesDir() + QStringLiteral("/first.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> out;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            out.append(QJsonDocument::fromJson(line).object());
    }
    return out;
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestProtocolFrame : public QObject
{
    Q_OBJECT

private slots:
    void capturedSessionParses();
    void capturedFramesRoundTrip();
    void validFrames_data();
    void validFrames();
    void malformedFrames_data();
    void malformedFrames();
    void sizeLimitBoundary();
    void defaultLimitIs25MiB();
    void builders();
    void builderOmitsAbsentFields();
    void rejectionNeverQuotesValues();
    void hostileInputsDoNotCrash();
};

void TestProtocolFrame::capturedSessionParses()
{
    const QList<QJsonObject> lines = capturedFrames();
    QCOMPARE(lines.size(), 10);
    int requests = 0, responses = 0, events = 0;
    for (const QJsonObject& line : lines) {
        const QJsonObject frame = line.value(QStringLiteral("frame")).toObject();
        const QByteArray bytes = compact(frame);
        const FrameParseResult r = parseFrame(bytes);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.rejection, FrameRejection::None);
        QCOMPARE(frameKindName(r.frame.kind), frame.value(QStringLiteral("type")).toString());
        QCOMPARE(r.frame.dialect, FrameDialect::OpenClaw);
        switch (r.frame.kind) {
        case FrameKind::Request:
            ++requests;
            QCOMPARE(r.frame.id, frame.value(QStringLiteral("id")).toString());
            QCOMPARE(r.frame.method, frame.value(QStringLiteral("method")).toString());
            QVERIFY(r.frame.params.isObject());
            break;
        case FrameKind::Response:
            ++responses;
            QCOMPARE(r.frame.id, frame.value(QStringLiteral("id")).toString());
            QVERIFY(r.frame.ok);
            QVERIFY(r.frame.payload.isObject());
            break;
        case FrameKind::Event:
            ++events;
            QCOMPARE(r.frame.event, frame.value(QStringLiteral("event")).toString());
            break;
        }
    }
    QCOMPARE(requests, 4);
    QCOMPARE(responses, 4);
    QCOMPARE(events, 2);

    // Specific facts of the capture.
    const FrameParseResult challenge =
        parseFrame(compact(lines[0].value(QStringLiteral("frame")).toObject()), kPreHandshakeMaxFrameBytes);
    QVERIFY(challenge.ok);
    QCOMPARE(challenge.frame.event, QStringLiteral("connect.challenge"));
    QVERIFY(!challenge.frame.seq.has_value());
    QVERIFY(challenge.frame.stateVersion.isUndefined());

    const FrameParseResult health = parseFrame(compact(lines[4].value(QStringLiteral("frame")).toObject()));
    QVERIFY(health.ok);
    QCOMPARE(health.frame.event, QStringLiteral("health"));
    QCOMPARE(health.frame.seq.value_or(-1), 1);
    QCOMPARE(health.frame.stateVersion.toObject().value(QStringLiteral("health")).toInt(), 3);

    const FrameParseResult preflight = parseFrame(compact(lines[9].value(QStringLiteral("frame")).toObject()));
    QVERIFY(preflight.ok);
    QCOMPARE(preflight.frame.id, QStringLiteral("4"));
    QCOMPARE(preflight.frame.payload.toObject().value(QStringLiteral("safe")).toBool(), true);
}

void TestProtocolFrame::capturedFramesRoundTrip()
{
    for (const QJsonObject& line : capturedFrames()) {
        const QJsonObject original = line.value(QStringLiteral("frame")).toObject();
        const FrameParseResult r = parseFrame(compact(original));
        QVERIFY2(r.ok, qPrintable(r.error));
        // Building the parsed frame again gives the same JSON (key order aside).
        QCOMPARE(r.frame.toJson(), original);
        const FrameParseResult again = parseFrame(r.frame.toBytes());
        QVERIFY(again.ok);
        QCOMPARE(again.frame.toJson(), original);
    }
}

void TestProtocolFrame::validFrames_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<FrameKind>("kind");
    QTest::addColumn<QString>("idOrName");
    QTest::addColumn<bool>("ok");

    QTest::newRow("req without params") << QByteArray(R"({"type":"req","id":"7","method":"health"})")
                                        << FrameKind::Request << "7" << false;
    QTest::newRow("res ok without payload")
        << QByteArray(R"({"type":"res","id":"a","ok":true})") << FrameKind::Response << "a" << true;
    QTest::newRow("res failed") << QByteArray(R"({"type":"res","id":"b","ok":false,"error":{"code":"FORBIDDEN"}})")
                                << FrameKind::Response << "b" << false;
    QTest::newRow("res failed without error object")
        << QByteArray(R"({"type":"res","id":"c","ok":false})") << FrameKind::Response << "c" << false;
    QTest::newRow("res null payload") << QByteArray(R"({"type":"res","id":"d","ok":true,"payload":null})")
                                      << FrameKind::Response << "d" << true;
    QTest::newRow("event bare") << QByteArray(R"({"type":"event","event":"tick"})") << FrameKind::Event << "tick"
                                << false;
    QTest::newRow("event numeric stateVersion")
        << QByteArray(R"({"type":"event","event":"tick","seq":0,"stateVersion":12})") << FrameKind::Event << "tick"
        << false;
    QTest::newRow("unknown extra field tolerated")
        << QByteArray(R"({"type":"event","event":"tick","newField":{"x":1}})") << FrameKind::Event << "tick" << false;
    QTest::newRow("leading whitespace") << QByteArray(" \n{\"type\":\"event\",\"event\":\"shutdown\"}\n")
                                        << FrameKind::Event << "shutdown" << false;
    QTest::newRow("unicode id") << QByteArray(R"({"type":"res","id":"\u00e9\u4e2d","ok":true})") << FrameKind::Response
                                << QStringLiteral("\u00e9\u4e2d") << true;
}

void TestProtocolFrame::validFrames()
{
    QFETCH(QByteArray, input);
    QFETCH(FrameKind, kind);
    QFETCH(QString, idOrName);
    QFETCH(bool, ok);

    const FrameParseResult r = parseFrame(input);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.frame.kind, kind);
    QCOMPARE(kind == FrameKind::Event ? r.frame.event : r.frame.id, idOrName);
    QCOMPARE(r.frame.ok, ok);
}

void TestProtocolFrame::malformedFrames_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<FrameRejection>("rejection");
    QTest::addColumn<QString>("reasonHas");

    const auto row = [](const char* name, const QByteArray& in, FrameRejection why, const char* has) {
        QTest::newRow(name) << in << why << QString::fromLatin1(has);
    };
    using R = FrameRejection;
    row("empty", "", R::NotJson, "empty");
    row("whitespace only", "   ", R::NotJson, "not JSON");
    row("garbage", "hello gateway", R::NotJson, "not JSON");
    row("truncated", R"({"type":"req","id":"1")", R::NotJson, "not JSON");
    row("trailing garbage", R"({"type":"event","event":"tick"} x)", R::NotJson, "not JSON");
    row("single quotes", "{'type':'event'}", R::NotJson, "not JSON");
    row("invalid utf8", "{\"type\":\"event\",\"event\":\"\xff\xfe\"}", R::NotJson, "not JSON");
    row("array", R"([{"type":"event","event":"tick"}])", R::NotObject, "not a JSON object");
    row("empty array", "[]", R::NotObject, "not a JSON object");
    row("no type", R"({"id":"1","method":"x"})", R::MissingField, "\"type\"");
    row("empty object", "{}", R::MissingField, "\"type\"");
    row("type number", R"({"type":1,"event":"tick"})", R::WrongType, "\"type\"");
    row("type null", R"({"type":null,"event":"tick"})", R::WrongType, "\"type\"");
    row("unknown type", R"({"type":"hello","id":"1"})", R::UnknownType, "unknown");
    row("type case differs", R"({"type":"REQ","id":"1","method":"x"})", R::UnknownType, "unknown");
    row("req no id", R"({"type":"req","method":"health"})", R::MissingField, "\"id\"");
    row("req numeric id", R"({"type":"req","id":1,"method":"health"})", R::WrongType, "\"id\"");
    row("req null id", R"({"type":"req","id":null,"method":"health"})", R::WrongType, "\"id\"");
    row("req empty id", R"({"type":"req","id":"","method":"health"})", R::MissingField, "empty \"id\"");
    row("req object id", R"({"type":"req","id":{},"method":"health"})", R::WrongType, "\"id\"");
    row("req no method", R"({"type":"req","id":"1"})", R::MissingField, "\"method\"");
    row("req method number", R"({"type":"req","id":"1","method":7})", R::WrongType, "\"method\"");
    row("req empty method", R"({"type":"req","id":"1","method":""})", R::MissingField, "\"method\"");
    row("res no id", R"({"type":"res","ok":true})", R::MissingField, "\"id\"");
    row("res numeric id", R"({"type":"res","id":2,"ok":true})", R::WrongType, "\"id\"");
    row("res empty id", R"({"type":"res","id":"","ok":true})", R::MissingField, "\"id\"");
    row("res no ok", R"({"type":"res","id":"1","payload":{}})", R::MissingField, "\"ok\"");
    row("res ok string", R"({"type":"res","id":"1","ok":"true"})", R::WrongType, "\"ok\"");
    row("res ok number", R"({"type":"res","id":"1","ok":1})", R::WrongType, "\"ok\"");
    row("res ok null", R"({"type":"res","id":"1","ok":null})", R::WrongType, "\"ok\"");
    row("res error string", R"({"type":"res","id":"1","ok":false,"error":"boom"})", R::WrongType, "\"error\"");
    row("event no name", R"({"type":"event","payload":{}})", R::MissingField, "\"event\"");
    row("event name number", R"({"type":"event","event":3})", R::WrongType, "\"event\"");
    row("event empty name", R"({"type":"event","event":""})", R::MissingField, "\"event\"");
    row("event seq string", R"({"type":"event","event":"tick","seq":"1"})", R::WrongType, "\"seq\"");
    row("event seq negative", R"({"type":"event","event":"tick","seq":-1})", R::WrongType, "\"seq\"");
    row("event seq fraction", R"({"type":"event","event":"tick","seq":1.5})", R::WrongType, "\"seq\"");
    row("event seq huge", R"({"type":"event","event":"tick","seq":1e300})", R::WrongType, "\"seq\"");
    row("event stateVersion string", R"({"type":"event","event":"tick","stateVersion":"3"})", R::WrongType,
        "\"stateVersion\"");
}

void TestProtocolFrame::malformedFrames()
{
    QFETCH(QByteArray, input);
    QFETCH(FrameRejection, rejection);
    QFETCH(QString, reasonHas);

    const FrameParseResult r = parseFrame(input);
    QVERIFY(!r.ok);
    QVERIFY(!static_cast<bool>(r));
    QCOMPARE(frameRejectionName(r.rejection), frameRejectionName(rejection));
    QVERIFY2(r.error.contains(reasonHas), qPrintable(r.error));
}

void TestProtocolFrame::sizeLimitBoundary()
{
    const QByteArray head = R"({"type":"event","event":"tick","payload":")";
    const QByteArray tail = R"("})";
    const qsizetype limit = kPreHandshakeMaxFrameBytes;
    const QByteArray exact = head + QByteArray(limit - head.size() - tail.size(), 'a') + tail;
    QCOMPARE(exact.size(), limit);
    QVERIFY(parseFrame(exact, limit).ok);

    const QByteArray over = head + QByteArray(limit - head.size() - tail.size() + 1, 'a') + tail;
    const FrameParseResult r = parseFrame(over, limit);
    QVERIFY(!r.ok);
    QCOMPARE(r.rejection, FrameRejection::Oversized);
    QVERIFY(r.error.contains(QString::number(limit)));
    // The size check comes before JSON parsing: oversized garbage is "oversized", not "not JSON".
    QCOMPARE(parseFrame(QByteArray(limit + 1, 'x'), limit).rejection, FrameRejection::Oversized);
    // No limit at all.
    QVERIFY(parseFrame(over, 0).ok);
}

void TestProtocolFrame::defaultLimitIs25MiB()
{
    QCOMPARE(kDefaultMaxFrameBytes, qsizetype(26214400)); // hello-ok policy.maxPayload
    QCOMPARE(kPreHandshakeMaxFrameBytes, qsizetype(65536));
    const QByteArray big =
        R"({"type":"event","event":"x","payload":")" + QByteArray(kDefaultMaxFrameBytes, 'a') + "\"}";
    QCOMPARE(parseFrame(big).rejection, FrameRejection::Oversized);
}

void TestProtocolFrame::builders()
{
    const QByteArray req = buildRequest(QStringLiteral("5"), QStringLiteral("health"));
    QCOMPARE(req, QByteArray(R"({"type":"req","id":"5","method":"health","params":{}})"));
    QVERIFY(!req.contains('\n'));

    // The directly written envelope escapes what JSON requires and carries any kind of params:
    // what the parser reads back is exactly what was given.
    const QString oddMethod = QStringLiteral("a\"b\\c\n\t\x01/\u00e9\u4e2d");
    const QJsonValue kinds[] = {QJsonObject{{QStringLiteral("k"), QStringLiteral("v\"\n")}, {QStringLiteral("n"), 1.5}},
                                QJsonArray{1, QStringLiteral("two"), QJsonValue::Null},
                                QStringLiteral("text \"quoted\""), 42, true, QJsonValue::Null};
    for (const QJsonValue& p : kinds) {
        const QString text = buildRequestText(QStringLiteral("id\"7"), oddMethod, p);
        const FrameParseResult back = parseFrame(text.toUtf8());
        QVERIFY2(back.ok, qPrintable(text));
        QCOMPARE(back.frame.id, QStringLiteral("id\"7"));
        QCOMPARE(back.frame.method, oddMethod);
        QCOMPARE(back.frame.params, p);
    }

    const QJsonObject params{{QStringLiteral("reason"), QStringLiteral("test")}};
    const FrameParseResult r =
        parseFrame(buildRequest(QStringLiteral("x1"), QStringLiteral("gateway.restart.request"), params));
    QVERIFY(r.ok);
    QCOMPARE(r.frame.kind, FrameKind::Request);
    QCOMPARE(r.frame.method, QStringLiteral("gateway.restart.request"));
    QCOMPARE(r.frame.params.toObject(), params);

    const FrameParseResult res = parseFrame(buildResponse(QStringLiteral("9"), QJsonObject{{QStringLiteral("a"), 1}}));
    QVERIFY(res.ok);
    QVERIFY(res.frame.ok);
    QCOMPARE(res.frame.payload.toObject().value(QStringLiteral("a")).toInt(), 1);

    const QJsonObject err =
        GatewayError::make(QStringLiteral("UNAVAILABLE"), QStringLiteral("gateway starting"), QString(), true, 500)
            .toJson();
    const FrameParseResult bad = parseFrame(buildErrorResponse(QStringLiteral("1"), err));
    QVERIFY(bad.ok);
    QVERIFY(!bad.frame.ok);
    const auto ge = GatewayError::fromFrame(bad.frame);
    QVERIFY(ge.has_value());
    QVERIFY(ge->isStartingUp());
    QCOMPARE(ge->retryAfterMs.value_or(0), 500);

    const QJsonObject sv{{QStringLiteral("presence"), 1}, {QStringLiteral("health"), 2}};
    const FrameParseResult ev =
        parseFrame(buildEvent(QStringLiteral("tick"), QJsonObject{{QStringLiteral("ts"), 1}}, 7, sv));
    QVERIFY(ev.ok);
    QCOMPARE(ev.frame.event, QStringLiteral("tick"));
    QCOMPARE(ev.frame.seq.value_or(-1), 7);
    QCOMPARE(ev.frame.stateVersion.toObject(), sv);

    // Large integers (timestamps) survive building and parsing exactly.
    const qint64 ts = 1795312326448;
    const FrameParseResult tsFrame =
        parseFrame(buildEvent(QStringLiteral("tick"), QJsonObject{{QStringLiteral("ts"), QJsonValue(ts)}}));
    QVERIFY(tsFrame.ok);
    QVERIFY(buildEvent(QStringLiteral("tick"), QJsonObject{{QStringLiteral("ts"), QJsonValue(ts)}})
                .contains("1795312326448"));
    QCOMPARE(tsFrame.frame.payload.toObject().value(QStringLiteral("ts")).toInteger(), ts);
}

void TestProtocolFrame::builderOmitsAbsentFields()
{
    const QJsonObject req =
        QJsonDocument::fromJson(buildRequest(QStringLiteral("1"), QStringLiteral("m"), QJsonValue::Undefined)).object();
    QVERIFY(!req.contains(QStringLiteral("params")));
    const QJsonObject res = QJsonDocument::fromJson(buildResponse(QStringLiteral("1"))).object();
    QVERIFY(!res.contains(QStringLiteral("payload")));
    QVERIFY(!res.contains(QStringLiteral("error")));
    QCOMPARE(res.value(QStringLiteral("ok")).toBool(), true);
    const QJsonObject ev = QJsonDocument::fromJson(buildEvent(QStringLiteral("tick"))).object();
    QCOMPARE(ev.keys(), (QStringList{QStringLiteral("event"), QStringLiteral("type")}));
    const QJsonObject failed = QJsonDocument::fromJson(buildErrorResponse(QStringLiteral("2"), {})).object();
    QCOMPARE(failed.value(QStringLiteral("ok")).toBool(true), false);
    QVERIFY(failed.value(QStringLiteral("error")).isObject());
}

void TestProtocolFrame::rejectionNeverQuotesValues()
{
    const QByteArray secret = "s3cr3t-token-value-123";
    const QList<QByteArray> inputs{
        R"({"type":"req","id":5,"method":"connect","params":{"auth":{"token":")" + secret + R"("}}})",
        R"({"type":")" + secret + R"("})",
        R"({"type":"event","event":")" + secret + R"(","seq":"x"})",
        R"({"type":"res","id":")" + secret + R"(","ok":"yes"})",
        R"({"jsonrpc":"2.0","id":")" + secret + R"(","error":{"code":")" + secret + R"("}})",
    };
    for (const QByteArray& in : inputs) {
        const FrameParseResult r = parseFrame(in);
        QVERIFY(!r.ok);
        QVERIFY2(!r.error.contains(QString::fromLatin1(secret)), qPrintable(r.error));
    }
}

void TestProtocolFrame::hostileInputsDoNotCrash()
{
    // Deep nesting: Qt's parser has a depth limit, so this is a rejection, not a stack overflow.
    const QByteArray deepArray = QByteArray(200000, '[') + QByteArray(200000, ']');
    QVERIFY(!parseFrame(deepArray).ok);
    const QByteArray deepObject = QByteArray("{\"type\":\"event\",\"event\":\"x\",\"payload\":") +
                                  QByteArray(100000, '[') + QByteArray(100000, ']') + "}";
    QVERIFY(!parseFrame(deepObject).ok);

    // Embedded NULs, lone surrogates, huge numbers, duplicate keys: whatever the verdict, it is
    // a consistent one (accepted with no reason, or rejected with a kind and a reason).
    const auto consistent = [](const FrameParseResult& r) {
        return r.ok ? (r.error.isEmpty() && r.rejection == FrameRejection::None)
                    : (!r.error.isEmpty() && r.rejection != FrameRejection::None);
    };
    QVERIFY(!parseFrame(QByteArray("{\"type\":\"event\",\0\"event\":\"x\"}", 30)).ok);
    QVERIFY(consistent(parseFrame(R"({"type":"event","event":"\ud800"})")));
    QVERIFY(consistent(parseFrame(R"({"type":"req","id":"1","method":"m","params":1e999999})")));
    QVERIFY(consistent(parseFrame(R"({"type":"event","event":"t","seq":-0})")));
    QVERIFY(consistent(parseFrame(R"({"type":"event","event":"t","seq":9007199254740993})")));
    QVERIFY(consistent(parseFrame(R"({"type":"req","type":"event","event":"tick"})")));

    // Every prefix of a real frame is handled (most are "not JSON").
    const QByteArray frame = R"({"type":"res","id":"1","ok":false,"error":{"code":"X","details":{"code":"Y"}}})";
    for (int i = 0; i < frame.size(); ++i) {
        const FrameParseResult r = parseFrame(frame.left(i));
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
    }
    QVERIFY(parseFrame(frame).ok);
}

QTEST_GUILESS_MAIN(TestProtocolFrame)
#include "tst_protocol_frame.moc"
