#include "Tones.h"

#include <QApplication>
#include <QEvent>
#include <QFrame>
#include <QPointer>
#include <QWidget>

#include <cmath>

namespace clawtray {

namespace {

const char* const kToneProperty = "clawtrayTone";
const char* const kBoxProperty = "clawtrayAlertBox";
const char* const kPendingProperty = "clawtrayToneQueued";

// Light palettes (window around #efefef, base white) and dark ones (window around #2d2d2d .. #3c3f41,
// base down to #1e1e1e): each colour below is >= 4.5:1 against all of them (tst_ui_theme checks).
struct ToneColours
{
    QRgb muted, good, warning, bad, info;
};
constexpr ToneColours kLight{0x5f6368, 0x18703d, 0x8a5300, 0xb0101a, 0x1d4ed8};
constexpr ToneColours kDark{0xa8adb4, 0x6fd39a, 0xf0b44c, 0xff8a80, 0x8ab4f8};

// Re-applies a tone when the application palette changes; one instance, an event filter on each
// painted widget (not on the whole application, which would see every event).
class ToneWatcher final : public QObject
{
public:
    static ToneWatcher* instance()
    {
        static QPointer<ToneWatcher> watcher;
        if (!watcher)
            watcher = new ToneWatcher(qApp);
        return watcher;
    }

protected:
    bool eventFilter(QObject* object, QEvent* event) override
    {
        // A theme switch reaches a widget as the palette its parent hands down (PaletteChange) or
        // as ApplicationPaletteChange. Deferred, so the parent has its new palette first; one queued
        // repaint per widget; repainting to the same colours sets nothing, so it cannot loop.
        const QEvent::Type type = event->type();
        if (type == QEvent::ApplicationPaletteChange || type == QEvent::PaletteChange) {
            auto* widget = qobject_cast<QWidget*>(object);
            if (widget && !widget->property(kPendingProperty).toBool()) {
                widget->setProperty(kPendingProperty, true);
                QMetaObject::invokeMethod(
                    widget,
                    [widget] {
                        widget->setProperty(kPendingProperty, false);
                        repaint(widget);
                    },
                    Qt::QueuedConnection);
            }
        }
        return false;
    }

private:
    using QObject::QObject;

    static void repaint(QWidget* widget)
    {
        if (widget->property(kBoxProperty).toBool())
            Tones::paintAlertBox(qobject_cast<QFrame*>(widget));
        else
            Tones::paint(widget, Tones::toneOf(widget));
    }
};

double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& c)
{
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// The palette the widget would have without colours of its own: its parent's, or the application's.
QPalette inheritedPalette(const QWidget* widget)
{
    return widget->parentWidget() ? widget->parentWidget()->palette() : QApplication::palette(widget);
}

} // namespace

bool Tones::isDark(const QPalette& palette)
{
    return luminance(palette.color(QPalette::Window)) < luminance(palette.color(QPalette::WindowText));
}

QColor Tones::text(Tone tone, const QPalette& palette)
{
    const ToneColours& c = isDark(palette) ? kDark : kLight;
    switch (tone) {
    case Tone::Normal:
        return palette.color(QPalette::WindowText);
    case Tone::Muted:
        return QColor(c.muted);
    case Tone::Good:
        return QColor(c.good);
    case Tone::Warning:
        return QColor(c.warning);
    case Tone::Bad:
        return QColor(c.bad);
    case Tone::Info:
        return QColor(c.info);
    }
    return palette.color(QPalette::WindowText);
}

QColor Tones::badgeFill(const QString& stateName)
{
    // Dark enough for white text (>= 5.5:1), distinct in hue; the pill also says the state in words.
    if (stateName == QLatin1String("running"))
        return QColor(0x17773f);
    if (stateName == QLatin1String("degraded"))
        return QColor(0x8f5a00);
    if (stateName == QLatin1String("starting"))
        return QColor(0x2456b8);
    if (stateName == QLatin1String("error"))
        return QColor(0xb0101a);
    return QColor(0x5b6169); // stopped
}

Tones::Box Tones::alertBox(const QPalette& palette)
{
    if (isDark(palette))
        return {QColor(0x4a1a1a), QColor(0xffd9d4)};
    return {QColor(0xfdecea), QColor(0x5c1010)};
}

QColor Tones::symbolicInk(TrayIconStyle style)
{
    switch (style) {
    case TrayIconStyle::Light:
        return QColor(0xf2f2f2);
    case TrayIconStyle::Dark:
        return QColor(0x1f1f1f);
    case TrayIconStyle::Colour:
        break;
    }
    return QColor();
}

void Tones::paint(QWidget* widget, Tone tone)
{
    if (!widget)
        return;
    widget->setProperty(kToneProperty, int(tone));
    widget->installEventFilter(ToneWatcher::instance()); // installing twice keeps one filter
    if (tone == Tone::Normal) {
        if (widget->testAttribute(Qt::WA_SetPalette))
            widget->setPalette(QPalette()); // toned widgets set no other colours: inherit them all again
        return;
    }
    QPalette pal = widget->palette();
    const QColor c = text(tone, inheritedPalette(widget));
    if (widget->testAttribute(Qt::WA_SetPalette) && pal.color(QPalette::WindowText) == c &&
        pal.color(QPalette::Text) == c)
        return;
    pal.setColor(QPalette::WindowText, c);
    pal.setColor(QPalette::Text, c);
    widget->setPalette(pal);
}

void Tones::paintAlertBox(QFrame* frame)
{
    if (!frame)
        return;
    frame->setProperty(kBoxProperty, true);
    frame->installEventFilter(ToneWatcher::instance());
    const Box box = alertBox(inheritedPalette(frame));
    QPalette pal = frame->palette();
    if (frame->autoFillBackground() && pal.color(QPalette::Window) == box.background &&
        pal.color(QPalette::WindowText) == box.text)
        return;
    pal.setColor(QPalette::Window, box.background);
    pal.setColor(QPalette::WindowText, box.text); // the text inside and the box's border
    pal.setColor(QPalette::Text, box.text);
    frame->setPalette(pal);
    frame->setAutoFillBackground(true);
    frame->setFrameStyle(QFrame::Box | QFrame::Plain);
    frame->setLineWidth(1);
}

Tone Tones::toneOf(const QWidget* widget)
{
    const QVariant v = widget ? widget->property(kToneProperty) : QVariant();
    return v.isValid() ? Tone(v.toInt()) : Tone::Normal;
}

double Tones::contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace clawtray
