// A diagnostics export never writes through something planted at its path. Before the fix a
// symlink in /tmp made ClawTray overwrite the link's target (QSaveFile resolves links in user space,
// so fs.protected_symlinks does not help), and a FIFO made the export hang.
#include "FakeGateway.h"
#include "TestSupport.h"
#include "settings/ExportFile.h"
#include "supervisor/GatewayManager.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace clawtray;

class TestSupervisorExportFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeviceIdentity m_identity = *DeviceIdentity::generate();

    QString path(const QString& name) const { return m_dir.filePath(name); }
    static bool write(const QString& p, const QByteArray& bytes)
    {
        QFile f(p);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }
    static QByteArray read(const QString& p)
    {
        QFile f(p);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    Result<qint64> exportTo(const QString& p)
    {
        ManagerConfig c;
        c.launch = testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), {});
        c.leasePath = path(QStringLiteral("lease.json"));
        GatewayManager manager(c, m_identity);
        return manager.exportDiagnostics(p);
    }

private Q_SLOTS:
    void symlinkIsRefusedAndItsTargetUntouched()
    {
        const QString victim = path(QStringLiteral("precious.txt"));
        QVERIFY(write(victim, "keep me"));
        const QString planted = path(QStringLiteral("diagnostics.json"));
        QVERIFY(QFile::link(victim, planted));
        const Result<qint64> r = exportTo(planted);
        QVERIFY(!r);
        QVERIFY2(r.error().english().contains(QLatin1String("symbolic link")), qPrintable(r.error().english()));
        QCOMPARE(read(victim), QByteArray("keep me"));
        QVERIFY(QFileInfo(planted).isSymLink());
        // A dangling link (target to be created) is refused as well.
        const QString dangling = path(QStringLiteral("dangling.json"));
        QVERIFY(QFile::link(path(QStringLiteral("would-be-created")), dangling));
        QVERIFY(!exportTo(dangling));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("would-be-created"))));
    }

    void nonRegularFilesAreRefusedWithoutHanging()
    {
        const QString fifo = path(QStringLiteral("fifo.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        Result<qint64> r = exportTo(fifo); // must return, not wait for a reader
        QVERIFY(!r);
        QVERIFY2(r.error().english().contains(QLatin1String("not a regular file")), qPrintable(r.error().english()));
        r = exportTo(QStringLiteral("/dev/null"));
        QVERIFY(!r);
        r = exportTo(m_dir.path());
        QVERIFY(!r);
    }

    void hardLinkedFileIsRefused()
    {
        const QString original = path(QStringLiteral("original.txt"));
        QVERIFY(write(original, "original"));
        const QString second = path(QStringLiteral("second-name.json"));
        QCOMPARE(::link(QFile::encodeName(original).constData(), QFile::encodeName(second).constData()), 0);
        QVERIFY(!exportTo(second));
        QCOMPARE(read(original), QByteArray("original"));
    }

    void anotherUsersFileIsRefused()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to create a file owned by another user");
        const QString theirs = path(QStringLiteral("theirs.json"));
        QVERIFY(write(theirs, "theirs"));
        QCOMPARE(::chown(QFile::encodeName(theirs).constData(), 65534, 65534), 0);
        const Result<qint64> r = exportTo(theirs);
        QVERIFY(!r);
        QVERIFY2(r.error().english().contains(QLatin1String("another user")), qPrintable(r.error().english()));
        QCOMPARE(read(theirs), QByteArray("theirs"));
    }

    void regularPathsAreWrittenAndTheByteCountIsTrue()
    {
        const QString fresh = path(QStringLiteral("fresh.json"));
        Result<qint64> r = exportTo(fresh);
        QVERIFY2(r, qPrintable(r.error().english()));
        QCOMPARE(r.value(), QFileInfo(fresh).size());
        QVERIFY(QJsonDocument::fromJson(read(fresh)).isObject());
        QCOMPARE(testsupport::fileMode(fresh), 0600);
        // Overwriting our own earlier export is fine, and leaves no temporary files behind.
        r = exportTo(fresh);
        QVERIFY2(r, qPrintable(r.error().english()));
        const QStringList left = QDir(m_dir.path()).entryList({QStringLiteral(".*.tmp")}, QDir::Files | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestSupervisorExportFile)
#include "tst_supervisor_exportfile.moc"
