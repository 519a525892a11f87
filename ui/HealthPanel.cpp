#include "HealthPanel.h"
#include "DisplayText.h"
#include "Tones.h"

#include <QGridLayout>
#include <QLabel>

namespace clawtray {

HealthPanel::HealthPanel(QWidget* parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    auto* title = new QLabel(tr("Health:"), this);
    m_level = new QLabel(this);
    QFont bold = m_level->font();
    bold.setBold(true);
    m_level->setFont(bold);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(title, 0, 0);
    layout->addWidget(m_level, 0, 1);
    layout->addWidget(m_text, 0, 2);
    layout->setColumnStretch(2, 1);
    render(HealthSummary{});
}

void HealthPanel::render(const HealthSummary& health)
{
    m_level->setText(DisplayText::healthTitle(health));
    Tone tone = Tone::Normal; // NotRunning: a normal state, the palette's own text colour
    switch (health.level) {
    case HealthSummary::Level::Healthy: tone = Tone::Good; break;
    case HealthSummary::Level::Degraded: tone = Tone::Warning; break;
    case HealthSummary::Level::Unresponsive:
    case HealthSummary::Level::Down: tone = Tone::Bad; break;
    case HealthSummary::Level::NotRunning: break;
    }
    Tones::paint(m_level, tone);
    // Down: the problem panel above says what went wrong and what to do; it is not said twice.
    const bool say = !health.text.isEmpty() && health.level != HealthSummary::Level::Down;
    m_text->setText(say ? QStringLiteral("— ") + DisplayText::text(health.text) : QString());
    // The machine-readable reasons ("heartbeat_misses") are for Diagnostics and exports: the
    // sentence above says the same in words (seen on screen as "Reasons: gateway_not_running").
    m_reasonList = health.reasons;
}

QString HealthPanel::levelText() const
{
    return m_level->text();
}

QString HealthPanel::summaryText() const
{
    return m_text->text();
}

} // namespace clawtray
