#include "GatewayActions.h"

#include "DisplayText.h"
#include "StatusVisual.h"

#include "supervisor/DashboardLink.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"


namespace clawtray {

GatewayActions::GatewayActions(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<clawtray::GatewayStatus>();
    m_standIn.phase = UserText(QT_TRANSLATE_NOOP("UserText", "loading"));
}

GatewayActions::~GatewayActions() = default;

void GatewayActions::setManager(GatewayManager* manager)
{
    if (m_manager == manager)
        return;
    if (m_manager)
        disconnect(m_manager, nullptr, this, nullptr);
    m_manager = manager;
    if (m_manager) {
        connect(m_manager, &GatewayManager::statusChanged, this, &GatewayActions::onManagerStatus);
        connect(m_manager, &GatewayManager::healthChanged, this, &GatewayActions::healthChanged);
        connect(m_manager, &GatewayManager::notice, this,
                [this](const QString& kind, const UserText& text) { Q_EMIT notice(kind, DisplayText::text(text)); });
    }
    Q_EMIT managerChanged();
    Q_EMIT statusChanged(status());
    Q_EMIT healthChanged(health());
}

void GatewayActions::setStandInStatus(const GatewayStatus& status)
{
    m_standIn = status;
    if (!m_manager) {
        Q_EMIT statusChanged(m_standIn);
        Q_EMIT healthChanged(health());
    }
}

GatewayStatus GatewayActions::status() const
{
    return m_manager ? m_manager->status() : m_standIn;
}

HealthSummary GatewayActions::health() const
{
    if (m_manager)
        return m_manager->health();
    HealthSummary h = HealthEvaluator::evaluate(m_standIn, Diagnostics{});
    if (StatusVisual::isWaitingForToken(m_standIn))
        h.title = QStringLiteral("Waiting…"); // for the keychain, not yet starting the gateway
    return h;
}

Diagnostics GatewayActions::diagnostics() const
{
    return m_manager ? m_manager->diagnostics() : Diagnostics{};
}

QVector<RestartRecord> GatewayActions::restartHistory() const
{
    return m_manager ? m_manager->restartHistory() : QVector<RestartRecord>{};
}

ActionAvailability GatewayActions::availability(const GatewayStatus& status) const
{
    return m_manager ? ActionAvailability::forStatus(status) : ActionAvailability::none();
}

void GatewayActions::onManagerStatus(const GatewayStatus& status)
{
    // A deferred safe restart is settled once the gateway restarted (new bootId) or went away.
    if (!m_safeRestartNote.isEmpty() && (status.state != GatewayState::Running || status.bootId != m_noteBootId))
        setSafeRestartNote(QString(), QString());
    Q_EMIT statusChanged(status);
}

void GatewayActions::beginOperation()
{
    if (++m_pending == 1)
        Q_EMIT busyChanged(true);
}

void GatewayActions::endOperation()
{
    if (m_pending > 0 && --m_pending == 0)
        Q_EMIT busyChanged(false);
}

void GatewayActions::setSafeRestartNote(const QString& note, const QString& bootId)
{
    if (note == m_safeRestartNote && bootId == m_noteBootId)
        return;
    m_safeRestartNote = note;
    m_noteBootId = bootId;
    Q_EMIT safeRestartNoteChanged(note);
}

void GatewayActions::lookedAt()
{
    if (m_manager)
        m_manager->refreshReadiness(10000);
}

void GatewayActions::start()
{
    if (m_manager)
        m_manager->start();
}

void GatewayActions::stop()
{
    if (m_manager)
        m_manager->stop();
}

void GatewayActions::restart()
{
    if (m_manager)
        m_manager->restart(QStringLiteral("Restart from the tray or window")); // history/ctl/export: English
}

void GatewayActions::reloadConfiguration()
{
    if (m_manager)
        m_manager->requestReload();
}

void GatewayActions::safeRestart(bool force)
{
    if (!m_manager)
        return;
    beginOperation();
    const QString bootId = m_manager->status().bootId;
    QPointer<GatewayActions> self(this);
    m_manager->safeRestart(force, [self, bootId](const SafeRestartResult& r) {
        if (!self)
            return;
        self->endOperation();
        if (r.status == QLatin1String("deferred")) {
            const QString note = tr("deferred: %1 active tasks").arg(r.activeTasks);
            self->setSafeRestartNote(note, bootId);
            QString text = tr("The gateway restarts once its work is done (%1).").arg(note);
            if (!r.blockers.isEmpty())
                text += tr("\nBusy with: ") + r.blockers.join(QStringLiteral(", "));
            Q_EMIT self->operationFinished(tr("Safe restart"), text, true);
            return;
        }
        const QString text = r.ok() ? tr("Safe restart %1.").arg(r.status)
                                    : tr("Safe restart failed: %1").arg(r.summary);
        Q_EMIT self->operationFinished(tr("Safe restart"), text, r.ok());
    });
}

void GatewayActions::runDoctor()
{
    if (!m_manager)
        return;
    beginOperation();
    QPointer<GatewayActions> self(this);
    m_manager->runDoctor([self](bool ok, const QString& output) {
        if (!self)
            return;
        self->endOperation();
        const QString tail = redacted(output.trimmed().right(1500));
        const QString text = ok ? tr("openclaw doctor --fix finished; ClawTray starts the gateway again.")
                                : tr("openclaw doctor --fix failed.\n\n%1").arg(tail);
        Q_EMIT self->operationFinished(tr("Doctor"), text, ok);
    });
}

void GatewayActions::openControlUi()
{
    if (!m_manager)
        return;
    logInfo(QStringLiteral("opening the Control UI in the browser (port %1)").arg(m_manager->config().launch.port));
    beginOperation();
    QPointer<GatewayActions> self(this);
    m_manager->openDashboard([self](const DashboardLink& link) {
        if (!self)
            return;
        self->endOperation();
        if (!link.ok) {
            Q_EMIT self->operationFinished(tr("Control UI"), QStringLiteral("%1.\n\n%2").arg(link.error, link.action), false);
            return;
        }
        const QString page = link.launcherPath;
        self->m_browser.open(page, [self, page](bool opened, const QString& why) {
            if (!self || opened)
                return;
            Q_EMIT self->operationFinished(tr("Control UI"),
                                           tr("No browser opened the Control UI (%1). Install or set a default browser, "
                                              "or open %2 in a browser within ten minutes to pair it with the gateway.")
                                               .arg(why, page),
                                           false);
        });
    });
}

void GatewayActions::switchManager()
{
    if (!m_manager)
        return;
    const GatewayStatus s = m_manager->status();
    const bool takeOver = !s.serviceUnit.isEmpty();
    if (!takeOver && s.serviceHandBackUnit.isEmpty())
        return;
    beginOperation();
    QPointer<GatewayActions> self(this);
    auto done = [self, takeOver](const Done& under) {
        if (!self)
            return;
        self->endOperation();
        // Success shows in the status itself; only a failure needs words.
        if (!under)
            Q_EMIT self->operationFinished(takeOver ? tr("Take over the gateway") : tr("Hand back the gateway"),
                                           DisplayText::text(under.error()), false);
    };
    if (takeOver)
        m_manager->takeOverService(done);
    else
        m_manager->handBackToService(done);
}

Done GatewayActions::exportDiagnostics(const QString& path)
{
    if (!m_manager)
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "the gateway manager is not ready yet")));
    if (const Result<qint64> written = m_manager->exportDiagnostics(path); !written)
        return Done::failure(written.error());
    return {};
}

