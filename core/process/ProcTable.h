#pragma once

#include "process/ProcessHost.h"

namespace clawtray {

// The process table as the process layer asks it: each function is ProcessHost::current()'s
// answer, plus helpers built on it (ancestors, descendants, a start-time match, what counts as a
// gateway's command line) that are the same on every system.
namespace proctable {

std::optional<ProcInfo> read(pid_t pid);
QList<pid_t> allPids();
bool alive(pid_t pid);                        // exists and is not a zombie
// Gone, a zombie, or already inside the kernel's exit path: a process whose sockets are being
// closed because it is dying, not because it chose to.
bool exiting(pid_t pid);
bool aliveWithStartTime(pid_t pid, quint64 startTime);
// When a process started, in epoch ms; 0 unknown.
qint64 startedAtEpochMs(pid_t pid);
QList<pid_t> groupMembers(pid_t pgid);        // live (non-zombie) members
QList<pid_t> ancestorsOf(pid_t pid, int maxDepth = 64); // parent, grandparent, ... (excluding pid)
QList<pid_t> descendantsOf(pid_t pid);        // children, grandchildren, ... (live)
// Live processes of the current user whose environment contains NAME=VALUE exactly. Used to find
// helpers that left the gateway's process group (the real gateway's spawn broker calls setsid).
QList<pid_t> withEnvironment(const QByteArray& name, const QByteArray& value);
// The same test for one process (false when it is gone or not this user's).
bool hasEnvironment(pid_t pid, const QByteArray& name, const QByteArray& value);
// The kernel's id of this boot; empty when unknown. Start times
// are counted from boot, so a pid and start time recorded in another boot mean nothing now.
QString bootId();

// Inodes of the sockets a process holds open; empty when
// the process is gone or its fds are not visible to us.
QList<quint64> socketInodes(pid_t pid);
// The first live process holding a socket with this inode, or 0 (not found / not visible).
pid_t holderOfSocket(quint64 inode);

// True when a command line is an OpenClaw gateway: the process title `openclaw-gateway`, or
// `... openclaw.mjs gateway [run] ...` (as launched, before the title is set) — not a CLI command
// such as `openclaw gateway status`.
bool looksLikeOpenClawGateway(const QStringList& cmdline);

} // namespace proctable
} // namespace clawtray
