#include "DisplayText.h"

#include "StatusVisual.h"
#include "companion/ActivityModel.h"
#include "companion/ChannelsModel.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace clawtray {

QString DisplayText::text(const UserText& text)
{
    return text.render([](const char* source) { return QCoreApplication::translate("UserText", source); },
                       durationWords());
}

DurationWords DisplayText::durationWords()
{
    DurationWords w;
    w.seconds = QCoreApplication::translate("DisplayText", "%1 s");
    w.minutes = QCoreApplication::translate("DisplayText", "%1 min");
    w.minutesSeconds = QCoreApplication::translate("DisplayText", "%1 min %2 s");
    w.hours = QCoreApplication::translate("DisplayText", "%1 h");
    w.hoursMinutes = QCoreApplication::translate("DisplayText", "%1 h %2 min");
    w.days = QCoreApplication::translate("DisplayText", "%1 d");
    w.daysHours = QCoreApplication::translate("DisplayText", "%1 d %2 h");
    return w;
}

QString DisplayText::duration(qint64 ms)
{
    return durationText(ms, DurationStyle::Span, durationWords());
}

QString DisplayText::trayLine(const GatewayStatus& status, qint64 nowMs)
{
    QString state;
    switch (status.state) {
    case GatewayState::Running:
        state = QCoreApplication::translate("DisplayText", "running");
        if (!status.serviceUnit.isEmpty())
            state = QCoreApplication::translate("DisplayText", "%1 (OpenClaw's service)").arg(state);
        else if (!status.owned)
            state = QCoreApplication::translate("DisplayText", "%1 (external)").arg(state);
        break;
    case GatewayState::Starting:
        state = QCoreApplication::translate("DisplayText", "starting");
        break;
    case GatewayState::Reconnecting:
        state = QCoreApplication::translate("DisplayText", "reconnecting");
        break;
    case GatewayState::Stopping:
        state = QCoreApplication::translate("DisplayText", "stopping");
        break;
    case GatewayState::Stopped:
        state = QCoreApplication::translate("DisplayText", "stopped");
        break;
    case GatewayState::Error:
        state = QCoreApplication::translate("DisplayText", "error");
        break;
    }
    QString line = QCoreApplication::translate("DisplayText", "Gateway %1").arg(state);
    switch (status.state) {
    case GatewayState::Running:
        if (status.pid > 0)
            line += QCoreApplication::translate("DisplayText", " · pid %1").arg(status.pid);
        line += QCoreApplication::translate("DisplayText", " · up %1").arg(duration(status.uptimeMs(nowMs)));
        if (status.readiness == QLatin1String("not-ready"))
            line += QCoreApplication::translate("DisplayText", " · channels not ready: %1")
                        .arg(status.notReady.isEmpty() ? QCoreApplication::translate("DisplayText", "unknown")
                                                       : status.notReady.join(QStringLiteral(", ")));
        break;
    case GatewayState::Error:
        if (!status.lastError.isEmpty())
            line += QCoreApplication::translate("DisplayText", ": %1").arg(text(status.lastError.summary));
        if (!status.pendingAction.isEmpty())
            line += QStringLiteral(" · ") + text(status.pendingAction);
        break;
    case GatewayState::Reconnecting:
    case GatewayState::Starting:
        if (!status.pendingAction.isEmpty())
            line += QStringLiteral(" · ") + text(status.pendingAction);
        else if (!status.phase.isEmpty())
            line += QStringLiteral(" · ") + text(status.phase);
        break;
    case GatewayState::Stopping:
    case GatewayState::Stopped:
        break;
    }
    return line;
}

QString DisplayText::healthTitle(const HealthSummary& health)
{
    // The core's titles, each said in the desktop's language; an unknown one is shown as it is.
    static const char* const known[] = {
        QT_TRANSLATE_NOOP("DisplayText", "Healthy"),      QT_TRANSLATE_NOOP("DisplayText", "Degraded"),
        QT_TRANSLATE_NOOP("DisplayText", "Unresponsive"), QT_TRANSLATE_NOOP("DisplayText", "Down"),
        QT_TRANSLATE_NOOP("DisplayText", "Stopped"),      QT_TRANSLATE_NOOP("DisplayText", "Starting…"),
        QT_TRANSLATE_NOOP("DisplayText", "Stopping…"),    QT_TRANSLATE_NOOP("DisplayText", "Restarting…"),
        QT_TRANSLATE_NOOP("DisplayText", "Waiting…")};
    const QString title = health.title.isEmpty() ? HealthSummary::levelName(health.level) : health.title;
    for (const char* k : known)
        if (title == QString::fromUtf8(k))
            return QCoreApplication::translate("DisplayText", k);
    return title;
}

QString DisplayText::sessions(const ActivityModel& activity)
{
    if (!activity.loaded())
        return QCoreApplication::translate("DisplayText", "sessions unknown");
    const int n = activity.activeSessions();
    QString line = n == 0   ? QCoreApplication::translate("DisplayText", "no session active in the last hour")
                   : n == 1 ? QCoreApplication::translate("DisplayText", "1 session active in the last hour")
                            : QCoreApplication::translate("DisplayText", "%1 sessions active in the last hour").arg(n);
    const QList<SessionSummary> recent = activity.recentSessions();
    const auto running =
        std::count_if(recent.cbegin(), recent.cend(), [](const SessionSummary& s) { return s.running; });
    if (running > 0)
        line += QCoreApplication::translate("DisplayText", " (%1 running now)").arg(running);
    return line;
}

QString DisplayText::usage(const ActivityModel& activity)
{
    if (!activity.loaded())
        return QCoreApplication::translate("DisplayText", "usage unknown");
    const QString cost = QStringLiteral("$%1").arg(activity.costToday(), 0, 'f', 2);
    const QString tokens = QLocale(QLocale::English).toString(activity.tokensToday());
    return activity.costComplete()
               ? QCoreApplication::translate("DisplayText", "today: %1 tokens, about %2 (estimated)").arg(tokens, cost)
               : QCoreApplication::translate("DisplayText", "today: %1 tokens, at least %2 (estimated)")
                     .arg(tokens, cost);
}

QString DisplayText::channelsSummary(const ChannelsModel& channels)
{
    return text(channels.summary());
}

} // namespace clawtray
