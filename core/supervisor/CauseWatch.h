#pragma once

#include "policy/UserText.h"

#include "supervisor/GatewayStatus.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace clawtray {

// An error state is not the end: most causes go away (the squatter leaves the port, the user fixes
// openclaw.json, the runtime gets installed, the token changes). While the manager is in error,
// this watches what could make the problem go away and says when it may have, so the manager
// tries again by itself; causes it cannot watch get a slow periodic retry.
class CauseWatch final : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        quint16 port = 0;        // wait for this port to become bindable (0: no port watch)
        QStringList paths;       // files or directories whose change may fix it
        bool untilAllExist = false; // fire only once every path exists (a runtime being installed)
        int periodicRetryMs = 0; // retry anyway after this long (0: never)
    };

    explicit CauseWatch(QObject* parent = nullptr);

    // Picks what to watch for a problem kind (GatewayProblem::kind): ports for port-in-use,
    // port-held and foreign gateways; the config file for invalid config and rejected tokens; the
    // runtime's paths for a missing or mismatched runtime.
    static Target targetFor(const GatewayProblem& problem, quint16 port, const QString& configPath,
                            const QStringList& runtimePaths, int periodicRetryMs);

    void watch(const Target& target);
    void cancel();
    bool isActive() const { return m_active; }
    // What it waits for, for the status line: "waiting for port 18789 to be free".
    UserText description() const;
    int portPollMs() const { return m_portPollMs; }
    void setPortPollMs(int ms) { m_portPollMs = ms; }

Q_SIGNALS:
    // The cause may be gone ("port 18789 is free", "openclaw.json changed", "periodic retry").
    // Emitted once per watch(); the watch is over afterwards.
    void causeMayBeGone(const QString& what);

private:
    void fire(const QString& what);
    void rearmPaths();

    Target m_target;
    bool m_active = false;
    int m_portPollMs = 1000;
    QTimer m_portTimer;
    QTimer m_periodicTimer;
    QTimer m_settleTimer; // editors write a file in several steps: wait until it settles
    QString m_pendingWhat;
    QFileSystemWatcher* m_fsWatcher = nullptr;
};

} // namespace clawtray
