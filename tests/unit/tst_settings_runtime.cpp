#include "TestSupport.h"
#include "settings/RuntimeLocator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

namespace {

// A stand-in for node: a shell script that prints a version (or misbehaves).
QString writeScript(const QString& path, const QByteArray& body)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write("#!/bin/sh\n" + body + "\n");
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

// <root>/node_modules/{node/bin/node, openclaw/{openclaw.mjs,package.json}}, like scripts/setup.sh.
void makeRuntime(const QString& root, const QByteArray& nodeVersion, bool withEntry = true)
{
    writeScript(root + QStringLiteral("/node_modules/node/bin/node"), "echo " + nodeVersion);
    writeFile(root + QStringLiteral("/node_modules/openclaw/package.json"),
              R"({"name":"openclaw","version":"2026.9.6","engines":{"node":">=24.16.0 <25 || >=26.1.0"}})");
    if (withEntry)
        writeFile(root + QStringLiteral("/node_modules/openclaw/openclaw.mjs"), "// entry\n");
}

} // namespace

class TestSettingsRuntime : public QObject
{
    Q_OBJECT

private slots:
    void nodeVersionRule_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("parses");
        QTest::addColumn<bool>("supported");
        QTest::newRow("24.21") << "v24.21.0\n" << true << true;
        QTest::newRow("24.16 exactly") << "v24.16.0" << true << true;
        QTest::newRow("24.15") << "v24.15.9" << true << false;
        QTest::newRow("20") << "v20.20.2" << true << false;
        QTest::newRow("25") << "v25.3.0" << true << false;
        QTest::newRow("26.0") << "v26.0.4" << true << false;
        QTest::newRow("26.1") << "v26.1.0" << true << true;
        QTest::newRow("27 nightly") << "v27.0.0-nightly20270101abc" << true << true;
        QTest::newRow("no v") << "24.17.1" << true << true;
        QTest::newRow("garbage") << "hello" << false << false;
        QTest::newRow("two parts") << "v24.16" << false << false;
    }

    void nodeVersionRule()
    {
        QFETCH(QString, text);
        QFETCH(bool, parses);
        QFETCH(bool, supported);
        const auto v = NodeVersion::parse(text);
        QCOMPARE(v.has_value(), parses);
        if (v)
            QCOMPARE(v->isSupportedByOpenClaw(), supported);
    }

    void goodRuntime()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v24.21.0");
        const RuntimeCheck c = RuntimeLocator(dir.path()).resolve({}, {});
        QVERIFY2(c.ok, qPrintable(c.error));
        QVERIFY(c.error.isEmpty());
        QCOMPARE(c.info.nodeVersion.toString(), QStringLiteral("v24.21.0"));
        QCOMPARE(c.info.openclawVersion, QStringLiteral("2026.9.6"));
        QCOMPARE(c.info.nodePath, dir.path() + QStringLiteral("/node_modules/node/bin/node"));
        QCOMPARE(c.info.openclawEntry, dir.path() + QStringLiteral("/node_modules/openclaw/openclaw.mjs"));
        QVERIFY(c.warnings.isEmpty());
    }

    void binNodeFallback()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v26.1.0");
        QFile::remove(dir.path() + QStringLiteral("/node_modules/node/bin/node"));
        writeScript(dir.path() + QStringLiteral("/node_modules/.bin/node"), "echo v26.1.0");
        const RuntimeLocator locator(dir.path());
        QCOMPARE(locator.detectNodePath(), dir.path() + QStringLiteral("/node_modules/.bin/node"));
        QVERIFY(locator.resolve({}, {}).ok);
    }

    void tooOldNode()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v20.20.2");
        const RuntimeCheck c = RuntimeLocator(dir.path()).resolve({}, {});
        QVERIFY(!c.ok);
        QCOMPARE(c.error, QStringLiteral("Node v20.20.2 is too old: OpenClaw needs 24.16 or newer"));
    }

    void gapVersionNode()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v25.1.0");
        const RuntimeCheck c = RuntimeLocator(dir.path()).resolve({}, {});
        QVERIFY(!c.ok);
        QVERIFY2(c.error.contains(QStringLiteral("not supported")), qPrintable(c.error));
    }

    void missingNode()
    {
        QTemporaryDir dir;
        const RuntimeCheck c = RuntimeLocator(dir.path()).resolve({}, {});
        QVERIFY(!c.ok);
        const QString expected =
            QStringLiteral("Node not found at %1/node_modules/node/bin/node — run scripts/setup.sh "
                           "to install the gateway runtime")
                .arg(dir.path());
        QCOMPARE(c.error, expected);
    }

    void aWrongConfiguredPathIsNamedAsSuch()
    {
        // A path the user set that does not exist is their setting's fault: the message names the
        // path and the setting, and does not send them off to install a runtime.
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v24.21.0");
        const QString wrong = dir.path() + QStringLiteral("/nowhere/node");
        RuntimeCheck c = RuntimeLocator(dir.path()).resolve(wrong, {});
        QVERIFY(!c.ok);
        QVERIFY2(c.error.startsWith(QStringLiteral("Node not found at %1 — check the Node path in Settings").arg(wrong)),
                 qPrintable(c.error));
        QVERIFY(!c.error.contains(QStringLiteral("setup.sh")));
        c = RuntimeLocator(dir.path()).resolve({}, dir.path() + QStringLiteral("/elsewhere"));
        QVERIFY(!c.ok);
        QVERIFY2(c.error.contains(QStringLiteral("check the OpenClaw folder in Settings")), qPrintable(c.error));
    }

    void nodeNotExecutable()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v24.21.0");
        const QString node = dir.path() + QStringLiteral("/node_modules/node/bin/node");
        QFile::setPermissions(node, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const RuntimeCheck c = RuntimeLocator::validate(node, dir.path() + QStringLiteral("/node_modules/openclaw"));
        QVERIFY(!c.ok);
        QVERIFY2(c.error.contains(QStringLiteral("not an executable")), qPrintable(c.error));
    }

    void missingEntry()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v24.21.0", /*withEntry=*/false);
        const RuntimeCheck c = RuntimeLocator(dir.path()).resolve({}, {});
        QVERIFY(!c.ok);
        QVERIFY2(
            c.error.startsWith(QStringLiteral("openclaw.mjs not found in %1/node_modules/openclaw").arg(dir.path())),
            qPrintable(c.error));
        QCOMPARE(c.info.nodeVersion.toString(), QStringLiteral("v24.21.0")); // got that far
    }

    void configuredPathsAndRuntimeDirAsPackage()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v24.21.0");
        const QString node = writeScript(dir.path() + QStringLiteral("/custom/node"), "echo v24.16.0");
        // The runtime dir given where the package dir was expected: accepted.
        const RuntimeCheck c = RuntimeLocator(QStringLiteral("/nonexistent")).resolve(node, dir.path());
        QVERIFY2(c.ok, qPrintable(c.error));
        QCOMPARE(c.info.nodePath, node);
        QCOMPARE(c.info.openclawDir, dir.path() + QStringLiteral("/node_modules/openclaw"));
    }

    void unreadablePackageJsonIsAWarning()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v24.21.0");
        writeFile(dir.path() + QStringLiteral("/node_modules/openclaw/package.json"), "{ not json");
        const RuntimeCheck c = RuntimeLocator(dir.path()).resolve({}, {});
        QVERIFY(c.ok);
        QVERIFY(c.info.openclawVersion.isEmpty());
        QCOMPARE(c.warnings.size(), 1);
    }

    void misbehavingNode()
    {
        QTemporaryDir dir;
        makeRuntime(dir.path(), "v24.21.0");
        const QString pkg = dir.path() + QStringLiteral("/node_modules/openclaw");

        const QString noise = writeScript(dir.path() + QStringLiteral("/noise"), "echo hello");
        QVERIFY(RuntimeLocator::validate(noise, pkg).error.contains(QStringLiteral("does not look like Node")));

        const QString failing = writeScript(dir.path() + QStringLiteral("/failing"), "echo broken >&2; exit 3");
        const QString error = RuntimeLocator::validate(failing, pkg).error;
        QVERIFY2(error.contains(QStringLiteral("exit code 3")) && error.contains(QStringLiteral("broken")),
                 qPrintable(error));

        // A node that hangs is bounded by the timeout, not waited for.
        const QString hanging = writeScript(dir.path() + QStringLiteral("/hanging"), "exec sleep 30");
        QElapsedTimer t;
        t.start();
        const RuntimeCheck c = RuntimeLocator::validate(hanging, pkg, 300);
        QVERIFY(t.elapsed() < 5000);
        QVERIFY2(c.error.contains(QStringLiteral("did not report its version")), qPrintable(c.error));
    }

    void realRuntime()
    {
        const QString dir = testsupport::runtimeDir();
        if (dir.isEmpty() || testsupport::runtimeNode().isEmpty())
            QSKIP("No gateway runtime installed (run scripts/setup.sh)");
        const RuntimeCheck c = RuntimeLocator(dir).resolve({}, {});
        QVERIFY2(c.ok, qPrintable(c.error));
        QVERIFY(c.info.nodeVersion.isSupportedByOpenClaw());
        QVERIFY(!c.info.openclawVersion.isEmpty());
        qInfo("real runtime: node %s, openclaw %s", qPrintable(c.info.nodeVersion.toString()),
              qPrintable(c.info.openclawVersion));
    }
};

QTEST_GUILESS_MAIN(TestSettingsRuntime)
#include "tst_settings_runtime.moc"
