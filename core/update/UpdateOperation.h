#pragma once

// GatewayUpdater's own: what one operation carries from step to step, shared by its two source
// files (GatewayUpdater.cpp: preparing while the old version serves; GatewayUpdaterSwitch.cpp: the
// switch, its verification and the way back). Not for use elsewhere.

#include "logging/Redactor.h"
#include "policy/AnsiText.h"
#include "update/GatewayUpdater.h"

#include <QDateTime>
#include <QStringList>

namespace clawtray {
namespace updater {

inline qint64 wallNow() { return QDateTime::currentMSecsSinceEpoch(); }

// The last lines of a command's output, without colour codes, secrets or blank lines.
inline QString tail(const QByteArray& output, int lines = 40)
{
    QStringList kept;
    const QStringList all = clawtray::stripAnsi(QString::fromUtf8(output)).split(QLatin1Char('\n'));
    for (const QString& l : all) {
        if (!l.trimmed().isEmpty())
            kept << l.trimmed();
    }
    return redacted(kept.mid(qMax(0, int(kept.size()) - lines)).join(QLatin1Char('\n')));
}

} // namespace updater

// What one operation carries from step to step.
struct GatewayUpdater::Operation
{
    quint64 generation = 0;
    Request request;
    QString id;              // its directory name under workDir
    QString dir;
    QString from;
    QString to;
    bool installedHere = false; // the candidate was installed by this operation (removed if it fails)
    bool wasRunning = false;    // the gateway ran before: it runs again at the end
    QString backupArchive;
    QString restoreFrom;        // a roll-back across a migration: the state copy taken before that update
    QString doctorOutput;
    bool doctorTried = false;   // the candidate's doctor --fix ran after its first start failed
    QString previousBefore;     // the roll-back target before this operation (kept if it fails)
    bool switched = false;
};

} // namespace clawtray
