#include "control/ControlServer.h"

#include "control/ControlCommands.h"
#include "control/ControlSession.h"
#include "control/SocketTrust.h"
#include "logging/Logging.h"
#include "settings/AppPaths.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace clawtray {
namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

ControlServer::ControlServer(GatewayManager* manager, QObject* parent)
    : QObject(parent)
    , m_commands(new ControlCommands(this))
{
    m_commands->setManager(manager);
    connect(&m_server, &QLocalServer::newConnection, this, &ControlServer::onNewConnection);
}

ControlServer::~ControlServer()
{
    close();
}

QString ControlServer::defaultSocketPath()
{
    return QDir(AppPaths::userRuntimeDir()).filePath(QStringLiteral("clawtray.sock"));
}

QString ControlServer::configuredSocketPath()
{
    const QString env = qEnvironmentVariable("CLAWTRAY_CONTROL_SOCKET");
    return env.isEmpty() ? defaultSocketPath() : env;
}

bool ControlServer::isServing(const QString& path, int timeoutMs)
{
    QLocalSocket probe;
    probe.connectToServer(path);
    const bool live = probe.waitForConnected(timeoutMs);
    probe.abort();
    return live;
}

void ControlServer::setManager(GatewayManager* manager, const Companion& companion)
{
    m_commands->setManager(manager, companion);
}

void ControlServer::setNotReadyReason(const QString& reason)
{
    m_commands->setNotReadyReason(reason);
}

void ControlServer::setSettingsReloader(std::function<QJsonObject()> reloader)
{
    m_commands->setSettingsReloader(std::move(reloader));
}

void ControlServer::setInstanceInfo(const QJsonObject& info)
{
    m_instanceInfo = info;
    QJsonObject merged = info;
    merged.insert(QLatin1String("socket"), m_path);
    m_commands->setInstanceInfo(merged);
}

Done ControlServer::preparePath(const QString& path)
{
    if (path.isEmpty() || QDir::isRelativePath(path))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "the control socket path must be absolute (got '%1')")).arg(path));
    const QString dir = QFileInfo(path).absolutePath();
    const QByteArray dirBytes = QFile::encodeName(dir);
    struct stat st = {};
    if (::stat(dirBytes.constData(), &st) != 0) {
        if (Done made = AppPaths::ensureDir(dir); !made)
            return made;
        if (::stat(dirBytes.constData(), &st) != 0)
            return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot inspect %1: %2")).arg(dir).arg(errnoText()));
    }
    // Whoever can write the directory can replace the socket and impersonate ClawTray.
    if (const QString why = sockettrust::unsafeDirectoryReason(dir); !why.isEmpty())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "refusing to put the control socket in %1 (%2): it must be a "
                                                                    "directory owned by this user and writable by nobody else "
                                                                    "(use a private directory such as $XDG_RUNTIME_DIR)"))
                                 .arg(dir)
                                 .arg(why));
    // One instance per socket path: an exclusive lock taken before the socket is touched, held for
    // the instance's life. Two instances started together cannot both get here, so neither can
    // replace (and later unlink) the other's socket.
    if (Done locked = acquireInstanceLock(path); !locked)
        return locked;
    const QByteArray pathBytes = QFile::encodeName(path);
    if (::lstat(pathBytes.constData(), &st) != 0)
        return {};
    if (!S_ISSOCK(st.st_mode))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "%1 exists and is not a socket; remove it or choose another path")).arg(path));
    if (isServing(path)) {
        m_addressInUse = true;
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "another ClawTray is already running (control socket %1)")).arg(path));
    }
    if (::unlink(pathBytes.constData()) != 0)
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot remove the stale control socket %1: %2")).arg(path).arg(errnoText()));
    logInfo(QStringLiteral("control: removed a stale socket left by an earlier instance (%1)").arg(path));
    return {};
}

