#pragma once

#include "companion/ExecApproval.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace clawtray {

class GatewayManager;
struct GatewayStatus;

// The exec approvals the gateway is waiting on, kept from ClawTray's own operator connection:
// backfilled with `exec.approval.list` after every (re)connect, then followed through
// `exec.approval.requested` / `exec.approval.resolved`. One entry per id (a reconnect never shows
// one twice or loses one); an entry goes when it is resolved (here or by any other client) or
// expires. Nothing is ever allowed by default or by a timeout: an expired request simply closes.
// A stopped gateway has nothing to answer, so the list empties; during a reconnect it is kept.
class ApprovalsModel final : public QObject
{
    Q_OBJECT
public:
    explicit ApprovalsModel(GatewayManager* manager, QObject* parent = nullptr);

    QList<ExecApproval> pending() const; // oldest first
    std::optional<ExecApproval> find(const QString& id) const;
    // False when the gateway does not let ClawTray's device see approvals (scope not granted, or
    // the list call refused); `unavailableReason()` says why in words a user can act on.
    bool permitted() const { return m_permitted; }
    // Whether the list is from a live connection (false while the gateway is not running).
    bool connected() const { return m_backfilledFor != 0; }
    QString unavailableReason() const { return m_unavailable; }
    QJsonObject summaryJson() const; // {pending, permitted, reason?}

    // `exec.approval.resolve`; the callback gets "" or why it failed. The entry closes on success.
    void resolve(const QString& id, const QString& decision, std::function<void(const QString& error)> done);

Q_SIGNALS:
    void changed();
    void requested(const clawtray::ExecApproval& approval); // a request not seen before
    // Gone from the list: "resolved" (decision, by whom), "expired", or "disconnected".
    void closed(const QString& id, const QString& why);

private:
    void onStatus(const GatewayStatus& s);
    void onEvent(const QString& event, const QJsonValue& payload);
    void backfill();
    void add(const ExecApproval& a, bool announce);
    void close(const QString& id, const QString& why);
    void clearAll(const QString& why);
    void armExpiry();
    void expireDue();

    QPointer<GatewayManager> m_manager;
    QHash<QString, ExecApproval> m_pending;
    qint64 m_backfilledFor = 0; // connectedAtMs of the connection the list is from
    quint64 m_generation = 0;   // a backfill answer from an older connection is dropped
    bool m_permitted = true;
    QString m_unavailable;
    QTimer m_expiry;
};

} // namespace clawtray
