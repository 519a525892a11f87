// The /proc scans that decide which processes are ours and whether a gateway is dying.
#include "process/ProcTable.h"

#include <QProcess>
#include <QTest>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace clawtray;

namespace {

// A `sleep` child with extra environment entries; the caller kills it.
QProcess* sleeper(const QStringList& env, QObject* parent)
{
    auto* p = new QProcess(parent);
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : env)
        e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    p->setProcessEnvironment(e);
    p->start(QStringLiteral("sleep"), {QStringLiteral("60")});
    return p;
}

} // namespace

class TestProcessProcTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Only an exact NAME=VALUE entry counts, wherever it sits in the environment block (the
    // environment is sorted by name here, so the names put the tag first, in the middle and last).
    void findsTagAsWholeEntryAnywhere()
    {
        const QByteArray tag = "c0ffee-tag";
        QList<QProcess*> mine{sleeper({QStringLiteral("AAAA_CT_TAG=c0ffee-tag")}, this),
                              sleeper({QStringLiteral("MM_CT_TAG=c0ffee-tag")}, this),
                              sleeper({QStringLiteral("zzzz_CT_TAG=c0ffee-tag")}, this)};
        QList<QProcess*> others{sleeper({QStringLiteral("MM_CT_TAG=c0ffee-tag-2")}, this),
                                sleeper({QStringLiteral("XMM_CT_TAG=c0ffee-tag")}, this),
                                sleeper({QStringLiteral("MM_CT_TAGX=c0ffee-tag")}, this),
                                sleeper({QStringLiteral("MM_CT_TAG=x-c0ffee-tag")}, this)};
        for (QProcess* p : mine + others)
            QVERIFY(p->waitForStarted());
        const QByteArray names[] = {"AAAA_CT_TAG", "MM_CT_TAG", "zzzz_CT_TAG"};
        for (int i = 0; i < 3; ++i) {
            const QList<pid_t> found = proctable::withEnvironment(names[i], tag);
            QCOMPARE(found, QList<pid_t>{pid_t(mine.at(i)->processId())});
        }
        for (QProcess* p : mine + others) {
            p->kill();
            p->waitForFinished();
        }
        QVERIFY(proctable::withEnvironment("MM_CT_TAG", tag).isEmpty());
    }

    void exitingCoversGoneZombieAndNotSelf()
    {
        QVERIFY(!proctable::exiting(::getpid()));
        QVERIFY(proctable::alive(::getpid()));
        const pid_t child = ::fork();
        if (child == 0)
            ::_exit(0);
        QVERIFY(child > 0);
        // Not reaped yet: a zombie until waitpid below. Wait for the state change, not a time.
        QTRY_VERIFY(proctable::read(child) && proctable::read(child)->isZombie());
        QVERIFY(proctable::exiting(child));
        QVERIFY(!proctable::alive(child));
        QCOMPARE(::waitpid(child, nullptr, 0), child);
        QVERIFY(proctable::exiting(child));
        QVERIFY(!proctable::alive(child));
    }

    void groupMembersOfLiveAndEmptyGroups()
    {
        QProcess p;
        p.setChildProcessModifier([] { ::setpgid(0, 0); });
        p.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(p.waitForStarted());
        const pid_t pid = pid_t(p.processId());
        QTRY_COMPARE(proctable::groupMembers(pid), QList<pid_t>{pid});
        p.kill();
        p.waitForFinished();
        QVERIFY(proctable::groupMembers(pid).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProcessProcTable)
#include "tst_process_proctable.moc"
