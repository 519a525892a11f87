#pragma once

#include "policy/Result.h"

#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <QString>

#include <memory>

namespace clawtray {

// One desktop instance per user and configuration: a QLockFile decides who is first, a
// QLocalServer next to it lets a second launch ask the first to show its window. A lock left by a
// crashed instance is recovered (QLockFile checks whether its owner still lives), and so is its
// socket. Both live in the user runtime dir (0700).
class SingleInstance final : public QObject
{
    Q_OBJECT
public:
    enum class Role { Primary, Secondary };

    // `name`: the lock file is <dir>/<name>.lock, the socket <dir>/<name>.sock.
    SingleInstance(const QString& dir, const QString& name, QObject* parent = nullptr);
    ~SingleInstance() override;

    // Tries to become the primary instance. Secondary: another live instance holds the lock; a
    // failure: the lock cannot be taken at all (then nothing guards against a second instance).
    Result<Role> claim();
    // From a secondary instance: asks the primary to come forward. Waits up to `timeoutMs` (the
    // primary may still be starting and not listen yet).
    Done activatePrimary(int timeoutMs);

    QString lockPath() const { return m_lockPath; }
    QString socketPath() const { return m_socketPath; }

    // "clawtray-desktop-<hash of the config dir>": instances with different configurations (tests,
    // a second profile) do not exclude each other.
    static QString nameForConfigDir(const QString& configDir);

Q_SIGNALS:
    void activationRequested();

private:
    void onNewConnection();

    QString m_lockPath;
    QString m_socketPath;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer m_server;
};

} // namespace clawtray
