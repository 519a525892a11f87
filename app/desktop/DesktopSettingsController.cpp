#include "DesktopSettingsController.h"

#include "logging/Logging.h"
#include "settings/AppPaths.h"
#include "settings/FileSecretBackend.h"

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

void DesktopSettingsController::setTokenProblem(const QString& problem)
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

QString DesktopSettingsController::tokenLocation() const
{
    if (m_fileStore)
        return m_fileStore->description();
    return m_context()->secrets().description();
}

bool DesktopSettingsController::usesKeychain() const
{
    return m_context()->settings().tokenStorage == TokenStorage::Keychain;
}

void DesktopSettingsController::replaceToken(const QString& token, Done done)
{
    QPointer<DesktopSettingsController> self(this);
    auto finish = [self, done](const QString& error) {
        if (self)
            Q_EMIT self->changed();
        done(error);
    };
    if (!m_fileStore) {
        m_context()->replaceToken(token, finish);
        return;
    }
    m_fileStore->write(token, [self, token, finish](const SecretResult& r) {
        if (!self || !r.ok()) {
            finish(r.ok() ? QString() : r.error);
            return;
        }
        self->m_context()->replaceToken(token, [finish](const QString& error) {
            finish(error.isEmpty() ? QString()
                                   : tr("the token was stored in the file, but the running gateway keeps "
                                                    "the old one until ClawTray restarts (%1)")
                                         .arg(error));
        });
    });
}

void DesktopSettingsController::useTokenFile(Done done)
{
    AppContext* ctx = m_context();
    SettingsData data = ctx->settings();
    data.tokenStorage = TokenStorage::File;
    logInfo(QStringLiteral("the user chose to keep the gateway token in a file (0600) instead of the keychain"));
    QPointer<DesktopSettingsController> self(this);
    if (!ctx->manager()) {
        // The token could not be loaded: nothing runs yet, so the core is simply rebuilt with the
        // file storage.
        QString error;
        const SettingsErrors errors = ctx->applySettings(data, &error);
        if (!errors.isEmpty() || !error.isEmpty()) {
            done(error.isEmpty() ? errors.first() : error);
            return;
        }
        m_reprepare(true, [self, done](const QString& e) {
            if (self)
                self->setTokenProblem(e);
            done(e);
        });
        return;
    }
    // The gateway runs with the current token: move that token to the file first (a small local
    // write, done synchronously), then record the choice.
    const SecretResult written = FileSecretBackend(AppPaths::tokenFile()).writeNow(ctx->token());
    if (!written.ok()) {
        done(written.error);
        return;
    }
    QString error;
    ctx->applySettings(data, &error);
    SecretStoreOptions options;
    options.storage = TokenStorage::File;
    m_fileStore = std::make_unique<SecretStore>(options);
    setTokenProblem(QString());
    done(error);
}

void DesktopSettingsController::retryTokenStorage(Done done)
{
    if (m_context()->manager()) {
        done(QString());
        return;
    }
    QPointer<DesktopSettingsController> self(this);
    m_reprepare(false, [self, done](const QString& e) {
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
