#include "policy/StartAttempts.h"

#include <algorithm>

namespace clawtray {

StartAttempts::StartAttempts(const StartAttemptsConfig& config)
    : m_config(config)
{
    m_config.maxAttempts = std::max(1, m_config.maxAttempts);
    m_config.retryDelayMs = std::max<qint64>(0, m_config.retryDelayMs);
}

StartAttempts::Step StartAttempts::next(const StartupRecovery::Classification& failure)
{
    using Kind = StartupRecovery::Kind;
    if (failure.retryable()) {
        if (m_attempt < m_config.maxAttempts) {
            return retry(m_config.retryDelayMs);
        }
        return fail(failure.explanation.then(
                        UserText(QT_TRANSLATE_NOOP("UserText", "Gave up after %1 start attempts.")).arg(m_attempt)),
                    failure.suggestedAction);
    }
    if (failure.kind == Kind::InvalidConfig) {
        if (m_doctorRan) {
            // Same error after the repair: running it again would only repeat the loop.
            return fail(failure.explanation.then(
                            UserText(QT_TRANSLATE_NOOP("UserText", "It is still invalid after doctor --fix."))),
                        UserText(QT_TRANSLATE_NOOP("UserText", "Fix the configuration by hand (see the gateway log)")));
        }
        if (m_config.autoRunDoctor) {
            m_doctorRan = true;
            return {Action::RunDoctor, 0, UserText(), UserText()};
        }
    }
    // Never retried: the same start would fail the same way.
    return fail(failure.explanation, failure.suggestedAction);
}

StartAttempts::Step StartAttempts::onDoctorFinished(bool ok)
{
    if (!ok) {
        return fail(UserText(QT_TRANSLATE_NOOP("UserText", "The gateway rejected its configuration and doctor --fix "
                                                           "could not repair it.")),
                    UserText(QT_TRANSLATE_NOOP("UserText", "Fix the configuration by hand (see the gateway log)")));
    }
    return retry(0);
}

StartAttempts::Step StartAttempts::retry(qint64 delayMs)
{
    ++m_attempt;
    return {Action::Retry, delayMs, UserText(), UserText()};
}

StartAttempts::Step StartAttempts::fail(const UserText& explanation, const UserText& action)
{
    return {Action::Fail, 0, explanation, action};
}

} // namespace clawtray
