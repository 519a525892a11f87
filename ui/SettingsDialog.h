#pragma once

#include "settings/RuntimeLocator.h"
#include "settings/SettingsData.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QTabWidget;
class QThread;

namespace clawtray {

class SettingsController;
class SettingsForm;
class TokenPanel;

// Settings: runtime (paths validated in the background with RuntimeLocator: Node >= 24.16 and
// openclaw.mjs present), token, advanced (liveness, backoff, governor, reload, foreign gateway)
// and behaviour. SettingsData::validate()'s messages appear next to their fields as the user
// types; invalid values are refused. Saving goes through SettingsController::apply, i.e. the
// core's validation, the settings file and the manager's debounced reload.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(SettingsController* controller, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    // "runtime", "token", "advanced" or "behaviour"; "port" shows the runtime page with the port
    // field focused (the "Use another port" action).
    void showPage(const QString& page);
    QString currentPage() const;
    // Re-reads the settings (discarding edits).
    void reload();
    // Validates and applies. Returns true when saved; otherwise the messages are shown.
    bool save();
    // Validates the runtime paths in the background; runtimeChecked() reports the verdict.
    void checkRuntime();

    SettingsForm* form() const { return m_form; }
    TokenPanel* tokenPanel() const { return m_token; }
    QString generalError() const;
    SettingsErrors currentErrors() const;

Q_SIGNALS:
    void runtimeChecked(bool ok, const QString& text);

private:
    void onEdited();
    void onRuntimeChecked(const RuntimeCheck& check, int generation);
    void updateRuntimePlaceholders();

    SettingsController* m_controller;
    SettingsData m_base;
    SettingsForm* m_form = nullptr;
    TokenPanel* m_token = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_general = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    int m_runtimeGeneration = 0;
    QList<QPointer<QThread>> m_threads;
};

} // namespace clawtray
