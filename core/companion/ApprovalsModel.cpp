#include "companion/ApprovalsModel.h"

#include "logging/Logging.h"
#include "supervisor/GatewayManager.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace clawtray {

namespace {

constexpr int kCallTimeoutMs = 15000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

ApprovalsModel::ApprovalsModel(GatewayManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    m_expiry.setSingleShot(true);
    m_expiry.setTimerType(Qt::PreciseTimer);
    connect(&m_expiry, &QTimer::timeout, this, &ApprovalsModel::expireDue);
    connect(manager, &GatewayManager::statusChanged, this, &ApprovalsModel::onStatus);
    connect(manager, &GatewayManager::gatewayEvent, this, &ApprovalsModel::onEvent);
    onStatus(manager->status());
}

QList<ExecApproval> ApprovalsModel::pending() const
{
    QList<ExecApproval> out = m_pending.values();
    std::sort(out.begin(), out.end(), [](const ExecApproval& a, const ExecApproval& b) {
        return a.createdAtMs != b.createdAtMs ? a.createdAtMs < b.createdAtMs : a.id < b.id;
    });
    return out;
}

std::optional<ExecApproval> ApprovalsModel::find(const QString& id) const
{
    const auto it = m_pending.constFind(id);
    if (it != m_pending.constEnd())
        return *it;
    // A unique prefix, as the gateway accepts (ids are long).
    std::optional<ExecApproval> match;
    for (const ExecApproval& a : m_pending) {
        if (!id.isEmpty() && a.id.startsWith(id)) {
            if (match)
                return std::nullopt;
            match = a;
        }
    }
    return match;
}

QJsonObject ApprovalsModel::summaryJson() const
{
    QJsonObject o{{QStringLiteral("pending"), int(m_pending.size())}, {QStringLiteral("permitted"), m_permitted}};
    if (!m_unavailable.isEmpty())
        o.insert(QStringLiteral("reason"), m_unavailable);
    return o;
}

void ApprovalsModel::onStatus(const GatewayStatus& s)
{
    const bool wasConnected = connected();
    if (s.state == GatewayState::Stopped || s.state == GatewayState::Stopping || s.state == GatewayState::Error) {
        clearAll(QStringLiteral("the gateway stopped"));
        m_backfilledFor = 0;
        if (wasConnected)
            Q_EMIT changed(); // "not connected" is news even with nothing pending
        return;
    }
    if (s.state != GatewayState::Running) {
        // Reconnecting: keep what is pending (the prompts stay up); the backfill after the
        // reconnect keeps the ones still pending, adds what was missed and closes the rest.
        m_backfilledFor = 0;
        if (wasConnected)
            Q_EMIT changed();
        return;
    }
    if (s.connectedAtMs != m_backfilledFor) {
        m_backfilledFor = s.connectedAtMs;
        backfill();
    }
}

void ApprovalsModel::backfill()
{
    const QStringList granted = m_manager->client()->hello().grantedScopes;
    if (!granted.contains(QStringLiteral("operator.approvals")) && !granted.contains(QStringLiteral("operator.admin"))) {
        m_permitted = false;
        m_unavailable = QStringLiteral("approvals: not permitted for this device (the gateway granted %1)")
                            .arg(granted.isEmpty() ? QStringLiteral("no scopes") : granted.join(QStringLiteral(", ")));
        clearAll(QStringLiteral("not permitted"));
        Q_EMIT changed();
        return;
    }
    const quint64 generation = ++m_generation;
    m_manager->call(QStringLiteral("exec.approval.list"), QJsonObject{}, kCallTimeoutMs, [this, generation](const CallResult& r) {
        if (generation != m_generation)
            return;
        if (!r.ok()) {
            if (r.status == CallResult::Status::GatewayError) {
                m_permitted = false;
                m_unavailable = QStringLiteral("approvals: not permitted for this device (%1)").arg(r.message);
                clearAll(QStringLiteral("not permitted"));
            } else {
                logWarn(QStringLiteral("cannot list exec approvals: %1").arg(r.message));
            }
            Q_EMIT changed();
            return;
        }
        m_permitted = true;
        m_unavailable.clear();
        QSet<QString> seen;
        for (const QJsonValue& v : r.payload.toArray()) {
            if (const auto a = ExecApproval::fromJson(v.toObject())) {
                seen.insert(a->id);
                add(*a, true);
            }
        }
        // What was pending before the reconnect and is not any more was resolved meanwhile.
        const QStringList ids = m_pending.keys();
        for (const QString& id : ids)
            if (!seen.contains(id))
                close(id, QStringLiteral("resolved elsewhere"));
        Q_EMIT changed();
    });
}

void ApprovalsModel::onEvent(const QString& event, const QJsonValue& payload)
{
    const QJsonObject o = payload.toObject();
    if (event == QLatin1String("exec.approval.requested")) {
        if (const auto a = ExecApproval::fromJson(o)) {
            add(*a, true);
            Q_EMIT changed();
        }
    } else if (event == QLatin1String("exec.approval.resolved")) {
        const QString id = o.value(QLatin1String("id")).toString();
        if (!m_pending.contains(id))
            return;
        const QString by = o.value(QLatin1String("resolvedBy")).toString();
        // The gateway reports an expiry as a deny without anyone who decided.
        const QString why = by.isEmpty() ? QStringLiteral("expired")
                                         : QStringLiteral("resolved: %1 by %2")
                                               .arg(o.value(QLatin1String("decision")).toString(), by);
        close(id, why);
        Q_EMIT changed();
    }
}

void ApprovalsModel::add(const ExecApproval& a, bool announce)
{
    if (a.expiresAtMs > 0 && a.expiresAtMs <= nowMs())
        return;
    const bool fresh = !m_pending.contains(a.id);
    m_pending.insert(a.id, a);
    armExpiry();
    if (fresh) {
        logInfo(QStringLiteral("exec approval requested: %1 (id %2)").arg(a.describe(), a.id));
        if (announce)
            Q_EMIT requested(a);
    }
}

void ApprovalsModel::close(const QString& id, const QString& why)
{
    if (m_pending.remove(id) == 0)
        return;
    logInfo(QStringLiteral("exec approval %1 closed: %2").arg(id, why));
    armExpiry();
    Q_EMIT closed(id, why);
}

void ApprovalsModel::clearAll(const QString& why)
{
    if (m_pending.isEmpty())
        return;
    const QStringList ids = m_pending.keys();
    for (const QString& id : ids)
        close(id, why);
    Q_EMIT changed();
}

void ApprovalsModel::armExpiry()
{
    qint64 next = 0;
    for (const ExecApproval& a : std::as_const(m_pending))
        if (a.expiresAtMs > 0 && (next == 0 || a.expiresAtMs < next))
            next = a.expiresAtMs;
    if (next == 0) {
        m_expiry.stop();
        return;
    }
    m_expiry.start(int(std::clamp<qint64>(next - nowMs(), 0, 24LL * 3600 * 1000)));
}

void ApprovalsModel::expireDue()
{
    const qint64 now = nowMs();
    bool any = false;
    const QList<ExecApproval> all = m_pending.values();
    for (const ExecApproval& a : all) {
        if (a.expiresAtMs > 0 && a.expiresAtMs <= now) {
            close(a.id, QStringLiteral("expired"));
            any = true;
        }
    }
    if (any)
        Q_EMIT changed();
    armExpiry();
}

void ApprovalsModel::resolve(const QString& id, const QString& decision, std::function<void(const QString&)> done)
{
    const auto a = find(id);
    if (!a) {
        done(QStringLiteral("no pending approval %1 (it may have been answered or expired)").arg(id));
        return;
    }
    if (!ExecApproval::isDecision(decision)) {
        done(QStringLiteral("'%1' is not a decision: allow-once, allow-always or deny").arg(decision));
        return;
    }
    if (!a->allows(decision)) {
        done(QStringLiteral("the gateway does not offer %1 for this request (only %2)").arg(decision, a->allowedDecisions.join(QStringLiteral(", "))));
        return;
    }
    const QString fullId = a->id;
    QPointer<ApprovalsModel> self(this);
    m_manager->call(QStringLiteral("exec.approval.resolve"),
                    QJsonObject{{QStringLiteral("id"), fullId}, {QStringLiteral("decision"), decision}}, kCallTimeoutMs,
                    [self, fullId, decision, done](const CallResult& r) {
                        if (!self)
                            return;
                        if (r.ok()) {
                            self->close(fullId, QStringLiteral("resolved: %1 by ClawTray").arg(decision));
                            Q_EMIT self->changed();
                            done(QString());
                            return;
                        }
                        const bool gone = r.error && (r.error->code == GatewayError::kApprovalNotFound
                                                      || r.error->details.value(QLatin1String("reason")).toString()
                                                             == GatewayError::kApprovalNotFound);
                        if (gone) {
                            self->close(fullId, QStringLiteral("expired"));
                            Q_EMIT self->changed();
                        }
                        done(QStringLiteral("the gateway did not take the decision: %1").arg(r.message));
                    });
}

} // namespace clawtray
