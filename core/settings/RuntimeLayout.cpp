#include "settings/RuntimeLayout.h"

#include "logging/Logging.h"
#include "policy/VersionOrder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>

namespace clawtray {
namespace {

const QString kVersions = QStringLiteral("openclaw");
const QString kCurrent = QStringLiteral("current");
const QString kLegacyModules = QStringLiteral("node_modules");

bool newerFirst(const QString& a, const QString& b) { return versionIsNewer(a, b); }

// Renames `from` over `to` (replacing a symlink or file there) in one step.
bool renameOver(const QString& from, const QString& to)
{
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

} // namespace

RuntimeLayout::RuntimeLayout(QString runtimeDir)
    : m_root(std::move(runtimeDir))
{}

QString RuntimeLayout::versionsDir() const { return QDir(m_root).filePath(kVersions); }
QString RuntimeLayout::versionDir(const QString& version) const { return QDir(versionsDir()).filePath(version); }
QString RuntimeLayout::currentLink() const { return QDir(m_root).filePath(kCurrent); }
QString RuntimeLayout::recordFile() const { return QDir(m_root).filePath(QStringLiteral("versions.json")); }

QString RuntimeLayout::nodeIn(const QString& prefix)
{
    return QDir(prefix).filePath(QStringLiteral("node_modules/node/bin/node"));
}

QString RuntimeLayout::openclawIn(const QString& prefix)
{
    return QDir(prefix).filePath(QStringLiteral("node_modules/openclaw"));
}

bool RuntimeLayout::isPlausibleVersion(const QString& version)
{
    static const QRegularExpression re(QStringLiteral("^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?$"));
    return version.size() <= 64 && re.match(version).hasMatch();
}

QString RuntimeLayout::packageVersion(const QString& prefix)
{
    QFile f(QDir(openclawIn(prefix)).filePath(QStringLiteral("package.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("version")).toString();
}

QString RuntimeLayout::activeVersion() const
{
    const QFileInfo link(currentLink());
    if (!link.isSymLink())
        return {};
    const QString version = QFileInfo(link.symLinkTarget()).fileName();
    return isComplete(version) ? version : QString();
}

QString RuntimeLayout::activeDir() const
{
    const QString v = activeVersion();
    return v.isEmpty() ? QString() : versionDir(v);
}

bool RuntimeLayout::isComplete(const QString& version) const
{
    if (!isPlausibleVersion(version))
        return false;
    const QString prefix = versionDir(version);
    return QFileInfo(nodeIn(prefix)).isExecutable()
           && QFileInfo::exists(QDir(openclawIn(prefix)).filePath(QStringLiteral("openclaw.mjs")));
}

QStringList RuntimeLayout::installedVersions() const
{
    QStringList out;
    const auto names = QDir(versionsDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        if (isComplete(name))
            out << name;
    }
    std::sort(out.begin(), out.end(), newerFirst);
    return out;
}

bool RuntimeLayout::hasLegacyLayout() const
{
    const QFileInfo modules(QDir(m_root).filePath(kLegacyModules));
    return modules.isDir() && !modules.isSymLink()
           && QFileInfo::exists(QDir(modules.filePath()).filePath(QStringLiteral("openclaw/package.json")));
}

LayoutChange RuntimeLayout::migrateLegacy()
{
    if (!hasLegacyLayout())
        return {};
    const QDir root(m_root);
    const QString version = packageVersion(m_root);
    if (!isPlausibleVersion(version))
        return LayoutChange::failed(
            UserText(QT_TRANSLATE_NOOP("UserText", "The OpenClaw install in %1 has no readable version; reinstall the runtime."))
                .arg(m_root));
    const QString target = versionDir(version);
    if (!QDir().mkpath(target))
        return LayoutChange::failed(UserText(QT_TRANSLATE_NOOP("UserText", "Cannot create %1.")).arg(target));
    // Renames only: the same file system, no copy, and a gateway running from the old paths keeps
    // its files (the compatibility link below makes those paths resolve again at once).
    for (const QString& name : {kLegacyModules, QStringLiteral("package.json"), QStringLiteral("package-lock.json")}) {
        const QString from = root.filePath(name);
        if (!QFileInfo::exists(from))
            continue;
        if (!renameOver(from, QDir(target).filePath(name)))
            return LayoutChange::failed(
                UserText(QT_TRANSLATE_NOOP("UserText", "Cannot move %1 into %2.")).arg(from).arg(target));
    }
    if (!QFile::link(kCurrent + QLatin1Char('/') + kLegacyModules, root.filePath(kLegacyModules)))
        logWarn(QStringLiteral("runtime: could not leave a compatibility link at %1").arg(root.filePath(kLegacyModules)));
    if (activeVersion().isEmpty()) {
        const LayoutChange sw = switchTo(version);
        if (!sw.ok)
            return sw;
    }
    if (record(version).version.isEmpty())
        markInstalled(version, QFileInfo(target).lastModified().toMSecsSinceEpoch());
    logInfo(QStringLiteral("runtime: moved the OpenClaw %1 install into %2").arg(version, target));
    return {};
}

LayoutChange RuntimeLayout::switchTo(const QString& version)
{
    if (!isComplete(version))
        return LayoutChange::failed(
            UserText(QT_TRANSLATE_NOOP("UserText", "OpenClaw %1 is not installed completely in %2."))
                .arg(version)
                .arg(versionDir(version)));
    const QString temp = currentLink() + QStringLiteral(".new");
    QFile::remove(temp);
    if (!QFile::link(kVersions + QLatin1Char('/') + version, temp) || !renameOver(temp, currentLink())) {
        QFile::remove(temp);
        return LayoutChange::failed(
            UserText(QT_TRANSLATE_NOOP("UserText", "Cannot point %1 at OpenClaw %2.")).arg(currentLink()).arg(version));
    }
    // The old single-prefix paths follow `current` (a runtime migrated by an older script may lack it).
    const QString legacy = QDir(m_root).filePath(kLegacyModules);
    if (!QFileInfo::exists(legacy) && !QFileInfo(legacy).isSymLink())
        QFile::link(kCurrent + QLatin1Char('/') + kLegacyModules, legacy);
    return {};
}

QJsonObject RuntimeLayout::readRecord() const
{
    QFile f(recordFile());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

void RuntimeLayout::writeRecord(const QJsonObject& record) const
{
    QSaveFile f(recordFile());
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(record).toJson()) < 0 || !f.commit())
        logWarn(QStringLiteral("runtime: could not write %1").arg(recordFile()));
}

QVector<RuntimeVersionRecord> RuntimeLayout::records() const
{
    QVector<RuntimeVersionRecord> out;
    const QJsonObject versions = readRecord().value(QLatin1String("versions")).toObject();
    for (auto it = versions.begin(); it != versions.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        out.append({it.key(), qint64(o.value(QLatin1String("installedAtMs")).toDouble()),
                    qint64(o.value(QLatin1String("lastGoodAtMs")).toDouble())});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return newerFirst(a.version, b.version); });
    return out;
}

RuntimeVersionRecord RuntimeLayout::record(const QString& version) const
{
    for (const auto& r : records()) {
        if (r.version == version)
            return r;
    }
    return {};
}

namespace {
void setField(QJsonObject& record, const QString& version, const char* field, qint64 value)
{
    QJsonObject versions = record.value(QLatin1String("versions")).toObject();
    QJsonObject v = versions.value(version).toObject();
    v.insert(QLatin1String(field), double(value));
    versions.insert(version, v);
    record.insert(QLatin1String("versions"), versions);
}
} // namespace

void RuntimeLayout::markInstalled(const QString& version, qint64 nowMs)
{
    QJsonObject r = readRecord();
    setField(r, version, "installedAtMs", nowMs);
    writeRecord(r);
}

void RuntimeLayout::markGood(const QString& version, qint64 nowMs)
{
    QJsonObject r = readRecord();
    setField(r, version, "lastGoodAtMs", nowMs);
    writeRecord(r);
}

void RuntimeLayout::forget(const QString& version)
{
    QJsonObject r = readRecord();
    QJsonObject versions = r.value(QLatin1String("versions")).toObject();
    versions.remove(version);
    r.insert(QLatin1String("versions"), versions);
    if (r.value(QLatin1String("previous")).toString() == version)
        r.remove(QLatin1String("previous"));
    writeRecord(r);
}

QString RuntimeLayout::previousVersion() const
{
    const QString v = readRecord().value(QLatin1String("previous")).toString();
    return isComplete(v) ? v : QString();
}

void RuntimeLayout::setPreviousVersion(const QString& version)
{
    QJsonObject r = readRecord();
    if (version.isEmpty())
        r.remove(QLatin1String("previous"));
    else
        r.insert(QLatin1String("previous"), version);
    writeRecord(r);
}

bool RuntimeLayout::removeVersion(const QString& version)
{
    if (!isPlausibleVersion(version))
        return false;
    const QString dir = versionDir(version);
    // Never through a link: an install linked in from elsewhere is not ours to delete.
    const bool removed = QFileInfo(dir).isSymLink() ? QFile::remove(dir) : QDir(dir).removeRecursively();
    if (removed)
        forget(version);
    return removed;
}

QStringList RuntimeLayout::prune(int keep)
{
    const QString active = activeVersion();
    const QString previous = previousVersion();
    QStringList removed;
    int good = 0;
    for (const QString& v : installedVersions()) {
        const bool ranWell = record(v).lastGoodAtMs > 0;
        if (ranWell)
            ++good;
        if (v == active || v == previous || !ranWell || good <= keep)
            continue;
        if (removeVersion(v)) {
            removed << v;
            logInfo(QStringLiteral("runtime: removed OpenClaw %1 (older than the last %2 that ran)").arg(v).arg(keep));
        }
    }
    return removed;
}

} // namespace clawtray
