#include "supervisor/SafeRestart.h"

#include <QJsonArray>

namespace clawtray {

QJsonObject SafeRestartResult::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("status"), status);
    o.insert(QLatin1String("blockers"), QJsonArray::fromStringList(blockers));
    o.insert(QLatin1String("activeTasks"), activeTasks);
    o.insert(QLatin1String("summary"), summary);
    return o;
}

SafeRestartResult SafeRestartResult::fromReply(const CallResult& reply)
{
    SafeRestartResult out;
    if (!reply.ok()) {
        out.status = QStringLiteral("failed");
        out.summary = reply.message;
        return out;
    }
    const QJsonObject p = reply.payload.toObject();
    const QJsonObject pre = p.value(QLatin1String("preflight")).toObject();
    out.status = p.value(QLatin1String("status")).toString(QStringLiteral("scheduled"));
    for (const auto& b : pre.value(QLatin1String("blockers")).toArray()) {
        const QJsonObject bo = b.toObject();
        QString text = b.isString() ? b.toString() : bo.value(QLatin1String("message")).toString();
        if (text.isEmpty())
            text = bo.value(QLatin1String("summary")).toString(bo.value(QLatin1String("kind")).toString());
        out.blockers << text;
    }
    const QJsonObject counts = pre.value(QLatin1String("counts")).toObject();
    out.activeTasks = counts.value(QLatin1String("totalActive")).toInt(counts.value(QLatin1String("activeTasks")).toInt());
    out.summary = pre.value(QLatin1String("summary")).toString();
    if (out.status == QLatin1String("deferred") && out.summary.isEmpty())
        out.summary = QStringLiteral("deferred: %1 active tasks").arg(out.activeTasks);
    return out;
}

} // namespace clawtray
