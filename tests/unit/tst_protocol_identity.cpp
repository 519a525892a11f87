// DeviceIdentity: Ed25519 against fixed vectors made with the openssl command line, the v3
// signed string, the 0600 key file and its repair paths.
//
// The fixture key was made with:
//   openssl genpkey -algorithm ed25519 -out key.pem
//   openssl pkey -in key.pem -outform DER | tail -c 32 | xxd -p -c 64          (private seed)
//   openssl pkey -in key.pem -pubout -outform DER | tail -c 32 > pub.raw         (public key)
//   sha256sum pub.raw                                                            (device id)
//   openssl pkeyutl -sign -rawin -inkey key.pem -in msg.txt -out sig.bin         (signature)
// where msg.txt is kFixtureV3 below, with no trailing newline.
#include "logging/Logging.h"
#include "protocol/DeviceIdentity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace clawtray;

namespace {

const QByteArray kPrivateHex = "52b45874207e97170c0a4d3c879ae3020e3e98c2ff8a0aac6e4c400d3a7b119b";
const QByteArray kPublicHex = "2524295e75165f64e66ec84e9b3f802f27086edd14c9d1608eb180cb25bf2d1b";
const QString kPublicB64Url = QStringLiteral("JSQpXnUWX2TmbshOmz-ALycIbt0UydFgjrGAyyW_LRs");
const QString kDeviceId = QStringLiteral("325e46dd36cc549e0b344d2a435a95aac922cb88258bbe8f1e5801ba16c561ee");
const QByteArray kPem = "-----BEGIN PRIVATE KEY-----\n"
                        "MC4CAQAwBQYDK2VwBCIEIFK0WHQgfpcXDApNPIea4wIOPpjC/4oKrG5MQA06exGb\n"
                        "-----END PRIVATE KEY-----\n";
const QByteArray kFixtureV3 = "v3|325e46dd36cc549e0b344d2a435a95aac922cb88258bbe8f1e5801ba16c561ee|gateway-client|"
                              "backend|operator|operator.read,operator.write,operator.admin|1795312326448|"
                              "fixture-token-abcdef123456|8ef4587c-24b4-4836-aa57-94d033b11117|linux|";
const QByteArray kSignatureHex = "5ad0073f0e56dbe97c990674f1111ce2cbea095072efff2e5283bfa8af440f6d"
                                 "9bd20f49a4c07b6928aaea0a4835138a54a56519942586a064c5df84abde9f04";
const QString kSignatureB64Url =
    QStringLiteral("WtAHPw5W2-l8mQZ08REc4svqCVBy7_8uUoO_qK9ED22b0g9JpMB7aSiq6gpINROKVKVlGZQlhqBkxd-Eq96fBA");

// From the captured session (first.jsonl): a connect the real gateway accepted. Its signature
// must verify against the v3 string we build from that frame's fields, which pins our v3 format
// to what the gateway checks.
const QString kProbePublicKey = QStringLiteral("slTe60Y9PA9KyneiFrD1dVHX3qR4Us5G2hsLa6Eli3M");
const QString kProbeDeviceId = QStringLiteral("ce4d510f8d7dbb1fd129c0033c53d853f9370611be8675067ed2d02c0bfe83d5");
const QString kProbeSignature =
    QStringLiteral("pjHm4OzeEFf2p7VYb9RDunifY2XFnlT3udrZCI683C0GoRJtvoOhzWZRYrm9F_cSiv-NCQu4Uhr-MA-WdNUCDQ");

QStringList operatorScopes()
{
    return {QStringLiteral("operator.read"), QStringLiteral("operator.write"), QStringLiteral("operator.admin")};
}

int fileMode(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return static_cast<int>(st.st_mode & 07777);
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProtocolIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fixedVectorFromRawKey();
    void fixedVectorFromPem();
    void v3PayloadFormat();
    void capturedGatewaySignatureVerifies();
    void verifyRejectsTampering();
    void base64Url();
    void generatedKeysDiffer();
    void createsKeyFileWith0600();
    void reloadsSameIdentity();
    void corruptFileIsRegenerated();
    void loosePermissionsAreTightened();
    void directoryInTheWay();
    void privateKeyNeverLogged();
};

void TestProtocolIdentity::initTestCase()
{
    LoggingOptions options;
    options.toStderr = false;
    options.bridgeQtMessages = false;
    logging::init(options);
}

void TestProtocolIdentity::fixedVectorFromRawKey()
{
    const auto id = DeviceIdentity::fromRawPrivateKey(QByteArray::fromHex(kPrivateHex));
    QVERIFY(id.has_value());
    QCOMPARE(id->rawPublicKey().toHex(), kPublicHex);
    QCOMPARE(id->publicKeyBase64Url(), kPublicB64Url);
    QCOMPARE(id->deviceId(), kDeviceId);
    QCOMPARE(DeviceIdentity::deviceIdFor(id->rawPublicKey()), kDeviceId);

    // Ed25519 is deterministic: the same key and message give openssl's exact signature.
    const QByteArray sig = id->sign(kFixtureV3);
    QCOMPARE(sig.size(), 64);
    QCOMPARE(sig.toHex(), kSignatureHex);
    QCOMPARE(id->signatureBase64Url(kFixtureV3), kSignatureB64Url);
    QVERIFY(DeviceIdentity::verify(id->rawPublicKey(), kFixtureV3, sig));

    QVERIFY(!DeviceIdentity::fromRawPrivateKey(QByteArray(31, 'a')).has_value());
    QVERIFY(!DeviceIdentity::fromRawPrivateKey(QByteArray(33, 'a')).has_value());
    QVERIFY(!DeviceIdentity::fromRawPrivateKey(QByteArray()).has_value());
}

void TestProtocolIdentity::fixedVectorFromPem()
{
    const auto id = DeviceIdentity::fromPem(kPem);
    QVERIFY(id.has_value());
    QCOMPARE(id->deviceId(), kDeviceId);
    QCOMPARE(id->sign(kFixtureV3).toHex(), kSignatureHex);
    // toPem() writes what openssl wrote (PKCS#8), so the file format is the standard one.
    QCOMPARE(id->toPem(), kPem);

    QVERIFY(!DeviceIdentity::fromPem(QByteArray()).has_value());
    QVERIFY(!DeviceIdentity::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").has_value());
    QVERIFY(!DeviceIdentity::fromPem(QByteArray(100, '\0')).has_value());
    // Valid keys of other algorithms (made with openssl genpkey) are refused: only Ed25519 signs
    // what the gateway verifies. X25519 has the same size and PEM shape, so this pins the type check.
    const QByteArray ecKey = "-----BEGIN PRIVATE KEY-----\n"
                             "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgkvkb3r5/ugYyOROq\n"
                             "98Rry+qX4eNXQekdpY4W3hh08hChRANCAAQ/5qeEy8o82zlcDri4TIq5VaqLDlZw\n"
                             "b0GkqDyKfbpGRX2TZ5bWrtjaQ6E5F0EgYn6mj+h3zfvotKhZh/n/B27V\n"
                             "-----END PRIVATE KEY-----\n";
    QVERIFY(!DeviceIdentity::fromPem(ecKey).has_value());
    const QByteArray x25519Key = "-----BEGIN PRIVATE KEY-----\n"
                                 "MC4CAQAwBQYDK2VuBCIEIHCSBJhwQS7WGdb8+htiVnpwCH4qdhPFFqEQHWrSn5te\n"
                                 "-----END PRIVATE KEY-----\n";
    QVERIFY(!DeviceIdentity::fromPem(x25519Key).has_value());
}

void TestProtocolIdentity::v3PayloadFormat()
{
    const QByteArray v3 = DeviceIdentity::buildSignaturePayloadV3(
        kDeviceId, QStringLiteral("gateway-client"), QStringLiteral("backend"), QStringLiteral("operator"),
        operatorScopes(), 1795312326448, QStringLiteral("fixture-token-abcdef123456"),
        QStringLiteral("8ef4587c-24b4-4836-aa57-94d033b11117"), QStringLiteral("linux"), QString());
    QCOMPARE(v3, kFixtureV3);
    QVERIFY(v3.endsWith('|')); // empty deviceFamily leaves a trailing separator
    QCOMPARE(v3.count('|'), 10);

    // platform and deviceFamily are trimmed and lower-cased; other fields are taken verbatim.
    const QByteArray norm = DeviceIdentity::buildSignaturePayloadV3(
        QStringLiteral("id"), QStringLiteral("Client"), QStringLiteral("Mode"), QStringLiteral("Role"), {}, 0,
        QStringLiteral("Tok"), QStringLiteral("N"), QStringLiteral("  Linux \t"), QStringLiteral(" Desktop "));
    QCOMPARE(norm, QByteArray("v3|id|Client|Mode|Role||0|Tok|N|linux|desktop"));

    // UTF-8 encoded.
    const QByteArray utf8 = DeviceIdentity::buildSignaturePayloadV3(
        QStringLiteral("id"), QStringLiteral("c"), QStringLiteral("m"), QStringLiteral("r"), {QStringLiteral("a")}, 1,
        QStringLiteral("t\u00e9"), QStringLiteral("n"), QString(), QString());
    QCOMPARE(utf8, QByteArray("v3|id|c|m|r|a|1|t\xc3\xa9|n||"));
}

void TestProtocolIdentity::capturedGatewaySignatureVerifies()
{
    const auto pub = DeviceIdentity::fromBase64Url(kProbePublicKey);
    QVERIFY(pub.has_value());
    QCOMPARE(pub->size(), 32);
    QCOMPARE(DeviceIdentity::deviceIdFor(*pub), kProbeDeviceId);
    const QByteArray v3 = DeviceIdentity::buildSignaturePayloadV3(
        kProbeDeviceId, QStringLiteral("gateway-client"), QStringLiteral("backend"), QStringLiteral("operator"),
        operatorScopes(), 1795312326448, QStringLiteral("probe-token-0123456789abcdef"),
        QStringLiteral("8ef4587c-24b4-4836-aa57-94d033b11117"), QStringLiteral("linux"), QString());
    QVERIFY(DeviceIdentity::verifyBase64Url(kProbePublicKey, v3, kProbeSignature));
    // Without the v3 trailing fields (a v2-style string) the same signature does not verify.
    QVERIFY(!DeviceIdentity::verifyBase64Url(kProbePublicKey, v3.left(v3.size() - QByteArray("|linux|").size()),
                                             kProbeSignature));
}

void TestProtocolIdentity::verifyRejectsTampering()
{
    const auto id = DeviceIdentity::fromRawPrivateKey(QByteArray::fromHex(kPrivateHex));
    QVERIFY(id.has_value());
    const QByteArray sig = QByteArray::fromHex(kSignatureHex);
    QVERIFY(DeviceIdentity::verify(id->rawPublicKey(), kFixtureV3, sig));

    QByteArray message = kFixtureV3;
    message[10] = message[10] == 'a' ? 'b' : 'a';
    QVERIFY(!DeviceIdentity::verify(id->rawPublicKey(), message, sig));
    QVERIFY(!DeviceIdentity::verify(id->rawPublicKey(), kFixtureV3 + "x", sig));
    QVERIFY(!DeviceIdentity::verify(id->rawPublicKey(), QByteArray(), sig));

    QByteArray badSig = sig;
    badSig[0] = static_cast<char>(badSig[0] ^ 0x01);
    QVERIFY(!DeviceIdentity::verify(id->rawPublicKey(), kFixtureV3, badSig));
    QVERIFY(!DeviceIdentity::verify(id->rawPublicKey(), kFixtureV3, sig.left(63)));
    QVERIFY(!DeviceIdentity::verify(id->rawPublicKey(), kFixtureV3, QByteArray()));

    const auto other = DeviceIdentity::generate();
    QVERIFY(other.has_value());
    QVERIFY(!DeviceIdentity::verify(other->rawPublicKey(), kFixtureV3, sig));
    QVERIFY(!DeviceIdentity::verify(id->rawPublicKey().left(31), kFixtureV3, sig));
    QVERIFY(!DeviceIdentity::verifyBase64Url(QStringLiteral("not base64!"), kFixtureV3, kSignatureB64Url));
    QVERIFY(!DeviceIdentity::verifyBase64Url(kPublicB64Url, kFixtureV3, QStringLiteral("@@@")));
    QVERIFY(DeviceIdentity::verifyBase64Url(kPublicB64Url, kFixtureV3, kSignatureB64Url));
}

void TestProtocolIdentity::base64Url()
{
    const QByteArray bytes = QByteArray::fromHex("fbff00fe");
    const QString enc = DeviceIdentity::toBase64Url(bytes);
    QCOMPARE(enc, QStringLiteral("-_8A_g")); // url alphabet, no '=' padding
    QCOMPARE(DeviceIdentity::fromBase64Url(enc).value_or(QByteArray()), bytes);
    QVERIFY(!DeviceIdentity::fromBase64Url(QStringLiteral("+/8A/g==")).has_value()); // standard alphabet refused
    QVERIFY(!DeviceIdentity::fromBase64Url(QStringLiteral("a b")).has_value());
    QCOMPARE(DeviceIdentity::fromBase64Url(QString()).value_or(QByteArray("x")), QByteArray());
}

void TestProtocolIdentity::generatedKeysDiffer()
{
    const auto a = DeviceIdentity::generate();
    const auto b = DeviceIdentity::generate();
    QVERIFY(a && b);
    QVERIFY(a->deviceId() != b->deviceId());
    QCOMPARE(a->deviceId().size(), 64);
    QCOMPARE(a->deviceId(), a->deviceId().toLower());
    const QByteArray msg = "hello";
    QVERIFY(DeviceIdentity::verify(a->rawPublicKey(), msg, a->sign(msg)));
    QVERIFY(!DeviceIdentity::verify(b->rawPublicKey(), msg, a->sign(msg)));
    // A copy shares the key.
    const DeviceIdentity copy = *a;
    QCOMPARE(copy.sign(msg), a->sign(msg));
}

void TestProtocolIdentity::createsKeyFileWith0600()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("nested/identity/device.pem"));
    const DeviceIdentity::LoadResult r = DeviceIdentity::loadOrCreate(path);
    QVERIFY(r.ok());
    QVERIFY(r.created);
    QVERIFY(r.persisted);
    QVERIFY2(r.warning.isEmpty(), qPrintable(r.warning));
    QVERIFY(r.error.isEmpty());
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(fileMode(path), 0600);
    QCOMPARE(fileMode(QFileInfo(path).absolutePath()), 0700); // a directory we created is private too
    // No temporary file left behind by the atomic write.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("device.pem")});
    const QByteArray pem = readFile(path);
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QCOMPARE(DeviceIdentity::fromPem(pem)->deviceId(), r.identity->deviceId());
}

