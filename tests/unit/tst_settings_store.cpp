#include "logging/Logging.h"
#include "settings/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsSchema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

QString key(const char* k)
{
    return QString::fromLatin1(k);
}

SettingsData customised()
{
    SettingsData d;
    d.runtime.nodePath = QStringLiteral("/opt/node 24/bin/node");
    d.runtime.openclawDir = QStringLiteral("/opt/openclaw");
    d.runtime.port = 28789;
    d.runtime.stateDir = QStringLiteral("/srv/state,with,commas");
    d.runtime.configPath = QStringLiteral("/srv/state/openclaw.json");
    d.runtime.extraArgs = {QStringLiteral("--verbose"), QStringLiteral("a,b"), QStringLiteral("x y")};
    d.runtime.allowNetworkExposure = true;
    d.liveness = {1000, 9000, 800};
    d.backoff = {250, 8000, 3, true};
    d.governor = {7, 120000};
    d.reload = {ReloadMode::Restart, 0};
    d.foreignGatewayPolicy = ForeignGatewayPolicy::Takeover;
    d.behaviour = {true, true, false, true};
    d.behaviour.trayIcon = TrayIconStyle::Dark;
    d.behaviour.confirmQuit = false;
    d.behaviour.language = UiLanguage::SimplifiedChinese; // a choice spelled with capitals ("zh_CN")
    d.updates.check = false;
    d.updates.channel = UpdateChannel::Beta;
    d.updates.autoWhenIdle = true;
    d.stopGraceMs = 2500;
    d.tokenStorage = TokenStorage::File;
    return d;
}

