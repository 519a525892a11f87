#pragma once

#include "process/LaunchSpec.h"
#include "update/UpdateTypes.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace clawtray {

class ActivityModel;
class OpenClawCli;

// Knows whether a newer OpenClaw exists. Asks the npm registry for the channel's dist-tag with
// npm itself (so the user's .npmrc — a registry mirror, a proxy — applies), at most once a day
// and on demand; also takes what the gateway itself says (hello-ok snapshot.updateAvailable and
// the `update.available` event). A failed check is a quiet note, never an error: being offline
// is normal. The last answer is kept on disk so a restart does not ask again.
class UpdateChecker final : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QString runtimeDir;
        QString stateFile;                 // <dataDir>/update-check.json
        QString channel = QStringLiteral("stable");
        bool enabled = true;               // periodic checks; checkNow() works regardless
        qint64 intervalMs = 24LL * 3600 * 1000;
        int firstDelayMs = 60000;          // after start-up, when the last check is older than a day
        int timeoutMs = 60000;
        QString npmPath;                   // "" = `npm` on PATH
    };

    explicit UpdateChecker(QObject* parent = nullptr);
    ~UpdateChecker() override;

    void setConfig(const Config& config);
    const Config& config() const { return m_config; }
    void checkNow(std::function<void(const UpdateAvailability&)> done = {});
    // The newest version of `channel` once, without changing the configured channel or what is
    // kept (`ctl update --channel beta`); the configured channel: checkNow().
    void lookUp(const QString& channel, std::function<void(const UpdateAvailability&)> done);
    bool isChecking() const;
    // What the gateway reported (`{currentVersion, latestVersion, channel}`); an empty object clears it.
    void noteGateway(const QJsonObject& updateAvailable);
    // Takes the gateway's notices from the activity model (hello-ok, `update.available`); cleared
    // when the gateway stops, so nothing of it sticks.
    void followGateway(ActivityModel* activity);
    UpdateAvailability availability() const;

    // `npm <args>` with the runtime's Node first on PATH (openclaw's install scripts need Node 24)
    // and no gateway secret in its environment.
    static LaunchSpec npmSpec(const QString& npmPath, const QString& runtimeDir, const QStringList& args);
    // {"latest": "2026.9.6", "beta": "..."} → the newest version the channel offers ("" if none).
    static QString pickVersion(const QJsonObject& distTags, const QString& channel);

Q_SIGNALS:
    void changed(const clawtray::UpdateAvailability& availability);

private:
    void ask(OpenClawCli& npm, const QString& channel, std::function<void(const UpdateAvailability&)> done);
    void schedule();
    void load();
    void save() const;
    void publish();

    Config m_config;
    std::unique_ptr<OpenClawCli> m_npm;
    QTimer m_timer;
    UpdateAvailability m_registry;  // the last registry answer (or note)
    UpdateAvailability m_gateway;   // the gateway's own notice
    std::vector<std::function<void(const UpdateAvailability&)>> m_waiters;
};

} // namespace clawtray
