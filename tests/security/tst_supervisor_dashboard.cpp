// "Open Control UI" goes through `openclaw dashboard --json` and takes only its one-time
// `browserUrl`: the shared token (the answer's `url`) never reaches a file, a log, a reply or a
// command line; a link that carries a token, points elsewhere or lacks the bootstrap is refused;
// the browser gets a 0600 launcher file in a private directory, so the bootstrap is on no argv
// (the old code opened http://127.0.0.1:<port>/ and left the browser unpaired). The CLI here is a
// fake `node` script; tst_supervisor_firstcontact opens the real link in a real browser.
#include "TestSupport.h"
#include "logging/Redactor.h"
#include "supervisor/DashboardLink.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace clawtray;

namespace {

const QString kShared = QStringLiteral("shared-token-0123456789abcdef0123");
const QString kBootstrap = QStringLiteral("bootstrap-XYZ0123456789abcdefghij");

} // namespace

class TestSupervisorDashboard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    QString launcherDir() const { return m_dir.filePath(QStringLiteral("run/clawtray-dashboard")); }

    // A fake `node`: records its environment and arguments, prints `answer`, exits with `code`.
    GatewayLaunchOptions fakeCli(const QString& answer, int code = 0)
    {
        const QString script = m_dir.filePath(QStringLiteral("node-%1").arg(++m_n));
        // (the answer holds %-escapes: no QString::arg after it is inserted)
        testsupport::writeExecutable(
            script, QStringLiteral("#!/bin/sh\nenv > '%1.env'\necho \"$@\" > '%1.args'\necho 'a warning first'\ncat <<'EOF'\n")
                            .arg(script)
                            .toUtf8()
                        + answer.toUtf8() + "\nEOF\nexit " + QByteArray::number(code) + "\n");
        GatewayLaunchOptions o;
        o.nodePath = script;
        o.openclawDir = m_dir.path();
        o.port = 28111;
        o.token = kShared;
        o.stateDir = m_dir.filePath(QStringLiteral("state"));
        return o;
    }

    QString answer(const QString& browserUrl) const
    {
        return QStringLiteral(R"({"ok":true,"url":"http://127.0.0.1:28111/#token=%1","httpUrl":"http://127.0.0.1:28111/",)"
                              R"("browserUrl":"%2","browserBootstrapExpiresAtMs":1796239713783,"tokenIncluded":true})")
            .arg(kShared, browserUrl);
    }

    QString goodUrl() const
    {
        return QStringLiteral("http://127.0.0.1:28111/#bootstrapToken=%1&bootstrapProfile=owner&gatewayUrl=ws%3A%2F%2F127.0.0.1%3A28111")
            .arg(kBootstrap);
    }

    // One request through `opener` (a fresh one by default: its destruction removes the launcher).
    DashboardLink request(const GatewayLaunchOptions& o, DashboardOpener* opener = nullptr)
    {
        DashboardOpener own;
        DashboardOpener& use = opener ? *opener : own;
        DashboardLink out;
        bool done = false;
        use.request(o, launcherDir(), 20000, [&](const DashboardLink& l) {
            out = l;
            done = true;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 20000); }();
        if (out.ok) {
            QFile f(out.launcherPath);
            f.open(QIODevice::ReadOnly);
            m_lastLauncher = QString::fromUtf8(f.readAll());
        }
        return out;
    }
    QString m_lastLauncher;