bool anyContains(const QStringList& list, const QString& needle)
{
    for (const QString& s : list) {
        if (s.contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestSettingsStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString iniPath() const { return m_dir.filePath(QStringLiteral("clawtray.ini")); }
    QStringList backups() const
    {
        return QDir(m_dir.path()).entryList({QStringLiteral("clawtray.ini.bad-*")}, QDir::Files);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        logging::init({});
    }

    void cleanup()
    {
        for (const QString& f : QDir(m_dir.path()).entryList(QDir::Files))
            QFile::remove(m_dir.filePath(f));
    }

    void defaults()
    {
        const SettingsData d;
        QCOMPARE(d.runtime.port, 18789);
        QVERIFY(d.runtime.nodePath.isEmpty());
        QVERIFY(d.runtime.extraArgs.isEmpty());
        QCOMPARE(d.liveness.pingIntervalMs, 30000);
        QCOMPARE(d.liveness.deadlineMs, 180000);
        QCOMPARE(d.liveness.probeTimeoutMs, 5000);
        QCOMPARE(d.backoff.baseMs, 1000);
        QCOMPARE(d.backoff.capMs, 30000);
        QCOMPARE(d.backoff.maxAttempts, 10);
        QCOMPARE(d.backoff.jitter, false);
        QCOMPARE(d.governor.budget, 4);
        QCOMPARE(d.governor.windowMs, 600000);
        QCOMPARE(toString(d.reload.policy), toString(ReloadMode::Hot));
        QCOMPARE(d.reload.debounceMs, 1200);
        QCOMPARE(toString(d.foreignGatewayPolicy), toString(ForeignGatewayPolicy::Attach));
        QCOMPARE(d.behaviour.startGatewayOnLaunch, true);
        QCOMPARE(d.behaviour.launchAtLogin, false);
        QCOMPARE(d.stopGraceMs, 7000);
        QCOMPARE(toString(d.tokenStorage), toString(TokenStorage::Auto));
        QVERIFY2(d.validate().isEmpty(), qPrintable(QStringList(d.validate().values()).join(';')));

        const SettingsLoadResult r = Settings(iniPath()).load();
        QVERIFY(!r.fileExisted);
        QVERIFY(r.warnings.isEmpty());
        QVERIFY(r.data == SettingsData{});
        QVERIFY(!QFile::exists(iniPath())); // loading alone creates nothing
    }

    void roundTrip()
    {
        const SettingsData d = customised();
        QVERIFY2(d.validate().isEmpty(), qPrintable(QStringList(d.validate().values()).join(';')));
        QVERIFY(Settings(iniPath()).save(d));
        const SettingsLoadResult r = Settings(iniPath()).load();
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join('\n')));
        QCOMPARE(SettingsData::changedKeys(d, r.data), QStringList());
        QCOMPARE(r.data.runtime.extraArgs, d.runtime.extraArgs);
        QCOMPARE(r.data.runtime.stateDir, d.runtime.stateDir);
        QVERIFY(backups().isEmpty());
        QCOMPARE(QSettings(iniPath(), QSettings::IniFormat).value(key(SettingsKey::SchemaVersion)).toInt(),
                 Settings::kSchemaVersion);

        // An empty list survives too (QSettings writes it as @Invalid()).
        SettingsData empty = d;
        empty.runtime.extraArgs.clear();
        QVERIFY(Settings(iniPath()).save(empty));
        QVERIFY(Settings(iniPath()).load().data.runtime.extraArgs.isEmpty());
    }

    void validationMessages()
    {
        SettingsData d;
        d.runtime.port = 0;
        QCOMPARE(d.validate().value(key(SettingsKey::Port)), QStringLiteral("Port must be between 1 and 65535"));
        d.runtime.port = 70000;
        QCOMPARE(d.validate().value(key(SettingsKey::Port)), QStringLiteral("Port must be between 1 and 65535"));
        d.runtime.port = 80;
        QVERIFY(d.validate().value(key(SettingsKey::Port)).contains(QStringLiteral("below 1024")));
        d.runtime.port = 1024;
        QVERIFY(d.validate().isEmpty());

        d = {};
        d.liveness.probeTimeoutMs = d.liveness.deadlineMs;
        QVERIFY(d.validate().value(key(SettingsKey::ProbeTimeoutMs)).contains(QStringLiteral("shorter than")));
        d = {};
        d.liveness.deadlineMs = d.liveness.pingIntervalMs;
        QVERIFY(d.validate().contains(key(SettingsKey::DeadlineMs)));
        d = {};
        d.liveness.pingIntervalMs = 0;
        QVERIFY(d.validate().value(key(SettingsKey::PingIntervalMs)).contains(QStringLiteral("positive")));
        d = {};
        d.backoff.capMs = 500;
        QVERIFY(d.validate().contains(key(SettingsKey::BackoffCapMs)));
        d = {};
        d.reload.debounceMs = 60001;
        QCOMPARE(d.validate().value(key(SettingsKey::ReloadDebounceMs)),
                 QStringLiteral("Reload debounce must be between 0 and 60000 ms"));
        d.reload.debounceMs = 0;
        QVERIFY(d.validate().isEmpty());

        for (const QString& arg : {QStringLiteral("--token"), QStringLiteral("--token=abc"), QStringLiteral("--port"),
                                   QStringLiteral("--PORT=1")}) {
            d = {};
            d.runtime.extraArgs = {QStringLiteral("--verbose"), arg};
            const QString message = d.validate().value(key(SettingsKey::ExtraArgs));
            QVERIFY2(message.contains(QStringLiteral("managed by ClawTray")), qPrintable(arg + ": " + message));
        }
        // Loopback only unless exposure is allowed explicitly; authentication never from here.
        const auto extraProblem = [&](const QStringList& args, bool exposure) {
            SettingsData x;
            x.runtime.extraArgs = args;
            x.runtime.allowNetworkExposure = exposure;
            return x.validate().value(key(SettingsKey::ExtraArgs));
        };
        const QString lan = extraProblem({QStringLiteral("--bind"), QStringLiteral("lan")}, false);
        QVERIFY2(lan.contains(QLatin1String("--bind lan")) && lan.contains(QLatin1String("allowNetworkExposure")),
                 qPrintable(lan));
        QVERIFY(!extraProblem({QStringLiteral("--bind=custom")}, false).isEmpty());
        QVERIFY(!extraProblem({QStringLiteral("--bind")}, false).isEmpty());
        QVERIFY(!extraProblem({QStringLiteral("--tailscale"), QStringLiteral("serve")}, false).isEmpty());
        QVERIFY(extraProblem({QStringLiteral("--bind"), QStringLiteral("loopback")}, false).isEmpty());
        QVERIFY(extraProblem({QStringLiteral("--bind=lan")}, true).isEmpty());
        QVERIFY(extraProblem({QStringLiteral("--tailscale"), QStringLiteral("serve")}, true).isEmpty());
        for (const QString& arg : {QStringLiteral("--auth=none"), QStringLiteral("--password-file"), QStringLiteral("--force"),
                                   QStringLiteral("--reset")})
            QVERIFY2(!extraProblem({arg}, true).isEmpty(), qPrintable(arg));
        d = {};
        d.runtime.stateDir = QStringLiteral("relative/dir");
        QVERIFY(d.validate().value(key(SettingsKey::StateDir)).contains(QStringLiteral("absolute")));

        // save() refuses what would not load cleanly.
        d = {};
        d.runtime.port = 0;
        QVERIFY(Settings(iniPath()).save(d).error().english().contains(QStringLiteral("Port must be between 1 and 65535")));
        QVERIFY(!QFile::exists(iniPath()));
    }

    void binaryGarbageResetsAllAndKeepsBackup()
    {
        QByteArray garbage(4096, Qt::Uninitialized);
        QRandomGenerator gen(42);
        gen.fillRange(reinterpret_cast<quint32*>(garbage.data()), garbage.size() / 4);
        garbage[10] = '\0';
        writeAll(iniPath(), garbage);

        const SettingsLoadResult r = Settings(iniPath()).load();
        QVERIFY(r.fileExisted);
        QVERIFY(r.unparseable);
        QVERIFY(r.data == SettingsData{});
        QVERIFY(anyContains(r.warnings, QStringLiteral("reset to defaults")));
        QVERIFY(!r.backupPath.isEmpty());
        QCOMPARE(readAll(r.backupPath), garbage); // the original bytes, untouched
        QCOMPARE(backups().size(), 1);

        // The file was repaired: the next start is quiet and makes no second backup.
        const SettingsLoadResult again = Settings(iniPath()).load();
        QVERIFY2(again.warnings.isEmpty(), qPrintable(again.warnings.join('\n')));
        QCOMPARE(backups().size(), 1);
    }

    void formatErrorResetsAll()
    {
        const QByteArray text = "[runtime\nport=28789\n";
        writeAll(iniPath(), text);
        const SettingsLoadResult r = Settings(iniPath()).load();
        QVERIFY(r.unparseable);
        QCOMPARE(r.data.runtime.port, 18789);
        QCOMPARE(readAll(r.backupPath), text);
    }

    void badFieldsResetOthersKept()
    {
        const QByteArray text = "[runtime]\n"
                                "port=80\n"
                                "stateDir=/srv/state\n"
                                "[liveness]\n"
                                "pingIntervalMs=abc\n"
                                "deadlineMs=60000\n"
                                "probeTimeoutMs=90000\n"
                                "[backoff]\n"
                                "jitter=maybe\n"
                                "maxAttempts=5\n"
                                "[governor]\n"
                                "budget=7\n"
                                "[reload]\n"
                                "policy=sometimes\n"
                                "debounceMs=99999\n"
                                "[future]\n"
                                "someNewSetting=1\n";
        writeAll(iniPath(), text);
        const SettingsLoadResult r = Settings(iniPath()).load();
        QVERIFY(!r.unparseable);
        // Reset: the bad ones.
        QCOMPARE(r.data.runtime.port, 18789);
        QCOMPARE(r.data.liveness.pingIntervalMs, 30000);
        QCOMPARE(r.data.liveness.probeTimeoutMs, 5000);
        QCOMPARE(r.data.backoff.jitter, false);
        QCOMPARE(toString(r.data.reload.policy), toString(ReloadMode::Hot));
        QCOMPARE(r.data.reload.debounceMs, 1200);
        // Kept: everything else the user configured.
        QCOMPARE(r.data.runtime.stateDir, QStringLiteral("/srv/state"));
        QCOMPARE(r.data.liveness.deadlineMs, 60000);
        QCOMPARE(r.data.backoff.maxAttempts, 5);
        QCOMPARE(r.data.governor.budget, 7);
        QVERIFY(r.data.validate().isEmpty());
        // The warning lists what was reset.
        for (const char* k : {SettingsKey::Port, SettingsKey::PingIntervalMs, SettingsKey::ProbeTimeoutMs,
                              SettingsKey::BackoffJitter, SettingsKey::ReloadPolicy, SettingsKey::ReloadDebounceMs}) {
            QVERIFY2(r.resetKeys.contains(key(k)), k);
            QVERIFY2(anyContains(r.warnings, key(k)), k);
        }
        QCOMPARE(r.resetKeys.size(), 6);
        bool logged = false;
        for (const LogLine& line : logging::ring().lines(20, LogLevel::Warn))
            logged = logged || (line.text.contains(QStringLiteral("runtime/port")) && line.text.contains(r.backupPath));
        QVERIFY(logged);
        // Original kept byte for byte; repaired file keeps the keys we do not know.
        QCOMPARE(readAll(r.backupPath), text);
        QSettings repaired(iniPath(), QSettings::IniFormat);
        QCOMPARE(repaired.value(QStringLiteral("runtime/port")).toInt(), 18789);
        QCOMPARE(repaired.value(QStringLiteral("governor/budget")).toInt(), 7);
        QCOMPARE(repaired.value(QStringLiteral("future/someNewSetting")).toString(), QStringLiteral("1"));
    }

    void siblingOutOfRangeResetsGroup()
    {
        // A ping interval longer than the (default) deadline: the deadline is flagged but is
        // already default, so the culprit in its group must go.
        writeAll(iniPath(), "[liveness]\npingIntervalMs=200000\n");
        const SettingsLoadResult r = Settings(iniPath()).load();
        QCOMPARE(r.data.liveness.pingIntervalMs, 30000);
        QVERIFY(r.resetKeys.contains(key(SettingsKey::PingIntervalMs)));
        QVERIFY(r.data.validate().isEmpty());
    }

    void strayLineWarnsAndKeepsValues()
    {
        writeAll(iniPath(), "[runtime]\nport=20000\nthis is not a setting\n");
        const SettingsLoadResult r = Settings(iniPath()).load();
        QCOMPARE(r.data.runtime.port, 20000);
        QVERIFY(anyContains(r.warnings, QStringLiteral("line 3")));
        QVERIFY(QFile::exists(r.backupPath));
    }

    // A choice written by hand in another case is taken, in the choice's own spelling; nothing is
    // reset and no backup is made.
    void choicesInAnyCase()
    {
        writeAll(iniPath(), "[reload]\npolicy=RESTART\n[behaviour]\nlanguage=ZH_cn\ntrayIcon=Light\n");
        const SettingsLoadResult r = Settings(iniPath()).load();
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
        QVERIFY(r.backupPath.isEmpty());
        QVERIFY(r.data.reload.policy == ReloadMode::Restart);
        QVERIFY(r.data.behaviour.language == UiLanguage::SimplifiedChinese);
        QVERIFY(r.data.behaviour.trayIcon == TrayIconStyle::Light);
    }

    void newerSchemaIsTolerated()
    {
        writeAll(iniPath(), "[meta]\nschemaVersion=99\n[runtime]\nport=20000\n");
        const SettingsLoadResult r = Settings(iniPath()).load();
        QCOMPARE(r.data.runtime.port, 20000);
        QVERIFY(anyContains(r.warnings, QStringLiteral("newer ClawTray")));
        QVERIFY(r.backupPath.isEmpty());
    }

    void changedKeys()
    {
        const SettingsData a;
        SettingsData b = a;
        QVERIFY(SettingsData::changedKeys(a, b).isEmpty());
        QVERIFY(a == b);
        b.reload.policy = ReloadMode::Off;
        b.runtime.port = 20000;
        b.runtime.extraArgs = {QStringLiteral("--verbose")};
        QCOMPARE(SettingsData::changedKeys(a, b),
                 (QStringList{key(SettingsKey::Port), key(SettingsKey::ExtraArgs), key(SettingsKey::ReloadPolicy)}));
        QVERIFY(a != b);
        // customised() differs from the defaults in every field of the schema.
        QCOMPARE(SettingsData::changedKeys(SettingsData{}, customised()).size(), qsizetype(settingsSchema().size()));
    }

    void tokenNeverWrittenToIni()
    {
        const QString token = SecretStore::generateToken();
        SettingsData d = customised();
        d.tokenStorage = TokenStorage::File;
        QVERIFY(Settings(iniPath()).save(d));
        QVERIFY(!readAll(iniPath()).contains(token.toUtf8()));

        // A token pasted into the file by hand is removed on the next save.
        {
            QSettings ini(iniPath(), QSettings::IniFormat);
            ini.setValue(QStringLiteral("gateway/token"), token);
        }
        QVERIFY(readAll(iniPath()).contains(token.toUtf8()));
        QVERIFY(Settings(iniPath()).save(d));
        const QByteArray bytes = readAll(iniPath());
        QVERIFY(!bytes.contains(token.toUtf8()));
        QVERIFY(!bytes.contains("gateway/token") && !bytes.contains("\ntoken="));
        QVERIFY(bytes.contains("tokenStorage=file"));
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settings_store.moc"
