#pragma once

#include "supervisor/HealthEvaluator.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace clawtray {

// The health summary (healthy / degraded / unresponsive), its sentence and its reasons.
class HealthPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit HealthPanel(QWidget* parent = nullptr);

    void render(const HealthSummary& health);
    QString levelText() const;
    QStringList reasons() const;

private:
    QLabel* m_level = nullptr;
    QLabel* m_text = nullptr;
    QListWidget* m_reasons = nullptr;
};

} // namespace clawtray
