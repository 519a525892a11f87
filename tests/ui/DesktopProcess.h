#pragma once

// One isolated clawtray-desktop process for the UI tests that run the real binary: its own config,
// data, state and runtime dirs, the fake gateway behind a `node` wrapper, the token in a 0600 file
// (no keychain needed). Test code only.

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <memory>
#include <signal.h>
#include <vector>

namespace uitest {

inline QString desktopBinary()
{
    return QDir(qEnvironmentVariable("CLAWTRAY_BINARY_DIR")).filePath(QStringLiteral("app/clawtray-desktop"));
}

class Desktop
{
public:
    explicit Desktop(QTemporaryDir& root, const QString& name, quint16 port = 0)
        : m_dir(QDir(root.path()).filePath(name))
        , m_port(port ? port : testsupport::freeTcpPort())
    {
        QDir d(m_dir);
        for (const char* sub : {"config", "data", "state", "run", "xdg", "openclaw"})
            d.mkpath(QString::fromLatin1(sub));
        QFile::setPermissions(path(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QFile(path(QStringLiteral("openclaw/openclaw.mjs"))).open(QIODevice::WriteOnly);
        QFile node(path(QStringLiteral("node")));
        node.open(QIODevice::WriteOnly);
        node.write(QStringLiteral(
                       "#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo v24.16.0; exit 0; fi\nexec \"%1\" \"$@\"\n")
                       .arg(testsupport::fakeGatewayPath())
                       .toUtf8());
        node.close();
        node.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    ~Desktop()
    {
        for (auto& p : m_processes) {
            if (p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
    }

    QString path(const QString& rel) const { return QDir(m_dir).filePath(rel); }
    // Environment for the next launch() on top of the test's own (e.g. QT_QPA_PLATFORM=xcb, DISPLAY).
    void setEnvironment(const QString& name, const QString& value) { m_env.insert(name, value); }
    quint16 port() const { return m_port; }

    void writeSettings(bool startGateway, const QString& extra = QString())
    {
        QFile ini(path(QStringLiteral("config/clawtray.ini")));
        ini.open(QIODevice::WriteOnly);
        ini.write(QStringLiteral("[meta]\nschemaVersion=1\n\n[runtime]\nnodePath=%1\nopenclawDir=%2\nport=%3\n%4\n"
                                 "[secrets]\ntokenStorage=file\n\n[behaviour]\nstartGatewayOnLaunch=%5\nlanguage=en\n")
                      .arg(path(QStringLiteral("node")), path(QStringLiteral("openclaw")))
                      .arg(m_port)
                      .arg(extra, startGateway ? QStringLiteral("true") : QStringLiteral("false"))
                      .toUtf8());
    }

    void writeToken(const QString& token)
    {
        QFile f(path(QStringLiteral("config/gateway-token")));
        f.open(QIODevice::WriteOnly);
        f.write(token.toUtf8() + '\n');
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // Launches one clawtray-desktop on this configuration; returns its index.
    int launch(const QStringList& extraArgs = {})
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
            env.insert(it.key(), it.value());
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), path(QStringLiteral("run")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg")));
        env.insert(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"), path(QStringLiteral("run/ctl.sock")));
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(desktopBinary(), QStringList{QStringLiteral("--config-dir"), path(QStringLiteral("config")),
                                              QStringLiteral("--data-dir"), path(QStringLiteral("data")),
                                              QStringLiteral("--state-dir"), path(QStringLiteral("state"))} +
                                      extraArgs);
        m_output.append(QByteArray());
        m_processes.push_back(std::move(p));
        return int(m_processes.size()) - 1;
    }

    QProcess& process(int i) { return *m_processes.at(std::size_t(i)); }
    QString output(int i)
    {
        m_output[i] += process(i).readAll();
        return QString::fromUtf8(m_output.at(i));
    }
    bool waitOutput(int i, const QString& text, int ms = 20000)
    {
        return testsupport::waitFor([&] { return output(i).contains(text); }, ms);
    }
    bool waitExit(int i, int ms = 20000)
    {
        const bool done = testsupport::waitFor([&] { return process(i).state() == QProcess::NotRunning; }, ms);
        output(i);
        return done;
    }
    void signal(int i, int sig) { ::kill(pid_t(process(i).processId()), sig); }

private:
    QString m_dir;
    quint16 m_port;
    std::vector<std::unique_ptr<QProcess>> m_processes;
    QList<QByteArray> m_output;
    QMap<QString, QString> m_env;
};

} // namespace uitest
