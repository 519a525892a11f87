#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <sys/types.h>

// Which fake-gateway processes of THIS chaos run exist right now, read from /proc. A process is
// ours when its executable is the fake gateway and its environment carries the run's marker
// (CLAWTRAY_CHAOS_RUN=<id>, handed to every gateway we or a ClawTray we launched spawn), so other
// test runs on the same machine never count. Zombies are dead and never count.
namespace chaos {

struct CensusEntry
{
    pid_t pid = 0;
    pid_t ppid = 0;
    pid_t pgid = 0;
    char state = '?';
    quint64 startTime = 0;
    bool helper = false;     // a `--fake-sleeper` helper, not a gateway
    QString leaseTag;        // CLAWTRAY_GATEWAY_LEASE of the process
    QStringList cmdline;
    QString describe() const;
};

class ProcessCensus
{
public:
    static constexpr const char* kMarkerVariable = "CLAWTRAY_CHAOS_RUN";

    ProcessCensus(const QString& fakeGatewayPath, const QByteArray& marker);

    QList<CensusEntry> scan() const;
    static QList<CensusEntry> gateways(const QList<CensusEntry>& all);
    static QString describe(const QList<CensusEntry>& entries);

private:
    QByteArray m_exe;    // canonical path of the fake gateway
    QByteArray m_needle; // CLAWTRAY_CHAOS_RUN=<marker>
};

} // namespace chaos
