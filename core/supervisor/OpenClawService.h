#pragma once

#include "policy/Result.h"

#include "process/OpenClawCli.h"

#include <QObject>
#include <QString>

#include <functional>

namespace clawtray {

// What systemd says about OpenClaw's own gateway service (`openclaw gateway install` writes a user
// unit, openclaw-gateway[-<profile>].service).
struct ServiceState
{
    QString unit;
    bool queried = false;  // a user service manager answered (false: none runs, e.g. a container)
    QString loadState;     // loaded | not-found | masked | ...
    QString activeState;   // active | activating | inactive | failed | ...
    QString unitFileState; // enabled | disabled | static | ...
    qint64 mainPid = 0;
    QString error;         // why there is no answer

    bool installed() const { return queried && loadState == QLatin1String("loaded"); }
    bool active() const;
    bool enabled() const;
    // The service owns the gateway: it runs it now or starts it at login. ClawTray then never
    // spawns a gateway of its own for this state dir; it attaches and controls the unit.
    bool ownsGateway() const { return installed() && (active() || enabled()); }
    // Installed but switched off (ClawTray took it over): it can be handed back.
    bool canHandBack() const { return installed() && !ownsGateway(); }
    QString describe() const; // "openclaw-gateway.service (active, enabled)"
    // What the log says when the service's hold on the gateway changed since `before` (it took
    // the gateway, or it is switched off and can be handed back); empty when nothing changed.
    QString changeFrom(const ServiceState& before) const;

    // Parses `systemctl --user show <unit> --property=LoadState,ActiveState,UnitFileState,MainPID`.
    static ServiceState fromShow(const QString& unit, const QByteArray& text);
};

// Detects and controls OpenClaw's gateway service through `systemctl --user`. Only the state
// dirs OpenClaw's service can use are considered: ~/.openclaw (the default profile) and
// ~/.openclaw-<profile>; any other state dir has no service of its own.
class OpenClawService final : public QObject
{
    Q_OBJECT
public:
    enum class Action {
        Start,
        Stop,
        Restart,
        TakeOver, // disable --now: stop it and keep it from starting at login (ClawTray owns the gateway)
        HandBack, // enable --now: the service owns the gateway again
    };

    explicit OpenClawService(QObject* parent = nullptr);

    // The unit for a state dir ("" when OpenClaw's service cannot be the one for it).
    static QString unitFor(const QString& stateDir, const QString& homeDir);
    static QString actionName(Action a); // "start", "stop", "restart", "take over", "hand back"

    void setSystemctl(const QString& program) { m_systemctl = program; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void probe(const QString& unit, std::function<void(const ServiceState&)> done);
    // Runs the action; the callback gets Done, or why it failed (with systemctl's own words).
    void control(const QString& unit, Action action, std::function<void(const Done&)> done);

private:
    void run(const QStringList& args, const QString& label, std::function<void(const CliResult&)> done);

    QString m_systemctl = QStringLiteral("systemctl");
    int m_timeoutMs = 90000; // a stop waits for the gateway's own graceful shutdown
};

} // namespace clawtray
