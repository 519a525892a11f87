#include "SingleInstance.h"

#include "logging/Logging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QThread>

namespace clawtray {

namespace {
const QByteArray kActivate = QByteArrayLiteral("activate\n");
const QByteArray kOk = QByteArrayLiteral("ok\n");
} // namespace

SingleInstance::SingleInstance(const QString& dir, const QString& name, QObject* parent)
    : QObject(parent)
    , m_lockPath(QDir(dir).filePath(name + QStringLiteral(".lock")))
    , m_socketPath(QDir(dir).filePath(name + QStringLiteral(".sock")))
{
    connect(&m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
}

SingleInstance::~SingleInstance()
{
    m_server.close();
}

QString SingleInstance::nameForConfigDir(const QString& configDir)
{
    const QByteArray canonical = QFileInfo(configDir).absoluteFilePath().toUtf8();
    const QByteArray hash = QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex().left(12);
    return QStringLiteral("clawtray-desktop-") + QString::fromLatin1(hash);
}

Result<SingleInstance::Role> SingleInstance::claim()
{
    m_lock = std::make_unique<QLockFile>(m_lockPath);
    // Never stale by age: a long-running instance keeps its lock. A lock whose owner died is
    // recognised by QLockFile (pid no longer running) and removed by tryLock().
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        const auto e = m_lock->error();
        m_lock.reset();
        if (e == QLockFile::LockFailedError)
            return Role::Secondary;
        return Result<Role>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot create the instance lock %1")).arg(m_lockPath));
    }
    // We own the lock, so any socket still there belongs to a crashed instance.
    QLocalServer::removeServer(m_socketPath);
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server.listen(m_socketPath)) {
        // The instance still works; only "bring the window forward" from a second launch will not.
        logWarn(QStringLiteral("single instance: cannot listen on %1: %2").arg(m_socketPath, m_server.errorString()));
    }
    return Role::Primary;
}

Done SingleInstance::activatePrimary(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    UserText last;
    do {
        QLocalSocket socket;
        socket.connectToServer(m_socketPath);
        if (socket.waitForConnected(500)) {
            socket.write(kActivate);
            socket.flush();
            while (!socket.canReadLine() && socket.waitForReadyRead(int(qMax<qint64>(100, deadline.remainingTime())))) {
            }
            if (socket.canReadLine() && socket.readLine() == kOk)
                return {};
            last = UserText(QT_TRANSLATE_NOOP("UserText", "the running instance did not answer"));
        } else {
            last = UserText::verbatim(socket.errorString());
        }
        QThread::msleep(100); // the primary may be between taking the lock and listening
    } while (!deadline.hasExpired());
    return Done::failure(last);
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            while (socket->canReadLine()) {
                if (socket->readLine() == kActivate) {
                    socket->write(kOk);
                    socket->flush();
                    logInfo(QStringLiteral("activated by a second launch"));
                    Q_EMIT activationRequested();
                }
            }
            if (socket->bytesAvailable() > 256)
                socket->abort(); // not a ClawTray instance talking
        });
    }
}

} // namespace clawtray
