#include "HealthPanel.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace clawtray {

HealthPanel::HealthPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_level = new QLabel(this);
    QFont f = m_level->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_level->setFont(f);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reasons = new QListWidget(this);
    layout->addWidget(m_level);
    layout->addWidget(m_text);
    layout->addWidget(new QLabel(QStringLiteral("Reasons:"), this));
    layout->addWidget(m_reasons, 1);
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
    m_text->setText(health.text);
    m_reasons->clear();
    if (health.reasons.isEmpty())
        m_reasons->addItem(QStringLiteral("(none)"));
    else
        m_reasons->addItems(health.reasons);
}

QString HealthPanel::levelText() const
{
    return m_level->text();
}

QStringList HealthPanel::reasons() const
{
    QStringList out;
    for (int i = 0; i < m_reasons->count(); ++i)
        out << m_reasons->item(i)->text();
    return out;
}

} // namespace clawtray
