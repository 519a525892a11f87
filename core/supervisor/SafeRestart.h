#pragma once

#include "client/ClientTypes.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace clawtray {

// The answer to a safe restart, as `openclaw gateway restart --safe` reports it.
struct SafeRestartResult
{
    QString status;        // scheduled | deferred | coalesced | forced | failed
    QStringList blockers;  // what the gateway is still busy with
    int activeTasks = 0;
    QString summary;       // the gateway's own summary, or our error
    bool ok() const { return status != QLatin1String("failed"); }
    QJsonObject toJson() const;

    // Reads the gateway's answer to gateway.restart.request: its status, the blockers its preflight
    // names (a string, or an object with a message, summary or kind), the active task count and its
    // summary ("deferred: N active tasks" when a deferral comes without one). A failed call is
    // "failed" with the call's message.
    static SafeRestartResult fromReply(const CallResult& reply);
};

} // namespace clawtray
