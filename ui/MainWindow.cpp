#include "MainWindow.h"
#include "DisplayText.h"
#include "Tones.h"

#include "DiagnosticsTable.h"
#include "GatewayActions.h"
#include "HealthPanel.h"
#include "LogView.h"
#include "ProblemPanel.h"
#include "RestartHistoryTable.h"
#include "OverviewTab.h"
#include "StatusHeader.h"
#include "StatusVisual.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QStandardPaths>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace clawtray {

namespace {
constexpr int kDetailsRefreshMs = 2000;
constexpr int kOkMessageMs = 20000;
constexpr int kReloadTickMs = 200;
}

MainWindow::MainWindow(GatewayActions* actions, LogRing* ring, QWidget* parent)
    : QMainWindow(parent)
    , m_actions(actions)
{
    setWindowTitle(tr("ClawTray"));
    setWindowIcon(StatusVisual::appIcon());
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_header = new StatusHeader(central);
    layout->addWidget(m_header);
    layout->addWidget(buildButtons());
    m_note = new QLabel(central);
    m_note->setVisible(false);
    layout->addWidget(m_note);
    m_problem = new ProblemPanel(central);
    layout->addWidget(m_problem);
    m_message = new QLabel(central);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    m_health = new HealthPanel(central);
    layout->addWidget(m_health);
    m_reload = new QLabel(central);
    m_reload->setObjectName(QStringLiteral("reloadLine"));
    m_reload->setTextFormat(Qt::PlainText);
    m_reload->setWordWrap(true);
    m_reload->setVisible(false);
    layout->addWidget(m_reload);

    m_tabs = new QTabWidget(central);
    m_tabs->setAccessibleName(tr("ClawTray sections"));
    m_overview = new OverviewTab(m_tabs);
    m_log = new LogView(ring, m_tabs);
    m_diagnostics = new DiagnosticsTable(m_tabs);
    m_history = new RestartHistoryTable(m_tabs);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_log, tr("Log"));
    m_tabs->addTab(m_diagnostics, tr("Diagnostics"));
    m_tabs->addTab(m_history, tr("Restart history"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    buildMenus();
    resize(860, 620);

    connect(m_actions, &GatewayActions::statusChanged, this, &MainWindow::render);
    connect(m_actions, &GatewayActions::healthChanged, m_health, &HealthPanel::render);
    connect(m_actions, &GatewayActions::busyChanged, this, &MainWindow::updateBusy);
    connect(m_actions, &GatewayActions::managerChanged, this, [this] { render(m_actions->status()); });
    connect(m_actions, &GatewayActions::safeRestartNoteChanged, this, &MainWindow::onSafeRestartNote);
    connect(m_actions, &GatewayActions::operationFinished, this,
            [this](const QString& title, const QString& text, bool ok) {
                showMessage(title + QStringLiteral(": ") + text, ok);
            });
    connect(m_actions, &GatewayActions::settingsRequested, this, &MainWindow::settingsRequested);
    connect(m_problem, &ProblemPanel::actionRequested, m_actions, &GatewayActions::perform);
    m_messageTimer.setSingleShot(true);
    m_messageTimer.setInterval(kOkMessageMs);
    connect(&m_messageTimer, &QTimer::timeout, this, [this] { showMessage(QString(), true); });
    m_reloadTick.setInterval(kReloadTickMs); // the countdown of a pending reload
    connect(&m_reloadTick, &QTimer::timeout, this, &MainWindow::renderReload);
    m_detailsTimer.setInterval(kDetailsRefreshMs);
    connect(&m_detailsTimer, &QTimer::timeout, this, &MainWindow::refreshDetails);
    render(m_actions->status());
    m_health->render(m_actions->health());
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildButtons()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_start = new QPushButton(tr("Start"), row);
    m_stop = new QPushButton(tr("Stop"), row);
    m_restart = new QPushButton(tr("Restart"), row);
    m_safeRestart = new QPushButton(tr("Safe restart"), row);
    m_safeRestart->setToolTip(tr("Ask the gateway to restart once its active tasks are done"));
    m_forceRestart = new QPushButton(tr("Restart now anyway"), row);
    m_forceRestart->setVisible(false);
    m_openUi = new QPushButton(tr("Open Control UI"), row);
    m_switchManager = new QPushButton(row);
    m_switchManager->setVisible(false);
    m_busy = new QProgressBar(row);
    m_busy->setRange(0, 0); // indeterminate
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    for (QPushButton* b : {m_start, m_stop, m_restart, m_safeRestart, m_forceRestart})
        layout->addWidget(b);
    layout->addWidget(m_busy);
    layout->addStretch(1);
    layout->addWidget(m_switchManager);
    layout->addWidget(m_openUi);
    connect(m_start, &QPushButton::clicked, m_actions, &GatewayActions::start);
    connect(m_stop, &QPushButton::clicked, m_actions, &GatewayActions::stop);
    connect(m_restart, &QPushButton::clicked, m_actions, &GatewayActions::restart);
    connect(m_safeRestart, &QPushButton::clicked, this, [this] { m_actions->safeRestart(false); });
    connect(m_forceRestart, &QPushButton::clicked, this, [this] { m_actions->safeRestart(true); });
    connect(m_openUi, &QPushButton::clicked, m_actions, &GatewayActions::openControlUi);
    connect(m_switchManager, &QPushButton::clicked, m_actions, &GatewayActions::switchManager);
    return row;
}

void MainWindow::buildMenus()
{
    QMenu* app = menuBar()->addMenu(tr("&ClawTray"));
    app->addAction(tr("&Settings…"), this, [this] { Q_EMIT settingsRequested(QStringLiteral("runtime")); });
    app->addAction(tr("&Reload configuration"), m_actions, &GatewayActions::reloadConfiguration);
    app->addAction(tr("&Export diagnostics…"), this, &MainWindow::exportWithDialog);
    app->addSeparator();
    app->addAction(tr("&Quit"), this, &MainWindow::quitRequested);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    m_aboutAction = help->addAction(tr("&About ClawTray"), this, &MainWindow::aboutRequested);
}

void MainWindow::showOverview()
{
    m_tabs->setCurrentWidget(m_overview);
}

QPushButton* MainWindow::button(Button which) const
{
    switch (which) {
    case Button::Start:
        return m_start;
    case Button::Stop:
        return m_stop;
    case Button::Restart:
        return m_restart;
    case Button::SafeRestart:
        return m_safeRestart;
    case Button::ForceRestart:
        return m_forceRestart;
    case Button::OpenControlUi:
        return m_openUi;
    case Button::SwitchManager:
        return m_switchManager;
    }
    return nullptr;
}

void MainWindow::render(const GatewayStatus& status)
{
    if (!m_message->isHidden() && (status.state != m_messageState || status.bootId != m_messageBootId))
        showMessage(QString(), true); // it was about the state that is gone
    m_status = status;
    m_header->render(status);
    if (m_detailsTimer.isActive())
        refreshDetails(); // the process rows follow the status at once, not at the next tick
    m_problem->render(status.state == GatewayState::Error ? status.lastError : GatewayProblem{});
    const ActionAvailability a = m_actions->availability(status);
    m_start->setEnabled(a.start);
    m_stop->setEnabled(a.stop);
    m_stop->setText(a.stopLabel);
    m_restart->setEnabled(a.restart);
    m_openUi->setEnabled(a.openControlUi);
    m_switchManager->setVisible(!a.switchManagerLabel.isEmpty());
    m_switchManager->setEnabled(a.switchManager);
    m_switchManager->setText(a.switchManagerLabel);
    setWindowIcon(StatusVisual::icon(status));
    renderReload();
    updateBusy();
    refreshDetails();
}

void MainWindow::renderReload()
{
    const ReloadActivity& r = m_status.reload;
    const QString line = DisplayText::text(r.line(QDateTime::currentMSecsSinceEpoch()));
    m_reload->setText(line.isEmpty() ? QString() : tr("Configuration: ") + line);
    m_reload->setVisible(!line.isEmpty());
    if (r.pending && !m_reloadTick.isActive())
        m_reloadTick.start();
    else if (!r.pending)
        m_reloadTick.stop();
}

QString MainWindow::reloadText() const
{
    return m_reload->isHidden() ? QString() : m_reload->text();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    m_actions->lookedAt();
    refreshDetails();
    m_detailsTimer.start();
}

void MainWindow::hideEvent(QHideEvent* event)
{
    QMainWindow::hideEvent(event);
    m_detailsTimer.stop();
}

void MainWindow::refreshDetails()
{
    m_diagnostics->render(m_actions->diagnostics(), m_status);
    m_history->render(m_actions->restartHistory());
}

void MainWindow::updateBusy()
{
    const GatewayState s = m_status.state;
    const bool transitional =
        s == GatewayState::Starting || s == GatewayState::Stopping || s == GatewayState::Reconnecting;
    m_busy->setVisible(m_actions->busy() || transitional);
    const ActionAvailability a = m_actions->availability(m_status);
    m_safeRestart->setEnabled(a.safeRestart && !m_actions->busy());
    m_forceRestart->setEnabled(a.restart && !m_actions->busy());
}

bool MainWindow::busyIndicatorShown() const
{
    return !m_busy->isHidden();
}

void MainWindow::onSafeRestartNote(const QString& note)
{
    m_note->setText(note.isEmpty()
                        ? QString()
                        : tr("Safe restart %1 — the gateway restarts when they are done.").arg(note));
    m_note->setVisible(!note.isEmpty());
    m_forceRestart->setVisible(!note.isEmpty());
}

QString MainWindow::safeRestartNoteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void MainWindow::showMessage(const QString& text, bool ok)
{
    Tones::paint(m_message, ok ? Tone::Normal : Tone::Bad);
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_messageState = m_status.state;
    m_messageBootId = m_status.bootId;
    if (ok && !text.isEmpty())
        m_messageTimer.start();
    else
        m_messageTimer.stop();
}

QString MainWindow::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

bool MainWindow::exportDiagnosticsTo(const QString& path)
{
    const Done exported = m_actions->exportDiagnostics(path);
    showMessage(exported ? tr("Diagnostics exported to %1 (secrets removed).").arg(QDir::toNativeSeparators(path))
                         : tr("Could not export the diagnostics: %1").arg(DisplayText::text(exported.error())),
                exported.ok());
    return exported.ok();
}

void MainWindow::exportWithDialog()
{
    const QString name = QStringLiteral("clawtray-diagnostics-%1.json")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    // The user's Documents folder (the home folder when there is none), never the working dir.
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export diagnostics"),
                                                      QDir(folder).filePath(name), tr("JSON (*.json)"));
    if (!path.isEmpty())
        exportDiagnosticsTo(path);
}

void MainWindow::present()
{
    if (isMinimized())
        setWindowState(windowState() & ~Qt::WindowMinimized);
    show();
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    event->ignore();
    if (m_hidesToTray)
        hide();
    else
        Q_EMIT quitRequested();
}

} // namespace clawtray
