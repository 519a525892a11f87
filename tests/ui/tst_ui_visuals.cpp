// The icons (one per state, readable at tray sizes, told apart by shape and not only by colour, in
// colour and as one-colour shapes for light and dark panels), the words and colours for a state, the
// tray following the "Tray icon" setting, and the notification rate limit.
#include "NotificationThrottle.h"
#include "GatewayActions.h"
#include "StatusVisual.h"
#include "Tones.h"
#include "TrayIcon.h"
#include "UiTestSupport.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTest>

using namespace clawtray;

class TestUiVisuals : public QObject
{
    Q_OBJECT

    const QStringList m_names{QStringLiteral("running"), QStringLiteral("degraded"), QStringLiteral("starting"),
                              QStringLiteral("stopped"), QStringLiteral("error"), QStringLiteral("attention")};

    static QImage render(const QIcon& icon, int size)
    {
        return icon.pixmap(QSize(size, size)).toImage().convertToFormat(QImage::Format_ARGB32);
    }

    // Luminance only, so a difference that survives is one of shape, not of hue.
    static QImage grey(const QImage& image)
    {
        QImage out(image.size(), QImage::Format_Grayscale8);
        out.fill(Qt::white);
        QPainter p(&out);
        p.drawImage(0, 0, image);
        p.end();
        return out;
    }

    static int differingPixels(const QImage& a, const QImage& b)
    {
        int n = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                n += qAbs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))) > 40;
        return n;
    }

