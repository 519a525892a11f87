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

SettingsApplied DesktopSettingsController::apply(const SettingsData& data)
{
    if (SettingsApplied applied = m_context()->applySettings(data); !applied)
        return applied;
    // Launch at login starts ClawTray as it runs now: with the command-line overrides still in
    // effect (a port saved here just replaced --port, say), rewritten whenever they changed.
    m_autostart->setArguments(m_context()->launchArguments());
    const bool enabled = m_autostart->isEnabled();
    SettingsApplied result;
    if (data.behaviour.launchAtLogin != enabled || (enabled && !m_autostart->argumentsInEntry())) {
        // The settings are saved; only the entry could not follow them: said as what it is.
        if (const clawtray::Done entry = m_autostart->setEnabled(data.behaviour.launchAtLogin); !entry)
            result = SettingsApplied::failure(
                {{}, UserText(QT_TRANSLATE_NOOP("UserText", "The settings were saved, but launch at login could not be changed: %1"))
                         .arg(entry.error())});
    }
    Q_EMIT changed();
    return result;
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

void DesktopSettingsController::replaceToken(const QString& token, Reply done)
{
    QPointer<DesktopSettingsController> self(this);
    m_context()->replaceToken(token, [self, done](const clawtray::Done& replaced) {
        if (self)
            Q_EMIT self->changed();
        done(replaced);
    });
}

void DesktopSettingsController::setTokenStorage(TokenStorage storage, Reply done)
{
    AppContext* ctx = m_context();
    logInfo(QStringLiteral("the user chose to keep the gateway token in: %1").arg(toString(storage)));
    // While the gateway runs, its token moves to the new place (AppContext::switchTokenStorage).
    const clawtray::Done switched = ctx->switchTokenStorage(storage);
    if (!switched || ctx->manager()) {
        if (switched)
            setTokenProblem(UserText());
        else
            Q_EMIT changed();
        done(switched);
        return;
    }
    // The token could not be loaded, so nothing runs yet: the core is rebuilt with the new storage,
    // which first looks for the token in the old place (and never makes a new one while that is
    // locked).
    QPointer<DesktopSettingsController> self(this);
    m_reprepare(true, [self, done](const clawtray::Done& prepared) {
        if (self)
            self->setTokenProblem(prepared ? UserText() : prepared.error());
        done(prepared);
    });
}

void DesktopSettingsController::retryTokenStorage(Reply done)
{
    if (m_context()->manager()) {
        done({});
        return;
    }
    QPointer<DesktopSettingsController> self(this);
    m_reprepare(false, [self, done](const clawtray::Done& prepared) {
        if (self)
            self->setTokenProblem(prepared ? UserText() : prepared.error());
        done(prepared);
    });
}

bool DesktopSettingsController::launchAtLogin() const
{
    return m_autostart->isEnabled();
}

clawtray::Done DesktopSettingsController::setLaunchAtLogin(bool enabled)
{
    m_autostart->setArguments(m_context()->launchArguments());
    if (clawtray::Done entry = m_autostart->setEnabled(enabled); !entry)
        return entry;
    SettingsData data = m_context()->settings();
    if (data.behaviour.launchAtLogin != enabled) {
        data.behaviour.launchAtLogin = enabled;
        if (const SettingsApplied saved = m_context()->applySettings(data); !saved)
            logWarn(QStringLiteral("launch at login: the setting could not be saved: %1").arg(saved.error().english()));
    }
    logInfo(QStringLiteral("launch at login %1 (%2)")
                .arg(enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"), m_autostart->description()));
    Q_EMIT changed();
    return {};
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
