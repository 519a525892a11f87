#pragma once

#include "policy/UserText.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace clawtray {

// How a gateway process ended, as the supervisor needs to know it.
struct ExitInfo
{
    enum class Kind {
        CleanStop,        // we asked it to stop and it exited by itself within the grace period
        KilledAfterGrace, // we asked it to stop, it did not exit in time, SIGKILL ended it
        Killed,           // we killed it at once (it did not answer: no grace for a hung gateway)
        Exited,           // it exited by itself (any code; 0 is still unexpected if we did not ask)
        Crashed,          // it died from a signal we did not send
        FailedToStart,    // the program could not be executed at all
        LetGo,            // we asked it to stop for a successor; it released its ports and OpenClaw's
                          // state lock and is still finishing its exit (GatewayProcess::stopForSuccessor)
    };

    Kind kind = Kind::Exited;
    bool killedByUs() const { return kind == Kind::KilledAfterGrace || kind == Kind::Killed; }
    int exitCode = -1;        // valid for Exited / CleanStop
    int signal = 0;           // valid for Crashed / KilledAfterGrace / Killed
    bool stopRequested = false;
    qint64 pid = 0;
    qint64 runMs = 0;         // spawn → exit
    qint64 stopMs = -1;       // stop request → every process of the group gone; -1 if not requested
    int leftoversKilled = 0;  // helper processes that outlived the gateway and had to be reaped
    QString error;            // FailedToStart: why
    QStringList lastLines;    // the gateway's last output lines (ANSI stripped)

    bool unexpected() const { return !stopRequested; }
    static QString kindName(Kind k);
    QString describe() const; // one line for logs: describeText().english()
    UserText describeText() const; // "exited unexpectedly with code 1 after 2.3 s"
};

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::ExitInfo)
