#include "StatusVisual.h"

#include "DisplayText.h"
#include "Tones.h"

#include <QCoreApplication>
#include <QFile>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

static void initClawTrayResources()
{
    // Outside the namespace: Q_INIT_RESOURCE declares a global function.
    Q_INIT_RESOURCE(resources);
}

namespace clawtray {

void StatusVisual::ensureResources()
{
    static const bool done = [] {
        initClawTrayResources();
        return true;
    }();
    Q_UNUSED(done);
}

QString StatusVisual::iconName(const GatewayStatus& status)
{
    switch (status.state) {
    case GatewayState::Running:
        return status.healthy ? QStringLiteral("running") : QStringLiteral("degraded");
    case GatewayState::Starting:
    case GatewayState::Reconnecting:
    case GatewayState::Stopping:
        return QStringLiteral("starting");
    case GatewayState::Stopped:
        return QStringLiteral("stopped");
    case GatewayState::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("stopped");
}

QIcon StatusVisual::iconByName(const QString& name, TrayIconStyle style)
{
    ensureResources();
    if (style == TrayIconStyle::Colour)
        return QIcon(QStringLiteral(":/icons/status/clawtray-%1.svg").arg(name));
    // Tray sizes and their HiDPI doubles, each drawn at its own size (crisp, not scaled bitmaps).
    QIcon icon;
    for (int size : {16, 22, 24, 32, 44, 48, 64})
        icon.addPixmap(QPixmap::fromImage(symbolicImage(name, size, Tones::symbolicInk(style))));
    return icon;
}

QImage StatusVisual::symbolicImage(const QString& name, int size, const QColor& ink)
{
    ensureResources();
    QSvgRenderer svg(QStringLiteral(":/icons/status/clawtray-%1.svg").arg(name));
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    svg.render(&painter);
    painter.end();
    image = image.convertToFormat(QImage::Format_ARGB32);
    // The shapes are mid-tone (luma <= 0.52) and their glyphs white: light pixels become holes,
    // mid-tone ones ink; anti-aliased edges in between keep a partial alpha.
    for (int y = 0; y < size; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < size; ++x) {
            const QRgb px = line[x];
            const int alpha = qAlpha(px);
            if (alpha == 0)
                continue;
            const double luma = (0.2126 * qRed(px) + 0.7152 * qGreen(px) + 0.0722 * qBlue(px)) / 255.0;
            const double hole = qBound(0.0, (luma - 0.6) / 0.35, 1.0);
            line[x] = qRgba(ink.red(), ink.green(), ink.blue(), int(alpha * (1.0 - hole) + 0.5));
        }
    }
    return image;
}

QIcon StatusVisual::icon(const GatewayStatus& status)
{
    return iconByName(iconName(status));
}

QIcon StatusVisual::appIcon()
{
    ensureResources();
    return QIcon(QStringLiteral(":/icons/clawtray.svg"));
}

namespace {
const char* const kReadingToken = QT_TRANSLATE_NOOP("UserText", "reading the gateway token from %1");
const char* const kKeychainWait = QT_TRANSLATE_NOOP("UserText", "waiting for the keychain: if it asks for your password, "
                                                                "unlock your keyring (ClawTray goes on by itself)");
} // namespace

UserText StatusVisual::readingTokenPhase(const UserText& where)
{
    return UserText(kReadingToken).arg(where);
}

UserText StatusVisual::keychainWaitPhase()
{
    return UserText(kKeychainWait);
}

bool StatusVisual::isWaitingForToken(const GatewayStatus& status)
{
    return status.state == GatewayState::Starting && status.pid == 0
           && (status.phase.is(kReadingToken) || status.phase.is(kKeychainWait));
}

QString StatusVisual::stateLabel(const GatewayStatus& status)
{
    if (isWaitingForToken(status))
        return QCoreApplication::translate("StatusVisual", "Waiting");
    switch (status.state) {
    case GatewayState::Running:
        return status.healthy ? QCoreApplication::translate("StatusVisual", "Running") : QCoreApplication::translate("StatusVisual", "Running (degraded)");
    case GatewayState::Starting:
        return QCoreApplication::translate("StatusVisual", "Starting");
    case GatewayState::Reconnecting:
        return QCoreApplication::translate("StatusVisual", "Reconnecting");
    case GatewayState::Stopping:
        return QCoreApplication::translate("StatusVisual", "Stopping");
    case GatewayState::Stopped:
        return QCoreApplication::translate("StatusVisual", "Stopped");
    case GatewayState::Error:
        return QCoreApplication::translate("StatusVisual", "Error");
    }
    return QString();
}

QColor StatusVisual::stateColour(const GatewayStatus& status)
{
    return Tones::badgeFill(iconName(status));
}

QString StatusVisual::tooltip(const GatewayStatus& status, qint64 nowMs)
{
    QStringList parts;
    parts << QCoreApplication::translate("StatusVisual", "Gateway: %1").arg(stateLabel(status).toLower());
    if (status.state == GatewayState::Running) {
        if (!status.owned)
            parts.last() += QCoreApplication::translate("StatusVisual", " (external)");
        parts << QCoreApplication::translate("StatusVisual", "up %1").arg(DisplayText::duration(status.uptimeMs(nowMs)));
    }
    if (status.port > 0)
        parts << QCoreApplication::translate("StatusVisual", "port %1").arg(status.port);
    QString text = QStringLiteral("ClawTray\n") + parts.join(QStringLiteral(" · "));
    if (status.state == GatewayState::Error && !status.lastError.isEmpty())
        text += QLatin1Char('\n') + DisplayText::text(status.lastError.summary);
    else if (!status.pendingAction.isEmpty())
        text += QLatin1Char('\n') + DisplayText::text(status.pendingAction);
    return text;
}

} // namespace clawtray