private Q_SLOTS:
    void initTestCase() { QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("run")))); }

    void theOneTimeLinkIsUsedAndTheTokenIsNot()
    {
        const GatewayLaunchOptions o = fakeCli(answer(goodUrl()));
        const DashboardLink l = request(o);
        QVERIFY2(l.ok, qPrintable(l.error));
        QVERIFY(m_lastLauncher.contains(kBootstrap));
        QVERIFY(!m_lastLauncher.contains(kShared));
        QVERIFY(l.launcherPath.startsWith(launcherDir()));
        QVERIFY(!l.launcherPath.contains(kBootstrap));
        const QByteArray reply = QJsonDocument(l.toJson()).toJson();
        QVERIFY(!reply.contains(kBootstrap.toUtf8()) && !reply.contains(kShared.toUtf8()));
        QCOMPARE(l.httpUrl, QStringLiteral("http://127.0.0.1:28111/"));
        QCOMPARE(l.expiresAtMs, qint64(1796239713783));
        // The bootstrap is a secret from now on: the log shows it masked.
        QVERIFY(!Redactor::instance().redact(goodUrl()).contains(kBootstrap));
        // The CLI ran against the gateway's state with the supervisor contract and the port.
        QFile env(o.nodePath + QStringLiteral(".env"));
        QVERIFY(env.open(QIODevice::ReadOnly));
        const QByteArray e = env.readAll();
        QVERIFY(e.contains("OPENCLAW_SUPERVISOR_MODE=external\n"));
        QVERIFY(e.contains("OPENCLAW_SERVICE_REPAIR_POLICY=external\n"));
        QVERIFY(e.contains("OPENCLAW_GATEWAY_PORT=28111\n"));
        QVERIFY(e.contains("OPENCLAW_STATE_DIR=" + QFile::encodeName(o.stateDir) + '\n'));
        QVERIFY(!e.contains("CLAWTRAY_GATEWAY_LEASE"));
        QFile args(o.nodePath + QStringLiteral(".args"));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QVERIFY(args.readAll().endsWith("openclaw.mjs dashboard --json\n"));
    }

    void theLauncherIsPrivate()
    {
        DashboardOpener opener;
        const DashboardLink first = request(fakeCli(answer(goodUrl())), &opener);
        QVERIFY(first.ok);
        const QString path = first.launcherPath;
        struct stat st{};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        QCOMPARE(::stat(QFile::encodeName(launcherDir()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0700));
        // A second link replaces the first file; destroying the opener removes the last one.
        const DashboardLink second = request(fakeCli(answer(goodUrl())), &opener);
        QVERIFY(!QFile::exists(path));
        QVERIFY(QFile::exists(second.launcherPath));
    }

    void unsafeLinksAreRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("shared token in the fragment") << QStringLiteral("http://127.0.0.1:28111/#token=%1").arg(kShared);
        QTest::newRow("token beside the bootstrap")
            << QStringLiteral("http://127.0.0.1:28111/#bootstrapToken=%1&token=x").arg(kBootstrap);
        QTest::newRow("shared token anywhere")
            << QStringLiteral("http://127.0.0.1:28111/?x=%1#bootstrapToken=%2").arg(kShared, kBootstrap);
        QTest::newRow("another host") << QStringLiteral("http://evil.example:28111/#bootstrapToken=%1").arg(kBootstrap);
        QTest::newRow("another port") << QStringLiteral("http://127.0.0.1:28112/#bootstrapToken=%1").arg(kBootstrap);
        QTest::newRow("not http") << QStringLiteral("javascript:alert(1)//#bootstrapToken=%1").arg(kBootstrap);
        QTest::newRow("no bootstrap") << QStringLiteral("http://127.0.0.1:28111/");
        QTest::newRow("missing") << QString();
    }

    void unsafeLinksAreRefused()
    {
        QFETCH(QString, url);
        const DashboardLink l = request(fakeCli(answer(url)));
        QVERIFY(!l.ok);
        QVERIFY(!l.error.isEmpty() && !l.action.isEmpty());
        QCOMPARE(l.error, DashboardOpener::checkBrowserUrl(url, 28111, kShared)); // refused for the link itself
        QVERIFY(!l.error.contains(kShared) && !l.action.contains(kShared));
        QVERIFY(l.launcherPath.isEmpty());
    }

    void aFailingCliSaysWhy()
    {
        const DashboardLink l = request(fakeCli(QStringLiteral(R"({"ok":false,"reason":"gateway not reachable"})"), 1));
        QVERIFY(!l.ok);
        QVERIFY2(l.error.contains(QStringLiteral("gateway not reachable")), qPrintable(l.error));
        const DashboardLink crashed = request(fakeCli(QStringLiteral("not json"), 3));
        QVERIFY(!crashed.ok);
        QVERIFY2(crashed.error.contains(QStringLiteral("exit code 3")), qPrintable(crashed.error));
    }

    void theLauncherEscapesTheLink()
    {
        QDir().mkpath(m_dir.filePath(QStringLiteral("esc")));
        const Result<QString> path = DashboardOpener::writeLauncher(m_dir.filePath(QStringLiteral("esc")),
                                                                    QStringLiteral("http://127.0.0.1:1/#bootstrapToken=a\"</script><script>x()"));
        QVERIFY2(path, qPrintable(path.error().english()));
        QFile f(path.value());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray page = f.readAll();
        QCOMPARE(page.count("<script>"), 1);
        QVERIFY(!page.contains("\"</script>"));
    }

    void aLauncherDirectoryOfAnotherUserIsRefused()
    {
        if (::getuid() != 0)
            QSKIP("needs root to give a directory to another user");
        const QString dir = m_dir.filePath(QStringLiteral("planted"));
        QDir().mkpath(dir);
        QCOMPARE(::chown(QFile::encodeName(dir).constData(), 65534, 65534), 0);
        const Result<QString> planted = DashboardOpener::writeLauncher(dir, goodUrl());
        QVERIFY(!planted);
        QVERIFY2(planted.error().english().contains(QStringLiteral("another user")), qPrintable(planted.error().english()));
        const QString link = m_dir.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("esc")), link) || QFileInfo(link).isSymLink());
        const Result<QString> linked = DashboardOpener::writeLauncher(link, goodUrl());
        QVERIFY(!linked);
        QVERIFY2(linked.error().english().contains(QStringLiteral("not a directory")), qPrintable(linked.error().english()));
    }
};

QTEST_GUILESS_MAIN(TestSupervisorDashboard)
#include "tst_supervisor_dashboard.moc"
