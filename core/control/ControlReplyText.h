#pragma once

#include "control/ControlProtocol.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace clawtray {

// How `clawtray ctl` shows replies to people (scripts use --json and the raw result). Kept apart
// from the CLI so the wording is testable and the desktop app can reuse it.
class ControlReplyText final
{
public:
    static QString status(const QJsonObject& result);
    // start / stop / restart: one line about where the gateway ended up.
    static QString lifecycle(const QString& cmd, const QJsonObject& result);
    // restart --safe / --force: the gateway's verdict, active tasks and blockers.
    static QString safeRestart(const QJsonObject& result);
    static QString reload(const QJsonObject& result);
    // What `reload` did with clawtray.ini ("clawtray.ini: applied runtime/port"), with a line break; "" without.
    static QString settingsFileLine(const QJsonObject& settings);
    // `approvals`: the waiting list, or what a decision did; a --follow stream line.
    static QString approvals(const QJsonObject& result);
    static QString approvalEvent(const QJsonObject& data);
    static QString channels(const QJsonObject& result);
    // `pair`: requests waiting and paired devices, or what an answer/rename/removal did.
    static QString pairing(const QJsonObject& result);
    static QString logLine(const QJsonObject& line);
    // `update`: its outcome or the --check answer; one progress line; the status' update lines.
    static QString update(const QJsonObject& result);
    static QString updateProgress(const QJsonObject& progress);
    static QStringList updateLines(const QJsonObject& update);
    // An error reply: the message, then what the final status says about it.
    static QString error(const ControlError& error);

private:
    static QString gatewayLine(const QJsonObject& status);
    static QString problem(const QJsonObject& status);
};

} // namespace clawtray
