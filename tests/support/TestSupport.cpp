#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QTcpServer>

#include <signal.h>
#include <sys/stat.h>

namespace testsupport {

QByteArray offlineGatewayConfig(const QJsonObject& gateway, const QJsonObject& extra)
{
    QJsonObject root = extra;
    root.insert(QStringLiteral("gateway"), gateway);
    root.insert(QStringLiteral("update"), QJsonObject{{QStringLiteral("checkOnStart"), false}});
    root.insert(QStringLiteral("models"),
                QJsonObject{{QStringLiteral("catalogRefresh"), QJsonObject{{QStringLiteral("enabled"), false}}}});
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

quint16 freeTcpPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    return s.serverPort();
}

static QString env(const char* name)
{
    return QProcessEnvironment::systemEnvironment().value(QString::fromLatin1(name));
}

QString fakeGatewayPath() { return env("CLAWTRAY_FAKE_GATEWAY"); }
QString runtimeDir() { return env("CLAWTRAY_TEST_RUNTIME_DIR"); }
QString sourceDir() { return env("CLAWTRAY_SOURCE_DIR"); }

QString runtimeNode()
{
    const QString p = QDir(runtimeDir()).filePath(QStringLiteral("node_modules/node/bin/node"));
    return QFileInfo(p).isExecutable() ? QFileInfo(p).canonicalFilePath() : QString();
}

QString runtimeOpenClawMjs()
{
    const QString p = QDir(runtimeDir()).filePath(QStringLiteral("node_modules/openclaw/openclaw.mjs"));
    return QFileInfo::exists(p) ? p : QString();
}

bool processAlive(pid_t pid)
{
    if (pid <= 0 || ::kill(pid, 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray s = stat.readAll();
    const int close = s.lastIndexOf(')');
    return close > 0 && s.size() > close + 2 && s.at(close + 2) != 'Z';
}

QStringList processCmdline(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList out;
    for (const QByteArray& part : f.readAll().split('\0'))
        if (!part.isEmpty())
            out << QString::fromUtf8(part);
    return out;
}

QList<pid_t> gatewaysWithEnvironment(const QByteArray& environEntry)
{
    QList<pid_t> out;
    const auto entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& e : entries) {
        bool ok = false;
        const pid_t pid = e.toInt(&ok);
        if (!ok || !processAlive(pid))
            continue;
        const QStringList argv = processCmdline(pid);
        if (argv.isEmpty() || !argv.first().startsWith(QLatin1String("openclaw-gateway")))
            continue;
        QFile env(QStringLiteral("/proc/%1/environ").arg(pid));
        if (env.open(QIODevice::ReadOnly) && env.readAll().split('\0').contains(environEntry))
            out << pid;
    }
    return out;
}

QList<pid_t> processesInGroup(pid_t pgid)
{
    QList<pid_t> out;
    const auto entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& e : entries) {
        bool ok = false;
        const pid_t pid = e.toInt(&ok);
        if (!ok)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray s = stat.readAll();
        const int close = s.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> fields = s.mid(close + 2).split(' ');
        // fields: state ppid pgrp ...
        if (fields.size() > 2 && fields.at(2).toInt() == pgid && fields.at(0) != "Z")
            out << pid;
    }
    return out;
}

bool writeExecutable(const QString& path, const QByteArray& text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return false;
    f.close();
    return f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

int fileMode(const QString& path)
{
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

} // namespace testsupport
