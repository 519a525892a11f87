#include "StatusHeader.h"
#include "DisplayText.h"
#include "Tones.h"

#include "StatusVisual.h"

#include <QAccessible>
#include <QDateTime>
#include <QGridLayout>
#include <QHash>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace clawtray {

StatusHeader::StatusHeader(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    m_pill = new QLabel(this);
    m_pill->setObjectName(QStringLiteral("statePill"));
    m_pill->setAlignment(Qt::AlignCenter);
    m_pill->setMinimumWidth(110);
    m_ownership = new QLabel(this);
    m_phase = new QLabel(this);
    m_phase->setWordWrap(true);
    m_phase->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_pill);
    top->addWidget(m_ownership);
    top->addWidget(m_phase, 1);
    outer->addLayout(top);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    // What a user reads at a glance; the process's pid and boot id are in Diagnostics.
    addField(grid, 0, 0, QStringLiteral("uptime"), tr("Uptime"));
    addField(grid, 0, 2, QStringLiteral("version"), tr("Version"));
    addField(grid, 0, 4, QStringLiteral("port"), tr("Port"));
    addField(grid, 0, 6, QStringLiteral("nextRetry"), tr("Next retry"));
    grid->setColumnStretch(7, 1);
    outer->addLayout(grid);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &StatusHeader::tick);
    render(m_status);
}

void StatusHeader::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    tick();
    m_tick.start();
}

void StatusHeader::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_tick.stop();
}

QLabel* StatusHeader::addField(QGridLayout* grid, int row, int column, const QString& key, const QString& title)
{
    auto* name = new QLabel(title + QLatin1Char(':'), this);
    Tones::paint(name, Tone::Muted);
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for a typical value, so the fields do not shift as the uptime ticks or a version arrives.
    const QHash<QString, QString> widest{{QStringLiteral("uptime"), tr("23 h 59 min")},
                                                {QStringLiteral("version"), QStringLiteral("2026.12.31-beta.1")},
                                                {QStringLiteral("port"), QStringLiteral("65535")},
                                                {QStringLiteral("nextRetry"), tr("in 59 min 59 s (attempt 10)")}};
    value->setMinimumWidth(value->fontMetrics().horizontalAdvance(widest.value(key, QStringLiteral("—"))));
    grid->addWidget(name, row, column);
    grid->addWidget(value, row, column + 1);
    m_fields.insert(key, value);
    return value;
}

void StatusHeader::render(const GatewayStatus& status)
{
    m_status = status;
    const QString stateName = StatusVisual::iconName(status);
    const QString spoken = tr("Gateway state: %1").arg(StatusVisual::stateLabel(status));
    m_pill->setText(StatusVisual::stateLabel(status));
    if (m_pill->accessibleName() != spoken) {
        // Announced to screen readers: the state is what a user of the window follows.
        m_pill->setAccessibleName(spoken);
        QAccessibleEvent changed(m_pill, QAccessible::NameChanged);
        QAccessible::updateAccessibility(&changed);
        Q_EMIT stateAnnounced(spoken);
    }
    m_pill->setProperty("stateName", stateName);
    m_pill->setStyleSheet(QStringLiteral("QLabel#statePill { background: %1; color: %2; border-radius: 10px; "
                                         "padding: 3px 12px; font-weight: bold; }")
                              .arg(Tones::badgeFill(stateName).name(), Tones::badgeText().name()));
    // Who runs the gateway is known once ClawTray spawned it or attached to it; before that (loading
    // the token, looking at the port) it is not said.
    const bool known = status.state == GatewayState::Running || status.state == GatewayState::Reconnecting
                       || status.state == GatewayState::Stopping || (status.state == GatewayState::Starting && status.pid > 0);
    if (!status.serviceUnit.isEmpty())
        m_ownership->setText(tr("managed by OpenClaw's service %1").arg(status.serviceUnit));
    else if (!known)
        m_ownership->setText(QString());
    else
        m_ownership->setText(status.owned ? tr("owned by ClawTray")
                                          : tr("external gateway (not started by ClawTray)"));
    QString phase;
    if (!status.pendingAction.isEmpty())
        phase = DisplayText::text(status.pendingAction);
    else if (!status.phase.isEmpty())
        phase = DisplayText::text(status.phase);
    else if (status.state == GatewayState::Running && status.readiness == QLatin1String("not-ready"))
        phase = tr("gateway up, channels not ready: %1")
                    .arg(status.notReady.isEmpty() ? tr("no detail") : status.notReady.join(QStringLiteral(", ")));
    m_phase->setText(phase);
    m_fields.value(QStringLiteral("port"))
        ->setText(status.port > 0 ? QString::number(status.port) : QStringLiteral("—"));
    m_fields.value(QStringLiteral("version"))
        ->setText(status.gatewayVersion.isEmpty() ? QStringLiteral("—") : status.gatewayVersion);
    tick();
}

void StatusHeader::tick()
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const bool up = m_status.state == GatewayState::Running && m_status.startedAtMs > 0;
    m_fields.value(QStringLiteral("uptime"))
        ->setText(up ? DisplayText::duration(m_status.uptimeMs(nowMs)) : QStringLiteral("—"));
    QString retry = QStringLiteral("—");
    if (m_status.nextRetryAtMs > 0) {
        retry = tr("in %1").arg(DisplayText::duration(qMax<qint64>(0, m_status.nextRetryAtMs - nowMs + 999)));
        if (m_status.reconnectAttempt > 0)
            retry += tr(" (attempt %1)").arg(m_status.reconnectAttempt);
    }
    m_fields.value(QStringLiteral("nextRetry"))->setText(retry);
}

QString StatusHeader::fieldText(const QString& field) const
{
    if (field == QLatin1String("state"))
        return m_pill->text();
    if (field == QLatin1String("ownership"))
        return m_ownership->text();
    if (field == QLatin1String("phase"))
        return m_phase->text();
    const QLabel* l = m_fields.value(field);
    return l ? l->text() : QString();
}

} // namespace clawtray
