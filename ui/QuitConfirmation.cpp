#include "QuitConfirmation.h"

#include "SettingsController.h"
#include "logging/Logging.h"

#include <QCoreApplication>
#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>

namespace clawtray {

bool QuitConfirmation::needed(const GatewayStatus& status, const SettingsData& settings)
{
    if (!settings.behaviour.confirmQuit || !status.owned || !status.serviceUnit.isEmpty())
        return false;
    switch (status.state) {
    case GatewayState::Running:
    case GatewayState::Starting:
    case GatewayState::Reconnecting:
        return status.pid > 0 || status.state == GatewayState::Running;
    case GatewayState::Stopping:
    case GatewayState::Stopped:
    case GatewayState::Error:
        return false;
    }
    return false;
}

QString QuitConfirmation::question()
{
    return QCoreApplication::translate("QuitConfirmation", "Quitting ClawTray stops the OpenClaw gateway it runs: channels go offline and running "
                          "sessions end until ClawTray starts again.");
}

bool QuitConfirmation::confirm(QWidget* parent, const GatewayStatus& status, SettingsController* settings)
{
    const SettingsData data = settings ? settings->settings() : SettingsData{};
    if (!needed(status, data))
        return true;
    QMessageBox box(QMessageBox::Question, QCoreApplication::translate("QuitConfirmation", "Quit ClawTray?"), question(), QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("quitConfirmation"));
    QPushButton* quit = box.addButton(QCoreApplication::translate("QuitConfirmation", "Stop the gateway and quit"), QMessageBox::AcceptRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel); // Enter by reflex does not take the user's channels down
    auto* dontAsk = new QCheckBox(QCoreApplication::translate("QuitConfirmation", "Don't ask again"), &box);
    box.setCheckBox(dontAsk);
    box.exec();
    const bool yes = box.clickedButton() == quit;
    if (yes && dontAsk->isChecked() && settings) {
        SettingsData changed = settings->settings(); // as they are now, after the question was open
        changed.behaviour.confirmQuit = false;
        if (const SettingsApplied saved = settings->apply(changed); !saved)
            logWarn(QStringLiteral("could not save 'don't ask again' for quitting: %1").arg(saved.error().english()));
    }
    return yes;
}

} // namespace clawtray
