// Saving settings through the app's context (what the Settings dialog does): a changed Node path
// or OpenClaw folder is checked before anything is written — a wrong path, a Node that is too old
// or a folder without openclaw is refused with the reason, the file and the running manager keep
// what they had — and a good one is what the manager runs with from then on.
#include "AppContext.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace clawtray;

namespace {
// The per-field messages of a refused apply (none when it was applied).
SettingsErrors fieldErrors(const SettingsApplied& applied)
{
    return applied ? SettingsErrors{} : applied.error().fields;
}
} // namespace

class TestAppSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString& rel) const { return m_dir.filePath(rel); }

    QString node(const QString& name, const QByteArray& version)
    {
        const QString p = path(QStringLiteral("nodes/%1/node").arg(name));
        QDir().mkpath(QFileInfo(p).absolutePath());
        if (!testsupport::writeExecutable(p, "#!/bin/sh\necho " + version + "\n"))
            return {};
        return p;
    }

    QString iniText() const
    {
        QFile f(m_dir.filePath(QStringLiteral("config/clawtray.ini")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    static QString readAll(const QString& file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }

    // A context whose token is kept in a file, loaded (generated) like at start-up.
    static std::unique_ptr<AppContext> contextWithFileToken(const QTemporaryDir& dir)
    {
        QDir().mkpath(dir.filePath(QStringLiteral("config")));
        QFile ini(dir.filePath(QStringLiteral("config/clawtray.ini")));
        if (!ini.open(QIODevice::WriteOnly))
            return nullptr;
        ini.write("[secrets]\ntokenStorage=file\n");
        ini.close();
        AppOptions o;
        o.headless = true;
        o.configDir = dir.filePath(QStringLiteral("config"));
        o.dataDir = dir.filePath(QStringLiteral("data"));
        o.runtimeDir = dir.filePath(QStringLiteral("runtime"));
        o.stateDir = dir.filePath(QStringLiteral("state"));
        auto ctx = std::make_unique<AppContext>(o);
        if (!ctx->initialise())
            return nullptr;
        bool ready = false;
        ctx->prepareManager([&](const Done&) { ready = true; });
        if (!testsupport::waitFor([&] { return ready; }, 20000) || !ctx->manager())
            return nullptr;
        return ctx;
    }

private Q_SLOTS:
    void aChangedRuntimeIsCheckedBeforeItIsSaved()
    {
        QVERIFY(m_dir.isValid());
        for (const char* d : {"config", "data", "runtime", "openclaw"})
            QVERIFY(QDir().mkpath(path(QString::fromLatin1(d))));
        {
            QFile ini(path(QStringLiteral("config/clawtray.ini")));
            QVERIFY(ini.open(QIODevice::WriteOnly));
            ini.write("[secrets]\ntokenStorage=file\n\n[behaviour]\nlaunchAtLogin=false\n");
        }
        {
            QFile entry(path(QStringLiteral("openclaw/openclaw.mjs")));
            QVERIFY(entry.open(QIODevice::WriteOnly));
            QFile pkg(path(QStringLiteral("openclaw/package.json")));
            QVERIFY(pkg.open(QIODevice::WriteOnly));
            pkg.write(R"({"name":"openclaw","version":"2026.9.6"})");
        }
        const QString good = node(QStringLiteral("good"), "v24.16.0");
        const QString newer = node(QStringLiteral("newer"), "v24.17.1");
        const QString old = node(QStringLiteral("old"), "v20.11.1");
        QVERIFY(!good.isEmpty() && !newer.isEmpty() && !old.isEmpty());

        AppOptions o;
        o.headless = true;
        o.configDir = path(QStringLiteral("config"));
        o.dataDir = path(QStringLiteral("data"));
        o.runtimeDir = path(QStringLiteral("runtime")); // empty: nothing to detect
        o.stateDir = path(QStringLiteral("state"));     // not the user's ~/.openclaw
        AppContext ctx(o);
        const Done initialised = ctx.initialise();
        QVERIFY2(initialised, qPrintable(initialised.error().english()));

        // A good pair is saved.
        SettingsData d = ctx.settings();
        d.runtime.nodePath = good;
        d.runtime.openclawDir = path(QStringLiteral("openclaw"));
        SettingsApplied applied = ctx.applySettings(d);
        QVERIFY2(applied, qPrintable(applied.error().english()));
        SettingsErrors errors;
        QCOMPARE(ctx.settings().runtime.nodePath, good);

        bool ready = false;
        QString prepareError;
        ctx.prepareManager([&](const Done& prepared) {
            prepareError = prepared ? QString() : prepared.error().english();
            ready = true;
        });
        QVERIFY(testsupport::waitFor([&] { return ready; }, 20000));
        QVERIFY2(prepareError.isEmpty(), qPrintable(prepareError));
        QVERIFY(ctx.manager());
        QCOMPARE(ctx.manager()->config().launch.nodePath, good);
        QCOMPARE(ctx.manager()->diagnostics().nodeVersion, QStringLiteral("v24.16.0"));
        QCOMPARE(ctx.manager()->diagnostics().openclawVersion, QStringLiteral("2026.9.6"));

        // A path that does not exist: named as the wrong setting it is, and nothing changes.
        d.runtime.nodePath = path(QStringLiteral("nowhere/node"));
        errors = fieldErrors(ctx.applySettings(d));
        QVERIFY2(errors.value(QLatin1String(SettingsKey::NodePath))
                     .startsWith(QStringLiteral("Node not found at %1 — check the Node path in Settings").arg(d.runtime.nodePath)),
                 qPrintable(errors.value(QLatin1String(SettingsKey::NodePath))));
        QCOMPARE(ctx.settings().runtime.nodePath, good);
        QVERIFY(!iniText().contains(QStringLiteral("nowhere")));
        QCOMPARE(ctx.manager()->config().launch.nodePath, good);

        // Node 20 is refused with the reason.
        d.runtime.nodePath = old;
        errors = fieldErrors(ctx.applySettings(d));
        QVERIFY2(errors.value(QLatin1String(SettingsKey::NodePath)).contains(QStringLiteral("too old")),
                 qPrintable(errors.value(QLatin1String(SettingsKey::NodePath))));
        QVERIFY(!iniText().contains(old));
        QCOMPARE(ctx.manager()->config().launch.nodePath, good);

        // A folder without openclaw: the folder's setting is the one at fault.
        d.runtime.nodePath = good;
        d.runtime.openclawDir = path(QStringLiteral("data"));
        errors = fieldErrors(ctx.applySettings(d));
        QVERIFY2(errors.value(QLatin1String(SettingsKey::OpenClawDir)).contains(QStringLiteral("openclaw.mjs not found")),
                 qPrintable(errors.values().join(QLatin1Char(' '))));
        QVERIFY(!errors.contains(QLatin1String(SettingsKey::NodePath)));

        // Another good Node is saved and is what the manager uses from now on.
        d.runtime.openclawDir = path(QStringLiteral("openclaw"));
        d.runtime.nodePath = newer;
        applied = ctx.applySettings(d);
        QVERIFY2(applied, qPrintable(applied.error().english()));
        QVERIFY(iniText().contains(newer));
        QCOMPARE(ctx.manager()->config().launch.nodePath, newer);
        QCOMPARE(ctx.manager()->diagnostics().nodeVersion, QStringLiteral("v24.17.1"));
    }

    void aTokenThatCannotMoveStaysWhereItWas()
    {
        // No keychain can be reached (a session bus address that leads nowhere): the switch is
        // refused with the reason, and the token, its file and the saved choice are as before.
        const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/clawtray-test-bus");
        QTemporaryDir dir;
        auto ctx = contextWithFileToken(dir);
        QVERIFY(ctx);
        const QString token = ctx->token();
        QVERIFY(!token.isEmpty());
        const Done switched = ctx->switchTokenStorage(TokenStorage::Keychain);
        const UserText error = switched ? UserText() : switched.error();
        if (bus.isEmpty())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", bus);
        QVERIFY(!switched);
        QVERIFY2(error.english().startsWith(QStringLiteral("The token could not be moved to the system keychain")),
                 qPrintable(error.english()));
        QCOMPARE(ctx->token(), token);
        QCOMPARE(readAll(dir.filePath(QStringLiteral("config/gateway-token"))), token);
        QVERIFY(ctx->settings().tokenStorage == TokenStorage::File);
        QCOMPARE(ctx->manager()->config().tokenStorage, QStringLiteral("file"));
    }

    void aTokenStorageSwitchMovesTheSameToken()
    {
        // File → keychain → file while the gateway's manager exists: the same token every time,
        // and it lives in one place only (no plain-text copy left behind after the move).
        QTemporaryDir dir;
        auto ctx = contextWithFileToken(dir);
        QVERIFY(ctx);
        const QString token = ctx->token();
        const QString file = dir.filePath(QStringLiteral("config/gateway-token"));
        QCOMPARE(readAll(file), token);

        const Done toKeychain = ctx->switchTokenStorage(TokenStorage::Keychain);
        if (!toKeychain && toKeychain.error().english().contains(QStringLiteral("keychain is not available")))
            QSKIP("no Secret Service on this session bus (the test command runs one)");
        QVERIFY2(toKeychain, qPrintable(toKeychain.error().english()));
        QCOMPARE(ctx->token(), token);
        QVERIFY2(!QFile::exists(file), "the plain-text copy must go once the keychain holds the token");
        QVERIFY(ctx->settings().tokenStorage == TokenStorage::Keychain);
        QVERIFY(readAll(dir.filePath(QStringLiteral("config/clawtray.ini"))).contains(QStringLiteral("tokenStorage=keychain")));
        QCOMPARE(ctx->manager()->status().tokenStorage, QStringLiteral("keychain"));
        QVERIFY(ctx->tokenSource().contains(QStringLiteral("system keychain")));
        SecretStoreOptions kc;
        kc.storage = TokenStorage::Keychain;
        kc.tokenFile = file;
        kc.locationFile = dir.filePath(QStringLiteral("config/gateway-token.location"));
        QCOMPARE(SecretStore(kc).readBlocking().token, token);

        const Done toFile = ctx->switchTokenStorage(TokenStorage::File);
        QVERIFY2(toFile, qPrintable(toFile.error().english()));
        QCOMPARE(readAll(file), token);
        QCOMPARE(SecretStore(kc).readBlocking().status, SecretStatus::NotFound);
        QCOMPARE(ctx->manager()->status().tokenStorage, QStringLiteral("file"));
    }

    void aSavedPortReplacesTheCommandLine()
    {
        // Run with --port: the dialog is told where the port in effect comes from, and the
        // launch-at-login arguments carry it; a port saved in Settings then replaces it.
        QTemporaryDir dir;
        AppOptions o;
        o.headless = true;
        o.port = 28811;
        o.configDir = dir.filePath(QStringLiteral("config"));
        o.dataDir = dir.filePath(QStringLiteral("data"));
        o.runtimeDir = dir.filePath(QStringLiteral("runtime"));
        o.stateDir = dir.filePath(QStringLiteral("state"));
        AppContext ctx(o);
        const Done initialised = ctx.initialise();
        QVERIFY2(initialised, qPrintable(initialised.error().english()));
        QVERIFY2(ctx.effectiveNotes().value(QLatin1String(SettingsKey::Port)).english()
                     .startsWith(QStringLiteral("In effect: 28811 — set by --port on the command line")),
                 qPrintable(ctx.effectiveNotes().value(QLatin1String(SettingsKey::Port)).english()));
        QStringList args = ctx.launchArguments();
        QVERIFY2(args.join(QLatin1Char(' ')).startsWith(QStringLiteral("--port 28811 --state-dir ")), qPrintable(args.join(QLatin1Char(' '))));
        SettingsData d = ctx.settings();
        d.runtime.port = 28813;
        const SettingsApplied applied = ctx.applySettings(d);
        QVERIFY2(applied, qPrintable(applied.error().english()));
        QCOMPARE(ctx.settings().runtime.port, 28813);
        QVERIFY(!ctx.effectiveNotes().contains(QLatin1String(SettingsKey::Port)));
        args = ctx.launchArguments();
        QVERIFY(!args.contains(QStringLiteral("--port")));
        QVERIFY(args.contains(QStringLiteral("--state-dir"))); // untouched: still the command line's
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_app_settings.moc"
