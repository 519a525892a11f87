#include "ProblemPanel.h"

#include "DisplayText.h"
#include "Tones.h"

#include "GatewayActions.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace clawtray {

ProblemPanel::ProblemPanel(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("problemPanel"));
    Tones::paintAlertBox(this);
    auto* layout = new QHBoxLayout(this);
    auto* texts = new QVBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_action = new QLabel(this);
    m_action->setWordWrap(true);
    m_action->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_summary);
    texts->addWidget(m_action);
    layout->addLayout(texts, 1);
    m_button = new QPushButton(this);
    layout->addWidget(m_button, 0, Qt::AlignVCenter);
    connect(m_button, &QPushButton::clicked, this, [this] { Q_EMIT actionRequested(m_problem.actionId); });
    render(GatewayProblem{});
}

void ProblemPanel::render(const GatewayProblem& problem)
{
    m_problem = problem;
    setVisible(!problem.isEmpty());
    m_summary->setText(DisplayText::text(problem.summary));
    m_action->setText(DisplayText::text(problem.action));
    m_action->setVisible(!problem.action.isEmpty());
    const QString label = GatewayActions::actionLabel(problem.actionId);
    m_button->setText(label);
    m_button->setVisible(!label.isEmpty());
}

QString ProblemPanel::summaryText() const
{
    return m_summary->text();
}

QString ProblemPanel::actionText() const
{
    return m_action->text();
}

} // namespace clawtray
