// The gateway's lifecycle: boot (listen), the "starting" window, ready, in-process restart
// (same pid, new bootId) and the graceful stop on SIGTERM/SIGINT.
#include "FakeServer.h"

#include "FakeSession.h"
#include "Json.h"
#include "ProcessUtil.h"

#include <QCoreApplication>
#include <QTcpServer>

#include <unistd.h>

namespace fakegw {
namespace {

constexpr int kRestartScheduleDelayMs = 100; // request -> shutdown event, as the real one
constexpr int kStopEventDelayMs = 35;        // SIGTERM -> shutdown event

} // namespace

void FakeServer::trace(const char* stage)
{
    if (!m_options.startupTrace)
        return;
    const qint64 total = m_processClock.elapsed();
    errLine(QStringLiteral("startup trace: %1 %2ms [total=%3ms]")
                .arg(QLatin1String(stage))
                .arg(total - m_lastTraceMs)
                .arg(total)
                .toUtf8());
    m_lastTraceMs = total;
}

void FakeServer::listenNow()
{
    if (m_stopping)
        return;
    if (m_bindDeadline < 0)
        m_bindDeadline = m_processClock.elapsed() + m_options.bindRetryMs;
    auto* v4 = new QTcpServer(this);
    if (!v4->listen(QHostAddress(QHostAddress::LocalHost), static_cast<quint16>(m_port))) {
        const bool inUse = v4->serverError() == QAbstractSocket::AddressInUseError;
        const QString error = v4->errorString();
        delete v4;
        if (inUse && m_processClock.elapsed() < m_bindDeadline) {
            QTimer::singleShot(250, this, &FakeServer::listenNow);
            return;
        }
        errLine(inUse
                    ? QStringLiteral("[gateway] Gateway failed to start: another gateway instance is already listening "
                                     "on ws://127.0.0.1:%1")
                          .arg(m_port)
                          .toUtf8()
                    : QStringLiteral("[gateway] Gateway failed to start: cannot listen on 127.0.0.1:%1: %2")
                          .arg(m_port)
                          .arg(error)
                          .toUtf8());
        QCoreApplication::exit(1);
        return;
    }
    m_port = v4->serverPort();
    m_listeners.append(v4);
    auto* v6 = new QTcpServer(this);
    if (v6->listen(QHostAddress(QHostAddress::LocalHostIPv6), static_cast<quint16>(m_port)))
        m_listeners.append(v6);
    else
        delete v6; // no IPv6 loopback here: fine
    for (QTcpServer* listener : std::as_const(m_listeners))
        connect(listener, &QTcpServer::newConnection, this, &FakeServer::onTcpConnection);
    m_listening = true;
    trace("http");
    outLine(QStringLiteral("fake: listening port=%1 pid=%2").arg(m_port).arg(::getpid()).toUtf8());
    timestampLog("listen");
    outLine(QStringLiteral("[gateway] listening on ws://127.0.0.1:%1 (PID %2)").arg(m_port).arg(::getpid()).toUtf8());
    startStartingWindow(m_options.startingMs);
}

bool FakeServer::isStarting() const
{
    return !m_listening || m_processClock.elapsed() < m_startingUntil;
}

void FakeServer::startStartingWindow(int ms)
{
    m_startingUntil = std::max(m_startingUntil, m_processClock.elapsed() + ms);
    if (isStarting()) {
        m_readyAnnounced = false;
        m_readyTimer.start(static_cast<int>(m_startingUntil - m_processClock.elapsed()));
    } else {
        announceReady();
    }
}

void FakeServer::onReadyTimer()
{
    if (isStarting())
        m_readyTimer.start(static_cast<int>(std::max<qint64>(1, m_startingUntil - m_processClock.elapsed())));
    else
        announceReady();
}

void FakeServer::announceReady()
{
    if (m_readyAnnounced || m_stopping)
        return;
    m_readyAnnounced = true;
    if (!m_everReady && m_options.startupTrace) {
        trace("sidecars");
        outLine(QByteArrayLiteral("[gateway] ready"));
    }
    m_everReady = true;
    outLine(QByteArrayLiteral("fake: ready"));
}

// ---- Restart and stop ---------------------------------------------------------------------

void FakeServer::setActiveTasks(int count)
{
    m_activeTasks = count;
    if (count == 0 && m_restart == Restart::Deferred)
        scheduleRestart(kRestartScheduleDelayMs); // the deferred restart goes ahead once work drained
}

QJsonObject FakeServer::requestRestart(const QString& reason, bool skipDeferral)
{
    QString status;
    bool coalesced = false;
    if (m_restart == Restart::Scheduled || (m_restart == Restart::Deferred && !skipDeferral)) {
        status = QStringLiteral("coalesced");
        coalesced = true;
    } else if (m_activeTasks > 0 && !skipDeferral) {
        m_restart = Restart::Deferred;
        status = QStringLiteral("deferred");
    } else {
        coalesced = m_restart == Restart::Deferred; // a forced request takes over a deferred one
        status = QStringLiteral("scheduled");
        scheduleRestart(kRestartScheduleDelayMs);
    }
    if (!coalesced)
        m_restartReason = reason;
    outLine(QStringLiteral("[gateway] restart requested (%1): %2").arg(status, reason).toUtf8());
    return {{QStringLiteral("ok"), true},
            {QStringLiteral("status"), status},
            {QStringLiteral("preflight"), preflightPayload(m_activeTasks)},
            {QStringLiteral("restart"), QJsonObject{{QStringLiteral("pid"), static_cast<qint64>(::getpid())},
                                                    {QStringLiteral("signal"), QStringLiteral("SIGUSR2")},
                                                    {QStringLiteral("mode"), QStringLiteral("in-process")},
                                                    {QStringLiteral("delayMs"), kRestartScheduleDelayMs},
                                                    {QStringLiteral("coalesced"), coalesced},
                                                    {QStringLiteral("reason"), m_restartReason}}}};
}

void FakeServer::restartFromSignal()
{
    if (m_restart == Restart::Scheduled)
        return;
    m_restartReason = QStringLiteral("SIGUSR2");
    outLine(QByteArrayLiteral("[gateway] signal SIGUSR2 received; restarting in-process"));
    scheduleRestart(kStopEventDelayMs);
}

void FakeServer::scheduleRestart(int delayMs)
{
    m_restart = Restart::Scheduled;
    QTimer::singleShot(delayMs, Qt::PreciseTimer, this, &FakeServer::performRestart);
}

void FakeServer::performRestart()
{
    if (m_stopping || m_restart != Restart::Scheduled)
        return;
    m_restart = Restart::None;
    const QJsonObject shutdown{{QStringLiteral("reason"), QStringLiteral("gateway restarting")},
                               {QStringLiteral("restartExpectedMs"), 1500}};
    const QList<FakeSession*> sessions = m_sessions;
    for (FakeSession* s : sessions)
        s->shutdown(shutdown, 1012, QStringLiteral("gateway restarting"));
    // The new "boot": same pid, new bootId, connects answered "gateway starting" for a while.
    m_bootId = newUuid();
    m_bootClock.restart();
    m_readyAnnounced = false;
    outLine(QStringLiteral("fake: restarting bootId=%1 reason=%2").arg(m_bootId, m_restartReason).toUtf8());
    m_startingUntil = m_processClock.elapsed() + m_options.restartDelayMs;
    startStartingWindow(m_options.restartDelayMs);
}

void FakeServer::terminate(const QString& signalName)
{
    if (m_stopping)
        return;
    m_stopping = true;
    outLine(QStringLiteral("[gateway] signal %1 received; shutting down").arg(signalName).toUtf8());
    QTimer::singleShot(kStopEventDelayMs, Qt::PreciseTimer, this, [this] {
        for (QTcpServer* listener : std::as_const(m_listeners))
            listener->close();
        const QJsonObject shutdown{{QStringLiteral("reason"), QStringLiteral("gateway stopping")},
                                   {QStringLiteral("restartExpectedMs"), QJsonValue::Null}};
        const QList<FakeSession*> sessions = m_sessions;
        for (FakeSession* s : sessions)
            s->shutdown(shutdown, 1012, QStringLiteral("gateway stopping"));
        // Exit once every close frame is out (or after a short grace).
        auto* poll = new QTimer(this);
        QElapsedTimer* waited = new QElapsedTimer;
        waited->start();
        connect(poll, &QTimer::timeout, this, [this, poll, waited] {
            if (!m_sessions.isEmpty() && waited->elapsed() < 1000)
                return;
            poll->stop();
            delete waited;
            outLine(QByteArrayLiteral("[gateway] stopped"));
            // Like the real one after a first run: sockets closed, still busy with its exit.
            QTimer::singleShot(m_options.exitLingerMs, [] { QCoreApplication::exit(0); });
        });
        poll->start(5);
    });
}

} // namespace fakegw
