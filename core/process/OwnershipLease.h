#pragma once

#include "policy/Result.h"

#include <QString>

#include <optional>

namespace clawtray {

struct LeaseReadResult;

// Proof that a gateway process is ours: written when ClawTray spawns a gateway, removed when it
// is gone. If ClawTray is killed, the next ClawTray finds the lease and reaps the survivor — but
// only if its pid still carries the recorded start time, so a reused pid is never taken for ours.
struct OwnershipLease
{
    static constexpr int kVersion = 1;

    QString instanceId;       // the ClawTray run that spawned the gateway
    qint64 ownerPid = 0;      // that ClawTray's pid ...
    quint64 ownerStartTime = 0; // ... and its start time
    qint64 pid = 0;           // the gateway (also its process-group id)
    qint64 pgid = 0;
    quint64 startTime = 0;    // ProcInfo::startTime (the kernel's, in ticks since boot)
    quint16 port = 0;
    qint64 createdAtMs = 0;
    QString leaseTag;         // value of CLAWTRAY_GATEWAY_LEASE in every descendant's environment
    QString bootId;           // the kernel's boot_id when written; pids and start times mean nothing in another boot

    static LeaseReadResult read(const QString& path);
    Done write(const QString& path) const; // atomic, 0600
    static bool remove(const QString& path);

    bool sameBoot() const;        // written in this boot (a lease without a boot id counts as this boot's)
    bool gatewayAlive() const;    // pid alive with the recorded start time, in this boot
    bool ownerAlive() const;      // the ClawTray that wrote it is still running
    // Alive, this user's, and carrying the lease tag in its environment: only then may anything be
    // signalled on the lease's account. A file that names an unrelated process (forged, or left
    // behind and its pid reused with a matching start time) never gets that process killed.
    Done gatewayVerified() const; // a failure says why not

    // A fresh lease for a gateway we just started.
    static OwnershipLease forChild(const QString& instanceId, qint64 pid, quint64 startTime, quint16 port,
                                   const QString& leaseTag);
};

struct LeaseReadResult
{
    std::optional<OwnershipLease> lease;
    QString warning; // set when a file existed but could not be used
};

} // namespace clawtray
