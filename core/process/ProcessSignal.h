#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

#include <sys/types.h>

namespace clawtray {

// Signals a process only after proving it is the one we mean, and delivers the signal through a
// handle on that very process (a pidfd), so a pid that was reused between the check and the
// signal can never receive it. What "the one we mean" is comes from the caller: always a process
// of this user, plus any of a recorded start time, the lease tag in its environment, or a process
// group. (Kernels before 5.3 have no pidfds: there the check and the signal are two steps.)
namespace procsignal {

struct Identity
{
    quint64 startTime = 0;  // ProcInfo::startTime; 0 = not checked
    QByteArray leaseTag;    // CLAWTRAY_GATEWAY_LEASE=<tag> must be in its environment; empty = not checked
    pid_t pgid = 0;         // must still lead or belong to this group; 0 = not checked
};

enum class Outcome { Sent, Gone, NotOurs, Failed };

struct Result
{
    Outcome outcome = Outcome::Failed;
    QString why; // for NotOurs / Failed: what did not match

    bool sent() const { return outcome == Outcome::Sent; }
};

// Opens a handle on `pid`, verifies it against `expect`, then signals through the handle.
Result send(pid_t pid, int sig, const Identity& expect);

// Every live process of this user carrying the lease tag (minus `skip`), each verified and
// signalled on its own. Returns how many were signalled.
int sendToTagged(const QByteArray& leaseTag, int sig, const QSet<pid_t>& skip = {});

// The members of group `pgid`, each verified (this user, still in that group, and carrying the
// lease tag when one is given) and signalled on its own: safe when the group's leader is gone and
// the number could name somebody else's group. Returns how many were signalled.
int sendToGroup(pid_t pgid, int sig, const QByteArray& leaseTag = {}, const QSet<pid_t>& skip = {});

// The group led by our own child `leader`. While the child is not reaped (`leaderUnreaped`) its
// group number cannot have been reused, and one group signal reaches exactly what it started.
// Once reaped, the number may name somebody else's group by now: the members are verified one by
// one (sendToGroup), and if a process with the leader's pid exists again without our lease tag,
// the group is not ours and only tagged members count.
void sendToChildGroup(pid_t leader, bool leaderUnreaped, int sig, const QByteArray& leaseTag = {});

} // namespace procsignal
} // namespace clawtray
