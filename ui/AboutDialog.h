#pragma once

#include "supervisor/GatewayStatus.h"

#include <QDialog>
#include <QMap>

class QLabel;

namespace clawtray {

class SettingsController;

// Help > About ClawTray: the versions (ClawTray, the gateway it talks to, Qt), where ClawTray keeps
// its settings, logs, token and runtime, the licences of what it is built on, and links. Everything
// shown comes from the running program, not from a text written beside it.
class AboutDialog final : public QDialog
{
    Q_OBJECT
public:
    AboutDialog(const GatewayStatus& status, SettingsController* settings, QWidget* parent = nullptr);

    // The shown value for "clawtray", "gateway", "qt", "settings", "logs", "token", "runtime".
    QString field(const QString& key) const;
    // Every line as plain text (what "Copy" puts on the clipboard).
    QString plainText() const;

private:
    QMap<QString, QLabel*> m_fields;
    QStringList m_lines;
};

} // namespace clawtray
