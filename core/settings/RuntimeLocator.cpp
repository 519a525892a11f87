#include "settings/RuntimeLocator.h"

#include "settings/AppPaths.h"
#include "settings/RuntimeLayout.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace clawtray {
namespace {

const QString kSetupHint = QStringLiteral("run scripts/setup.sh to install the gateway runtime");

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

RuntimeLocator::RuntimeLocator()
    : m_runtimeDir(AppPaths::runtimeDir())
{}

RuntimeLocator::RuntimeLocator(QString runtimeDir)
    : m_runtimeDir(std::move(runtimeDir))
{}

QStringList RuntimeLocator::nodeCandidates() const
{
    const QDir dir(m_runtimeDir);
    // The active install of the versioned layout, named by its version directory (not through
    // `current`), so a gateway started from it keeps its files when an update switches `current`.
    const QString active = RuntimeLayout(m_runtimeDir).activeDir();
    QStringList out;
    if (!active.isEmpty())
        out << RuntimeLayout::nodeIn(active);
#ifdef Q_OS_WIN
    out << dir.filePath(QStringLiteral("node_modules/node/bin/node.exe"))
        << dir.filePath(QStringLiteral("node_modules/.bin/node.exe"))
        << dir.filePath(QStringLiteral("node_modules/.bin/node.cmd"));
#else
    out << dir.filePath(QStringLiteral("node_modules/node/bin/node"))
        << dir.filePath(QStringLiteral("node_modules/.bin/node"));
#endif
    return out;
}

QString RuntimeLocator::detectNodePath() const
{
    const QStringList candidates = nodeCandidates();
    for (const QString& c : candidates) {
        if (QFileInfo::exists(c))
            return c;
    }
    return candidates.first();
}

QString RuntimeLocator::detectOpenClawDir() const
{
    const QString active = RuntimeLayout(m_runtimeDir).activeDir();
    if (!active.isEmpty())
        return RuntimeLayout::openclawIn(active);
    return QDir(m_runtimeDir).filePath(QStringLiteral("node_modules/openclaw"));
}

RuntimeCheck RuntimeLocator::resolve(const QString& nodePath, const QString& openclawDir, int timeoutMs) const
{
    return validate(nodePath.isEmpty() ? detectNodePath() : nodePath,
                    openclawDir.isEmpty() ? detectOpenClawDir() : openclawDir, timeoutMs,
                    nodePath.isEmpty() ? Origin::RuntimeDir : Origin::Configured,
                    openclawDir.isEmpty() ? Origin::RuntimeDir : Origin::Configured);
}

Result<QString> RuntimeLocator::queryNodeVersion(const QString& nodePath, int timeoutMs)
{
    QProcess proc;
    // NODE_OPTIONS could make node print warnings or refuse to start for reasons that have
    // nothing to do with the binary we are checking.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("NODE_OPTIONS"));
    proc.setProcessEnvironment(env);
    proc.setProcessChannelMode(QProcess::SeparateChannels);
    proc.start(nodePath, {QStringLiteral("--version")}, QIODevice::ReadOnly);
    if (!proc.waitForStarted(timeoutMs)) {
        return Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Node at %1 could not be started: %2"))
                                            .arg(native(nodePath))
                                            .arg(UserText::verbatim(proc.errorString())));
    }
    proc.closeWriteChannel();
    if (!proc.waitForFinished(timeoutMs)) {
        proc.kill();
        proc.waitForFinished(1000);
        return Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Node at %1 did not report its version within %2"))
                                            .arg(native(nodePath))
                                            .duration(timeoutMs, DurationStyle::Span));
    }
    const QString out = QString::fromUtf8(proc.readAllStandardOutput()).trimmed();
    if (proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0) {
        const QString err = QString::fromUtf8(proc.readAllStandardError()).trimmed().left(300);
        const UserText failed = UserText(QT_TRANSLATE_NOOP("UserText", "Node at %1 failed to report its version (exit code %2)"))
                                    .arg(native(nodePath))
                                    .arg(proc.exitCode());
        return Result<QString>::failure(err.isEmpty() ? failed
                                                      : UserText(QT_TRANSLATE_NOOP("UserText", "%1: %2")).arg(failed).arg(UserText::verbatim(err)));
    }
    return out;
}

Result<QString> RuntimeLocator::readPackageVersion(const QString& openclawDir)
{
    QFile file(QDir(openclawDir).filePath(QStringLiteral("package.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not read %1: %2"))
                                            .arg(native(file.fileName()))
                                            .arg(UserText::verbatim(file.errorString())));
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QString version = doc.object().value(QStringLiteral("version")).toString();
    if (parseError.error != QJsonParseError::NoError || version.isEmpty()) {
        return Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "%1 has no readable version")).arg(native(file.fileName())));
    }
    return version;
}

RuntimeCheck RuntimeLocator::validate(const QString& nodePath, const QString& openclawDir, int timeoutMs, Origin nodeOrigin,
                                      Origin openclawOrigin)
{
    // A path the user typed is wrong as typed: say so, rather than send them to install anything.
    const QString nodeHint = nodeOrigin == Origin::Configured
                                 ? QStringLiteral("check the Node path in Settings (leave it empty to use ClawTray's runtime)")
                                 : kSetupHint;
    const QString openclawHint = openclawOrigin == Origin::Configured
                                     ? QStringLiteral("check the OpenClaw folder in Settings (leave it empty to use ClawTray's runtime)")
                                     : kSetupHint;
    RuntimeCheck check;
    const QFileInfo nodeInfo(nodePath);
    check.info.nodePath = nodeInfo.absoluteFilePath();

    if (nodePath.isEmpty() || !nodeInfo.exists()) {
        check.error = QStringLiteral("Node not found at %1 — %2").arg(native(nodePath), nodeHint);
        return check;
    }
    if (nodeInfo.isDir() || !nodeInfo.isExecutable()) {
        check.error = QStringLiteral("Node at %1 is not an executable file — %2").arg(native(nodePath), nodeHint);
        return check;
    }

    const Result<QString> queried = queryNodeVersion(check.info.nodePath, timeoutMs);
    if (!queried) {
        check.error = queried.error().english();
        return check;
    }
    const QString versionText = queried.value();
    const auto version = NodeVersion::parse(versionText);
    if (!version) {
        check.error = QStringLiteral("%1 does not look like Node: `--version` printed \"%2\"")
                          .arg(native(nodePath), versionText.left(80));
        return check;
    }
    check.info.nodeVersion = *version;
    if (QString reason = version->unsupportedReason(); !reason.isEmpty()) {
        check.error = reason;
        return check;
    }

    // Pointing at the runtime dir instead of the package inside it is an easy mistake; accept it.
    QString dir = QFileInfo(openclawDir).absoluteFilePath();
    const QString nested = QDir(dir).filePath(QStringLiteral("node_modules/openclaw"));
    if (!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("openclaw.mjs"))) &&
        QFileInfo::exists(QDir(nested).filePath(QStringLiteral("openclaw.mjs"))))
        dir = nested;
    check.info.openclawDir = dir;
    check.info.openclawEntry = QDir(dir).filePath(QStringLiteral("openclaw.mjs"));
    if (openclawDir.isEmpty() || !QFileInfo(check.info.openclawEntry).isFile()) {
        check.error = QStringLiteral("openclaw.mjs not found in %1 — %2").arg(native(openclawDir), openclawHint);
        return check;
    }

    if (const Result<QString> version = readPackageVersion(dir); version)
        check.info.openclawVersion = version.value();
    else
        check.warnings << version.error().english();

    check.ok = true;
    return check;
}

} // namespace clawtray
