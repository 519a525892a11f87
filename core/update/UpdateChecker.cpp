#include "update/UpdateChecker.h"

#include "companion/ActivityModel.h"
#include "logging/Logging.h"
#include "policy/VersionOrder.h"
#include "process/OpenClawCli.h"
#include "settings/RuntimeLayout.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <limits>

namespace clawtray {

UpdateChecker::UpdateChecker(QObject* parent)
    : QObject(parent)
    , m_npm(std::make_unique<OpenClawCli>())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { checkNow(); });
}

UpdateChecker::~UpdateChecker() = default;

void UpdateChecker::setConfig(const Config& config)
{
    const bool channelChanged = config.channel != m_config.channel;
    m_config = config;
    load();
    if (channelChanged && m_registry.channel != m_config.channel) {
        m_registry.checkedAtMs = 0; // another channel: the last answer says nothing about it
        m_registry.latest.clear();
    }
    schedule();
    publish();
}

void UpdateChecker::schedule()
{
    m_timer.stop();
    if (!m_config.enabled)
        return;
    const qint64 age = QDateTime::currentMSecsSinceEpoch() - m_registry.checkedAtMs;
    const qint64 wait = m_registry.checkedAtMs > 0 && age < m_config.intervalMs ? m_config.intervalMs - age
                                                                                  : qint64(m_config.firstDelayMs);
    m_timer.start(int(qBound<qint64>(0, wait, qint64(std::numeric_limits<int>::max()))));
}

LaunchSpec UpdateChecker::npmSpec(const QString& npmPath, const QString& runtimeDir, const QStringList& args)
{
    LaunchSpec spec;
    spec.program = npmPath.isEmpty() ? QStringLiteral("npm") : npmPath;
    spec.arguments = args;
    spec.workingDirectory = runtimeDir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* secret : {"OPENCLAW_GATEWAY_TOKEN", "OPENCLAW_GATEWAY_PASSWORD", "NODE_OPTIONS"})
        env.remove(QString::fromLatin1(secret));
    const QString active = RuntimeLayout(runtimeDir).activeDir();
    if (!active.isEmpty()) {
        const QString nodeDir = QFileInfo(QFileInfo(RuntimeLayout::nodeIn(active)).canonicalFilePath()).absolutePath();
        env.insert(QStringLiteral("PATH"), nodeDir + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    }
    spec.environment = env;
    return spec;
}

QString UpdateChecker::pickVersion(const QJsonObject& distTags, const QString& channel)
{
    const QString latest = distTags.value(QLatin1String("latest")).toString();
    if (channel != QLatin1String("beta"))
        return latest;
    const QString beta = distTags.value(QLatin1String("beta")).toString();
    return !beta.isEmpty() && (latest.isEmpty() || versionIsNewer(beta, latest)) ? beta : latest;
}

bool UpdateChecker::isChecking() const
{
    return m_npm->isRunning();
}

void UpdateChecker::ask(OpenClawCli& npm, const QString& channel, std::function<void(const UpdateAvailability&)> done)
{
    OpenClawCli::Options o;
    o.timeoutMs = m_config.timeoutMs;
    o.logLabel = QStringLiteral("npm view openclaw dist-tags");
    // No retries: an unreachable registry answers "offline" in seconds, not after minutes of back-off.
    const QStringList args{QStringLiteral("view"), QStringLiteral("openclaw"), QStringLiteral("dist-tags"),
                           QStringLiteral("--json"), QStringLiteral("--fetch-retries=0"),
                           QStringLiteral("--fetch-timeout=%1").arg(qMax(1000, m_config.timeoutMs - 5000))};
    npm.run(npmSpec(m_config.npmPath, m_config.runtimeDir, args), o, [channel, done](const CliResult& r) {
        UpdateAvailability a;
        a.checkedAtMs = QDateTime::currentMSecsSinceEpoch();
        a.channel = channel;
        a.source = QStringLiteral("registry");
        const QJsonObject answer = r.json();
        const QString version = r.ok() ? pickVersion(answer, channel) : QString();
        // npm --json says what went wrong in an "error" object (E404, ENOTFOUND, ECONNREFUSED, ...).
        const QJsonObject npmError = answer.value(QLatin1String("error")).toObject();
        const QString why = npmError.isEmpty() ? r.describe()
                                               : QStringLiteral("npm %1: %2").arg(npmError.value(QLatin1String("code")).toString(),
                                                                                 npmError.value(QLatin1String("summary")).toString());
        if (RuntimeLayout::isPlausibleVersion(version)) {
            a.latest = version;
            logInfo(QStringLiteral("update check: the %1 channel offers OpenClaw %2").arg(channel, version));
        } else {
            a.note = r.started ? UserText(QT_TRANSLATE_NOOP("UserText", "Could not check for updates (the npm registry "
                                                                        "did not answer; %1). ClawTray tries again later."))
                                     .arg(UserText::verbatim(why))
                               : UserText(QT_TRANSLATE_NOOP("UserText", "Could not check for updates: npm is not "
                                                                        "installed (%1)."))
                                     .arg(r.describe());
            logInfo(QStringLiteral("update check: %1").arg(a.note.english()));
        }
        done(a);
    });
}

