#include "supervisor/CauseWatch.h"

#include "logging/Logging.h"
#include "process/PortInspector.h"

#include <QDir>
#include <QFileInfo>

namespace clawtray {
namespace {

constexpr int kSettleMs = 300;

} // namespace

CauseWatch::CauseWatch(QObject* parent)
    : QObject(parent)
{
    m_portTimer.setSingleShot(false);
    m_periodicTimer.setSingleShot(true);
    m_settleTimer.setSingleShot(true);
    connect(&m_portTimer, &QTimer::timeout, this, [this] {
        if (m_target.port && PortInspector::canBind(m_target.port))
            fire(QStringLiteral("port %1 is free again").arg(m_target.port));
        // Files created before their new directory was watched send no event: look as well.
        if (m_target.untilAllExist && !m_settleTimer.isActive()) {
            for (const QString& p : m_target.paths)
                if (!QFileInfo::exists(p))
                    return;
            fire(QStringLiteral("%1 is there now").arg(m_target.paths.join(QLatin1String(", "))));
        }
    });
    connect(&m_periodicTimer, &QTimer::timeout, this, [this] { fire(QStringLiteral("periodic retry")); });
    connect(&m_settleTimer, &QTimer::timeout, this, [this] { fire(m_pendingWhat); });
}

CauseWatch::Target CauseWatch::targetFor(const GatewayProblem& problem, quint16 port, const QString& configPath,
                                         const QStringList& runtimePaths, int periodicRetryMs)
{
    Target t;
    t.periodicRetryMs = periodicRetryMs;
    switch (problem.kind) {
    case ProblemKind::PortInUse:
    case ProblemKind::PortHeld:
    case ProblemKind::ForeignGateway:
        t.port = port;
        break;
    case ProblemKind::InvalidConfig:
    case ProblemKind::AuthRejected:
    case ProblemKind::AuthUnavailable:
        t.paths << configPath;
        break;
    case ProblemKind::RuntimeMissing:
    case ProblemKind::ProtocolMismatch:
    case ProblemKind::NodeTooOld:
        t.paths << runtimePaths;
        // A missing runtime is back once all of it is there, not at npm's first mkdir.
        t.untilAllExist = problem.kind == ProblemKind::RuntimeMissing;
        break;
    default: // nothing that can be watched: the periodic retry only
        break;
    }
    t.paths.removeAll(QString());
    if (t.paths.isEmpty())
        t.untilAllExist = false; // nothing to wait for: only the periodic retry (never "all of nothing is there")
    return t;
}

void CauseWatch::watch(const Target& target)
{
    cancel();
    m_target = target;
    m_active = true;
    if (target.port || target.untilAllExist)
        m_portTimer.start(m_portPollMs);
    if (!target.paths.isEmpty()) {
        m_fsWatcher = new QFileSystemWatcher(this);
        const auto changed = [this](const QString& path) {
            if (!m_active)
                return;
            rearmPaths(); // an atomic replace drops the watch on the old inode; new dirs appear
            if (m_target.untilAllExist) {
                for (const QString& p : m_target.paths)
                    if (!QFileInfo::exists(p))
                        return;
                m_pendingWhat = QStringLiteral("%1 is there now").arg(m_target.paths.join(QLatin1String(", ")));
            } else {
                m_pendingWhat = QStringLiteral("%1 changed").arg(path);
            }
            m_settleTimer.start(kSettleMs);
        };
        connect(m_fsWatcher, &QFileSystemWatcher::fileChanged, this, changed);
        connect(m_fsWatcher, &QFileSystemWatcher::directoryChanged, this, changed);
        rearmPaths();
    }
    if (target.periodicRetryMs > 0)
        m_periodicTimer.start(target.periodicRetryMs);
}

void CauseWatch::rearmPaths()
{
    if (!m_fsWatcher)
        return;
    // Watch each path and its nearest existing ancestor directory: a file that does not exist yet
    // (a runtime being installed, a config being created) shows up as a change of its directory.
    QStringList want;
    for (const QString& p : m_target.paths) {
        if (QFileInfo::exists(p))
            want << p;
        QString dir = QFileInfo(p).absolutePath();
        while (!dir.isEmpty() && !QFileInfo::exists(dir) && dir != QDir::rootPath())
            dir = QFileInfo(dir).absolutePath();
        if (!dir.isEmpty())
            want << dir;
    }
    want.removeDuplicates();
    const QStringList have = m_fsWatcher->files() + m_fsWatcher->directories();
    for (const QString& p : want)
        if (!have.contains(p))
            m_fsWatcher->addPath(p);
}

void CauseWatch::cancel()
{
    m_active = false;
    m_portTimer.stop();
    m_periodicTimer.stop();
    m_settleTimer.stop();
    if (m_fsWatcher) {
        m_fsWatcher->disconnect(this);
        m_fsWatcher->deleteLater();
        m_fsWatcher = nullptr;
    }
}

UserText CauseWatch::description() const
{
    if (!m_active)
        return UserText();
    std::vector<UserText> parts;
    if (m_target.port)
        parts.push_back(UserText(QT_TRANSLATE_NOOP("UserText", "waiting for port %1 to be free")).arg(m_target.port));
    if (!m_target.paths.isEmpty())
        parts.push_back(UserText(QT_TRANSLATE_NOOP("UserText", "watching %1 for a change"))
                            .arg(QFileInfo(m_target.paths.first()).fileName()));
    if (m_target.periodicRetryMs > 0)
        parts.push_back(UserText(QT_TRANSLATE_NOOP("UserText", "retrying every %1")).duration(m_target.periodicRetryMs));
    UserText out;
    for (const UserText& p : parts)
        out = out.isEmpty() ? p : UserText(QT_TRANSLATE_NOOP("UserText", "%1; %2")).arg(out).arg(p);
    return out;
}

void CauseWatch::fire(const QString& what)
{
    if (!m_active)
        return;
    cancel();
    logInfo(QStringLiteral("the cause of the error may be gone (%1)").arg(what));
    Q_EMIT causeMayBeGone(what);
}

} // namespace clawtray