Done ControlServer::acquireInstanceLock(const QString& path)
{
    if (m_lockFd >= 0)
        return {};
    const QByteArray lockPath = QFile::encodeName(path + QStringLiteral(".lock"));
    const int fd = ::open(lockPath.constData(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot open the instance lock %1: %2"))
                                 .arg(QFile::decodeName(lockPath))
                                 .arg(errnoText()));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int e = errno;
        ::close(fd);
        if (e == EWOULDBLOCK) {
            m_addressInUse = true;
            return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "another ClawTray is already running (control socket %1)")).arg(path));
        }
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot lock %1: %2"))
                                 .arg(QFile::decodeName(lockPath))
                                 .arg(QString::fromLocal8Bit(strerror(e))));
    }
    m_lockFd = fd;
    return {};
}

void ControlServer::releaseInstanceLock()
{
    if (m_lockFd >= 0)
        ::close(m_lockFd); // closing the last fd releases the flock
    m_lockFd = -1;
}

Done ControlServer::listen(const QString& path)
{
    close();
    m_addressInUse = false;
    if (Done prepared = preparePath(path); !prepared) {
        releaseInstanceLock();
        return prepared;
    }
    // Qt binds in a fresh private temporary directory, restricts the socket, then renames it into
    // place: there is no moment at which the socket exists with wider permissions.
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server.listen(path)) {
        releaseInstanceLock();
        m_addressInUse = m_server.serverError() == QAbstractSocket::AddressInUseError;
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot listen on %1: %2")).arg(path).arg(m_server.errorString()));
    }
    ::chmod(QFile::encodeName(path).constData(), S_IRUSR | S_IWUSR);
    m_path = path;
    setInstanceInfo(m_instanceInfo);
    logInfo(QStringLiteral("control: listening on %1").arg(path));
    return {};
}

void ControlServer::close()
{
    const QList<QPointer<ControlSession>> sessions = m_sessions; // closing edits m_sessions
    for (const QPointer<ControlSession>& s : sessions) {
        if (s) {
            s->flush(500); // answers in flight (a quit in response to `stop`) still reach the client
            s->close();
        }
    }
    if (m_server.isListening()) {
        m_server.close(); // also removes the socket file (ours: nobody else could take the lock)
        logDebug(QStringLiteral("control: closed %1").arg(m_path));
    }
    releaseInstanceLock();
}

qint64 ControlServer::sumOverSessions(qint64 (ControlSession::*measure)() const) const
{
    qint64 sum = 0;
    for (const QPointer<ControlSession>& s : m_sessions)
        if (s)
            sum += (s.data()->*measure)();
    return sum;
}

void ControlServer::refuse(ControlSession* session, const char* code, const QString& message)
{
    // Answer the first request rather than closing at once: a client whose request crosses our
    // close would see a broken pipe instead of the reason.
    connect(session, &ControlSession::requestReceived, session,
            [session, code, message](const ControlRequest& request) {
                session->sendError(request.id, code, message);
                session->close();
            });
    QTimer::singleShot(kRefusedLingerMs, session, &ControlSession::close);
}

void ControlServer::onNewConnection()
{
    while (QLocalSocket* socket = m_server.nextPendingConnection()) {
        auto* session = new ControlSession(socket, this, m_idleTimeoutMs);
        connect(session, &ControlSession::closed, this, [this, session] {
            m_sessions.removeAll(session);
            session->deleteLater();
        });
        const qint64 uid = sockettrust::peerUid(socket->socketDescriptor());
        if (uid >= 0 && uid != qint64(::geteuid())) {
            logWarn(QStringLiteral("control: refused a connection from uid %1").arg(uid));
            refuse(session, ControlErrorCode::Failed,
                   QStringLiteral("permission denied: this ClawTray belongs to another user"));
            continue;
        }
        if (m_sessions.size() >= kMaxClients) {
            refuse(session, ControlErrorCode::Busy, QStringLiteral("too many control clients"));
            continue;
        }
        m_sessions << session;
        connect(session, &ControlSession::requestReceived, this,
                [this, session](const ControlRequest& request) { m_commands->execute(session, request); });
    }
}

} // namespace clawtray
