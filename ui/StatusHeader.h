#pragma once

#include "supervisor/GatewayStatus.h"

#include <QMap>
#include <QTimer>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace clawtray {

// The main window's header: a state pill, owned/external, pid, port, uptime, gateway version,
// bootId, and the countdown to the next retry while reconnecting. Ticks once a second so uptime
// and countdown move between status changes — only while it is visible: a hidden window must not
// wake the process up.
class StatusHeader final : public QWidget
{
    Q_OBJECT
public:
    explicit StatusHeader(QWidget* parent = nullptr);

    void render(const GatewayStatus& status);
    // The text shown for a field: "state", "ownership", "pid", "port", "uptime", "version",
    // "bootId", "nextRetry", "phase" (for tests and accessibility).
    QString fieldText(const QString& field) const;
    bool isTicking() const { return m_tick.isActive(); }

Q_SIGNALS:
    // The state words changed ("Gateway state: Error"); also sent to assistive technology as the
    // state pill's NameChanged event.
    void stateAnnounced(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void tick();
    QLabel* addField(QGridLayout* grid, int row, int column, const QString& key, const QString& title);

    GatewayStatus m_status;
    QLabel* m_pill = nullptr;
    QLabel* m_ownership = nullptr;
    QLabel* m_phase = nullptr;
    QMap<QString, QLabel*> m_fields;
    QTimer m_tick;
};

} // namespace clawtray
