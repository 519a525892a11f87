#include "companion/PairingModel.h"

#include "logging/Logging.h"
#include "supervisor/GatewayManager.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <memory>
#include <utility>

namespace clawtray {

namespace {

constexpr int kCallTimeoutMs = 15000;
constexpr int kRelistSlackMs = 2000;

using Kind = PairingRequest::Kind;

QString method(Kind kind, const char* verb)
{
    return (kind == Kind::Node ? QStringLiteral("node.pair.") : QStringLiteral("device.pair.")) + QLatin1String(verb);
}

// The lists of one refresh, filled by the two calls before they are applied at once.
struct Lists
{
    QList<PairingRequest> pending;
    QList<PairedDevice> paired;
    QString error;
    bool refused = false; // the gateway said no (scope), not a transport problem
};

void parseLists(Kind kind, const QJsonObject& result, Lists* out)
{
    for (const QJsonValue& v : result.value(QLatin1String("pending")).toArray())
        if (const auto r = PairingRequest::fromJson(kind, v.toObject()))
            out->pending << *r;
    for (const QJsonValue& v : result.value(QLatin1String("paired")).toArray())
        if (const auto d = PairedDevice::fromJson(kind, v.toObject()))
            out->paired << *d;
}

template <typename T, typename Id>
std::optional<T> byIdOrPrefix(const QList<T>& items, const QString& key, Id id)
{
    std::optional<T> match;
    for (const T& item : items) {
        if (id(item) == key)
            return item;
        if (!key.isEmpty() && id(item).startsWith(key)) {
            if (match)
                return std::nullopt; // ambiguous
            match = item;
        }
    }
    return match;
}

} // namespace

PairingModel::PairingModel(GatewayManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    m_relist.setSingleShot(true);
    connect(&m_relist, &QTimer::timeout, this, [this] { refresh(); });
    connect(manager, &GatewayManager::statusChanged, this, &PairingModel::onStatus);
    connect(manager, &GatewayManager::gatewayEvent, this, &PairingModel::onEvent);
    onStatus(manager->status());
}

QList<PairingRequest> PairingModel::pending() const
{
    QList<PairingRequest> out = m_pending.values();
    std::sort(out.begin(), out.end(), [](const PairingRequest& a, const PairingRequest& b) {
        return a.ts != b.ts ? a.ts < b.ts : a.requestId < b.requestId;
    });
    return out;
}

QList<PairedDevice> PairingModel::paired() const
{
    return m_paired;
}

std::optional<PairingRequest> PairingModel::findRequest(const QString& idOrPrefix) const
{
    return byIdOrPrefix(pending(), idOrPrefix, [](const PairingRequest& r) { return r.requestId; });
}

std::optional<PairedDevice> PairingModel::findPaired(const QString& idOrPrefix) const
{
    return byIdOrPrefix(m_paired, idOrPrefix, [](const PairedDevice& d) { return d.id; });
}

bool PairingModel::granted(const QString& scope) const
{
    if (!m_manager)
        return false;
    const QStringList scopes = m_manager->client()->hello().grantedScopes;
    return scopes.contains(scope) || scopes.contains(QStringLiteral("operator.admin"));
}

QString PairingModel::cannotApproveReason(const PairingRequest& r) const
{
    if (!m_permitted)
        return m_unavailable;
    if (r.needsAdmin() && !granted(QStringLiteral("operator.admin")))
        return QStringLiteral("approving %1 needs operator.admin, which the gateway did not grant ClawTray's device; approve it "
                              "with `openclaw %2 approve %3` on the gateway's machine")
            .arg(r.name(), r.kind == Kind::Node ? QStringLiteral("nodes") : QStringLiteral("devices"), r.requestId);
    return {};
}

QJsonObject PairingModel::summaryJson() const
{
    QJsonObject o{{QStringLiteral("pending"), int(m_pending.size())},
                  {QStringLiteral("paired"), int(m_paired.size())},
                  {QStringLiteral("loaded"), m_loaded},
                  {QStringLiteral("permitted"), m_permitted}};
    if (!m_unavailable.isEmpty())
        o.insert(QStringLiteral("reason"), m_unavailable);
    return o;
}

QJsonObject PairingModel::toJson() const
{
    QJsonObject o = summaryJson();
    QJsonArray pendingJson;
    for (const PairingRequest& r : pending()) {
        QJsonObject e = r.toJson();
        const QString why = cannotApproveReason(r);
        if (!why.isEmpty())
            e.insert(QStringLiteral("cannotApprove"), why);
        pendingJson.append(e);
    }
    QJsonArray pairedJson;
    for (const PairedDevice& d : m_paired)
        pairedJson.append(d.toJson());
    o.insert(QStringLiteral("requests"), pendingJson);
    o.insert(QStringLiteral("devices"), pairedJson);
    return o;
}

void PairingModel::onStatus(const GatewayStatus& s)
{
    // The process that listed them is gone (stopped, failed, crashed and being replaced): what it
    // listed goes. Only a reconnect to the same process keeps what is shown until it lists again.
    const bool sameProcess = s.state == GatewayState::Reconnecting && s.pid != 0 && s.pid == m_listedPid;
    if (s.state != GatewayState::Running && !sameProcess) {
        ++m_generation;
        m_loadedFor = 0;
        m_relist.stop();
        for (const Done& w : std::exchange(m_waiters, {}))
            w(QStringLiteral("the gateway stopped"));
        clearAll(QStringLiteral("the gateway stopped"));
        if (m_loaded || !m_paired.isEmpty()) {
            m_loaded = false;
            m_paired.clear();
            Q_EMIT changed();
        }
        return;
    }
    if (s.state != GatewayState::Running) {
        m_loadedFor = 0; // reconnecting: keep what is shown, list again once connected
        return;
    }
    if (s.connectedAtMs != m_loadedFor) {
        m_loadedFor = s.connectedAtMs;
        m_listedPid = s.pid;
        refresh();
    }
}

void PairingModel::refresh(Done done)
{
    if (!m_manager || m_manager->status().state != GatewayState::Running) {
        if (done)
            done(QStringLiteral("the gateway is not running"));
        return;
    }
    if (!granted(QStringLiteral("operator.pairing"))) {
        const QStringList scopes = m_manager->client()->hello().grantedScopes;
        m_permitted = false;
        m_unavailable = QStringLiteral("pairing: not permitted for this device (the gateway granted %1)")
                            .arg(scopes.isEmpty() ? QStringLiteral("no scopes") : scopes.join(QStringLiteral(", ")));
        clearAll(QStringLiteral("not permitted"));
        m_paired.clear();
        m_loaded = true;
        Q_EMIT changed();
        if (done)
            done(m_unavailable);
        return;
    }
    // A newer refresh (an event, another caller) supersedes this one: its caller is answered by
    // the newer one, with the lists as they are then — never with what was there before.
    if (done)
        m_waiters << std::move(done);
    const quint64 generation = ++m_generation;
    auto lists = std::make_shared<Lists>();
    QPointer<PairingModel> self(this);
    auto apply = [self, generation, lists] {
        if (!self || generation != self->m_generation)
            return;
        const QList<Done> waiters = std::exchange(self->m_waiters, {});
        auto done = [waiters](const QString& error) {
            for (const Done& w : waiters)
                w(error);
        };
        if (!lists->error.isEmpty()) {
            if (lists->refused) {
                self->m_permitted = false;
                self->m_unavailable = QStringLiteral("pairing: not permitted for this device (%1)").arg(lists->error);
                self->clearAll(QStringLiteral("not permitted"));
                self->m_paired.clear();
                self->m_loaded = true;
            } else {
                logWarn(QStringLiteral("cannot list pairing requests: %1").arg(lists->error));
            }
            Q_EMIT self->changed();
            done(lists->error);
            return;
        }
        self->m_permitted = true;
        self->m_unavailable.clear();
        QSet<QString> seen;
        for (const PairingRequest& r : std::as_const(lists->pending)) {
            if (r.silent)
                continue; // the gateway approves these itself
            seen.insert(r.requestId);
            self->add(r);
        }
        const QStringList ids = self->m_pending.keys();
        for (const QString& id : ids)
            if (!seen.contains(id))
                self->close(id, QStringLiteral("gone (answered elsewhere or lapsed)"));
        std::stable_sort(lists->paired.begin(), lists->paired.end(), [](const PairedDevice& a, const PairedDevice& b) {
            if (a.kind != b.kind)
                return a.kind == Kind::Device;
            return a.name().compare(b.name(), Qt::CaseInsensitive) < 0;
        });
        self->m_paired = lists->paired;
        self->m_loaded = true;
        self->armRelist();
        Q_EMIT self->changed();
        done(QString());
    };
    m_manager->call(method(Kind::Device, "list"), QJsonObject{}, kCallTimeoutMs, [self, lists, apply](const CallResult& r) {
        if (!self)
            return;
        if (!r.ok()) {
            lists->error = r.message;
            lists->refused = r.status == CallResult::Status::GatewayError;
            apply();
            return;
        }
        parseLists(Kind::Device, r.payload.toObject(), lists.get());
        self->m_manager->call(method(Kind::Node, "list"), QJsonObject{}, kCallTimeoutMs, [lists, apply](const CallResult& n) {
            // A gateway without node pairing still has devices: nodes are simply none then.
            if (n.ok())
                parseLists(Kind::Node, n.payload.toObject(), lists.get());
            else if (n.status != CallResult::Status::GatewayError)
                lists->error = n.message;
            apply();
        });
    });
}

void PairingModel::onEvent(const QString& event, const QJsonValue& payload)
{
    if (!m_permitted || !m_loaded)
        return;
    const QJsonObject o = payload.toObject();
    const bool device = event.startsWith(QLatin1String("device.pair."));
    if (!device && !event.startsWith(QLatin1String("node.pair.")))
        return;
    const Kind kind = device ? Kind::Device : Kind::Node;
    const QString what = event.mid(device ? 12 : 10);
    if (what == QLatin1String("requested")) {
        if (const auto r = PairingRequest::fromJson(kind, o); r && !r->silent) {
            add(*r);
            armRelist();
            Q_EMIT changed();
        }
    } else if (what == QLatin1String("resolved")) {
        const QString id = o.value(QLatin1String("requestId")).toString();
        if (m_pending.contains(id))
            close(id, o.value(QLatin1String("decision")).toString(QStringLiteral("resolved")));
        refresh(); // the paired list moved (approved, removed)
    } else if (what == QLatin1String("changed")) {
        refresh(); // renamed
    }
}

void PairingModel::add(const PairingRequest& r)
{
    const bool fresh = !m_pending.contains(r.requestId);
    m_pending.insert(r.requestId, r);
    if (fresh) {
        logInfo(QStringLiteral("pairing requested: %1 (request %2)").arg(r.describe(), r.requestId));
        Q_EMIT requested(r);
    }
}

void PairingModel::close(const QString& requestId, const QString& why)
{
    if (m_pending.remove(requestId) == 0)
        return;
    logInfo(QStringLiteral("pairing request %1 closed: %2").arg(requestId, why));
    Q_EMIT closed(requestId, why);
}

void PairingModel::clearAll(const QString& why)
{
    const QStringList ids = m_pending.keys();
    for (const QString& id : ids)
        close(id, why);
    if (!ids.isEmpty())
        Q_EMIT changed();
}

void PairingModel::armRelist()
{
    qint64 next = 0;
    for (const PairingRequest& r : std::as_const(m_pending))
        if (r.kind == Kind::Device && r.ts > 0 && (next == 0 || r.ts < next))
            next = r.ts;
    if (next == 0) {
        m_relist.stop();
        return;
    }
    const qint64 due = next + kDeviceRequestTtlMs + kRelistSlackMs - QDateTime::currentMSecsSinceEpoch();
    m_relist.start(int(std::clamp<qint64>(due, 1000, kDeviceRequestTtlMs + kRelistSlackMs)));
}

void PairingModel::approve(const QString& requestId, Done done)
{
    answer(requestId, true, std::move(done));
}

void PairingModel::reject(const QString& requestId, Done done)
{
    answer(requestId, false, std::move(done));
}

void PairingModel::answer(const QString& requestId, bool approve, Done done)
{
    const auto r = findRequest(requestId);
    if (!r) {
        done(QStringLiteral("no pending pairing request %1 (it may have been answered or lapsed)").arg(requestId));
        return;
    }
    if (approve) {
        const QString why = cannotApproveReason(*r);
        if (!why.isEmpty()) {
            done(why);
            return;
        }
    }
    const PairingRequest req = *r;
    const QString verb = approve ? QStringLiteral("approved") : QStringLiteral("rejected");
    QPointer<PairingModel> self(this);
    m_manager->call(method(req.kind, approve ? "approve" : "reject"), QJsonObject{{QStringLiteral("requestId"), req.requestId}},
                    kCallTimeoutMs, [self, req, verb, done](const CallResult& res) {
                        if (!self)
                            return;
                        if (res.ok()) {
                            self->close(req.requestId, verb + QStringLiteral(" by ClawTray"));
                            Q_EMIT self->changed();
                            // Answered once the lists show the outcome (the device among the paired).
                            self->refresh([done](const QString&) { done(QString()); });
                            return;
                        }
                        if (res.message.contains(QLatin1String("unknown requestId"))) {
                            self->close(req.requestId, QStringLiteral("gone (answered elsewhere or lapsed)"));
                            Q_EMIT self->changed();
                        }
                        done(QStringLiteral("the gateway did not take it: %1").arg(res.message));
                    });
}

void PairingModel::remove(const QString& id, Done done)
{
    const auto d = findPaired(id);
    if (!d) {
        done(QStringLiteral("no paired device %1").arg(id));
        return;
    }
    const bool node = d->kind == Kind::Node;
    QPointer<PairingModel> self(this);
    const PairedDevice dev = *d;
    m_manager->call(method(dev.kind, "remove"), QJsonObject{{node ? QStringLiteral("nodeId") : QStringLiteral("deviceId"), dev.id}},
                    kCallTimeoutMs, [self, dev, done](const CallResult& res) {
                        if (!self)
                            return;
                        if (!res.ok()) {
                            done(QStringLiteral("the gateway did not remove %1: %2").arg(dev.name(), res.message));
                            return;
                        }
                        logInfo(QStringLiteral("unpaired %1 (%2)").arg(dev.name(), dev.id));
                        self->refresh([done](const QString&) { done(QString()); });
                    });
}

void PairingModel::rename(const QString& id, const QString& label, Done done)
{
    const QString name = label.trimmed();
    if (name.isEmpty() || name.size() > 64) {
        done(QStringLiteral("a name has 1 to 64 characters"));
        return;
    }
    const auto d = findPaired(id);
    if (!d) {
        done(QStringLiteral("no paired device %1").arg(id));
        return;
    }
    const bool node = d->kind == Kind::Node;
    const QJsonObject params = node ? QJsonObject{{QStringLiteral("nodeId"), d->id}, {QStringLiteral("displayName"), name}}
                                    : QJsonObject{{QStringLiteral("deviceId"), d->id}, {QStringLiteral("label"), name}};
    QPointer<PairingModel> self(this);
    m_manager->call(node ? QStringLiteral("node.rename") : method(Kind::Device, "rename"), params, kCallTimeoutMs,
                    [self, done](const CallResult& res) {
                        if (!self)
                            return;
                        if (!res.ok()) {
                            done(QStringLiteral("the gateway did not rename it: %1").arg(res.message));
                            return;
                        }
                        self->refresh([done](const QString&) { done(QString()); });
                    });
}

} // namespace clawtray