void GatewayActions::perform(ProblemAction action)
{
    switch (action) {
    case ProblemAction::DoctorFix: runDoctor(); return;
    case ProblemAction::Start: start(); return;
    case ProblemAction::ChangePort:
    case ProblemAction::Settings: Q_EMIT settingsRequested(QStringLiteral("runtime")); return;
    case ProblemAction::ImportToken:
    case ProblemAction::TokenStorage: Q_EMIT settingsRequested(QStringLiteral("token")); return;
    case ProblemAction::Takeover: switchManager(); return;
    case ProblemAction::RetryToken: Q_EMIT appActionRequested(action); return;
    case ProblemAction::None: return;
    }
}

QString GatewayActions::actionLabel(ProblemAction action)
{
    switch (action) {
    case ProblemAction::DoctorFix: return tr("Run doctor --fix");
    case ProblemAction::Start: return tr("Start again");
    case ProblemAction::ChangePort: return tr("Use another port…");
    case ProblemAction::Settings: return tr("Open settings…");
    case ProblemAction::ImportToken: return tr("Import the gateway's token…");
    case ProblemAction::TokenStorage: return tr("Token storage…");
    case ProblemAction::Takeover: return tr("Let ClawTray manage the gateway");
    case ProblemAction::RetryToken: return tr("Try again");
    case ProblemAction::None: break;
    }
    return QString();
}

} // namespace clawtray
