#include "UpdatePanel.h"

#include "DisplayText.h"
#include "Tones.h"

#include "policy/VersionOrder.h"
#include "update/GatewayUpdater.h"
#include "update/UpdateChecker.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace clawtray {

namespace {
QLabel* line(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}
} // namespace

UpdatePanel::UpdatePanel(QWidget* parent)
    : QGroupBox(tr("OpenClaw updates"), parent)
{
    auto* v = new QVBoxLayout(this);
    m_availability = line(this);
    m_progress = line(this);
    m_bar = new QProgressBar(this);
    m_bar->setAccessibleName(tr("Update progress"));
    m_bar->setRange(0, kUpdateStepCount);
    m_bar->setFormat(tr("Step %v of %m"));
    m_outcome = line(this);
    v->addWidget(m_availability);
    v->addWidget(m_progress);
    v->addWidget(m_bar);
    v->addWidget(m_outcome);
    auto* buttons = new QHBoxLayout;
    m_check = new QPushButton(tr("Check now"), this);
    m_update = new QPushButton(this);
    m_rollback = new QPushButton(this);
    m_check->setAccessibleName(tr("Check for OpenClaw updates now"));
    for (QPushButton* b : {m_check, m_update, m_rollback})
        buttons->addWidget(b);
    buttons->addStretch(1);
    v->addLayout(buttons);
    connect(m_check, &QPushButton::clicked, this, [this] {
        if (!m_checker)
            return;
        m_checking = true;
        render();
        QPointer<UpdatePanel> self(this);
        m_checker->checkNow([self](const UpdateAvailability&) {
            if (!self)
                return;
            self->m_checking = false;
            self->render();
        });
    });
    connect(m_update, &QPushButton::clicked, this, [this] { startUpdate(false); });
    connect(m_rollback, &QPushButton::clicked, this, [this] { startUpdate(true); });
    m_confirm = [this](const QString& title, const QString& text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               == QMessageBox::Yes;
    };
    setUpdates(nullptr, nullptr);
}

void UpdatePanel::setUpdates(UpdateChecker* checker, GatewayUpdater* updater)
{
    if (m_checker)
        disconnect(m_checker, nullptr, this, nullptr);
    if (m_updater)
        disconnect(m_updater, nullptr, this, nullptr);
    m_checker = checker;
    m_updater = updater;
    if (checker)
        connect(checker, &UpdateChecker::changed, this, &UpdatePanel::render);
    if (updater) {
        connect(updater, &GatewayUpdater::progressChanged, this, &UpdatePanel::render);
        connect(updater, &GatewayUpdater::finished, this, [this] {
            m_refusal.clear(); // what the operation says now replaces why the last click did nothing
            render();
        });
    }
    render();
}

void UpdatePanel::startUpdate(bool rollback)
{
    if (!m_updater || !m_checker)
        return;
    const UpdateAvailability a = m_checker->availability();
    const QString target = rollback ? m_updater->previousVersion() : a.latest;
    const bool forward = rollback && versionIsNewer(target, a.current); // the version left after a roll-back
    const QString title = forward    ? tr("Go back to OpenClaw %1?").arg(target)
                          : rollback ? tr("Roll back to OpenClaw %1?").arg(target)
                                     : tr("Update OpenClaw to %1?").arg(target);
    const QString text =
        rollback ? tr("ClawTray backs up the gateway's state, waits until no run is active, stops OpenClaw %1 and starts %2. If "
                      "%2 cannot read the state %1 migrated, the state from before the update to %1 comes back (changes made "
                      "since then are kept aside, not used).")
                       .arg(a.current, target)
                 : tr("ClawTray installs %2 beside %1, backs up the gateway's state, checks that %2 can use it, waits until no "
                      "run is active, then switches. If %2 does not start properly, %1 comes back with the state it had.")
                       .arg(a.current, target);
    if (!m_confirm(title, text))
        return;
    GatewayUpdater::Request req;
    req.rollback = rollback;
    req.to = rollback ? QString() : target;
    const UserText refused = m_updater->start(req);
    m_refusal = refused.isEmpty() ? QString() : DisplayText::text(refused);
    render();
}

