#include "HealthPanel.h"

#include <QGridLayout>
#include <QLabel>

namespace clawtray {

HealthPanel::HealthPanel(QWidget* parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    auto* title = new QLabel(QStringLiteral("Health:"), this);
    m_level = new QLabel(this);
    QFont bold = m_level->font();
    bold.setBold(true);
    m_level->setFont(bold);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reasons = new QLabel(this);
    m_reasons->setWordWrap(true);
    m_reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reasons->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(title, 0, 0);
    layout->addWidget(m_level, 0, 1);
    layout->addWidget(m_text, 0, 2);
    layout->addWidget(m_reasons, 1, 1, 1, 2);
    layout->setColumnStretch(2, 1);
    render(HealthSummary{});
}

void HealthPanel::render(const HealthSummary& health)
{
    QString level = HealthSummary::levelName(health.level);
    level[0] = level[0].toUpper();
    m_level->setText(level);
    const char* colour = health.level == HealthSummary::Level::Healthy    ? "#1e8e4e"
                         : health.level == HealthSummary::Level::Degraded ? "#a86f00"
                                                                          : "#b0101a";
    m_level->setStyleSheet(QStringLiteral("color: %1;").arg(QLatin1String(colour)));
    // "healthy" would only repeat the level.
    m_text->setText(health.level == HealthSummary::Level::Healthy ? QString() : QStringLiteral("— ") + health.text);
    m_reasonList = health.reasons;
    m_reasons->setText(
        health.reasons.isEmpty() ? QString() : QStringLiteral("Reasons: ") + health.reasons.join(QStringLiteral(", ")));
    m_reasons->setVisible(!health.reasons.isEmpty());
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
