#include "process/GatewayStateLock.h"

#include "process/ProcTable.h"
#include "process/ProcessHost.h"

#include <QSet>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace clawtray {

QString StateLockOwner::describe() const
{
    return QStringLiteral("pid %1 on port %2").arg(pid).arg(port);
}

namespace gatewaylock {

QString lockPath(const QString& stateDir)
{
    return QDir(stateDir).filePath(QStringLiteral("tmp/openclaw-%1/gateway.state.lock").arg(::getuid()));
}

std::optional<StateLockOwner> parse(const QByteArray& text, quint64* startTime)
{
    const qsizetype end = text.lastIndexOf('}');
    if (end < 0)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(text.left(end + 1));
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    StateLockOwner owner;
    owner.pid = qint64(o.value(QLatin1String("pid")).toDouble());
    const int port = o.value(QLatin1String("port")).toInt();
    if (owner.pid <= 1 || port <= 0 || port > 65535)
        return std::nullopt;
    owner.port = quint16(port);
    if (startTime)
        *startTime = quint64(o.value(QLatin1String("startTime")).toDouble());
    return owner;
}

std::optional<StateLockOwner> liveOwner(const QString& stateDir)
{
    if (stateDir.isEmpty())
        return std::nullopt;
    QFile f(lockPath(stateDir));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    quint64 startTime = 0;
    auto owner = parse(f.read(64 * 1024), &startTime);
    if (!owner)
        return std::nullopt;
    owner->lockPath = f.fileName();
    const auto info = proctable::read(pid_t(owner->pid));
    if (!info || info->isZombie() || info->uid != ::getuid() || !proctable::looksLikeOpenClawGateway(info->cmdline))
        return std::nullopt;
    if (startTime > 0 && info->startTime != startTime)
        return std::nullopt; // the pid was reused since the lock was written
    return owner;
}

bool letGo(qint64 pid, const QString& stateDir)
{
    if (pid <= 1 || stateDir.isEmpty())
        return false;
    QFile f(lockPath(stateDir));
    if (f.open(QIODevice::ReadOnly)) {
        const auto holder = parse(f.read(64 * 1024));
        if (holder && holder->pid == pid)
            return false;
    }
    const ProcessHost& host = ProcessHost::current();
    const auto sockets = host.tcpSockets();
    if (!sockets)
        return false;
    QSet<quint64> listening;
    for (const TcpSocketEntry& e : *sockets)
        if (e.isListening())
            listening.insert(e.inode);
    QList<pid_t> group = host.groupMembers(pid_t(pid));
    if (!group.contains(pid_t(pid)))
        group << pid_t(pid);
    for (pid_t p : group)
        for (quint64 inode : host.socketInodes(p))
            if (listening.contains(inode))
                return false;
    return true;
}

} // namespace gatewaylock
} // namespace clawtray
