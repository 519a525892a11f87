#pragma once

#include <QObject>

class QSocketNotifier;

namespace clawtray {

// Turns SIGTERM, SIGINT and SIGHUP into a Qt signal: the handler only writes the signal number to
// a socketpair (async-signal-safe); a QSocketNotifier reads it in the event loop.
class UnixSignalBridge final : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalBridge(QObject* parent = nullptr);
    ~UnixSignalBridge() override;
    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void received(int signal);

private:
    static void handler(int sig);
    static int s_fds[2];
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace clawtray
