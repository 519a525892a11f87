#pragma once

#include "companion/Pairing.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace clawtray {

class GatewayManager;
struct GatewayStatus;

// Devices and nodes waiting to be paired, and the paired ones, from ClawTray's own operator
// connection: `device.pair.list` and `node.pair.list` after every (re)connect and after anything
// changed, then `*.pair.requested` / `*.pair.resolved` / `device.pair.changed`. A request is shown
// once (a reconnect never doubles or loses one) and goes when it is answered (here or by any other
// client) or the gateway drops it (device requests lapse after five minutes: the lists are read
// again then, the gateway decides). Nothing is approved by ClawTray on its own. A stopped gateway
// has nothing to answer: everything empties; during a reconnect it is kept.
class PairingModel final : public QObject
{
    Q_OBJECT
public:
    explicit PairingModel(GatewayManager* manager, QObject* parent = nullptr);

    QList<PairingRequest> pending() const; // oldest first
    QList<PairedDevice> paired() const;    // devices, then nodes, by name
    std::optional<PairingRequest> findRequest(const QString& idOrPrefix) const;
    std::optional<PairedDevice> findPaired(const QString& idOrPrefix) const;
    bool loaded() const { return m_loaded; }
    // False when the gateway does not let ClawTray's device manage pairing; the reason says so.
    bool permitted() const { return m_permitted; }
    QString unavailableReason() const { return m_unavailable; }
    // Why ClawTray cannot approve this request itself ("" when it can).
    QString cannotApproveReason(const PairingRequest& r) const;
    QJsonObject summaryJson() const; // {pending, paired, permitted, reason?}
    QJsonObject toJson() const;      // summary + pending + paired

    using Done = std::function<void(const QString& error)>; // "" or why it failed
    void refresh(Done done = {});
    void approve(const QString& requestId, Done done);
    void reject(const QString& requestId, Done done);
    // Unpairing closes that device's connections; it has to pair again (callers confirm first).
    void remove(const QString& id, Done done);
    void rename(const QString& id, const QString& label, Done done);

    static constexpr int kDeviceRequestTtlMs = 5 * 60 * 1000; // the gateway's pending lifetime

Q_SIGNALS:
    void changed();
    void requested(const clawtray::PairingRequest& request); // not seen before
    // Gone from the pending list: "approved", "rejected" (and by whom when known), "gone", "disconnected".
    void closed(const QString& requestId, const QString& why);

private:
    void onStatus(const GatewayStatus& s);
    void onEvent(const QString& event, const QJsonValue& payload);
    void answer(const QString& requestId, bool approve, Done done);
    void add(const PairingRequest& r);
    void close(const QString& requestId, const QString& why);
    void clearAll(const QString& why);
    void armRelist();
    bool granted(const QString& scope) const;

    QPointer<GatewayManager> m_manager;
    QHash<QString, PairingRequest> m_pending;
    QList<PairedDevice> m_paired;
    bool m_loaded = false;
    qint64 m_loadedFor = 0;   // connectedAtMs of the connection the lists are from
    qint64 m_listedPid = 0; // the gateway process the list came from
    quint64 m_generation = 0; // answers from an older connection or an older refresh are dropped
    bool m_permitted = true;
    QString m_unavailable;
    QTimer m_relist; // when the oldest device request lapses
    QList<Done> m_waiters; // callers of refresh() waiting for the newest answer
};

} // namespace clawtray
