#include "AppContext.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/AppPaths.h"
#include "settings/RuntimeLayout.h"
#include "supervisor/ConfigMapping.h"

#include <QDateTime>

#include <QDir>
#include <QFileInfo>

namespace clawtray {

AppContext::AppContext(const AppOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

AppContext::~AppContext() = default;

Done AppContext::initialise()
{
    AppPaths::setApplicationIdentity();
    AppPathOverrides o;
    o.dataDir = m_options.dataDir;
    o.configDir = m_options.configDir;
    o.runtimeDir = m_options.runtimeDir;
    AppPaths::setOverrides(o);
    if (Done dirs = AppPaths::ensureAll(); !dirs)
        return dirs;
    LoggingOptions lo;
    lo.logDir = AppPaths::logDir();
    lo.level = logLevelFromName(m_options.logLevel, LogLevel::Info);
    logging::init(lo);
    logInfo(QStringLiteral("ClawTray %1 starting (%2); data %3, config %4")
                .arg(QStringLiteral(CLAWTRAY_VERSION), m_options.headless ? QStringLiteral("headless") : QStringLiteral("desktop"),
                     AppPaths::dataDir(), AppPaths::configDir()));

    // A runtime installed by an older ClawTray (one npm prefix) moves into the versioned layout
    // updates need; renames only, and its old paths keep resolving.
    if (RuntimeLayout layout(AppPaths::runtimeDir()); layout.hasLegacyLayout()) {
        const LayoutChange moved = layout.migrateLegacy();
        if (!moved.ok)
            logWarn(QStringLiteral("runtime: %1").arg(moved.error.english()));
    }

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
    if (!id.ok())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot create the device identity: %1")).arg(id.error));
    m_identity = id.identity;
    SecretStoreOptions so;
    so.storage = m_settings.tokenStorage;
    m_secrets = std::make_unique<SecretStore>(so);
    return {};
}

SettingsData AppContext::withOverrides(SettingsData data) const
{
    if (!m_options.stateDir.isEmpty())
        data.runtime.stateDir = m_options.stateDir;
    if (m_options.port) {
        data.runtime.port = *m_options.port;
    } else if (data.runtime.port == SettingsData{}.runtime.port) {
        // Not chosen in ClawTray: the port the gateway's own configuration names (an onboarded
        // gateway, OpenClaw's service and the user's other tools use that one).
        if (const auto port = openclawauth::configuredPort(configPathFor(data)))
            data.runtime.port = *port;
    }
    return data;
}

QString AppContext::configPathFor(const SettingsData& data) const
{
    return LaunchSpec::resolvedConfigPath(buildManagerConfig(data, m_runtime, QString(), QString()).launch);
}

QMap<QString, UserText> AppContext::effectiveNotes() const
{
    QMap<QString, UserText> notes;
    const SettingsData effective = withOverrides(m_settings);
    if (m_options.port)
        notes.insert(QLatin1String(SettingsKey::Port),
                     UserText(QT_TRANSLATE_NOOP("UserText", "In effect: %1 — set by --port on the command line. Saving another "
                                                            "port here replaces it."))
                         .arg(qint64(*m_options.port)));
    else if (effective.runtime.port != m_settings.runtime.port)
        notes.insert(QLatin1String(SettingsKey::Port),
                     UserText(QT_TRANSLATE_NOOP("UserText", "In effect: %1 — the port the gateway's own configuration names (%2)."))
                         .arg(qint64(effective.runtime.port))
                         .arg(QDir::toNativeSeparators(configPathFor(m_settings))));
    if (!m_options.stateDir.isEmpty())
        notes.insert(QLatin1String(SettingsKey::StateDir),
                     UserText(QT_TRANSLATE_NOOP("UserText", "In effect: %1 — set by --state-dir on the command line. Saving "
                                                            "another directory here replaces it."))
                         .arg(QDir::toNativeSeparators(m_options.stateDir)));
    return notes;
}

QStringList AppContext::launchArguments() const
{
    QStringList args;
    if (m_options.port)
        args << QStringLiteral("--port") << QString::number(*m_options.port);
    const std::pair<const char*, QString> dirs[] = {{"--state-dir", m_options.stateDir},
                                                    {"--config-dir", m_options.configDir},
                                                    {"--data-dir", m_options.dataDir},
                                                    {"--runtime-dir", m_options.runtimeDir}};
    for (const auto& [flag, dir] : dirs)
        if (!dir.isEmpty())
            args << QString::fromLatin1(flag) << QFileInfo(dir).absoluteFilePath();
    if (!m_options.logLevel.isEmpty() && m_options.logLevel != QLatin1String("info"))
        args << QStringLiteral("--log-level") << m_options.logLevel;
    return args;
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
    ManagerConfig c = buildManagerConfig(withOverrides(m_settings), m_runtime, m_token, AppPaths::dataDir());
    // What a missing runtime looks like once it is installed: the configured paths, or the
    // runtime dir's layout (RuntimeLocator).
    const QDir rt(AppPaths::runtimeDir());
    c.runtimeWatchPaths = {
        m_settings.runtime.nodePath.isEmpty() ? rt.filePath(QStringLiteral("node_modules/node/bin/node")) : m_settings.runtime.nodePath,
        QDir(m_settings.runtime.openclawDir.isEmpty() ? rt.filePath(QStringLiteral("node_modules/openclaw")) : m_settings.runtime.openclawDir)
            .filePath(QStringLiteral("openclaw.mjs"))};
    c.tokenSource = m_tokenSource;
    c.tokenStorage = m_secrets ? m_secrets->storageChoice() : QString();
    c.authProblem = m_authProblem;
    c.runtimeError = m_runtime.nodePath.isEmpty() ? m_runtimeError : QString();
    return c;
}

ManagerConfig AppContext::freshManagerConfig()
{
    // What may have changed on disk since the last start: the runtime (installed meanwhile) and
    // the secret the gateway's configuration names (the user edited openclaw.json).
    // An update switched the active install: the next start runs the version now active.
    const bool autoRuntime = m_settings.runtime.nodePath.isEmpty() && m_settings.runtime.openclawDir.isEmpty();
    const QString active = autoRuntime ? RuntimeLayout(AppPaths::runtimeDir()).activeDir() : QString();
    if (m_runtime.nodePath.isEmpty() || (!active.isEmpty() && !m_runtime.openclawDir.startsWith(active + QLatin1Char('/')))) {
        const RuntimeCheck rc = checkRuntime();
        m_runtime = rc.ok ? rc.info : RuntimeInfo{};
        m_runtimeError = rc.ok ? QString() : rc.error;
    }
    adoptConfiguredAuth(openclawauth::read(configPath(), QProcessEnvironment::systemEnvironment()));
    return managerConfig();
}

QString AppContext::configPath() const
{
    return LaunchSpec::resolvedConfigPath(buildManagerConfig(withOverrides(m_settings), m_runtime, QString(), QString()).launch);
}

void AppContext::adoptConfiguredAuth(const ConfiguredAuth& auth)
{
    m_authProblem = GatewayProblem{};
    switch (auth.kind) {
    case ConfiguredAuth::Kind::None:
        m_token = m_ownToken;
        m_tokenSource = ownTokenSource();
        return;
    case ConfiguredAuth::Kind::Resolved:
        setAdoptedToken(auth.secret, auth.describe());
        return;
    case ConfiguredAuth::Kind::NeedsOpenClaw:
        // Resolved by OpenClaw at start-up (prepareManager); a change of the reference itself
        // needs a ClawTray restart to be asked again, so keep what it resolved to.
        if (m_resolvedRefToken.isEmpty()) {
            m_authProblem = {ProblemKind::AuthUnavailable,
                             UserText(QT_TRANSLATE_NOOP("UserText", "The gateway's token is a %1 SecretRef in %2 and "
                                                                    "OpenClaw could not resolve it"))
                                 .arg(auth.refSource)
                                 .arg(auth.configPath),
                             UserText(QT_TRANSLATE_NOOP("UserText", "Check it with `openclaw gateway auth-token --show`, "
                                                                    "or import the token in Settings (Token → Import).")),
                             ProblemAction::ImportToken, QDateTime::currentMSecsSinceEpoch()};
            return;
        }
        setAdoptedToken(m_resolvedRefToken, auth.describe());
        return;
    case ConfiguredAuth::Kind::Unavailable:
        m_authProblem = {ProblemKind::AuthUnavailable, UserText::verbatim(auth.error),
                         UserText(QT_TRANSLATE_NOOP("UserText", "Fix %1 in %2; ClawTray tries again when the file changes."))
                             .arg(auth.field)
                             .arg(auth.configPath),
                         ProblemAction::ImportToken, QDateTime::currentMSecsSinceEpoch()};
        m_token.clear();
        m_tokenSource = auth.describe();
        return;
    }
}

void AppContext::setAdoptedToken(const QString& secret, const QString& source)
{
    Redactor::instance().addSecret(secret);
    const bool changed = secret != m_token;
    m_token = secret;
    m_tokenSource = source;
    if (changed)
        logInfo(QStringLiteral("using the gateway token from %1").arg(source));
    // ClawTray keeps its own copy (so a later start without the file still knows it), but only
    // when the stored one differs: never a write per start.
    if (secret != m_ownToken && m_secrets) {
        m_secrets->write(secret, [this, secret](const SecretResult& r) {
            if (r.ok())
                m_ownToken = secret;
            else
                logWarn(QStringLiteral("could not keep a copy of the configured token in %1: %2")
                            .arg(m_secrets->description().english(), r.error.english()));
        });
    }
}

void AppContext::prepareManager(std::function<void(const Done&)> done)
{
    const RuntimeCheck rc = checkRuntime();
    m_runtimeError = rc.ok ? QString() : rc.error;
    if (rc.ok)
        m_runtime = rc.info;
    else
        logError(runtimeMissingHelp(rc.error)); // the manager reports it again when asked to start
    const ConfiguredAuth auth = openclawauth::read(configPath(), QProcessEnvironment::systemEnvironment());
    auto build = [this, done, auth] {
        adoptConfiguredAuth(auth);
        logInfo(QStringLiteral("gateway token: %1").arg(m_tokenSource));
        m_manager = std::make_unique<GatewayManager>(managerConfig(), *m_identity);
        m_manager->setConfigProvider([this] { return freshManagerConfig(); });
        m_approvals = std::make_unique<ApprovalsModel>(m_manager.get());
        m_channels = std::make_unique<ChannelsModel>(m_manager.get());
        m_pairing = std::make_unique<PairingModel>(m_manager.get());
        m_activity = std::make_unique<ActivityModel>(m_manager.get());
        m_checker = std::make_unique<UpdateChecker>();
        m_updater = std::make_unique<GatewayUpdater>(m_manager.get(), m_checker.get());
        m_checker->followGateway(m_activity.get());
        connect(m_checker.get(), &UpdateChecker::changed, m_updater.get(), &GatewayUpdater::considerAutomatic);
        m_manager->setDiagnosticsSection(QStringLiteral("update"), [this] { return m_updater->toJson(true); });
        configureUpdates();
        m_updater->recoverInterrupted(m_manager->config().leasePath); // before anything starts the gateway
        done({});
    };
    if (auth.kind == ConfiguredAuth::Kind::Resolved || auth.kind == ConfiguredAuth::Kind::Unavailable) {
        // The configuration names the secret: ClawTray never generates a second one. Its stored
        // copy is read only to know whether a new copy must be written.
        m_secrets->read([this, build](const SecretResult& r) {
            if (r.ok())
                m_ownToken = r.token;
            build();
        });
        return;
    }
    if (auth.kind == ConfiguredAuth::Kind::NeedsOpenClaw) {
        m_resolver = std::make_unique<ConfiguredTokenResolver>();
        m_resolver->resolve(managerConfig().launch, kResolveTimeoutMs, [this, build, auth](const Result<QString>& r) {
            m_secrets->read([this, build, auth, r](const SecretResult& stored) {
                if (stored.ok())
                    m_ownToken = stored.token;
                if (r) {
                    m_resolvedRefToken = r.value();
                } else if (stored.ok()) {
                    // The copy kept when it last resolved: most likely still the same secret.
                    logWarn(QStringLiteral("%1; using ClawTray's stored copy of it").arg(r.error().english()));
                    m_resolvedRefToken = stored.token;
                } else {
                    logError(r.error().english());
                }
                build();
            });
        });
        return;
    }
    m_secrets->loadOrCreateWithRetry([this, build, done](const SecretResult& r) {
        if (!r.ok()) {
            done(Done::failure(r.error.isEmpty() ? UserText(QT_TRANSLATE_NOOP("UserText", "the gateway token could not be loaded")) : r.error));
            return;
        }
        m_ownToken = r.token;
        Redactor::instance().addSecret(m_ownToken);
        if (r.created)
            logInfo(QStringLiteral("generated a new gateway token (%1)").arg(m_secrets->description().english()));
        build();
    });
}

void AppContext::configureUpdates()
{
    if (!m_checker || !m_updater)
        return;
    // The updater first: the checker's new configuration publishes what it knows, and an automatic
    // update must see the setting as it is now.
    GatewayUpdater::Config uc = m_updater->config();
    uc.runtimeDir = AppPaths::runtimeDir();
    uc.workDir = QDir(AppPaths::dataDir()).filePath(QStringLiteral("updates"));
    uc.runtimeManaged = m_settings.runtime.nodePath.isEmpty() && m_settings.runtime.openclawDir.isEmpty();
    m_updater->setConfig(uc);
    m_updater->setAutomatic(m_settings.updates.autoWhenIdle);
    UpdateChecker::Config cc = m_checker->config();
    cc.runtimeDir = AppPaths::runtimeDir();
    cc.stateFile = QDir(AppPaths::dataDir()).filePath(QStringLiteral("update-check.json"));
    cc.channel = toString(m_settings.updates.channel);
    cc.enabled = m_settings.updates.check;
    m_checker->setConfig(cc);
}

} // namespace clawtray
