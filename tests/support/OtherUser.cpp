#include "OtherUser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <sys/stat.h>
#include <unistd.h>

#ifndef CLAWTRAY_TEST_TOOLS_SOURCE_DIR
#error "CLAWTRAY_TEST_TOOLS_SOURCE_DIR must name tests/support/tools"
#endif

namespace testsupport {

bool OtherUserScript::available(QString* why)
{
    QString reason;
    if (::geteuid() != 0)
        reason = QStringLiteral("needs root to run a process as another user (setpriv --reuid=65534)");
    else if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty() || !QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
        reason = QStringLiteral("needs setpriv and /usr/bin/python3");
    if (why)
        *why = reason;
    return reason.isEmpty();
}

OtherUserScript::OtherUserScript(const QString& dir, const QString& script, const QString& logName)
    : m_script(QDir(dir).filePath(script))
    , m_log(QDir(dir).filePath(logName))
{
    // nobody must be able to reach the directory, read the script and write the log.
    QDir().mkpath(dir);
    ::chmod(QFile::encodeName(dir).constData(), 0755);
    if (!QFileInfo::exists(m_script))
        QFile::copy(QStringLiteral(CLAWTRAY_TEST_TOOLS_SOURCE_DIR "/") + script, m_script);
    ::chmod(QFile::encodeName(m_script).constData(), 0644);
    QFile f(m_log);
    f.open(QIODevice::WriteOnly);
    f.close();
    ::chmod(QFile::encodeName(m_log).constData(), 0666);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

OtherUserScript::~OtherUserScript()
{
    m_process.kill();
    m_process.waitForFinished(3000);
}

void OtherUserScript::start(const QStringList& args)
{
    m_process.start(QStringLiteral("setpriv"),
                    QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                QStringLiteral("--clear-groups"), QStringLiteral("/usr/bin/python3"), m_script}
                        + args);
}

bool OtherUserScript::waitListening(int timeoutMs)
{
    return m_process.waitForReadyRead(timeoutMs) && m_process.readAll().contains("listening");
}

QByteArray OtherUserScript::log() const
{
    QFile f(m_log);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace testsupport
