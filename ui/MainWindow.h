#pragma once

#include "supervisor/GatewayStatus.h"

#include <QMainWindow>
#include <QTimer>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace clawtray {

class DiagnosticsTable;
class GatewayActions;
class HealthPanel;
class LogRing;
class LogView;
class OverviewTab;
class ProblemPanel;
class RestartHistoryTable;
class StatusHeader;

// The main window: the header (state, pid, port, uptime, version, bootId, retry countdown), the
// Start / Stop / Restart / Safe restart buttons with a busy indicator, the current error with its
// suggested action, the health summary, and tabs for the live log, diagnostics and restart history.
// Closing it hides it to the tray when there is one; otherwise closing means quitting.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    enum class Button { Start, Stop, Restart, SafeRestart, ForceRestart, OpenControlUi, SwitchManager };

    MainWindow(GatewayActions* actions, LogRing* ring, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setHidesToTray(bool hides) { m_hidesToTray = hides; }
    bool hidesToTray() const { return m_hidesToTray; }

    QPushButton* button(Button which) const;
    StatusHeader* header() const { return m_header; }
    ProblemPanel* problemPanel() const { return m_problem; }
    HealthPanel* healthPanel() const { return m_health; }
    DiagnosticsTable* diagnosticsTable() const { return m_diagnostics; }
    RestartHistoryTable* historyTable() const { return m_history; }
    LogView* logView() const { return m_log; }
    OverviewTab* overview() const { return m_overview; }
    void showOverview(); // selects the Overview tab
    QTabWidget* tabs() const { return m_tabs; }
    bool busyIndicatorShown() const;
    QString messageText() const;
    // "Configuration: applying the port change in 1.2 s — process restart", or its outcome; "" if none.
    QString reloadText() const;
    QString safeRestartNoteText() const;

    // Writes the redacted diagnostics JSON to `path` and says how it went in the message bar.
    bool exportDiagnosticsTo(const QString& path);
    void showMessage(const QString& text, bool ok);
    // Shows the window and brings it to the front (tray click, a second launch).
    void present();
    // Diagnostics and history are refreshed periodically only while the window is shown.
    bool refreshesDetails() const { return m_detailsTimer.isActive(); }
    QAction* aboutAction() const { return m_aboutAction; }

Q_SIGNALS:
    void settingsRequested(const QString& page);
    void quitRequested();
    void aboutRequested();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void renderReload();
    QWidget* buildButtons();
    void buildMenus();
    void render(const GatewayStatus& status);
    void refreshDetails();
    void updateBusy();
    void onSafeRestartNote(const QString& note);
    void exportWithDialog();

    GatewayActions* m_actions;
    GatewayStatus m_status; // the status shown now
    bool m_hidesToTray = false;
    StatusHeader* m_header = nullptr;
    ProblemPanel* m_problem = nullptr;
    HealthPanel* m_health = nullptr;
    DiagnosticsTable* m_diagnostics = nullptr;
    RestartHistoryTable* m_history = nullptr;
    LogView* m_log = nullptr;
    OverviewTab* m_overview = nullptr;
    QTabWidget* m_tabs = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_restart = nullptr;
    QPushButton* m_safeRestart = nullptr;
    QPushButton* m_forceRestart = nullptr;
    QPushButton* m_openUi = nullptr;
    QPushButton* m_switchManager = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_reload = nullptr;
    QTimer m_reloadTick;
    QTimer m_detailsTimer;
    QAction* m_aboutAction = nullptr;
    // A message belongs to the state it was shown in: it goes when the state moves on (or, for a
    // success, after a while).
    GatewayState m_messageState = GatewayState::Stopped;
    QString m_messageBootId;
    QTimer m_messageTimer;
};

} // namespace clawtray
