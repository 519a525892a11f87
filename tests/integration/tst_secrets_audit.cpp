// Secrets audit (README.md, "Reliability"): a whole session of the real headless `clawtray` binary
// against the fake gateway, in isolated directories, then a search for the gateway token
// everywhere it must never be. The session:
//   1. start; the gateway is SIGKILLed three times and recovers each time; a user restart and a
//      diagnostics export through `clawtray ctl` (when this build has it); SIGTERM (a normal quit);
//   2. an error: a foreign process holds the port, so the next start fails (headless gives up);
//   3. start again, export diagnostics again, quit.
// Then the token (read from <config-dir>/gateway-token, token storage "file") must appear in no
// log file, no captured output, no diagnostics export or ctl output, no settings file (in fact no
// file at all except the token file), and in no command line of ClawTray or any descendant while
// it ran. The lease, the device identity, the token file and the diagnostics export are 0600, the
// data and config dirs 0700, and the control socket is user-only.
#include "TestSupport.h"

#include "process/OwnershipLease.h"
#include "process/ProcTable.h"
#include "settings/Settings.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>
#include <signal.h>
#include <sys/stat.h>

using namespace clawtray;

namespace {

constexpr int kRunningTimeoutMs = 30000;

// One run of `clawtray --headless`, its stdout and stderr (the log's stderr sink) kept in a file
// and in memory.
class Headless
{
public:
    Headless(const QString& program, const QStringList& args, const QProcessEnvironment& env, const QString& outputFile)
        : m_output(outputFile)
    {
        m_output.open(QIODevice::WriteOnly | QIODevice::Append);
        m_process.setProgram(program);
        m_process.setArguments(args);
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(&m_process, &QProcess::readyRead, [this] { drain(); });
        m_process.start(QIODevice::ReadOnly);
    }
    ~Headless()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
        drain();
    }

    void drain()
    {
        const QByteArray bytes = m_process.readAll();
        m_text += bytes;
        m_output.write(bytes);
        m_output.flush();
    }
    // How many times the manager reached "running" so far.
    int runningCount()
    {
        drain();
        static const QRegularExpression re(QStringLiteral("gateway state: \\w+ -> running"));
        return int(QString::fromUtf8(m_text).count(re));
    }
    bool waitRunning(int count, int timeoutMs = kRunningTimeoutMs)
    {
        return testsupport::waitFor([&] { return runningCount() >= count || m_process.state() == QProcess::NotRunning; }, timeoutMs)
            && runningCount() >= count;
    }
    bool finish(int sig, int timeoutMs)
    {
        if (m_process.state() != QProcess::NotRunning && sig)
            ::kill(pid_t(m_process.processId()), sig);
        const bool done = testsupport::waitFor([&] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
        drain();
        return done;
    }
    QProcess& process() { return m_process; }
    QByteArray text() { return (drain(), m_text); }

private:
    QProcess m_process;
    QFile m_output;
    QByteArray m_text;
};

struct CtlResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestSecretsAudit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_clawtray, m_config, m_data, m_state, m_xdg, m_pkg, m_node, m_outDir, m_socket;
    quint16 m_port = 0;
    QString m_token;
    bool m_haveCtl = false;
    int m_cmdlinesChecked = 0;
    QStringList m_exports; // files written by `ctl diagnostics --output`

    QString path(const QString& rel) const { return m_root.filePath(rel); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_xdg);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("home/.config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("home/.local/share")));
        env.insert(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"), m_socket);
        return env;
    }

    std::unique_ptr<Headless> launch(const QString& name)
    {
        const QStringList args{QStringLiteral("--headless"), QStringLiteral("--config-dir"), m_config, QStringLiteral("--data-dir"), m_data,
                               QStringLiteral("--state-dir"), m_state, QStringLiteral("--port"), QString::number(m_port),
                               QStringLiteral("--log-level"), QStringLiteral("debug")};
        return std::make_unique<Headless>(m_clawtray, args, environment(), QDir(m_outDir).filePath(name + QStringLiteral(".out")));
    }

    CtlResult ctl(const QStringList& args, int timeoutMs = 60000)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(m_clawtray, QStringList{QStringLiteral("ctl")} + args, QIODevice::ReadOnly);
        CtlResult r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished(3000);
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        // Whatever ctl printed is an export too: keep it for the audit.
        QFile keep(QDir(m_outDir).filePath(QStringLiteral("ctl-%1.out").arg(args.join(QLatin1Char('_')).remove(QLatin1Char('/')))));
        if (keep.open(QIODevice::WriteOnly | QIODevice::Append))
            keep.write(r.out + r.err);
        return r;
    }

