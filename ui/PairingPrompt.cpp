#include "PairingPrompt.h"
#include "DisplayText.h"
#include "Tones.h"

#include "supervisor/GatewayStatus.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace clawtray {

namespace {

QLabel* plainLabel(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText); // names come from the other device: never markup
    l->setWordWrap(true);
    return l;
}

} // namespace

PairingPrompt::PairingPrompt(PairingModel* model, QWidget* parent)
    : QDialog(parent, Qt::Dialog | Qt::WindowStaysOnTopHint)
    , m_model(model)
{
    setWindowTitle(tr("ClawTray — pair a device?"));
    setModal(false);
    auto* layout = new QVBoxLayout(this);
    m_title = plainLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_who = plainLabel(this);
    m_asks = plainLabel(this);
    m_asks->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_from = plainLabel(this);
    m_note = plainLabel(this);
    Tones::paint(m_note, Tone::Warning);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = plainLabel(this);
    Tones::paint(m_error, Tone::Bad);
    m_queue = new QLabel(this);
    for (QWidget* w : {static_cast<QWidget*>(m_title), static_cast<QWidget*>(m_who), static_cast<QWidget*>(m_asks),
                       static_cast<QWidget*>(m_from), static_cast<QWidget*>(m_note), static_cast<QWidget*>(m_error)})
        layout->addWidget(w);
    auto* buttons = new QHBoxLayout;
    m_approve = new QPushButton(tr("Approve"), this);
    m_reject = new QPushButton(tr("Reject"), this);
    for (QPushButton* b : {m_approve, m_reject}) {
        b->setAutoDefault(false); // Enter never decides
        b->setDefault(false);
    }
    buttons->addWidget(m_queue, 1);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_approve);
    layout->addLayout(buttons);
    connect(m_approve, &QPushButton::clicked, this, [this] { answer(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { answer(false); });
    m_tick.setInterval(1000); // "asked 12 s ago" moves with the clock (only while shown)
    connect(&m_tick, &QTimer::timeout, this, &PairingPrompt::render);
    connect(model, &PairingModel::changed, this, [this] {
        if (isVisible() || !m_current.isEmpty())
            showPending();
    });
    connect(model, &PairingModel::requested, this, [this] { showPending(); });
    setMinimumWidth(460);
}

void PairingPrompt::showPending()
{
    const QList<PairingRequest> pending = m_model ? m_model->pending() : QList<PairingRequest>{};
    if (pending.isEmpty()) {
        m_current.clear();
        m_tick.stop();
        hide();
        return;
    }
    bool still = false;
    for (const PairingRequest& r : pending)
        still = still || r.requestId == m_current;
    if (!still) {
        m_current = pending.first().requestId;
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

void PairingPrompt::render()
{
    const auto r = m_model ? m_model->findRequest(m_current) : std::nullopt;
    if (!r)
        return;
    const bool node = r->kind == PairingRequest::Kind::Node;
    m_title->setText(r->isRepair ? tr("%1 asks for more access").arg(r->name())
                     : node      ? tr("A node wants to pair: %1").arg(r->name())
                                 : tr("A device wants to pair: %1").arg(r->name()));
    QStringList who;
    if (!r->platform.isEmpty())
        who << r->platform;
    if (!r->clientId.isEmpty())
        who << tr("client %1%2").arg(r->clientId, r->clientMode.isEmpty() || r->clientMode == r->clientId
                                                                 ? QString()
                                                                 : QStringLiteral(" (%1)").arg(r->clientMode));
    who << QStringLiteral("%1 %2").arg(node ? QStringLiteral("node") : QStringLiteral("device"), r->subjectId.left(16));
    m_who->setText(who.join(QStringLiteral(" · ")));
    if (node)
        m_asks->setText(r->commands.isEmpty() ? tr("Asks to connect as a node, with no commands")
                                              : tr("Asks to run: %1").arg(r->commands.join(QStringLiteral(", "))));
    else
        m_asks->setText(tr("Asks for role %1%2")
                            .arg(r->role.isEmpty() ? QStringLiteral("operator") : r->role,
                                 r->scopes.isEmpty() ? QString() : tr(" with %1").arg(r->scopes.join(QStringLiteral(", ")))));
    QStringList from;
    if (!r->remoteIp.isEmpty())
        from << tr("from %1").arg(r->remoteIp);
    if (r->ts > 0)
        from << tr("asked %1 ago").arg(DisplayText::duration(std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - r->ts)));
    m_from->setText(from.join(QStringLiteral(", ")));
    m_from->setVisible(!from.isEmpty());
    const QString cannot = m_model->cannotApproveReason(*r);
    m_note->setText(cannot);
    m_note->setVisible(!cannot.isEmpty());
    const QList<PairingRequest> pending = m_model->pending();
    int index = 1;
    for (const PairingRequest& p : pending) {
        if (p.requestId == r->requestId)
            break;
        ++index;
    }
    m_queue->setText(pending.size() > 1 ? tr("%1 of %2 waiting").arg(index).arg(pending.size()) : QString());
    m_approve->setEnabled(!m_busy && cannot.isEmpty());
    m_approve->setToolTip(cannot);
    m_reject->setEnabled(!m_busy);
    m_error->setVisible(!m_error->text().isEmpty());
}

void PairingPrompt::answer(bool approve)
{
    if (!m_model || m_current.isEmpty() || m_busy)
        return;
    m_busy = true;
    render();
    const QString id = m_current;
    QPointer<PairingPrompt> self(this);
    auto done = [self, id](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        if (!error.isEmpty() && self->m_current == id)
            self->m_error->setText(error);
        self->showPending();
    };
    if (approve)
        m_model->approve(id, done);
    else
        m_model->reject(id, done);
}

QString PairingPrompt::fieldText(const QString& field) const
{
    const QHash<QString, QLabel*> fields{{QStringLiteral("title"), m_title}, {QStringLiteral("who"), m_who},
                                         {QStringLiteral("asks"), m_asks},   {QStringLiteral("from"), m_from},
                                         {QStringLiteral("queue"), m_queue}, {QStringLiteral("note"), m_note},
                                         {QStringLiteral("error"), m_error}};
    QLabel* l = fields.value(field);
    return l ? l->text() : QString();
}

} // namespace clawtray
