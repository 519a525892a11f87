#pragma once

#include "policy/StartupRecovery.h"

#include <QString>

namespace clawtray {

struct StartAttemptsConfig
{
    int maxAttempts = 3;        // start attempts per start(), the first one included
    qint64 retryDelayMs = 1000; // pause between attempts after a retryable failure
    // `openclaw doctor --fix` rewrites the user's config, so it runs by itself only when the user
    // allowed it; otherwise the UI offers it and the start fails with that suggestion.
    bool autoRunDoctor = false;
};

// The retry budget of one start(): a value created when the start begins (attempt 1 running) and
// asked after each failed attempt what to do next. Bounded by construction: at most maxAttempts
// starts, plus one after a doctor run, and the doctor runs at most once.
class StartAttempts
{
public:
    enum class Action { Retry, RunDoctor, Fail };
    struct Step
    {
        Action action = Action::Fail;
        qint64 delayMs = 0;      // Retry: wait this long before the next attempt
        UserText explanation;     // Fail: what happened, for a person
        UserText suggestedAction; // Fail: what the person can do
    };

    explicit StartAttempts(const StartAttemptsConfig& config = {});

    // RunDoctor: run `openclaw <StartupRecovery::doctorArguments()>` and report onDoctorFinished().
    Step next(const StartupRecovery::Classification& failure);
    // ok: retry at once (a new attempt, even past the budget: it is the doctor's only chance).
    Step onDoctorFinished(bool ok);

    int attempt() const { return m_attempt; } // the attempt now running or last run (1-based)
    int maxAttempts() const { return m_config.maxAttempts; }
    bool doctorRan() const { return m_doctorRan; }

private:
    Step retry(qint64 delayMs);
    static Step fail(const UserText& explanation, const UserText& action);

    StartAttemptsConfig m_config;
    int m_attempt = 1;
    bool m_doctorRan = false;
};

} // namespace clawtray