    qint64 leasedGatewayPid(qint64 notPid = 0) const
    {
        const auto lease = OwnershipLease::read(QDir(m_data).filePath(QStringLiteral("gateway.lease"))).lease;
        return lease && lease->gatewayAlive() && lease->pid != notPid ? lease->pid : 0;
    }

    // Every variant of the token that would still be a leak if it showed up in a file.
    QList<QByteArray> needles() const
    {
        return {m_token.toUtf8(), QUrl::toPercentEncoding(m_token), m_token.toUtf8().toBase64()};
    }

    // Which form of the token `haystack` holds ("raw", "percent-encoded", "base64"), or empty.
    // Never the token itself: this text ends up in test logs.
    QString findToken(const QByteArray& haystack) const
    {
        static const char* const kForms[] = {"raw", "percent-encoded", "base64"};
        const QList<QByteArray> n = needles();
        for (int i = 0; i < n.size() && i < 3; ++i)
            if (n.at(i).size() >= 8 && haystack.contains(n.at(i)))
                return QString::fromLatin1(kForms[i]);
        return QString();
    }

    // The command line of ClawTray and of every descendant (and every process carrying the
    // gateway's lease tag: the detached helper left the group) must not hold the token.
    void checkCommandLines(pid_t root)
    {
        QList<pid_t> pids{root};
        pids << proctable::descendantsOf(root);
        const auto lease = OwnershipLease::read(QDir(m_data).filePath(QStringLiteral("gateway.lease"))).lease;
        if (lease && !lease->leaseTag.isEmpty())
            for (pid_t p : proctable::withEnvironment("CLAWTRAY_GATEWAY_LEASE", lease->leaseTag.toUtf8()))
                if (!pids.contains(p))
                    pids << p;
        // Positive control: the gateway does get this very token (through its environment, which
        // only the same user can read), so the searches below look for the right string.
        if (lease) {
            QFile env(QStringLiteral("/proc/%1/environ").arg(lease->pid));
            QVERIFY(env.open(QIODevice::ReadOnly));
            QVERIFY2(!findToken(env.readAll()).isEmpty(), "the gateway's environment does not hold the token from the token file");
        }
        QVERIFY2(pids.size() >= 3, qPrintable(QStringLiteral("expected ClawTray, the gateway and its helpers, found %1 process(es)").arg(pids.size())));
        for (pid_t p : pids) {
            QFile f(QStringLiteral("/proc/%1/cmdline").arg(p));
            if (!f.open(QIODevice::ReadOnly))
                continue; // gone meanwhile
            const QByteArray cmdline = f.readAll();
            ++m_cmdlinesChecked;
            const QString found = findToken(cmdline);
            QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("the token (%1) is in the command line of pid %2: %3")
                                                     .arg(found)
                                                     .arg(p)
                                                     .arg(QString::fromLocal8Bit(cmdline)
                                                              .replace(QLatin1Char('\0'), QLatin1Char(' '))
                                                              .replace(m_token, QStringLiteral("<TOKEN>")))));
        }
    }

    void checkModesWhileRunning()
    {
        QCOMPARE(testsupport::fileMode(QDir(m_data).filePath(QStringLiteral("gateway.lease"))), 0600);
        QCOMPARE(testsupport::fileMode(QDir(m_data).filePath(QStringLiteral("device-identity.pem"))), 0600);
        QCOMPARE(testsupport::fileMode(QDir(m_config).filePath(QStringLiteral("gateway-token"))), 0600);
        QCOMPARE(testsupport::fileMode(m_data), 0700);
        QCOMPARE(testsupport::fileMode(m_config), 0700);
        struct stat st{};
        if (::stat(QFile::encodeName(m_socket).constData(), &st) == 0) {
            QVERIFY2(S_ISSOCK(st.st_mode), "the control socket path is not a socket");
            QVERIFY2((st.st_mode & 077) == 0, qPrintable(QStringLiteral("control socket mode %1: group/others have access")
                                                             .arg(st.st_mode & 0777, 3, 8, QLatin1Char('0'))));
            QCOMPARE(st.st_uid, ::getuid());
        } else {
            qInfo("no control socket at %s: nothing to check", qPrintable(m_socket));
        }
    }

    void exportDiagnostics(const QString& name)
    {
        if (!m_haveCtl) {
            qInfo("`clawtray ctl` is not in this build: the audit covers the logs and outputs only");
            return;
        }
        const QString out = QDir(m_outDir).filePath(name);
        const CtlResult r = ctl({QStringLiteral("diagnostics"), QStringLiteral("--output"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(QFile::exists(out), qPrintable(out));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(f.readAll().contains("\"status\""), "the export has no status");
        QCOMPARE(testsupport::fileMode(out), 0600);
        m_exports << out;
        // The other ways diagnostics leave the process: status, logs and a pass-through RPC.
        ctl({QStringLiteral("status"), QStringLiteral("--json")});
        ctl({QStringLiteral("logs"), QStringLiteral("-n"), QStringLiteral("2000")});
        ctl({QStringLiteral("diagnostics")});
        ctl({QStringLiteral("call"), QStringLiteral("status")});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        const QString binDir = qEnvironmentVariable("CLAWTRAY_BINARY_DIR");
        m_clawtray = qEnvironmentVariable("CLAWTRAY_HEADLESS_BIN", QDir(binDir).filePath(QStringLiteral("app/clawtray")));
        if (!QFileInfo(m_clawtray).isExecutable())
            QSKIP(qPrintable(QStringLiteral("%1 is not built (build the `clawtray` target)").arg(m_clawtray)));
        QVERIFY2(QFileInfo(testsupport::fakeGatewayPath()).isExecutable(), "CLAWTRAY_FAKE_GATEWAY is not set");
        m_config = path(QStringLiteral("config"));
        m_data = path(QStringLiteral("data"));
        m_state = path(QStringLiteral("state"));
        m_xdg = path(QStringLiteral("xdg"));
        m_pkg = path(QStringLiteral("pkg"));
        m_outDir = path(QStringLiteral("out"));
        m_socket = QDir(m_xdg).filePath(QStringLiteral("clawtray.sock"));
        for (const QString& d : {m_config, m_data, m_state, m_xdg, m_pkg, m_outDir, path(QStringLiteral("home")), path(QStringLiteral("bin"))})
            QVERIFY(QDir().mkpath(d));
        QFile::setPermissions(m_xdg, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QFile mjs(QDir(m_pkg).filePath(QStringLiteral("openclaw.mjs")));
        QVERIFY(mjs.open(QIODevice::WriteOnly));
        mjs.close();
        // ClawTray asks `node --version` before it spawns; the fake does not answer that.
        m_node = path(QStringLiteral("bin/node"));
        QFile node(m_node);
        QVERIFY(node.open(QIODevice::WriteOnly));
        node.write("#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo v24.21.0; exit 0; fi\nexec '"
                   + QFile::encodeName(testsupport::fakeGatewayPath()) + "' \"$@\"\n");
        node.close();
        QVERIFY(node.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));

        m_port = testsupport::freeTcpPort();
        SettingsData s;
        s.runtime.nodePath = m_node;
        s.runtime.openclawDir = m_pkg;
        s.runtime.port = m_port;
        s.runtime.extraArgs = {QStringLiteral("--fake-grandchild"), QStringLiteral("--fake-detached-helper"),
                               QStringLiteral("--fake-startup-trace"), QStringLiteral("--fake-tick-ms"), QStringLiteral("500")};
        s.tokenStorage = TokenStorage::File;
        s.stopGraceMs = 1000;
        s.backoff.baseMs = 100;
        s.backoff.capMs = 1000;
        const Done saved = Settings(QDir(m_config).filePath(QStringLiteral("clawtray.ini"))).save(s);
        QVERIFY2(saved, qPrintable(saved.error().english()));

        QProcess help;
        help.start(m_clawtray, {QStringLiteral("ctl"), QStringLiteral("--help")}, QIODevice::ReadOnly);
        m_haveCtl = help.waitForFinished(10000) && help.exitStatus() == QProcess::NormalExit && help.exitCode() == 0;
        qInfo("clawtray ctl available: %s", m_haveCtl ? "yes" : "no");
    }

    void sessionWithRestarts()
    {
        auto app = launch(QStringLiteral("run1"));
        QVERIFY2(app->waitRunning(1), app->text().right(3000).constData());
        m_token = QString::fromUtf8([&] {
            QFile f(QDir(m_config).filePath(QStringLiteral("gateway-token")));
            return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
        }());
        QVERIFY2(m_token.size() >= 16, "no token in <config-dir>/gateway-token");
        checkModesWhileRunning();
        if (QTest::currentTestFailed())
            return;
        checkCommandLines(pid_t(app->process().processId()));
        if (QTest::currentTestFailed())
            return;

        // The gateway dies three times; each time ClawTray brings it back.
        for (int i = 0; i < 3; ++i) {
            const qint64 pid = leasedGatewayPid();
            QVERIFY(pid > 0);
            QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
            QVERIFY2(app->waitRunning(2 + i), app->text().right(3000).constData());
            QVERIFY(testsupport::waitFor([&] { return leasedGatewayPid(pid) > 0; }, 5000));
            checkCommandLines(pid_t(app->process().processId()));
            if (QTest::currentTestFailed())
                return;
        if (QTest::currentTestFailed())
            return;
        }
        if (m_haveCtl) {
            const CtlResult r = ctl({QStringLiteral("restart")});
            QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
            QVERIFY(app->waitRunning(5));
            checkCommandLines(pid_t(app->process().processId()));
            if (QTest::currentTestFailed())
                return;
        if (QTest::currentTestFailed())
            return;
        }
        exportDiagnostics(QStringLiteral("diagnostics-1.json"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(app->finish(SIGTERM, 20000), "the headless app did not quit on SIGTERM");
        QCOMPARE(app->process().exitCode(), 0);
        QVERIFY(leasedGatewayPid() == 0);
    }

    void sessionWithError()
    {
        // A foreign listener takes the port while ClawTray is not running: the start fails, and
        // headless stays up in the error state watching the port (nobody is there to press
        // Start); once the listener leaves, the gateway runs again without anyone asking.
        QProcess holder;
        holder.start(qEnvironmentVariable("CLAWTRAY_PORT_HOLDER"), {QString::number(m_port)}, QIODevice::ReadOnly);
        QVERIFY(holder.waitForReadyRead(10000));
        auto app = launch(QStringLiteral("run2-error"));
        QVERIFY2(testsupport::waitFor([&] { return app->text().contains("is not an OpenClaw gateway"); }, kRunningTimeoutMs),
                 app->text().right(3000).constData());
        QVERIFY2(testsupport::waitFor([&] { return app->text().contains("waiting for port"); }, kRunningTimeoutMs),
                 app->text().right(3000).constData());
        QCOMPARE(app->process().state(), QProcess::Running);
        QCOMPARE(holder.state(), QProcess::Running); // never touched
        holder.kill();
        holder.waitForFinished(5000);
        QVERIFY2(app->waitRunning(1), app->text().right(3000).constData());
        QVERIFY2(app->finish(SIGTERM, 20000), "the headless app did not quit on SIGTERM");
        QCOMPARE(app->process().exitCode(), 0);
    }

    void sessionAfterError()
    {
        auto app = launch(QStringLiteral("run3"));
        QVERIFY2(app->waitRunning(1), app->text().right(3000).constData());
        checkModesWhileRunning();
        if (QTest::currentTestFailed())
            return;
        checkCommandLines(pid_t(app->process().processId()));
        if (QTest::currentTestFailed())
            return;
        exportDiagnostics(QStringLiteral("diagnostics-2.json"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(app->finish(SIGTERM, 20000), "the headless app did not quit on SIGTERM");
        QCOMPARE(app->process().exitCode(), 0);
    }

    void tokenIsInNoFile()
    {
        QVERIFY(!m_token.isEmpty());
        QVERIFY2(m_cmdlinesChecked >= 10, qPrintable(QString::number(m_cmdlinesChecked)));
        const QString tokenFile = QFileInfo(QDir(m_config).filePath(QStringLiteral("gateway-token"))).canonicalFilePath();
        int files = 0, logs = 0, settings = 0;
        QStringList leaks;
        QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            if (QFileInfo(f).isSymLink())
                continue;
            if (QFileInfo(f).canonicalFilePath() == tokenFile) {
                QFile t(f);
                QVERIFY(t.open(QIODevice::ReadOnly));
                QVERIFY2(!findToken(t.readAll()).isEmpty(), "positive control failed: the token file does not match");
                continue;
            }
            QFile file(f);
            if (!file.open(QIODevice::ReadOnly))
                continue; // sockets
            ++files;
            logs += f.endsWith(QLatin1String(".log")) || f.contains(QLatin1String(".log.")) ? 1 : 0;
            settings += f.contains(QLatin1String("clawtray.ini")) ? 1 : 0;
            const QString found = findToken(file.readAll());
            if (!found.isEmpty())
                leaks << QStringLiteral("%1 (%2)").arg(QDir(m_root.path()).relativeFilePath(f), found);
        }
        qInfo("audited %d files (%d log files, %d settings files, %lld diagnostics exports), %d command lines", files, logs,
              settings, static_cast<long long>(m_exports.size()), m_cmdlinesChecked);
        QVERIFY2(leaks.isEmpty(), qPrintable(QStringLiteral("the token is in: %1").arg(leaks.join(QStringLiteral(", ")))));
        QVERIFY2(logs >= 1, "no log file was written: nothing was audited");
        QVERIFY(settings >= 1);
        if (m_haveCtl)
            QCOMPARE(m_exports.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSecretsAudit)
#include "tst_secrets_audit.moc"
