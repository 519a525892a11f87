#include "supervisor/StartStop.h"

#include "process/GatewayProcess.h"
#include "process/GatewayStateLock.h"
#include "process/OwnershipLease.h"
#include "supervisor/ManagerConfig.h"

namespace clawtray {

StartStop::StartStop(GatewayProcess& process, GatewayClient& client, const quint64& generation, const QString& instanceId,
                     QObject* parent)
    : QObject(parent)
    , m_process(process)
    , m_client(client)
    , m_generation(generation)
    , m_instanceId(instanceId)
{
    connect(&m_process, &GatewayProcess::finished, this, &StartStop::onProcessFinished);
}

StartStop::~StartStop() = default;

void StartStop::create(StartSequence::Mode mode, const ManagerConfig& config)
{
    drop();
    m_sequence = std::make_unique<StartSequence>(mode, config, &m_process, &m_client, m_instanceId);
    const quint64 generation = m_generation;
    const auto current = [this, generation] { return generation == m_generation; };
    connect(m_sequence.get(), &StartSequence::phaseChanged, this, [this, current](const UserText& p) {
        if (current())
            Q_EMIT phaseChanged(p);
    });
    connect(m_sequence.get(), &StartSequence::spawned, this, [this, current](qint64 pid) {
        if (current())
            Q_EMIT spawned(pid);
    });
    connect(m_sequence.get(), &StartSequence::finished, this, [this, current](const StartSequence::Outcome& o) {
        if (!current())
            return;
        drop();
        Q_EMIT startFinished(o);
    });
}

void StartStop::begin()
{
    if (m_sequence)
        m_sequence->begin();
}

void StartStop::drop()
{
    if (m_sequence)
        m_sequence.release()->deleteLater();
}

bool StartStop::stop(StopHow how, const QString& stateDir)
{
    if (!m_process.isRunning())
        return false;
    switch (how) {
    case StopHow::Kill:
        m_process.kill();
        break;
    case StopHow::ForSuccessor:
        m_process.stopForSuccessor([stateDir](pid_t pid) { return gatewaylock::letGo(pid, stateDir); });
        break;
    case StopHow::Graceful:
        m_process.stop();
        break;
    }
    return true;
}

void StartStop::releaseLease(const QString& leasePath) const
{
    // Only our own lease: after an "other-instance" error the file belongs to another, live
    // ClawTray, and it is the only proof that its gateway is not foreign once that ClawTray dies.
    if (const auto lease = OwnershipLease::read(leasePath).lease; !lease || lease->instanceId == m_instanceId)
        OwnershipLease::remove(leasePath);
}

void StartStop::onProcessFinished(const ExitInfo& e)
{
    // The start sequence under way when the exit arrived hears of it after the stop is done (it
    // may be waiting for this exit to spawn, or report its own process's exit); a sequence that
    // what follows the stop began did not see this process.
    StartSequence* const running = m_sequence.get();
    if (e.stopRequested) {
        Q_EMIT stopDone();
        if (running && running == m_sequence.get())
            running->processFinished(e);
        return;
    }
    if (running) {
        running->processFinished(e); // the start sequence reports it
        return;
    }
    Q_EMIT exited(e);
}

} // namespace clawtray
