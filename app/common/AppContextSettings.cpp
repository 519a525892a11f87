// AppContext, part two: saving settings and where the token is kept — a save through the
// Settings dialog or a hand-edited clawtray.ini (`ctl reload`), moving the token between the
// keychain and the file, and a new token. The rest of AppContext is in AppContext.cpp.
#include "AppContext.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/AppPaths.h"
#include "settings/AutoSecretBackend.h"
#include "settings/RuntimeLocator.h"
#include "supervisor/ConfigMapping.h"

#include <QFile>
#include <QJsonArray>

namespace clawtray {

QString AppContext::ownTokenSource() const
{
    return QStringLiteral("ClawTray's own token (%1)").arg(m_secrets->description().english());
}


SettingsApplied AppContext::applySettings(const SettingsData& data)
{
    if (SettingsErrors errors = data.validate(); !errors.isEmpty())
        return SettingsApplied::failure({errors, {}});
    // A changed runtime is checked before anything is saved: a path that is wrong, or a Node that
    // is too old, is refused with the reason, and the gateway keeps running on what it has.
    const bool runtimeChanged = data.runtime.nodePath != m_settings.runtime.nodePath
                                || data.runtime.openclawDir != m_settings.runtime.openclawDir;
    RuntimeCheck runtime;
    if (runtimeChanged) {
        runtime = RuntimeLocator(AppPaths::runtimeDir()).resolve(data.runtime.nodePath, data.runtime.openclawDir);
        if (!runtime.ok) {
            // The package is looked at only once Node passed: that tells whose fault it is.
            return SettingsApplied::failure(
                {{{QLatin1String(runtime.info.openclawDir.isEmpty() ? SettingsKey::NodePath : SettingsKey::OpenClawDir), runtime.error}}, {}});
        }
    }
    std::unique_ptr<SecretStore> nextStore;
    if (data.tokenStorage != m_settings.tokenStorage) {
        // Move the token the gateway runs with into the new storage first: otherwise the next start
        // would find nothing there and generate a token nobody else knows.
        auto moved = storeHoldingToken(data.tokenStorage);
        if (!moved)
            return SettingsApplied::failure({{}, moved.error()});
        nextStore = moved.take();
    }
    if (const Done saved = m_store->save(data); !saved) // the old store still holds the token: nothing was removed
        return SettingsApplied::failure({{}, UserText(QT_TRANSLATE_NOOP("UserText", "The settings could not be saved: %1")).arg(saved.error())});
    if (nextStore)
        replaceStore(std::move(nextStore));
    const QStringList changed = SettingsData::changedKeys(m_settings, data);
    // A value the user saves here is the one they want: it replaces the command line's for the
    // rest of this run, and the launch-at-login entry (launchArguments()) no longer carries it.
    if (m_options.port && data.runtime.port != m_settings.runtime.port) {
        logInfo(QStringLiteral("port %1 saved in Settings replaces --port %2").arg(data.runtime.port).arg(*m_options.port));
        m_options.port.reset();
    }
    if (!m_options.stateDir.isEmpty() && data.runtime.stateDir != m_settings.runtime.stateDir) {
        logInfo(QStringLiteral("state directory saved in Settings replaces --state-dir %1").arg(m_options.stateDir));
        m_options.stateDir.clear();
    }
    m_settings = data;
    if (runtimeChanged) {
        m_runtime = runtime.info; // checked above: the next start (and the restart it causes) uses it
        m_runtimeError.clear();
    }
    if (m_manager)
        m_manager->applyConfig(managerConfig(), reloadKeysForSettings(changed), liveKeysForSettings(changed));
    configureUpdates();
    logInfo(QStringLiteral("settings saved (%1 changed)").arg(changed.join(QLatin1String(", "))));
    return {};
}

Result<std::unique_ptr<SecretStore>> AppContext::storeHoldingToken(TokenStorage storage)
{
    SecretStoreOptions so;
    so.storage = storage;
    auto next = std::make_unique<SecretStore>(so);
    if (m_ownToken.isEmpty())
        return next; // nothing to move (the token was never loaded, or it is the gateway config's)
    const SecretResult moved = next->writeBlocking(m_ownToken, 15000);
    if (!moved.ok()) {
        return Result<std::unique_ptr<SecretStore>>::failure(
            UserText(QT_TRANSLATE_NOOP("UserText", "The token could not be moved to %1: %2")).arg(next->description()).arg(moved.error));
    }
    logInfo(QStringLiteral("gateway token moved to %1").arg(next->description().english()));
    return next;
}

void AppContext::replaceStore(std::unique_ptr<SecretStore> next)
{
    // "auto:keychain" and "keychain" are the same place; "auto" (undecided) is no known place.
    auto place = [](const SecretStore& s) {
        QString c = s.storageChoice();
        c.remove(QStringLiteral("auto:"));
        return c == QLatin1String("keychain") || c == QLatin1String("file") ? c : QString();
    };
    const bool ownToken = m_secrets && m_tokenSource == ownTokenSource();
    std::unique_ptr<SecretStore> old = std::move(m_secrets);
    m_secrets = std::move(next);
    if (ownToken)
        m_tokenSource = ownTokenSource();
    const QString from = old ? place(*old) : QString();
    const QString to = place(*m_secrets);
    if (to == QLatin1String("keychain")) // a locked keychain's "not found" then never means "make a new one"
        AutoSecretBackend::writeKeychainMarker(AppPaths::tokenLocationFile());
    if (m_ownToken.isEmpty() || from.isEmpty() || to.isEmpty() || from == to)
        return;
    // The token now lives in one place only: a file copy left behind after a move to the keychain
    // would be the plain-text token the user wanted gone.
    const SecretResult removed = old->removeBlocking(15000);
    if (removed.ok())
        logInfo(QStringLiteral("removed the gateway token's old copy from %1").arg(old->description().english()));
    else
        logWarn(QStringLiteral("could not remove the gateway token's old copy from %1: %2")
                    .arg(old->description().english(), removed.error.english()));
    if (from == QLatin1String("keychain") && removed.ok())
        QFile::remove(AppPaths::tokenLocationFile());
}

QJsonObject AppContext::reloadSettingsFile()
{
    const SettingsLoadResult loaded = m_store->load();
    QJsonObject out;
    if (!loaded.warnings.isEmpty())
        out.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(loaded.warnings));
    // Saved here means the values the file names; a command-line override stays in effect unless
    // the file changes that very value (as in the dialog).
    SettingsData data = loaded.data;
    data.behaviour.launchAtLogin = m_settings.behaviour.launchAtLogin; // the desktop's entry decides that one
    const QStringList changed = SettingsData::changedKeys(m_settings, data);
    out.insert(QStringLiteral("changed"), QJsonArray::fromStringList(changed));
    if (changed.isEmpty())
        return out;
    logInfo(QStringLiteral("%1 changed on disk (%2); applying it").arg(m_store->filePath(), changed.join(QLatin1String(", "))));
    if (const SettingsApplied applied = applySettings(data); !applied) {
        out.insert(QStringLiteral("error"), applied.error().english());
        logWarn(QStringLiteral("%1 was not applied: %2").arg(m_store->filePath(), applied.error().english()));
    }
    return out;
}

Done AppContext::switchTokenStorage(TokenStorage storage)
{
    if (storage == m_settings.tokenStorage)
        return {};
    SettingsData data = m_settings;
    data.tokenStorage = storage;
    const SettingsApplied applied = applySettings(data);
    if (applied)
        return {};
    return Done::failure(applied.error().why.isEmpty() ? UserText::verbatim(applied.error().fields.first()) : applied.error().why);
}

void AppContext::replaceToken(const QString& token, std::function<void(const Done&)> done)
{
    m_secrets->write(token, [this, token, done](const SecretResult& r) {
        if (!r.ok()) {
            done(Done::failure(r.error));
            return;
        }
        Redactor::instance().addSecret(token);
        m_token = token;
        m_ownToken = token;
        if (m_manager)
            m_manager->applyConfig(managerConfig(), {QStringLiteral("token")});
        done({});
    });
}

} // namespace clawtray
