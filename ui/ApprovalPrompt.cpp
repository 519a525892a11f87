#include "ApprovalPrompt.h"
#include "DisplayText.h"
#include "Tones.h"

#include "supervisor/GatewayStatus.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace clawtray {

ApprovalPrompt::ApprovalPrompt(ApprovalsModel* model, QWidget* parent)
    : QDialog(parent, Qt::Dialog | Qt::WindowStaysOnTopHint)
    , m_model(model)
{
    setWindowTitle(tr("ClawTray — approve a command?"));
    setModal(false);
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(tr("<b>An agent wants to run a command</b>"), this);
    m_command = new QLabel(this);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setTextFormat(Qt::PlainText); // the gateway's text, never markup
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setWordWrap(true);
    m_command->setFrameShape(QFrame::StyledPanel);
    m_command->setMargin(6);
    m_where = new QLabel(this);
    m_where->setWordWrap(true);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    Tones::paint(m_warning, Tone::Warning);
    m_countdown = new QLabel(this);
    m_queue = new QLabel(this);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    Tones::paint(m_error, Tone::Bad);
    layout->addWidget(title);
    layout->addWidget(m_command);
    layout->addWidget(m_where);
    layout->addWidget(m_warning);
    auto* info = new QHBoxLayout;
    info->addWidget(m_countdown, 1);
    info->addWidget(m_queue);
    layout->addLayout(info);
    layout->addWidget(m_error);
    auto* buttons = new QHBoxLayout;
    m_allowOnce = new QPushButton(tr("Allow once"), this);
    m_allowAlways = new QPushButton(tr("Allow always"), this);
    m_deny = new QPushButton(tr("Deny"), this);
    for (QPushButton* b : {m_allowOnce, m_allowAlways, m_deny}) {
        b->setAutoDefault(false); // Enter never decides
        b->setDefault(false);
    }
    buttons->addStretch(1);
    buttons->addWidget(m_deny);
    buttons->addWidget(m_allowAlways);
    buttons->addWidget(m_allowOnce);
    layout->addLayout(buttons);
    connect(m_allowOnce, &QPushButton::clicked, this, [this] { decide(QStringLiteral("allow-once")); });
    connect(m_allowAlways, &QPushButton::clicked, this, [this] { decide(QStringLiteral("allow-always")); });
    connect(m_deny, &QPushButton::clicked, this, [this] { decide(QStringLiteral("deny")); });
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &ApprovalPrompt::tick);
    connect(model, &ApprovalsModel::changed, this, [this] {
        if (isVisible() || !m_current.isEmpty())
            showPending();
    });
    connect(model, &ApprovalsModel::requested, this, [this] { showPending(); });
    setMinimumWidth(460);
}

void ApprovalPrompt::showPending()
{
    const QList<ExecApproval> pending = m_model ? m_model->pending() : QList<ExecApproval>{};
    if (pending.isEmpty()) {
        m_current.clear();
        m_tick.stop();
        hide();
        return;
    }
    // Stay on the one shown while it is still pending; otherwise the oldest.
    bool still = false;
    for (const ExecApproval& a : pending)
        still = still || a.id == m_current;
    if (!still) {
        m_current = pending.first().id;
        m_error->clear();
        m_busy = false;
    }
    render();
    if (!isVisible()) {
        show();
        raise();
        activateWindow();
    }
    m_tick.start();
}

void ApprovalPrompt::render()
{
    const auto a = m_model ? m_model->find(m_current) : std::nullopt;
    if (!a)
        return;
    m_command->setText(a->command.isEmpty() ? tr("(no command text)") : a->command);
    QStringList where;
    if (!a->cwd.isEmpty())
        where << tr("in %1").arg(a->cwd);
    if (!a->agentId.isEmpty())
        where << tr("agent %1").arg(a->agentId);
    if (!a->sessionKey.isEmpty())
        where << tr("session %1").arg(a->sessionKey);
    if (!a->host.isEmpty())
        where << tr("host %1%2").arg(a->host, a->nodeId.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(a->nodeId));
    m_where->setText(where.join(QStringLiteral(" · ")));
    m_warning->setText(a->warningText);
    m_warning->setVisible(!a->warningText.isEmpty());
    const int total = m_model->pending().size();
    int index = 1;
    for (const ExecApproval& p : m_model->pending()) {
        if (p.id == a->id)
            break;
        ++index;
    }
    m_queue->setText(total > 1 ? tr("%1 of %2 waiting").arg(index).arg(total) : QString());
    m_allowOnce->setEnabled(!m_busy && a->allows(QStringLiteral("allow-once")));
    m_allowAlways->setEnabled(!m_busy && a->allows(QStringLiteral("allow-always")));
    m_allowAlways->setToolTip(a->allows(QStringLiteral("allow-always")) ? QString()
                                                                        : tr("The gateway does not offer this for this request"));
    m_deny->setEnabled(!m_busy && a->allows(QStringLiteral("deny")));
    m_error->setVisible(!m_error->text().isEmpty());
    tick();
}

void ApprovalPrompt::tick()
{
    const auto a = m_model ? m_model->find(m_current) : std::nullopt;
    if (!a) {
        m_countdown->clear();
        return;
    }
    if (a->expiresAtMs <= 0) {
        m_countdown->setText(QString());
        return;
    }
    const qint64 left = a->expiresAtMs - QDateTime::currentMSecsSinceEpoch();
    m_countdown->setText(left > 0 ? tr("Expires in %1 (then it is not run)").arg(DisplayText::duration(left + 999))
                                  : tr("Expired"));
}

void ApprovalPrompt::decide(const QString& decision)
{
    if (!m_model || m_current.isEmpty() || m_busy)
        return;
    m_busy = true;
    render();
    const QString id = m_current;
    QPointer<ApprovalPrompt> self(this);
    m_model->resolve(id, decision, [self, id](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        if (!error.isEmpty() && self->m_current == id)
            self->m_error->setText(error);
        self->showPending(); // the next one, or hide
    });
}

QString ApprovalPrompt::fieldText(const QString& field) const
{
    if (field == QLatin1String("command"))
        return m_command->text();
    if (field == QLatin1String("where"))
        return m_where->text();
    if (field == QLatin1String("countdown"))
        return m_countdown->text();
    if (field == QLatin1String("queue"))
        return m_queue->text();
    if (field == QLatin1String("error"))
        return m_error->text();
    return {};
}

QPushButton* ApprovalPrompt::button(const QString& decision) const
{
    if (decision == QLatin1String("allow-once"))
        return m_allowOnce;
    if (decision == QLatin1String("allow-always"))
        return m_allowAlways;
    if (decision == QLatin1String("deny"))
        return m_deny;
    return nullptr;
}

} // namespace clawtray
