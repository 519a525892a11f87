#include "update/StateSnapshot.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <filesystem>
#include <system_error>

namespace clawtray {
namespace fs = std::filesystem;

namespace {

const QString kStatePart = QStringLiteral("state");
const QString kConfigPart = QStringLiteral("config");

fs::path toPath(const QString& p) { return fs::path(QFile::encodeName(p).toStdString()); }

UserText copyFailed(const QString& what, const std::error_code& ec)
{
    return UserText(QT_TRANSLATE_NOOP("UserText", "Cannot copy %1: %2"))
        .arg(what)
        .arg(QString::fromLocal8Bit(ec.message().c_str()));
}

} // namespace

StateSnapshot::StateSnapshot(QString stateDir, QString configPath)
    : m_stateDir(std::move(stateDir))
    , m_configPath(std::move(configPath))
{}

QStringList StateSnapshot::excludedNames()
{
    return {QStringLiteral("workspace"), QStringLiteral("media"), QStringLiteral("cache"), QStringLiteral("tmp"),
            QStringLiteral("logs"), QStringLiteral("sandboxes")};
}

bool StateSnapshot::covered(const QString& name) const
{
    for (const QString& x : excludedNames()) {
        if (name == x || name.startsWith(x + QLatin1Char('-')))
            return false;
    }
    return true;
}

UserText StateSnapshot::take(const QString& into) const
{
    const QDir target(into);
    if (!QDir().mkpath(target.filePath(kStatePart)))
        return UserText(QT_TRANSLATE_NOOP("UserText", "Cannot create %1.")).arg(into);
    std::error_code ec;
    const QStringList names = QDir(m_stateDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        if (!covered(name))
            continue;
        const QString from = QDir(m_stateDir).filePath(name);
        fs::copy(toPath(from), toPath(target.filePath(kStatePart + QLatin1Char('/') + name)),
                 fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
        if (ec)
            return copyFailed(from, ec);
    }
    const bool configInside = m_configPath.startsWith(QDir(m_stateDir).absolutePath() + QLatin1Char('/'));
    if (!m_configPath.isEmpty() && !configInside && QFileInfo::exists(m_configPath)) {
        QDir().mkpath(target.filePath(kConfigPart));
        // The file's content (a link to it stays the user's link: restore writes through it).
        fs::copy_file(toPath(QFileInfo(m_configPath).canonicalFilePath()),
                      toPath(target.filePath(kConfigPart + QLatin1Char('/') + QFileInfo(m_configPath).fileName())), ec);
        if (ec)
            return copyFailed(m_configPath, ec);
    }
    return {};
}

UserText StateSnapshot::restore(const QString& from) const
{
    const QDir source(QDir(from).filePath(kStatePart));
    if (!source.exists())
        return UserText(QT_TRANSLATE_NOOP("UserText", "The copy of the state in %1 is missing.")).arg(from);
    QDir().mkpath(m_stateDir);
    std::error_code ec;
    // What the failed version added goes; what it changed comes back.
    const auto filter = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    for (const QString& name : QDir(m_stateDir).entryList(filter)) {
        if (!covered(name))
            continue;
        fs::remove_all(toPath(QDir(m_stateDir).filePath(name)), ec);
        if (ec)
            return UserText(QT_TRANSLATE_NOOP("UserText", "Cannot remove %1: %2"))
                .arg(QDir(m_stateDir).filePath(name))
                .arg(QString::fromLocal8Bit(ec.message().c_str()));
    }
    for (const QString& name : source.entryList(filter)) {
        fs::copy(toPath(source.filePath(name)), toPath(QDir(m_stateDir).filePath(name)),
                 fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
        if (ec)
            return copyFailed(source.filePath(name), ec);
    }
    const QString savedConfig = QDir(from).filePath(kConfigPart + QLatin1Char('/') + QFileInfo(m_configPath).fileName());
    if (!m_configPath.isEmpty() && QFileInfo::exists(savedConfig)) {
        const QString into = QFileInfo(m_configPath).isSymLink() ? QFileInfo(m_configPath).canonicalFilePath() : m_configPath;
        fs::copy_file(toPath(savedConfig), toPath(into), fs::copy_options::overwrite_existing, ec);
        if (ec)
            return copyFailed(savedConfig, ec);
    }
    return {};
}

QStringList StateSnapshot::fingerprint() const
{
    QStringList out;
    const QDir root(m_stateDir);
    const auto filter = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    for (const QString& name : root.entryList(filter)) {
        if (!covered(name))
            continue;
        const QString top = root.filePath(name);
        QStringList files;
        if (QFileInfo(top).isDir() && !QFileInfo(top).isSymLink()) {
            QDirIterator it(top, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
        } else {
            files << top;
        }
        for (const QString& f : files) {
            QFile file(f);
            QByteArray hash = "unreadable";
            if (file.open(QIODevice::ReadOnly)) {
                QCryptographicHash h(QCryptographicHash::Sha256);
                h.addData(&file);
                hash = h.result().toHex();
            }
            out << root.relativeFilePath(f) + QStringLiteral(" ") + QString::fromLatin1(hash);
        }
    }
    out.sort();
    return out;
}

} // namespace clawtray
