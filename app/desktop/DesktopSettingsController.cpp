#include "DesktopSettingsController.h"

#include "logging/Logging.h"
#include "settings/AppPaths.h"

#include <QCoreApplication>
#include <QPointer>

namespace clawtray {

DesktopSettingsController::DesktopSettingsController(ContextGetter context, Reprepare reprepare, QObject* parent)
    : SettingsController(parent)
    , m_context(std::move(context))
    , m_reprepare(std::move(reprepare))
    , m_autostart(Autostart::forCurrentPlatform(QCoreApplication::applicationFilePath()))
{}

DesktopSettingsController::~DesktopSettingsController() = default;

void DesktopSettingsController::setTokenProblem(const UserText& problem)
{
    m_tokenProblem = problem;
    Q_EMIT changed();
}

SettingsData DesktopSettingsController::settings() const
{
    return m_context()->settings();
}

SettingsErrors DesktopSettingsController::apply(const SettingsData& data, QString* error)
{
    const SettingsErrors errors = m_context()->applySettings(data, error);
    if (!errors.isEmpty() || (error && !error->isEmpty()))
        return errors;
    // Launch at login starts ClawTray as it runs now: with the command-line overrides still in
    // effect (a port saved here just replaced --port, say), rewritten whenever they changed.
    m_autostart->setArguments(m_context()->launchArguments());
    const bool enabled = m_autostart->isEnabled();
    if (data.behaviour.launchAtLogin != enabled || (enabled && !m_autostart->argumentsInEntry())) {
        const QString e = m_autostart->setEnabled(data.behaviour.launchAtLogin);
        if (!e.isEmpty() && error)
            *error = e;
    }
    Q_EMIT changed();
    return errors;
}

QString DesktopSettingsController::token() const
{
    return m_context()->token();
}

UserText DesktopSettingsController::tokenLocation() const
{
    return m_context()->secrets().description();
}

bool DesktopSettingsController::usesKeychain() const
{
    return m_context()->settings().tokenStorage != TokenStorage::File;
}

void DesktopSettingsController::replaceToken(const QString& token, Done done)
{
    QPointer<DesktopSettingsController> self(this);
    m_context()->replaceToken(token, [self, done](const UserText& error) {
        if (self)
            Q_EMIT self->changed();
        done(error);
    });
}

void DesktopSettingsController::setTokenStorage(TokenStorage storage, Done done)
{
    AppContext* ctx = m_context();
    logInfo(QStringLiteral("the user chose to keep the gateway token in: %1").arg(toString(storage)));
    // While the gateway runs, its token moves to the new place (AppContext::switchTokenStorage).
    const UserText error = ctx->switchTokenStorage(storage);
    if (!error.isEmpty() || ctx->manager()) {
        if (error.isEmpty())
            setTokenProblem(UserText());
        else
            Q_EMIT changed();
        done(error);
        return;
    }
    // The token could not be loaded, so nothing runs yet: the core is rebuilt with the new storage,
    // which first looks for the token in the old place (and never makes a new one while that is
    // locked).
    QPointer<DesktopSettingsController> self(this);
    m_reprepare(true, [self, done](const UserText& e) {
        if (self)
            self->setTokenProblem(e);
        done(e);
    });
}

void DesktopSettingsController::retryTokenStorage(Done done)
{
    if (m_context()->manager()) {
        done(UserText());
        return;
    }
    QPointer<DesktopSettingsController> self(this);
    m_reprepare(false, [self, done](const UserText& e) {
        if (self)
            self->setTokenProblem(e);
        done(e);
    });
}

bool DesktopSettingsController::launchAtLogin() const
{
    return m_autostart->isEnabled();
}

QString DesktopSettingsController::setLaunchAtLogin(bool enabled)
{
    m_autostart->setArguments(m_context()->launchArguments());
    const QString error = m_autostart->setEnabled(enabled);
    if (!error.isEmpty())
        return error;
    SettingsData data = m_context()->settings();
    if (data.behaviour.launchAtLogin != enabled) {
        data.behaviour.launchAtLogin = enabled;
        QString saveError;
        m_context()->applySettings(data, &saveError);
        if (!saveError.isEmpty())
            logWarn(QStringLiteral("launch at login: the setting could not be saved: %1").arg(saveError));
    }
    logInfo(QStringLiteral("launch at login %1 (%2)")
                .arg(enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"), m_autostart->description()));
    Q_EMIT changed();
    return QString();
}

QMap<QString, UserText> DesktopSettingsController::effectiveNotes() const
{
    return m_context()->effectiveNotes();
}

QString DesktopSettingsController::launchAtLoginDescription() const
{
    return m_autostart->description();
}

} // namespace clawtray