void TestProtocolIdentity::reloadsSameIdentity()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.pem"));
    QVERIFY(writeFile(path, kPem));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const DeviceIdentity::LoadResult r = DeviceIdentity::loadOrCreate(path);
    QVERIFY(r.ok());
    QVERIFY(!r.created);
    QVERIFY(r.persisted);
    QVERIFY(r.warning.isEmpty());
    QCOMPARE(r.identity->deviceId(), kDeviceId);
    QCOMPARE(readFile(path), kPem); // loading never rewrites a good file

    // Round trip: a created key is read back as the same identity.
    const QString path2 = dir.filePath(QStringLiteral("second.pem"));
    const auto first = DeviceIdentity::loadOrCreate(path2);
    const auto second = DeviceIdentity::loadOrCreate(path2);
    QVERIFY(first.ok() && second.ok());
    QVERIFY(first.created);
    QVERIFY(!second.created);
    QCOMPARE(second.identity->deviceId(), first.identity->deviceId());
    QCOMPARE(second.identity->sign("m"), first.identity->sign("m"));
}

void TestProtocolIdentity::corruptFileIsRegenerated()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.pem"));
    const QList<QByteArray> corrupt{QByteArray(), QByteArray("garbage"), kPem.left(40),
                                    QByteArray("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n")};
    for (const QByteArray& content : corrupt) {
        QVERIFY(writeFile(path, content));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const quint64 lastSeq = logging::ring().lines().isEmpty() ? 0 : logging::ring().lines().last().seq;
        const DeviceIdentity::LoadResult r = DeviceIdentity::loadOrCreate(path);
        QVERIFY(r.ok());
        QVERIFY(r.created);
        QVERIFY(r.persisted);
        QVERIFY(r.warning.contains(QStringLiteral("unusable")));
        QVERIFY(r.warning.contains(QStringLiteral("new device")));
        QVERIFY(r.warning.contains(QStringLiteral("paired again")));
        // The unusable file is kept, byte for byte, under a .bad-<time> name named in the warning.
        const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("device.pem.bad-*")}, QDir::Files);
        QCOMPARE(kept.size(), 1);
        QVERIFY(r.warning.contains(dir.filePath(kept.first())));
        QCOMPARE(readFile(dir.filePath(kept.first())), content);
        QVERIFY(QFile::remove(dir.filePath(kept.first())));
        // The file was overwritten with a valid key for the new identity, still 0600.
        const auto reread = DeviceIdentity::fromPem(readFile(path));
        QVERIFY(reread.has_value());
        QCOMPARE(reread->deviceId(), r.identity->deviceId());
        QCOMPARE(fileMode(path), 0600);
        // And the warning reached the log.
        bool logged = false;
        for (const LogLine& line : logging::ring().linesAfter(lastSeq))
            logged = logged || (line.level == LogLevel::Warn && line.text.contains(QStringLiteral("unusable")));
        QVERIFY(logged);
    }

    // Unreadable (mode 000): also replaced. Root can read anything, so only check when it applies.
    QVERIFY(writeFile(path, kPem));
    QFile::setPermissions(path, QFileDevice::Permissions());
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly)) {
        const DeviceIdentity::LoadResult r = DeviceIdentity::loadOrCreate(path);
        QVERIFY(r.ok());
        QVERIFY(r.created);
        QVERIFY(r.warning.contains(QStringLiteral("cannot be read")));
        QCOMPARE(fileMode(path), 0600);
    }
}

