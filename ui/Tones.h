#pragma once

#include "settings/SettingsData.h"

#include <QColor>
#include <QPalette>
#include <QString>

class QFrame;
class QWidget;

namespace clawtray {

// A colour that carries a meaning. Text in a tone keeps a contrast of at least 4.5:1 (WCAG AA) on
// the palette's window and base colours, in light and in dark palettes alike.
enum class Tone { Normal, Muted, Good, Warning, Bad, Info };

// The one place in ui/ that names colours. Everything else asks for a tone, so a dark desktop
// theme gets colours chosen for it instead of dark red on dark grey.
class Tones final
{
public:
    // A dark palette: its window colour is darker than its text.
    static bool isDark(const QPalette& palette);
    // Text in `tone` on `palette`'s window or base colour (Normal: the palette's own text colour).
    static QColor text(Tone tone, const QPalette& palette);

    // A solid badge with white text (the window's state pill), per StatusVisual icon name
    // ("running", "degraded", "starting", "stopped", "error"); the same in light and dark.
    static QColor badgeFill(const QString& stateName);
    static QColor badgeText() { return QColor(Qt::white); }

    // A box that says something went wrong (problem panel, token problem).
    struct Box
    {
        QColor background;
        QColor text;
    };
    static Box alertBox(const QPalette& palette);

    // The one colour of a one-colour tray icon (Light: near-white for dark panels; Dark: near-black
    // for light panels). Colour has none: it returns an invalid QColor.
    static QColor symbolicInk(TrayIconStyle style);

    // Colours `widget`'s text (WindowText and Text) in `tone`, and again whenever the application's
    // palette changes (light <-> dark). Normal gives the widget back its inherited colours.
    static void paint(QWidget* widget, Tone tone);
    // Makes `frame` an alert box: its background, border and the text of everything inside it.
    static void paintAlertBox(QFrame* frame);
    // The tone `widget` was painted in (Normal when never painted).
    static Tone toneOf(const QWidget* widget);

    // WCAG 2 contrast ratio of two colours, 1.0 .. 21.0.
    static double contrast(const QColor& a, const QColor& b);
};

} // namespace clawtray
