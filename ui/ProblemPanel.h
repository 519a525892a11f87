#pragma once

#include "supervisor/GatewayStatus.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace clawtray {

// The error, shown in place: what happened, what to do, and a button for the suggested action
// (keyed by GatewayProblem::actionId: DoctorFix, ChangePort, ImportToken, ...). Hidden
// while there is no problem.
class ProblemPanel final : public QFrame
{
    Q_OBJECT
public:
    explicit ProblemPanel(QWidget* parent = nullptr);

    void render(const GatewayProblem& problem);
    QString summaryText() const;
    QString actionText() const;
    QPushButton* actionButton() const { return m_button; }

Q_SIGNALS:
    void actionRequested(clawtray::ProblemAction action);

private:
    GatewayProblem m_problem;
    QLabel* m_summary = nullptr;
    QLabel* m_action = nullptr;
    QPushButton* m_button = nullptr;
};

} // namespace clawtray
