#include "logging/Logging.h"
#include "logging/Redactor.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

class TestLoggingRedaction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Redactor::instance().clearSecrets(); }

    void patterns_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("secret");
        QTest::newRow("flag-space") << "node openclaw.mjs gateway --token abc123secret --port 1" << "abc123secret";
        QTest::newRow("flag-eq") << "gateway --token=abc123secret" << "abc123secret";
        QTest::newRow("json") << R"({"auth":{"token":"abc123secret"}})" << "abc123secret";
        QTest::newRow("json-suffix") << R"({"gatewayToken": "abc123secret"})" << "abc123secret";
        QTest::newRow("env") << "OPENCLAW_GATEWAY_TOKEN=abc123secret node x" << "abc123secret";
        QTest::newRow("bearer") << "Authorization: Bearer abc123secret" << "abc123secret";
        QTest::newRow("fragment") << "http://127.0.0.1:18789/#token=abc123secret" << "abc123secret";
        QTest::newRow("signature") << R"({"signature":"pjHm4OzeEFf2p7VYb9RD"})" << "pjHm4OzeEFf2p7VYb9RD";
        QTest::newRow("password") << R"({"password":"hunter2hunter2"})" << "hunter2hunter2";
    }
    void patterns()
    {
        QFETCH(QString, input);
        QFETCH(QString, secret);
        const QString out = Redactor::instance().redact(input);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY(out.contains(QLatin1String(Redactor::kMask)));
    }

    void registeredSecretAnywhere()
    {
        Redactor::instance().addSecret(QStringLiteral("clawtray-0123456789abcdef"));
        const QString out = Redactor::instance().redact(QStringLiteral("weird place clawtray-0123456789abcdef, twice clawtray-0123456789abcdef"));
        QCOMPARE(out, QStringLiteral("weird place ***, twice ***"));
        Redactor::instance().removeSecret(QStringLiteral("clawtray-0123456789abcdef"));
        QVERIFY(Redactor::instance().redact(QStringLiteral("x clawtray-0123456789abcdef")).contains(QLatin1String("0123456789abcdef")));
    }

    void shortValuesNotRegistered()
    {
        Redactor::instance().addSecret(QStringLiteral("abc"));
        QCOMPARE(Redactor::instance().redact(QStringLiteral("abcdef")), QStringLiteral("abcdef"));
    }

    void plainTextUntouched()
    {
        const QString s = QStringLiteral("[gateway] listening on ws://127.0.0.1:18789 (pid 42)");
        QCOMPARE(Redactor::instance().redact(s), s);
    }

    void arguments()
    {
        const QStringList in{QStringLiteral("gateway"), QStringLiteral("--token"), QStringLiteral("s3cr3t-value"),
                             QStringLiteral("--password=pw123456"), QStringLiteral("--port"), QStringLiteral("18789")};
        const QStringList out = Redactor::redactArguments(in);
        QCOMPARE(out.size(), in.size());
        QCOMPARE(out.at(2), QStringLiteral("***"));
        QCOMPARE(out.at(3), QStringLiteral("--password=***"));
        QCOMPARE(out.at(5), QStringLiteral("18789"));
    }

    // Every sink sits behind the redaction step: the file and the ring never see the token.
    void sinksNeverSeeSecrets()
    {
        QTemporaryDir dir;
        LoggingOptions o;
        o.logDir = dir.path();
        o.toStderr = false;
        logging::init(o);
        Redactor::instance().addSecret(QStringLiteral("tok-SECRET-987654"));
        logInfo(QStringLiteral("connecting with tok-SECRET-987654 now"));
        logWarn(QStringLiteral("spawn: node openclaw.mjs gateway --token other-secret-value"));
        qWarning("qt message with tok-SECRET-987654");
        logging::flush();

        const auto lines = logging::ring().lines(10);
        QVERIFY(lines.size() >= 3);
        for (const LogLine& l : lines) {
            QVERIFY2(!l.text.contains(QLatin1String("tok-SECRET-987654")), qPrintable(l.text));
            QVERIFY2(!l.text.contains(QLatin1String("other-secret-value")), qPrintable(l.text));
        }
        QFile f(logging::logFilePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        QVERIFY(content.contains("connecting with *** now"));
        QVERIFY(content.contains("qt message with ***"));
        QVERIFY(!content.contains("tok-SECRET-987654"));
        QVERIFY(!content.contains("other-secret-value"));
        logging::shutdown();
    }

    void ringKeepsLastLinesAndSignals()
    {
        LogRing ring(3);
        QSignalSpy spy(&ring, &LogRing::lineAdded);
        for (int i = 0; i < 5; ++i)
            ring.append(i % 2 ? LogLevel::Warn : LogLevel::Info, QStringLiteral("t"), QString::number(i), i);
        const auto all = ring.lines();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.first().text, QStringLiteral("2"));
        QCOMPARE(all.last().text, QStringLiteral("4"));
        QCOMPARE(ring.lines(-1, LogLevel::Warn).size(), 1);
        QCOMPARE(ring.linesAfter(all.at(1).seq).size(), 1);
        QTRY_COMPARE(spy.count(), 5);
    }
};

QTEST_GUILESS_MAIN(TestLoggingRedaction)
#include "tst_logging_redaction.moc"
