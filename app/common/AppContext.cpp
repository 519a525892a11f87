#include "AppContext.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/AppPaths.h"
#include "supervisor/ConfigMapping.h"

#include <QDir>

namespace clawtray {

AppContext::AppContext(const AppOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

AppContext::~AppContext() = default;

bool AppContext::initialise(QString* error)
{
    AppPaths::setApplicationIdentity();
    AppPathOverrides o;
    o.dataDir = m_options.dataDir;
    o.configDir = m_options.configDir;
    o.runtimeDir = m_options.runtimeDir;
    AppPaths::setOverrides(o);
    const QString dirError = AppPaths::ensureAll();
    if (!dirError.isEmpty()) {
        *error = dirError;
        return false;
    }
    LoggingOptions lo;
    lo.logDir = AppPaths::logDir();
    lo.level = logLevelFromName(m_options.logLevel, LogLevel::Info);
    logging::init(lo);
    logInfo(QStringLiteral("ClawTray %1 starting (%2); data %3, config %4")
                .arg(QStringLiteral(CLAWTRAY_VERSION), m_options.headless ? QStringLiteral("headless") : QStringLiteral("desktop"),
                     AppPaths::dataDir(), AppPaths::configDir()));

    m_store = std::make_unique<Settings>(AppPaths::settingsFile());
    const SettingsLoadResult loaded = m_store->load();
    m_settings = loaded.data;
    for (const QString& w : loaded.warnings) {
        logWarn(QStringLiteral("settings: %1").arg(w));
        m_warnings << w;
    }
    if (!loaded.backupPath.isEmpty())
        m_warnings << QStringLiteral("The previous settings file was kept as %1").arg(loaded.backupPath);

    const auto id = DeviceIdentity::loadOrCreate(QDir(AppPaths::dataDir()).filePath(QStringLiteral("device-identity.pem")));
    if (!id.warning.isEmpty()) {
        logWarn(id.warning);
        m_warnings << id.warning;
    }
    if (!id.ok()) {
        *error = QStringLiteral("cannot create the device identity: %1").arg(id.error);
        return false;
    }
    m_identity = id.identity;
    SecretStoreOptions so;
    so.storage = m_settings.tokenStorage;
    m_secrets = std::make_unique<SecretStore>(so);
    return true;
}

SettingsData AppContext::withOverrides(SettingsData data) const
{
    if (m_options.port)
        data.runtime.port = *m_options.port;
    if (!m_options.stateDir.isEmpty())
        data.runtime.stateDir = m_options.stateDir;
    return data;
}

RuntimeCheck AppContext::checkRuntime() const
{
    return RuntimeLocator(AppPaths::runtimeDir()).resolve(m_settings.runtime.nodePath, m_settings.runtime.openclawDir);
}

QString AppContext::runtimeMissingHelp(const QString& detail)
{
    return QStringLiteral("%1\nClawTray needs Node 24 and the openclaw package. Install them with "
                          "`clawtray-install-runtime` (needs npm), or `scripts/setup.sh` in a source checkout (into %2), "
                          "or set runtime/nodePath and runtime/openclawDir in Settings.")
        .arg(detail, AppPaths::runtimeDir());
}

ManagerConfig AppContext::managerConfig() const
{
    return buildManagerConfig(withOverrides(m_settings), m_runtime, m_token, AppPaths::dataDir());
}

void AppContext::prepareManager(std::function<void(const QString&)> done)
{
    const RuntimeCheck rc = checkRuntime();
    if (rc.ok)
        m_runtime = rc.info;
    else
        logError(runtimeMissingHelp(rc.error)); // the manager reports it again when asked to start
    m_secrets->loadOrCreateWithRetry([this, done](const SecretResult& r) {
        if (!r.ok()) {
            done(r.error.isEmpty() ? QStringLiteral("the gateway token could not be loaded") : r.error);
            return;
        }
        m_token = r.token;
        Redactor::instance().addSecret(m_token);
        if (r.created)
            logInfo(QStringLiteral("generated a new gateway token (%1)").arg(m_secrets->description()));
        m_manager = std::make_unique<GatewayManager>(managerConfig(), *m_identity);
        done(QString());
    });
}

SettingsErrors AppContext::applySettings(const SettingsData& data, QString* error)
{
    SettingsErrors errors = data.validate();
    if (!errors.isEmpty())
        return errors;
    if (data.tokenStorage != m_settings.tokenStorage && !m_token.isEmpty()) {
        // Move the token the gateway runs with into the new storage first: otherwise the next start
        // would find nothing there and generate a token nobody else knows.
        SecretStoreOptions so;
        so.storage = data.tokenStorage;
        auto next = std::make_unique<SecretStore>(so);
        const SecretResult moved = next->writeBlocking(m_token, 15000);
        if (!moved.ok()) {
            if (error)
                *error = QStringLiteral("the token could not be moved to %1: %2").arg(next->description(), moved.error);
            return errors;
        }
        logInfo(QStringLiteral("gateway token moved to %1").arg(next->description()));
        m_secrets = std::move(next);
    }
    const QString saveError = m_store->save(data);
    if (!saveError.isEmpty()) {
        if (error)
            *error = saveError;
        return errors;
    }
    const QStringList changed = SettingsData::changedKeys(m_settings, data);
    m_settings = data;
    if (changed.contains(QLatin1String(SettingsKey::NodePath)) || changed.contains(QLatin1String(SettingsKey::OpenClawDir))) {
        const RuntimeCheck rc = checkRuntime();
        if (rc.ok)
            m_runtime = rc.info;
    }
    if (m_manager)
        m_manager->applyConfig(managerConfig(), reloadKeysForSettings(changed));
    logInfo(QStringLiteral("settings saved (%1 changed)").arg(changed.join(QLatin1String(", "))));
    return errors;
}

void AppContext::replaceToken(const QString& token, std::function<void(const QString&)> done)
{
    m_secrets->write(token, [this, token, done](const SecretResult& r) {
        if (!r.ok()) {
            done(r.error);
            return;
        }
        Redactor::instance().addSecret(token);
        m_token = token;
        if (m_manager)
            m_manager->applyConfig(managerConfig(), {QStringLiteral("token")});
        done(QString());
    });
}

} // namespace clawtray
