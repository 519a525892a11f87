#include "ProcessCensus.h"

#include "process/ProcTable.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <climits>
#include <unistd.h>

namespace chaos {
namespace {

QByteArray readAll(const QByteArray& path)
{
    QFile f(QString::fromLocal8Bit(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(1 << 20);
}

} // namespace

QString CensusEntry::describe() const
{
    return QStringLiteral("pid %1 (pgid %2, ppid %3, state %4, %5%6): %7")
        .arg(pid)
        .arg(pgid)
        .arg(ppid)
        .arg(QLatin1Char(state))
        .arg(helper ? QStringLiteral("helper") : QStringLiteral("gateway"))
        .arg(leaseTag.isEmpty() ? QString() : QStringLiteral(", tag ") + leaseTag.left(8))
        .arg(cmdline.join(QLatin1Char(' ')).left(200));
}

ProcessCensus::ProcessCensus(const QString& fakeGatewayPath, const QByteArray& marker)
    : m_exe(QFile::encodeName(QFileInfo(fakeGatewayPath).canonicalFilePath()))
    , m_needle(QByteArray(kMarkerVariable) + '=' + marker)
{
}

QList<CensusEntry> ProcessCensus::scan() const
{
    QList<CensusEntry> out;
    const uid_t me = ::getuid();
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    char buf[PATH_MAX];
    for (const QString& e : entries) {
        bool ok = false;
        const int pid = e.toInt(&ok);
        if (!ok || pid <= 0)
            continue;
        const QByteArray dir = "/proc/" + QByteArray::number(pid);
        // Cheapest test first: the executable. Other users' processes fail here (no permission).
        const ssize_t n = ::readlink((dir + "/exe").constData(), buf, sizeof buf - 1);
        if (n <= 0)
            continue;
        QByteArray exe(buf, int(n));
        if (exe.endsWith(" (deleted)"))
            exe.chop(10);
        if (exe != m_exe)
            continue;
        if (QFileInfo(QString::fromLocal8Bit(dir)).ownerId() != me)
            continue;
        const QByteArray env = readAll(dir + "/environ");
        bool marked = false;
        QString tag;
        for (const QByteArray& kv : env.split('\0')) {
            if (kv == m_needle)
                marked = true;
            else if (kv.startsWith("CLAWTRAY_GATEWAY_LEASE="))
                tag = QString::fromLatin1(kv.mid(23));
        }
        if (!marked)
            continue;
        const QByteArray stat = readAll(dir + "/stat");
        const int close = stat.lastIndexOf(')');
        if (close < 0)
            continue; // gone meanwhile
        const QList<QByteArray> f = stat.mid(close + 2).split(' ');
        if (f.size() < 20)
            continue;
        CensusEntry c;
        c.pid = pid;
        c.state = f.at(0).isEmpty() ? '?' : f.at(0).at(0);
        if (c.state == 'Z' || c.state == 'X')
            continue;
        c.ppid = f.at(1).toInt();
        c.pgid = f.at(2).toInt();
        c.startTime = f.at(19).toULongLong();
        c.leaseTag = tag;
        for (const QByteArray& part : readAll(dir + "/cmdline").split('\0'))
            if (!part.isEmpty())
                c.cmdline << QString::fromLocal8Bit(part);
        c.helper = c.cmdline.contains(QStringLiteral("--fake-sleeper"));
        // The same binary as a one-shot CLI command (restart-handoff, dashboard, doctor) is not a
        // gateway; a helper (`--fake-sleeper`) is not one either, but it is ours and must be
        // counted: a leaked helper is what the stray checks and the final reaping are for.
        if (!c.helper && !clawtray::proctable::looksLikeOpenClawGateway(c.cmdline))
            continue;
        out << c;
    }
    return out;
}

QList<CensusEntry> ProcessCensus::gateways(const QList<CensusEntry>& all)
{
    // A helper between fork and exec still shows the gateway's command line; it is a child of a
    // gateway, which a real gateway never is.
    QSet<pid_t> pids;
    for (const CensusEntry& c : all)
        pids.insert(c.pid);
    QList<CensusEntry> out;
    for (const CensusEntry& c : all)
        if (!c.helper && !pids.contains(c.ppid))
            out << c;
    return out;
}

QString ProcessCensus::describe(const QList<CensusEntry>& entries)
{
    QStringList parts;
    for (const CensusEntry& c : entries)
        parts << c.describe();
    return parts.isEmpty() ? QStringLiteral("(none)") : parts.join(QStringLiteral("; "));
}

} // namespace chaos