void UpdatePanel::render()
{
    const UpdateAvailability a = m_checker ? m_checker->availability() : UpdateAvailability{};
    const UpdateProgress p = m_updater ? m_updater->progress() : UpdateProgress{};
    const UpdateOutcome last = m_updater ? m_updater->lastOutcome() : UpdateOutcome{};
    setVisible(m_checker != nullptr);

    QString availability;
    if (a.available())
        availability = DisplayText::text(a.text());
    else if (!a.note.isEmpty())
        availability = DisplayText::text(a.note);
    else if (!a.current.isEmpty() && !a.latest.isEmpty())
        availability = tr("OpenClaw %1 is the newest version (%2 channel, checked %3).")
                           .arg(a.current, a.channel, QDateTime::fromMSecsSinceEpoch(a.checkedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    else if (!a.current.isEmpty())
        availability = tr("OpenClaw %1; not checked for updates yet.").arg(a.current);
    if (m_checking)
        availability = tr("Checking the npm registry…");
    m_availability->setText(availability);
    m_availability->setVisible(!availability.isEmpty());
    Tones::paint(m_availability, a.available() ? Tone::Info : Tone::Normal);

    m_progress->setVisible(p.running);
    m_bar->setVisible(p.running);
    if (p.running) {
        m_progress->setText(DisplayText::text(p.text));
        m_bar->setValue(updateStepNumber(p.step));
    }

    QString outcome;
    switch (last.result) {
    case UpdateOutcome::Result::Updated:
        outcome = tr("Updated to OpenClaw %1 (was %2).").arg(last.to, last.from);
        if (!last.action.isEmpty())
            outcome += QLatin1Char(' ') + DisplayText::text(last.action);
        break;
    case UpdateOutcome::Result::RolledBack:
    case UpdateOutcome::Result::Refused:
    case UpdateOutcome::Result::Failed:
        outcome = DisplayText::text(last.reason);
        if (!last.action.isEmpty())
            outcome += QLatin1Char(' ') + DisplayText::text(last.action);
        break;
    case UpdateOutcome::Result::None:
        break;
    }
    if (p.running)
        m_refusal.clear();
    if (!m_refusal.isEmpty()) {
        m_outcome->setText(m_refusal);
        Tones::paint(m_outcome, Tone::Warning);
    } else {
        m_outcome->setText(outcome);
        Tones::paint(m_outcome, last.ok() ? Tone::Good : last.result == UpdateOutcome::Result::Failed ? Tone::Bad : Tone::Warning);
    }
    m_outcome->setVisible(!m_outcome->text().isEmpty() && !p.running);

    const bool managed = m_updater && m_updater->config().runtimeManaged;
    const QString previous = m_updater ? m_updater->previousVersion() : QString();
    m_check->setVisible(m_checker != nullptr);
    m_check->setEnabled(!m_checking && !p.running);
    m_update->setVisible(m_updater && a.available() && managed);
    m_update->setEnabled(!p.running);
    m_update->setText(tr("Update to %1…").arg(a.latest));
    m_update->setAccessibleName(m_update->text());
    m_rollback->setVisible(m_updater && !previous.isEmpty() && managed);
    m_rollback->setEnabled(!p.running);
    m_rollback->setText(!previous.isEmpty() && versionIsNewer(previous, a.current) ? tr("Go back to %1…").arg(previous)
                                                                                     : tr("Roll back to %1…").arg(previous));
    m_rollback->setAccessibleName(m_rollback->text());
}

QString UpdatePanel::text(const QString& field) const
{
    if (field == QLatin1String("offer")) {
        const UpdateAvailability a = m_checker ? m_checker->availability() : UpdateAvailability{};
        return a.available() ? DisplayText::text(a.text()) : QString();
    }
    const QLabel* l = field == QLatin1String("availability") ? m_availability
                      : field == QLatin1String("progress")   ? m_progress
                      : field == QLatin1String("outcome")    ? m_outcome
                                                             : nullptr;
    return l && !l->isHidden() ? l->text() : QString();
}

QPushButton* UpdatePanel::button(const QString& name) const
{
    if (name == QLatin1String("check"))
        return m_check;
    if (name == QLatin1String("update"))
        return m_update;
    if (name == QLatin1String("rollback"))
        return m_rollback;
    return nullptr;
}

} // namespace clawtray
