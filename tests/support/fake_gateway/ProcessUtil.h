#pragma once

// Process-level behaviour of the fake gateway: unbuffered output, the state-dir lock, helper
// processes, the output flood, crashes and hangs. Plain POSIX, no Qt event loop needed.

#include <QByteArray>
#include <QString>

#include <sys/types.h>

namespace fakegw {

// Write one line to stdout / stderr at once (no stdio buffering: a supervisor sees every line
// immediately). Like the real gateway, a write into a pipe nobody reads any more (EPIPE) ends
// the process with status 0.
void outLine(const QByteArray& line);
void errLine(const QByteArray& line);

// The exclusive lock the real gateway takes in $OPENCLAW_STATE_DIR/tmp/openclaw-<uid>/.
// Returns false (and fills *message) when another live instance holds it. The lock is an
// flock() on a file kept open for the life of the process, so a SIGKILLed holder frees it.
bool acquireStateDirLock(const QString& stateDir, QString* message);
QByteArray stateDirLockedMessage(const QString& lockPath);

// Starts `<self> --fake-sleeper` either in our process group ("grandchild") or in a new session
// and process group of its own ("detached", like the real spawn broker). Returns the pid or -1.
pid_t spawnHelper(const char* kind);
void reapHelpers(); // non-blocking waitpid on the helpers spawned above

// Writes `bytes` bytes of varied log lines to stdout and to stderr, alternating 64 KiB chunks,
// with blocking writes: a supervisor that does not drain both pipes deadlocks us.
void floodOutput(qint64 bytes);

// Dies by the given signal (SEGV, KILL, ABRT, TERM, BUS, ILL) without leaving a core file.
[[noreturn]] void dieBySignal(const QString& name);

// Blocks the calling (event-loop) thread: nothing is read or written, no pongs. ms <= 0: forever.
void blockProcess(qint64 ms);

// With $FAKE_TIMESTAMP_LOG set (bench/peers: every supervisor starts the same child), appends
// "<event> <CLOCK_MONOTONIC ns> <pid>" to that file in one write: "start" (taken at the top of
// main, `atNs`) and "listen". A driver on the same machine compares them with its own clock.
void timestampLog(const char* event, qint64 atNs = -1);
qint64 monotonicNs();

// The helper process: sleeps until killed.
int runSleeper();

} // namespace fakegw
