#pragma once

#include "policy/Result.h"

#include "process/OpenClawCli.h"
#include "supervisor/GatewayStatus.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace clawtray {

// A safe way into the Control UI, as `openclaw dashboard --json` issues it.
struct DashboardLink
{
    bool ok = false;
    QString httpUrl;         // the plain base URL (no credential): safe to show and log
    qint64 expiresAtMs = 0;  // the one-time bootstrap's end (epoch ms)
    // A 0600 file in a private directory that forwards the browser to `browserUrl`. The browser is
    // given this file, so the bootstrap never appears on a command line (xdg-open's or the
    // browser's argv is readable by every user) and the shared token never goes anywhere.
    QString launcherPath;
    QString error;           // why not, in the user's words
    QString action;          // what to do about it

    // For tests and `ctl dashboard --json`: never the bootstrap or the token.
    QJsonObject toJson() const;
};

// Runs `openclaw dashboard --json` against the gateway's own state, config, port and token source,
// takes only `browserUrl` (a ten-minute, single-use bootstrap bound to the first browser that
// opens it) and never `url` (it carries the shared token), checks that the link points at the
// loopback gateway and holds no token, registers the bootstrap with the Redactor and writes the
// launcher file. The CLI's cold start takes ~12 s: callers show progress.
class DashboardOpener final : public QObject
{
    Q_OBJECT
public:
    explicit DashboardOpener(QObject* parent = nullptr);
    ~DashboardOpener() override;

    using Callback = std::function<void(const DashboardLink&)>;
    // `launcherDir` is created 0700 when missing and must be ours and private.
    void request(const GatewayLaunchOptions& launch, const QString& launcherDir, int timeoutMs, Callback done);
    // For the gateway in `state`: only a running one has a Control UI (else `done` hears why at
    // once). The launcher goes into the user's runtime directory.
    void openFor(GatewayState state, const GatewayLaunchOptions& launch, int timeoutMs, Callback done);
    bool isRunning() const { return m_cli.isRunning(); }

    // The checks on the CLI's answer, separately testable: the browser link, or why it is refused.
    static QString checkBrowserUrl(const QString& browserUrl, quint16 port, const QString& sharedToken);
    // Writes the forwarding page: its path, or why it could not.
    static Result<QString> writeLauncher(const QString& dir, const QString& browserUrl);

    static constexpr int kLauncherLifetimeMs = 10 * 60 * 1000; // the bootstrap's own lifetime

private:
    void removeLauncher();

    OpenClawCli m_cli;
    QString m_launcher;
    QTimer m_cleanup;
};

} // namespace clawtray
