// `clawtray ctl` talks only to a ClawTray of its own user. Another user who pre-creates the
// fallback runtime directory (XDG_RUNTIME_DIR unset: $TMPDIR/clawtray-<uid>) or serves a socket
// that ends up at our path must get nothing: no request, no `call` arguments. Before the fix ctl
// connected and sent its request to whoever listened there, and printed the impostor's answer.
// Needs root (the impostor runs as uid 65534 through setpriv) and /usr/bin/python3.
#include "OtherUser.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr uid_t kNobody = 65534;

// impostor_control_server.py SOCKET LOG, as uid 65534.
class Impostor
{
public:
    Impostor(const QString& dir, const QString& socket)
        : m_script(dir, QStringLiteral("impostor_control_server.py"), QStringLiteral("impostor.log"))
    {
        m_script.start({socket, m_script.logPath()});
    }
    bool waitListening() { return m_script.waitListening(); }
    QByteArray log() const { return m_script.log(); }

private:
    testsupport::OtherUserScript m_script;
};

} // namespace

class TestControlImpostor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_clawtray;
    QString m_tools; // where the impostor's script copy and log live (readable/writable by nobody)

    QString mkdir(const QString& rel, uid_t owner, mode_t mode)
    {
        const QString dir = m_root.filePath(rel);
        QDir().mkpath(dir);
        ::chown(QFile::encodeName(dir).constData(), owner, owner);
        ::chmod(QFile::encodeName(dir).constData(), mode);
        return dir;
    }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run ctl(const QStringList& args, const QProcessEnvironment& env)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(m_clawtray, QStringList{QStringLiteral("ctl")} + args);
        Run r;
        if (!p.waitForFinished(20000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString why;
        if (!testsupport::OtherUserScript::available(&why))
            QSKIP(qPrintable(why));
        m_clawtray = QDir(qEnvironmentVariable("CLAWTRAY_BINARY_DIR")).filePath(QStringLiteral("app/clawtray"));
        QVERIFY2(QFileInfo(m_clawtray).isExecutable(), qPrintable(m_clawtray));
        QVERIFY(m_root.isValid());
        ::chmod(QFile::encodeName(m_root.path()).constData(), 0755); // nobody must reach its own dirs
        m_tools = mkdir(QStringLiteral("tools"), 0, 0755);
    }

    // XDG_RUNTIME_DIR unset: ctl falls back to $TMPDIR/clawtray-<uid>, which another user created
    // first and serves a socket in.
    void refusesTheFallbackDirectoryOfAnotherUser()
    {
        const QString tmp = mkdir(QStringLiteral("tmp"), 0, 01777);
        const QString planted = mkdir(QStringLiteral("tmp/clawtray-%1").arg(::getuid()), kNobody, 0755);
        Impostor impostor(m_tools, QDir(planted).filePath(QStringLiteral("clawtray.sock")));
        QVERIFY(impostor.waitListening());

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        env.remove(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"));
        env.insert(QStringLiteral("TMPDIR"), tmp);
        const Run r = ctl({QStringLiteral("call"), QStringLiteral("config.get")}, env);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("Refusing to talk")) && r.err.contains(QLatin1String("uid 65534")),
                 qPrintable(r.err));
        QVERIFY2(!r.out.contains(QLatin1String("impostor")), qPrintable(r.out));
        QCOMPARE(impostor.log(), QByteArray()); // not even a connection
    }

    // The socket file and its directory are ours, but the process that accepts is not (a socket
    // bound by another user and moved into place): the peer credentials give it away.
    void refusesAServerOfAnotherUid()
    {
        const QString shared = mkdir(QStringLiteral("shared"), kNobody, 0755);
        const QString mine = mkdir(QStringLiteral("mine"), 0, 0700);
        const QString bound = QDir(shared).filePath(QStringLiteral("s.sock"));
        Impostor impostor(QDir(m_tools).filePath(QStringLiteral("second")), bound);
        QVERIFY(impostor.waitListening());
        const QString socket = QDir(mine).filePath(QStringLiteral("clawtray.sock"));
        QVERIFY(::rename(QFile::encodeName(bound).constData(), QFile::encodeName(socket).constData()) == 0);
        QVERIFY(::chown(QFile::encodeName(socket).constData(), 0, 0) == 0);

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"), socket);
        const Run r = ctl({QStringLiteral("status")}, env);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("runs as uid 65534")), qPrintable(r.err));
        QVERIFY2(!r.out.contains(QLatin1String("impostor")), qPrintable(r.out));
        QTRY_VERIFY(impostor.log().contains("connected")); // it reached the impostor ...
        QVERIFY2(!impostor.log().contains("data"), impostor.log().constData()); // ... and said nothing
    }
};

QTEST_GUILESS_MAIN(TestControlImpostor)
#include "tst_control_impostor.moc"
