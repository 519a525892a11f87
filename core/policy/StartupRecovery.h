#pragma once

#include "policy/UserText.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace clawtray {

// What is known about a start attempt that failed.
struct StartupFailure
{
    std::optional<int> exitCode; // the child exited with this code
    std::optional<int> signal;   // the child was killed by this signal
    QStringList stderrLines;     // the last lines of the child's stderr (raw: ANSI is stripped here)
    QString errorText;           // the supervisor's own error, e.g. "exited before becoming ready (code=1)"
};

// Classifies a failed start so the supervisor retries only what a retry can fix, and tells the
// user what to do about the rest. Matching is case-insensitive on ANSI-stripped text.
class StartupRecovery
{
public:
    enum class Kind {
        Transient,                 // timing: retry within the start-attempt budget
        PortInUse,                 // retried too: the next attempt re-runs the port cleanup
        InvalidConfig,             // `openclaw doctor --fix` may repair it
        OtherInstanceOwnsStateDir, // exit 78 + lock/state-dir text
        NodeTooOld,
        MigrationLock, // another gateway is running its startup migration
        Fatal,         // anything else: never retried
    };
    struct Classification
    {
        Kind kind = Kind::Fatal;
        UserText explanation;     // what happened, for a person
        UserText suggestedAction; // what to do about it, for a person
        // The pattern that decided it (one of ours, never raw stderr: that may hold a token).
        QString matchedPattern;
        // For an invalid config, the gateway's own line saying why (raw stderr: whoever shows it
        // redacts it first).
        QString gatewayReason;
        bool retryable() const { return kind == Kind::Transient || kind == Kind::PortInUse; }
    };

    static Classification classify(const StartupFailure& failure);
    static QString kindName(Kind kind);
    // `openclaw doctor --fix --yes --non-interactive`, the arguments after the openclaw entry point.
    static QStringList doctorArguments();
};

} // namespace clawtray
