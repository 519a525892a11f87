#pragma once

#include "process/GatewayProcess.h"

#include <QStringList>
#include <QTemporaryDir>

// Runs the fake gateway fixture through the product's own GatewayProcess, on a free port.
namespace testsupport {

inline const QString kFakeToken = QStringLiteral("test-token-0123456789");

clawtray::GatewayLaunchOptions fakeGatewayOptions(quint16 port, const QStringList& fakeArgs,
                                                  const QString& token = kFakeToken);

class FakeGateway
{
public:
    explicit FakeGateway(const QStringList& fakeArgs = {}, quint16 port = 0);
    ~FakeGateway();
    // Starts and waits for "fake: ready" (or "fake: listening" when waitReady is false).
    bool start(bool waitReady = true, int timeoutMs = 15000);
    void stop();
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.pid(); }
    clawtray::GatewayProcess& process() { return m_process; }
    clawtray::GatewayLaunchOptions options() const { return fakeGatewayOptions(m_port, m_args); }

private:
    QStringList m_args;
    quint16 m_port;
    clawtray::GatewayProcess m_process;
};

} // namespace testsupport