void TestProtocolIdentity::loosePermissionsAreTightened()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.pem"));
    QVERIFY(writeFile(path, kPem));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ReadOther));
    QCOMPARE(fileMode(path), 0644);
    const DeviceIdentity::LoadResult r = DeviceIdentity::loadOrCreate(path);
    QVERIFY(r.ok());
    QVERIFY(!r.created);
    QCOMPARE(r.identity->deviceId(), kDeviceId); // the key is kept, only the mode changes
    QVERIFY(r.warning.contains(QStringLiteral("permissions")));
    QCOMPARE(fileMode(path), 0600);
}

void TestProtocolIdentity::directoryInTheWay()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.pem"));
    QVERIFY(QDir().mkpath(path));
    const DeviceIdentity::LoadResult r = DeviceIdentity::loadOrCreate(path);
    QVERIFY(r.ok()); // still usable for this run
    QVERIFY(r.created);
    QVERIFY(!r.persisted);
    QVERIFY(r.warning.contains(QStringLiteral("memory only")));
    QVERIFY(QFileInfo(path).isDir()); // the user's directory is left alone
}

void TestProtocolIdentity::privateKeyNeverLogged()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.pem"));
    QVERIFY(writeFile(path, "corrupt"));
    const auto r = DeviceIdentity::loadOrCreate(path);
    QVERIFY(r.ok());
    const QByteArray pem = readFile(path);
    QVERIFY(!pem.isEmpty());
    // The base64 body of the PEM (the key material) never appears in any log line.
    const QString body = QString::fromLatin1(pem.split('\n').value(1));
    QVERIFY(body.size() > 40);
    bool sawAny = false;
    for (const LogLine& line : logging::ring().lines()) {
        sawAny = true;
        QVERIFY(!line.text.contains(body));
        QVERIFY(!line.text.contains(QStringLiteral("PRIVATE KEY")));
    }
    QVERIFY(sawAny);
}

QTEST_GUILESS_MAIN(TestProtocolIdentity)
#include "tst_protocol_identity.moc"
