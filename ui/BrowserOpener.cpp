#include "BrowserOpener.h"

#include "logging/Logging.h"

#include <QDesktopServices>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace clawtray {

BrowserOpener::BrowserOpener(QObject* parent)
    : QObject(parent)
{}

void BrowserOpener::open(const QString& file, Opened done)
{
    const QString xdgOpen = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    const bool watch = !xdgOpen.isEmpty();
#else
    const bool watch = false;
#endif
    if (!watch) {
        const bool ok = QDesktopServices::openUrl(QUrl::fromLocalFile(file));
        QTimer::singleShot(0, this, [done, ok] { done(ok, ok ? QString() : tr("the system has no program to open it")); });
        return;
    }
    auto* proc = new QProcess(this);
    proc->setProgram(xdgOpen);
    proc->setArguments({file});
    proc->setProcessChannelMode(QProcess::MergedChannels);
    auto answered = std::make_shared<bool>(false);
    auto answer = [done, answered](bool ok, const QString& why) {
        if (*answered)
            return;
        *answered = true;
        done(ok, why);
    };
    connect(proc, &QProcess::finished, this, [proc, answer](int code, QProcess::ExitStatus status) {
        // xdg-open's last line says why ("xdg-open: no method available for opening '…'").
        const QStringList lines = QString::fromLocal8Bit(proc->readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const bool ok = status == QProcess::NormalExit && code == 0;
        const QString why = lines.isEmpty() ? tr("xdg-open ended with code %1").arg(code) : lines.last().trimmed();
        if (!ok)
            logWarn(QStringLiteral("no browser opened the Control UI: %1").arg(why));
        answer(ok, why);
        proc->deleteLater();
    });
    connect(proc, &QProcess::errorOccurred, this, [proc, answer](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        answer(false, proc->errorString());
        proc->deleteLater();
    });
    QTimer::singleShot(kVerdictMs, proc, [answer] { answer(true, QString()); });
    proc->start();
}

} // namespace clawtray
