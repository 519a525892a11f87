#pragma once

#include "settings/SettingsData.h"
#include "supervisor/GatewayStatus.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace clawtray {

// How a gateway status looks: which icon (one per state family, each with its own badge shape),
// which words and which colour. Shared by the tray and the main window.
class StatusVisual final
{
public:
    // "running", "degraded", "starting", "stopped" or "error": the suffix of the icon files in
    // resources/icons/status/clawtray-<name>.svg.
    static QString iconName(const GatewayStatus& status);
    static QIcon icon(const GatewayStatus& status);
    // `style` Colour: the SVG as drawn. Light / Dark: the same shapes in one colour (what is white in
    // the colour icon, the glyph, is cut out), for panels where colour clashes.
    static QIcon iconByName(const QString& name, TrayIconStyle style = TrayIconStyle::Colour);
    // One size of a one-colour icon (public for the tests).
    static QImage symbolicImage(const QString& name, int size, const QColor& ink);
    static QIcon appIcon();

    static QString stateLabel(const GatewayStatus& status); // "Running", "Running (degraded)", ...
    // Before the gateway can even be started, ClawTray reads its token (from the keychain, which may
    // be asking for its password): these phases make the pill say "Waiting", not "Starting".
    static UserText readingTokenPhase(const UserText& where);
    static UserText keychainWaitPhase();
    static bool isWaitingForToken(const GatewayStatus& status);
    static QColor stateColour(const GatewayStatus& status);
    // Tray tooltip: state, uptime and port, plus the error in one line.
    static QString tooltip(const GatewayStatus& status, qint64 nowMs);

    // The icons live in a static library: make sure its resources are registered.
    static void ensureResources();
};

} // namespace clawtray
