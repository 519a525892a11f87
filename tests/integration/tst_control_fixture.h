#pragma once

// Shared by tst_control_ctl and tst_control_headless: a headless `clawtray` with isolated
// directories, the fake gateway as its "node", and a way to run `clawtray ctl` against it.
#include "TestSupport.h"
#include "settings/SettingsData.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace ctltest {

struct Run
{
    int code = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

// A value by dotted path: at(o, "status.state").
inline QJsonValue at(const QJsonObject& o, const char* dotted)
{
    QJsonValue v = o;
    for (const QString& key : QString::fromLatin1(dotted).split(QLatin1Char('.')))
        v = v.toObject().value(key);
    return v;
}
inline QString str(const QJsonObject& o, const char* dotted)
{
    return at(o, dotted).toString();
}
inline qint64 num(const QJsonObject& o, const char* dotted)
{
    return at(o, dotted).toInteger();
}

inline QString binary()
{
    return qEnvironmentVariable("CLAWTRAY_BINARY_DIR") + QStringLiteral("/app/clawtray");
}

class HeadlessFixture
{
public:
    QTemporaryDir root;
    QProcess headless;
    QString socket;
    QString seen; // every ctl output, so a test can check that the token never appeared
    quint16 port = 0;

    QString path(const QString& rel) const { return root.filePath(rel); }

    QProcessEnvironment environment(const QString& socketPath) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CLAWTRAY_CONTROL_SOCKET"), socketPath);
        for (const char* var : {"XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"})
            env.insert(QString::fromLatin1(var), path(QStringLiteral("xdg")));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        return env;
    }

    // Runs `clawtray ctl <words>` (optionally as another user through `prefix`, e.g. setpriv).
    Run ctl(const QString& words, const QStringList& prefix = {}, const QString& socketPath = {})
    {
        QProcess p;
        p.setProcessEnvironment(environment(socketPath.isEmpty() ? socket : socketPath));
        const QStringList argv =
            QStringList{binary(), QStringLiteral("ctl")} + words.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        p.start(prefix.isEmpty() ? argv.first() : prefix.first(),
                prefix.isEmpty() ? argv.mid(1) : prefix.mid(1) + argv);
        Run r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        seen += r.out + r.err;
        return r;
    }

    QJsonObject gateway() { return at(ctl(QStringLiteral("status --json")).json(), "gateway").toObject(); }

    // An isolated configuration: the fake gateway as "node", an empty openclaw.mjs, a file token.
    void writeConfig(const QString& name) const
    {
        QDir().mkpath(path(name));
        QSettings s(path(name) + QStringLiteral("/clawtray.ini"), QSettings::IniFormat);
        s.setValue(QLatin1String(clawtray::SettingsKey::NodePath), path(QStringLiteral("node")));
        s.setValue(QLatin1String(clawtray::SettingsKey::OpenClawDir), path(QStringLiteral("openclaw")));
        s.setValue(QLatin1String(clawtray::SettingsKey::TokenStorageMode), QStringLiteral("file"));
    }

    QStringList headlessArgs(const QString& name, quint16 gatewayPort) const
    {
        const QStringList args{QStringLiteral("--headless"),
                               QStringLiteral("--config-dir"),
                               path(name),
                               QStringLiteral("--data-dir"),
                               path(name + QStringLiteral("-data")),
                               QStringLiteral("--state-dir"),
                               path(name + QStringLiteral("-state")),
                               QStringLiteral("--runtime-dir"),
                               path(QStringLiteral("no-runtime")),
                               QStringLiteral("--port"),
                               QString::number(gatewayPort)};
        return args;
    }

    QString token() const
    {
        QFile f(path(QStringLiteral("config/gateway-token")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }

    // Writes the fixture files, starts the headless app and waits until its gateway runs.
    // Returns an error message, empty on success.
    QString start()
    {
        if (!QFileInfo(binary()).isExecutable() || testsupport::fakeGatewayPath().isEmpty())
            return QStringLiteral("CLAWTRAY_BINARY_DIR/app/clawtray or CLAWTRAY_FAKE_GATEWAY missing");
        // "node" answers --version like Node 24 and `doctor` like openclaw; everything else execs
        // the fake gateway (same pid, so ClawTray supervises the fake directly).
        QFile node(path(QStringLiteral("node")));
        if (!node.open(QIODevice::WriteOnly))
            return node.errorString();
        node.write(QStringLiteral("#!/bin/sh\ncase \"$1\" in --version) echo v24.21.0; exit 0;; esac\n"
                                  "for a in \"$@\"; do [ \"$a\" = doctor ] && { echo 'fake doctor: nothing to fix'; "
                                  "exit 0; }; done\nexec '%1' \"$@\"\n")
                       .arg(testsupport::fakeGatewayPath())
                       .toUtf8());
        node.close();
        node.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QDir().mkpath(path(QStringLiteral("openclaw")));
        QFile mjs(path(QStringLiteral("openclaw/openclaw.mjs")));
        if (!mjs.open(QIODevice::WriteOnly))
            return mjs.errorString();
        mjs.close();
        writeConfig(QStringLiteral("config"));

        socket = path(QStringLiteral("run/clawtray.sock"));
        port = testsupport::freeTcpPort();
        headless.setProcessEnvironment(environment(socket));
        headless.setStandardOutputFile(path(QStringLiteral("headless.log")));
        headless.setStandardErrorFile(path(QStringLiteral("headless.log")), QIODevice::Append);
        headless.start(binary(), headlessArgs(QStringLiteral("config"), port));
        if (!headless.waitForStarted() || !testsupport::waitFor([&] { return QFileInfo::exists(socket); }, 15000))
            return QStringLiteral("the headless app did not open its control socket");
        // `start` answers once the gateway the headless app is already starting runs.
        const Run r = ctl(QStringLiteral("start"));
        return r.code == 0 ? QString() : QStringLiteral("ctl start: %1 %2").arg(r.out, r.err);
    }
};

} // namespace ctltest
