#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace testsupport {

// One of the tool scripts (tests/support/tools/*.py) run as ANOTHER user, uid/gid 65534
// ("nobody"), through setpriv and /usr/bin/python3 (the pyenv shim on PATH is not runnable by
// other users). The script is copied into `dir` (the source tree may be closed to nobody), and a
// log file is created there that it may write; callers pass logPath() among the script's
// arguments where the script expects it.
class OtherUserScript
{
public:
    // Root, setpriv and /usr/bin/python3: what running as another user needs here.
    static bool available(QString* why = nullptr);

    OtherUserScript(const QString& dir, const QString& script, const QString& logName);
    ~OtherUserScript();
    OtherUserScript(const OtherUserScript&) = delete;
    OtherUserScript& operator=(const OtherUserScript&) = delete;

    void start(const QStringList& args);
    bool waitListening(int timeoutMs = 10000); // the script prints "listening" when it is
    QString logPath() const { return m_log; }
    QByteArray log() const;
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() == QProcess::Running; }

private:
    QString m_script;
    QString m_log;
    QProcess m_process;
};

} // namespace testsupport
