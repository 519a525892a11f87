#include "process/OwnershipLease.h"

#include "process/LaunchSpec.h"
#include "process/ProcTable.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <unistd.h>

namespace clawtray {

LeaseReadResult OwnershipLease::read(const QString& path)
{
    LeaseReadResult r;
    QFile f(path);
    if (!f.exists())
        return r;
    if (!f.open(QIODevice::ReadOnly)) {
        r.warning = QStringLiteral("cannot read gateway lease %1: %2").arg(path, f.errorString());
        return r;
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(64 * 1024), &err);
    const QJsonObject o = doc.object();
    const auto num = [&o](const char* key) { return o.value(QLatin1String(key)).toVariant().toLongLong(); };
    const auto unum = [&o](const char* key) { return o.value(QLatin1String(key)).toVariant().toULongLong(); };
    if (err.error != QJsonParseError::NoError || !doc.isObject() || o.value(QLatin1String("version")).toInt() != kVersion
        || num("pid") <= 1 || unum("startTime") == 0) {
        r.warning = QStringLiteral("ignoring corrupt gateway lease %1 (nothing will be killed on its account)").arg(path);
        return r;
    }
    OwnershipLease l;
    l.instanceId = o.value(QLatin1String("instanceId")).toString();
    l.ownerPid = num("ownerPid");
    l.ownerStartTime = unum("ownerStartTime");
    l.pid = num("pid");
    l.pgid = num("pgid");
    l.startTime = unum("startTime");
    l.port = quint16(o.value(QLatin1String("port")).toInt());
    l.createdAtMs = num("createdAtMs");
    l.leaseTag = o.value(QLatin1String("leaseTag")).toString();
    l.bootId = o.value(QLatin1String("bootId")).toString();
    r.lease = l;
    return r;
}

Done OwnershipLease::write(const QString& path) const
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QJsonObject o;
    o.insert(QLatin1String("version"), kVersion);
    o.insert(QLatin1String("instanceId"), instanceId);
    o.insert(QLatin1String("ownerPid"), ownerPid);
    o.insert(QLatin1String("ownerStartTime"), QString::number(ownerStartTime));
    o.insert(QLatin1String("pid"), pid);
    o.insert(QLatin1String("pgid"), pgid);
    o.insert(QLatin1String("startTime"), QString::number(startTime));
    o.insert(QLatin1String("port"), port);
    o.insert(QLatin1String("createdAtMs"), createdAtMs);
    o.insert(QLatin1String("leaseTag"), leaseTag);
    o.insert(QLatin1String("bootId"), bootId);
    QSaveFile f(path);
    const auto failed = [&] {
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Cannot write %1: %2")).arg(path).arg(UserText::verbatim(f.errorString())));
    };
    if (!f.open(QIODevice::WriteOnly))
        return failed();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!f.commit())
        return failed();
    return {};
}

bool OwnershipLease::remove(const QString& path)
{
    return !QFile::exists(path) || QFile::remove(path);
}

bool OwnershipLease::sameBoot() const
{
    return bootId.isEmpty() || proctable::bootId().isEmpty() || bootId == proctable::bootId();
}

bool OwnershipLease::gatewayAlive() const
{
    return sameBoot() && pid > 1 && proctable::aliveWithStartTime(pid_t(pid), startTime);
}

bool OwnershipLease::ownerAlive() const
{
    return sameBoot() && ownerPid > 1 && proctable::aliveWithStartTime(pid_t(ownerPid), ownerStartTime);
}

Done OwnershipLease::gatewayVerified() const
{
    if (!sameBoot())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "the lease was written before the machine last booted")));
    if (!gatewayAlive())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "pid %1 is gone or now a different process")).arg(pid));
    const auto info = proctable::read(pid_t(pid));
    if (!info || info->uid != ::getuid())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "pid %1 belongs to another user")).arg(pid));
    if (leaseTag.isEmpty()
        || !proctable::hasEnvironment(pid_t(pid), LaunchSpec::kLeaseTagVariable, leaseTag.toUtf8()))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "pid %1 (%2) does not carry the lease's tag, so ClawTray did not start it"))
                                 .arg(pid)
                                 .arg(UserText::verbatim(info->commandLine().left(80))));
    return {};
}

OwnershipLease OwnershipLease::forChild(const QString& instanceId, qint64 pid, quint64 startTime, quint16 port,
                                        const QString& leaseTag)
{
    OwnershipLease l;
    l.instanceId = instanceId;
    l.ownerPid = ::getpid();
    if (auto me = proctable::read(::getpid()))
        l.ownerStartTime = me->startTime;
    l.pid = pid;
    l.pgid = pid;
    l.startTime = startTime;
    l.port = port;
    l.createdAtMs = QDateTime::currentMSecsSinceEpoch();
    l.leaseTag = leaseTag;
    l.bootId = proctable::bootId();
    return l;
}

} // namespace clawtray
