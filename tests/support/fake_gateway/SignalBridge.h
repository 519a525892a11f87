#pragma once

#include <QObject>

class QSocketNotifier;

namespace fakegw {

// Turns Unix signals into a Qt signal: the handler only writes the signal number into a
// socketpair; everything else happens in the event loop (nothing unsafe runs in the handler).
class SignalBridge final : public QObject
{
    Q_OBJECT
public:
    explicit SignalBridge(QObject* parent = nullptr);
    ~SignalBridge() override;

    bool watch(int signalNumber);

signals:
    void received(int signalNumber);

private:
    void drain();
    static void handler(int signalNumber);

    static int s_fds[2];
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace fakegw