void UpdateChecker::checkNow(std::function<void(const UpdateAvailability&)> done)
{
    if (done)
        m_waiters.push_back(std::move(done));
    if (m_npm->isRunning())
        return; // one answer for everyone who asked meanwhile
    m_timer.stop();
    ask(*m_npm, m_config.channel, [this](const UpdateAvailability& answer) {
        m_registry = answer;
        save();
        schedule();
        publish();
        const UpdateAvailability a = availability();
        for (auto& w : std::exchange(m_waiters, {}))
            w(a);
    });
}

void UpdateChecker::lookUp(const QString& channel, std::function<void(const UpdateAvailability&)> done)
{
    if (channel.isEmpty() || channel == m_config.channel)
        return checkNow(std::move(done));
    // Another channel, asked once: what is kept and shown stays the configured channel's.
    auto* npm = new OpenClawCli(this);
    ask(*npm, channel, [this, npm, done](UpdateAvailability a) {
        a.current = availability().current;
        npm->deleteLater();
        done(a);
    });
}

void UpdateChecker::followGateway(ActivityModel* activity)
{
    if (!activity)
        return;
    connect(activity, &ActivityModel::updateChanged, this, [this, activity] {
        const UpdateOffer offer = activity->update();
        noteGateway(offer.available() ? QJsonObject{{QStringLiteral("currentVersion"), offer.currentVersion},
                                                    {QStringLiteral("latestVersion"), offer.latestVersion},
                                                    {QStringLiteral("channel"), offer.channel}}
                                      : QJsonObject{});
    });
}

void UpdateChecker::noteGateway(const QJsonObject& o)
{
    m_gateway = UpdateAvailability{};
    const QString latest = o.value(QLatin1String("latestVersion")).toString();
    if (RuntimeLayout::isPlausibleVersion(latest)) {
        m_gateway.current = o.value(QLatin1String("currentVersion")).toString();
        m_gateway.latest = latest;
        m_gateway.channel = o.value(QLatin1String("channel")).toString();
        m_gateway.source = QStringLiteral("gateway");
        m_gateway.checkedAtMs = QDateTime::currentMSecsSinceEpoch();
    }
    publish();
}

UpdateAvailability UpdateChecker::availability() const
{
    UpdateAvailability a = m_registry;
    if (a.channel.isEmpty())
        a.channel = m_config.channel;
    if (!m_gateway.latest.isEmpty() && (a.latest.isEmpty() || versionIsNewer(m_gateway.latest, a.latest))) {
        a.latest = m_gateway.latest;
        a.source = m_gateway.source;
        if (!m_gateway.channel.isEmpty())
            a.channel = m_gateway.channel;
        a.note = UserText();
    }
    a.current = m_config.runtimeDir.isEmpty() ? QString() : RuntimeLayout(m_config.runtimeDir).activeVersion();
    if (a.current.isEmpty())
        a.current = m_gateway.current; // a runtime ClawTray did not install: the gateway's own word
    return a;
}

void UpdateChecker::publish()
{
    Q_EMIT changed(availability());
}

void UpdateChecker::load()
{
    QFile f(m_config.stateFile);
    if (m_config.stateFile.isEmpty() || !f.open(QIODevice::ReadOnly))
        return;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    const QString latest = o.value(QLatin1String("latest")).toString();
    m_registry.latest = RuntimeLayout::isPlausibleVersion(latest) ? latest : QString();
    m_registry.channel = o.value(QLatin1String("channel")).toString();
    m_registry.source = QStringLiteral("registry");
    m_registry.checkedAtMs = qint64(o.value(QLatin1String("checkedAtMs")).toDouble());
}

void UpdateChecker::save() const
{
    if (m_config.stateFile.isEmpty())
        return;
    QSaveFile f(m_config.stateFile);
    const QJsonObject o{{QStringLiteral("latest"), m_registry.latest},
                        {QStringLiteral("channel"), m_registry.channel},
                        {QStringLiteral("checkedAtMs"), double(m_registry.checkedAtMs)}};
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) < 0 || !f.commit())
        logWarn(QStringLiteral("update check: could not write %1").arg(m_config.stateFile));
}

} // namespace clawtray
