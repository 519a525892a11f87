#pragma once

#include "supervisor/HealthEvaluator.h"

#include <QFrame>

class QLabel;

namespace clawtray {

// The health summary in one compact block: the level (healthy / degraded / unresponsive), its
// sentence, and the machine-readable reasons.
class HealthPanel final : public QFrame
{
    Q_OBJECT
public:
    explicit HealthPanel(QWidget* parent = nullptr);

    void render(const HealthSummary& health);
    QString levelText() const;
    QString summaryText() const;
    QStringList reasons() const { return m_reasonList; }

private:
    QLabel* m_level = nullptr;
    QLabel* m_text = nullptr;
    QStringList m_reasonList;
};

} // namespace clawtray