private Q_SLOTS:
    void iconFilesHaveTheirPackagedNames()
    {
        const QDir dir(QDir(testsupport::sourceDir()).filePath(QStringLiteral("resources/icons")));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("clawtray.svg"))));
        for (const QString& n : m_names)
            QVERIFY2(QFile::exists(dir.filePath(QStringLiteral("status/clawtray-%1.svg").arg(n))), qPrintable(n));
    }

    void iconsRenderAtTraySizes()
    {
        QVERIFY(!StatusVisual::appIcon().isNull());
        for (int size : {16, 22, 24, 32}) {
            QVERIFY(!render(StatusVisual::appIcon(), size).isNull());
            for (const QString& n : m_names) {
                const QImage img = render(StatusVisual::iconByName(n), size);
                QCOMPARE(img.size(), QSize(size, size));
                // Each shape uses the whole square (no tiny glyph in a corner) and has real ink in
                // it (the stopped one is an outline, the others are filled).
                int opaque = 0;
                QRect extent;
                for (int y = 0; y < size; ++y)
                    for (int x = 0; x < size; ++x)
                        if (qAlpha(img.pixel(x, y)) > 128) {
                            ++opaque;
                            extent |= QRect(x, y, 1, 1);
                        }
                const QString what = QStringLiteral("%1 at %2 px: %3 opaque, extent %4x%5")
                                         .arg(n).arg(size).arg(opaque).arg(extent.width()).arg(extent.height());
                QVERIFY2(opaque > size * size / 4, qPrintable(what));
                QVERIFY2(extent.width() >= size * 85 / 100 && extent.height() >= size * 85 / 100, qPrintable(what));
            }
        }
    }

    // CLAWTRAY_ICON_SHEET=<file.png>: writes every icon at 16, 22 and 32 px (and in grey) to look at.
    void contactSheet()
    {
        const QString path = qEnvironmentVariable("CLAWTRAY_ICON_SHEET");
        if (path.isEmpty())
            return; // not QSKIP: CTest would report the whole executable as skipped
        const QList<int> sizes{16, 22, 32, 64};
        QImage sheet(40 + 80 * sizes.size() * 2, 80 * (2 * m_names.size() + 1), QImage::Format_ARGB32);
        sheet.fill(QColor(0xdd, 0xdd, 0xdd));
        QPainter p(&sheet);
        QList<QIcon> icons{StatusVisual::appIcon()};
        for (const QString& n : m_names)
            icons << StatusVisual::iconByName(n);
        for (const QString& n : m_names)
            icons << StatusVisual::iconByName(n, TrayIconStyle::Dark);
        for (int row = 0; row < icons.size(); ++row)
            for (int c = 0; c < sizes.size(); ++c) {
                const QImage img = render(icons.at(row), sizes.at(c));
                p.drawImage(20 + 80 * c, 10 + 80 * row, img);
                p.drawImage(20 + 80 * (c + sizes.size()), 10 + 80 * row, grey(img));
            }
        p.end();
        QVERIFY(sheet.save(path));
    }

    void statesDifferInShapeNotOnlyColour()
    {
        for (int size : {16, 22}) {
            QList<QImage> greys;
            for (const QString& n : m_names)
                greys << grey(render(StatusVisual::iconByName(n), size));
            for (int i = 0; i < greys.size(); ++i)
                for (int j = i + 1; j < greys.size(); ++j) {
                    const int diff = differingPixels(greys.at(i), greys.at(j));
                    QVERIFY2(diff >= size / 2, qPrintable(QStringLiteral("%1 vs %2 at %3 px: %4 pixels differ in grey")
                                                              .arg(m_names.at(i), m_names.at(j))
                                                              .arg(size)
                                                              .arg(diff)));
                }
        }
    }

    // Light and Dark: one ink colour, the colour icon's white glyph cut out, the states still told
    // apart by their shape at 16 and 22 px, and the ink readable on the panel it is meant for.
    void symbolicIconsAreOneColourAndKeepTheirShapes()
    {
        const QColor darkPanel(0x2b, 0x2b, 0x2b);
        const QColor lightPanel(0xdc, 0xdc, 0xdc);
        QVERIFY(Tones::contrast(Tones::symbolicInk(TrayIconStyle::Light), darkPanel) >= 4.5);
        QVERIFY(Tones::contrast(Tones::symbolicInk(TrayIconStyle::Dark), lightPanel) >= 4.5);
        QVERIFY(!Tones::symbolicInk(TrayIconStyle::Colour).isValid());
        for (TrayIconStyle style : {TrayIconStyle::Light, TrayIconStyle::Dark}) {
            const QColor ink = Tones::symbolicInk(style);
            for (int size : {16, 22, 32}) {
                QList<QImage> images;
                for (const QString& n : m_names) {
                    const QImage img = render(StatusVisual::iconByName(n, style), size);
                    QCOMPARE(img.size(), QSize(size, size));
                    int opaque = 0;
                    for (int y = 0; y < size; ++y)
                        for (int x = 0; x < size; ++x) {
                            const QRgb px = img.pixel(x, y);
                            if (qAlpha(px) < 64) // faint edge pixels lose their colour to premultiplied rounding
                                continue;
                            opaque += qAlpha(px) > 128;
                            QVERIFY2(qAbs(qRed(px) - ink.red()) <= 2 && qAbs(qGreen(px) - ink.green()) <= 2
                                         && qAbs(qBlue(px) - ink.blue()) <= 2,
                                     qPrintable(QStringLiteral("%1 %2 px: pixel %3,%4 is not the ink").arg(n).arg(size).arg(x).arg(y)));
                        }
                    QVERIFY2(opaque > size * size / 6, qPrintable(QStringLiteral("%1 at %2 px: %3").arg(n).arg(size).arg(opaque)));
                    images << img;
                }
                for (int i = 0; i < images.size(); ++i)
                    for (int j = i + 1; j < images.size(); ++j) {
                        int diff = 0;
                        for (int y = 0; y < size; ++y)
                            for (int x = 0; x < size; ++x)
                                diff += qAbs(qAlpha(images.at(i).pixel(x, y)) - qAlpha(images.at(j).pixel(x, y))) > 100;
                        QVERIFY2(diff >= size, qPrintable(QStringLiteral("%1 vs %2 at %3 px: %4 pixels differ")
                                                               .arg(m_names.at(i), m_names.at(j)).arg(size).arg(diff)));
                    }
            }
            // The glyph is a hole: the running tile has fewer inked pixels than its colour icon.
            auto inked = [](const QImage& img) {
                int n = 0;
                for (int y = 0; y < img.height(); ++y)
                    for (int x = 0; x < img.width(); ++x)
                        n += qAlpha(img.pixel(x, y)) > 128;
                return n;
            };
            const int running = inked(render(StatusVisual::iconByName(QStringLiteral("running"), style), 32));
            QVERIFY2(running < inked(render(StatusVisual::iconByName(QStringLiteral("running")), 32)) - 60,
                     qPrintable(QString::number(running)));
        }
    }

    // The tray takes the style from the settings when they change, without a restart.
    void theTrayFollowsTheIconSetting()
    {
        GatewayActions actions;
        actions.setStandInStatus(uitest::statusIn(GatewayState::Running));
        uitest::FakeSettingsController settings;
        TrayIcon tray(&actions, &settings);
        QVERIFY(tray.iconStyle() == TrayIconStyle::Colour);
        const QImage colour = render(tray.systemTrayIcon()->icon(), 22);
        settings.data.behaviour.trayIcon = TrayIconStyle::Light;
        Q_EMIT settings.changed();
        QVERIFY(tray.iconStyle() == TrayIconStyle::Light);
        const QImage light = render(tray.systemTrayIcon()->icon(), 22);
        QCOMPARE(light, render(StatusVisual::iconByName(tray.iconName(), TrayIconStyle::Light), 22));
        QVERIFY(light != colour);
        settings.data.behaviour.trayIcon = TrayIconStyle::Dark;
        Q_EMIT settings.changed();
        QCOMPARE(render(tray.systemTrayIcon()->icon(), 22), render(StatusVisual::iconByName(tray.iconName(), TrayIconStyle::Dark), 22));
    }

    void iconAndWordsPerState()
    {
        using uitest::statusIn;
        QCOMPARE(StatusVisual::iconName(statusIn(GatewayState::Running)), QStringLiteral("running"));
        GatewayStatus unhealthy = statusIn(GatewayState::Running);
        unhealthy.healthy = false;
        QCOMPARE(StatusVisual::iconName(unhealthy), QStringLiteral("degraded"));
        QCOMPARE(StatusVisual::stateLabel(unhealthy), QStringLiteral("Running (degraded)"));
        QCOMPARE(StatusVisual::iconName(statusIn(GatewayState::Starting)), QStringLiteral("starting"));
        QCOMPARE(StatusVisual::iconName(statusIn(GatewayState::Reconnecting)), QStringLiteral("starting"));
        QCOMPARE(StatusVisual::iconName(statusIn(GatewayState::Stopping)), QStringLiteral("starting"));
        QCOMPARE(StatusVisual::iconName(statusIn(GatewayState::Stopped)), QStringLiteral("stopped"));
        QCOMPARE(StatusVisual::iconName(statusIn(GatewayState::Error)), QStringLiteral("error"));
        QVERIFY(StatusVisual::stateColour(statusIn(GatewayState::Error)) !=
                StatusVisual::stateColour(statusIn(GatewayState::Running)));
        const QString external = StatusVisual::tooltip(statusIn(GatewayState::Running, false), 61000);
        QVERIFY2(external.contains(QStringLiteral("(external)")) && external.contains(QStringLiteral("up 1 min")),
                 qPrintable(external));
    }

    void notificationThrottle()
    {
        NotificationThrottle t({/*perKind*/ 60000, /*burst*/ 3, /*window*/ 60000});
        QVERIFY(t.allow(QStringLiteral("unexpected-exit"), 0));
        QVERIFY(!t.allow(QStringLiteral("unexpected-exit"), 1000)); // same kind, too soon
        QVERIFY(t.allow(QStringLiteral("recovered"), 1500));        // another kind is news
        QVERIFY(t.allow(QStringLiteral("circuit-open"), 2000));
        QVERIFY(!t.allow(QStringLiteral("auth-failed"), 3000));      // burst of 3 per minute used up
        QVERIFY(t.allow(QStringLiteral("auth-failed"), 60001));      // the window moved on
        QVERIFY(!t.allow(QStringLiteral("unexpected-exit"), 60002)); // 1500, 2000, 60001: full again
        QVERIFY(t.allow(QStringLiteral("unexpected-exit"), 62001));
        QCOMPARE(t.suppressed(), 3);
    }
};

QTEST_MAIN(TestUiVisuals)
#include "tst_ui_visuals.moc"
