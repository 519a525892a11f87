#pragma once

#include "process/ExitInfo.h"
#include "supervisor/Run.h"
#include "supervisor/StartSequence.h"

#include <QObject>

#include <memory>

namespace clawtray {

class GatewayClient;
class GatewayProcess;
struct ManagerConfig;

// Starts the gateway (one start sequence at a time) and stops it, and is the one subscriber of
// the process's exit. A start sequence is heard only while the run that began it lasts (the run's
// generation has not moved on: docs/ARCHITECTURE.md, "The reducer"); the executor
// (GatewayManager) turns what it says into the reducer's events.
class StartStop final : public QObject
{
    Q_OBJECT
public:
    // `generation`: the supervisor's current run, read whenever a sequence speaks.
    StartStop(GatewayProcess& process, GatewayClient& client, const quint64& generation, const QString& instanceId,
              QObject* parent = nullptr);
    ~StartStop() override;

    // A start sequence in `mode` for the current run (one still under way is dropped first); it
    // runs from begin() on, and starting() is true from here.
    void create(StartSequence::Mode mode, const ManagerConfig& config);
    void begin();
    // The start under way, if any, ends unheard (deleted from the event loop).
    void drop();
    // The same, deleted at once: for the supervisor's own destruction, when no event loop may run
    // after it.
    void dropNow() { m_sequence.reset(); }
    bool starting() const { return m_sequence != nullptr; }
    // Stops our process, `how` (ForSuccessor: done once it let go of the state dir's lock in
    // `stateDir`). False: no process of ours runs, nothing to stop.
    bool stop(StopHow how, const QString& stateDir);
    // Removes the ownership lease at `leasePath` if it is ours (see OwnershipLease).
    void releaseLease(const QString& leasePath) const;

Q_SIGNALS:
    void phaseChanged(const clawtray::UserText& phase);
    void spawned(qint64 pid);
    void startFinished(const clawtray::StartSequence::Outcome& outcome);
    // The process a stop asked for is gone (before the start under way, if any, hears of it).
    void stopDone();
    // Our process exited unasked while no start was under way.
    void exited(const clawtray::ExitInfo& exit);

private:
    void onProcessFinished(const ExitInfo& e);

    GatewayProcess& m_process;
    GatewayClient& m_client;
    const quint64& m_generation;
    QString m_instanceId;
    std::unique_ptr<StartSequence> m_sequence;
};

} // namespace clawtray
