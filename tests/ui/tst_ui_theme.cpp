// Light and dark desktop themes: every colour ClawTray gives text (the tones, the state pill, the
// alert boxes) keeps a contrast of at least 4.5:1 (WCAG AA) against what is behind it, in the window
// as drawn in each state and tab, and again after the desktop switches theme while it is open.
// No colour is named in ui/ outside Tones.cpp. Offscreen.
#include "GatewayActions.h"
#include "MainWindow.h"
#include "ProblemPanel.h"
#include "RestartHistoryTable.h"
#include "StatusVisual.h"
#include "Tones.h"
#include "UiTestSupport.h"
#include "logging/LogRing.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QLabel>
#include <QRegularExpression>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace clawtray;

namespace {

constexpr double kMinContrast = 4.5;

QPalette lightPalette()
{
    return QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
}

// A dark theme as desktops ship it (window #2d2d2d, base #1e1e1e, light text).
QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2d2d2d));
    p.setColor(QPalette::WindowText, QColor(0xeeeeee));
    p.setColor(QPalette::Base, QColor(0x1e1e1e));
    p.setColor(QPalette::AlternateBase, QColor(0x353535));
    p.setColor(QPalette::Text, QColor(0xeeeeee));
    p.setColor(QPalette::Button, QColor(0x3a3a3a));
    p.setColor(QPalette::ButtonText, QColor(0xeeeeee));
    p.setColor(QPalette::Highlight, QColor(0x2a82da));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x3a3a3a));
    p.setColor(QPalette::ToolTipText, QColor(0xeeeeee));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a9a9a));
    p.setColor(QPalette::Mid, QColor(0x555555));
    return p;
}

// Breeze Dark's window and base, the other common dark theme.
QPalette breezeDarkPalette()
{
    QPalette p = darkPalette();
    p.setColor(QPalette::Window, QColor(0x31363b));
    p.setColor(QPalette::Base, QColor(0x232629));
    p.setColor(QPalette::WindowText, QColor(0xeff0f1));
    p.setColor(QPalette::Text, QColor(0xeff0f1));
    return p;
}

// What is behind `w`: the nearest widget (itself included) that paints its own background.
QColor backgroundOf(const QWidget* w)
{
    const QWidget* at = w;
    while (at && !at->autoFillBackground() && !at->isWindow())
        at = at->parentWidget();
    return at ? at->palette().color(at->backgroundRole()) : QApplication::palette().color(QPalette::Window);
}

// Each visible text in `top` that is hard to read: its text, colours and contrast.
QStringList unreadable(QWidget* top)
{
    QStringList out;
    for (QLabel* label : top->findChildren<QLabel*>()) {
        if (!label->isVisibleTo(top) || label->text().trimmed().isEmpty())
            continue;
        QColor fg = label->palette().color(QPalette::Active, label->foregroundRole());
        QColor bg = backgroundOf(label);
        if (label->objectName() == QLatin1String("statePill")) { // a badge: white on its own fill
            fg = Tones::badgeText();
            bg = Tones::badgeFill(label->property("stateName").toString());
        }
        const double c = Tones::contrast(fg, bg);
        if (c < kMinContrast)
            out << QStringLiteral("'%1' %2 on %3 = %4")
                       .arg(label->text().left(40), fg.name(), bg.name())
                       .arg(c, 0, 'f', 2);
    }
    for (QTableWidget* table : top->findChildren<QTableWidget*>()) {
        if (!table->isVisibleTo(top))
            continue;
        const QColor base = table->palette().color(QPalette::Base);
        for (int row = 0; row < table->rowCount(); ++row)
            for (int col = 0; col < table->columnCount(); ++col) {
                const QTableWidgetItem* item = table->item(row, col);
                if (!item || item->foreground().style() == Qt::NoBrush)
                    continue;
                const double c = Tones::contrast(item->foreground().color(), base);
                if (c < kMinContrast)
                    out << QStringLiteral("item '%1' %2 on %3 = %4")
                               .arg(item->text(), item->foreground().color().name(), base.name())
                               .arg(c, 0, 'f', 2);
            }
    }
    return out;
}

void shoot(QWidget& w, const QString& name)
{
    if (const QString dir = qEnvironmentVariable("CLAWTRAY_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QCoreApplication::sendPostedEvents();
        w.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }
}

} // namespace

class TestUiTheme : public QObject
{
    Q_OBJECT

    const QStringList m_states{QStringLiteral("running"), QStringLiteral("degraded"), QStringLiteral("starting"),
                               QStringLiteral("stopped"), QStringLiteral("error")};

    static QVector<GatewayStatus> statuses()
    {
        GatewayStatus degraded = uitest::statusIn(GatewayState::Running);
        degraded.healthy = false;
        GatewayStatus starting = uitest::statusIn(GatewayState::Starting);
        starting.phase = UserText::verbatim(QStringLiteral("waiting for the gateway to listen"));
        return {uitest::statusIn(GatewayState::Running), degraded, starting, uitest::statusIn(GatewayState::Stopped),
                uitest::statusIn(GatewayState::Error)};
    }

    // Every state, every tab: no text below the contrast floor.
    static QStringList walk(MainWindow& window, GatewayActions& actions, const QString& shotPrefix)
    {
        QStringList problems;
        for (const GatewayStatus& s : statuses()) {
            actions.setStandInStatus(s);
            for (int tab = 0; tab < window.tabs()->count(); ++tab) {
                window.tabs()->setCurrentIndex(tab);
                QCoreApplication::sendPostedEvents();
                for (const QString& p : unreadable(&window))
                    problems
                        << QStringLiteral("%1/%2: %3").arg(StatusVisual::iconName(s), window.tabs()->tabText(tab), p);
            }
            window.tabs()->setCurrentIndex(0);
            shoot(window, shotPrefix + StatusVisual::iconName(s));
        }
        return problems;
    }

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void cleanup() { QApplication::setPalette(lightPalette()); }

    void tonesAreReadableOnLightAndDarkPalettes()
    {
        const QVector<QPair<QString, QPalette>> palettes{{QStringLiteral("light"), lightPalette()},
                                                         {QStringLiteral("dark"), darkPalette()},
                                                         {QStringLiteral("breeze-dark"), breezeDarkPalette()}};
        const QVector<Tone> tones{Tone::Normal, Tone::Muted, Tone::Good, Tone::Warning, Tone::Bad, Tone::Info};
        for (const auto& [name, p] : palettes) {
            QCOMPARE(Tones::isDark(p), name != QLatin1String("light"));
            for (Tone t : tones)
                for (QPalette::ColorRole behind : {QPalette::Window, QPalette::Base}) {
                    const double c = Tones::contrast(Tones::text(t, p), p.color(behind));
                    QVERIFY2(
                        c >= kMinContrast,
                        qPrintable(
                            QStringLiteral("%1 tone %2 on role %3: %4").arg(name).arg(int(t)).arg(int(behind)).arg(c)));
                }
            const Tones::Box box = Tones::alertBox(p);
            QVERIFY2(Tones::contrast(box.text, box.background) >= kMinContrast, qPrintable(name));
        }
        // The tones differ between light and dark: one set cannot serve both.
        QVERIFY(Tones::text(Tone::Bad, lightPalette()) != Tones::text(Tone::Bad, darkPalette()));
        for (const QString& state : m_states)
            QVERIFY2(Tones::contrast(Tones::badgeText(), Tones::badgeFill(state)) >= kMinContrast, qPrintable(state));
        // Black on white is the largest contrast there is.
        QCOMPARE(qRound(Tones::contrast(Qt::black, Qt::white)), 21);
    }

    void theWindowIsReadableInEveryStateLightAndDark()
    {
        for (const auto& [name, palette] :
             {qMakePair(QStringLiteral("light"), lightPalette()), qMakePair(QStringLiteral("dark"), darkPalette())}) {
            QApplication::setPalette(palette);
            GatewayActions actions;
            LogRing ring(10);
            MainWindow window(&actions, &ring);
            window.resize(900, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const QStringList problems = walk(window, actions, QStringLiteral("theme-%1-").arg(name));
            QVERIFY2(problems.isEmpty(), qPrintable(name + QStringLiteral(":\n") + problems.join(QLatin1Char('\n'))));
        }
    }

    void aThemeSwitchWhileOpenRecolours()
    {
        QApplication::setPalette(lightPalette());
        GatewayActions actions;
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        actions.setStandInStatus(uitest::statusIn(GatewayState::Error));
        ProblemPanel* panel = window.problemPanel();
        QVERIFY(panel->isVisibleTo(&window));
        QCOMPARE(panel->palette().color(QPalette::Window), Tones::alertBox(lightPalette()).background);

        QApplication::setPalette(darkPalette());
        QTRY_COMPARE(panel->palette().color(QPalette::Window), Tones::alertBox(darkPalette()).background);
        const QStringList problems = walk(window, actions, QStringLiteral("theme-switched-"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // An empty restart history says so in its middle instead of showing a bare grid.
    void anEmptyHistorySaysWhyItIsEmpty()
    {
        RestartHistoryTable table;
        table.resize(500, 200);
        table.render({});
        QVERIFY(!table.placeholderText().isEmpty());
        const QImage withText = table.grab().toImage();
        table.setPlaceholderText(QString());
        const QImage bare = table.grab().toImage();
        QVERIFY2(withText != bare, "the placeholder text is not drawn");
        // Once there is a row, the text goes.
        RestartRecord r;
        r.atMs = 1;
        r.reason = QStringLiteral("user");
        table.setPlaceholderText(QStringLiteral("No restarts yet."));
        table.render({r});
        const QImage withRow = table.grab().toImage();
        table.setPlaceholderText(QString());
        QCOMPARE(table.grab().toImage(), withRow);
    }

    void noColourIsNamedOutsideTones()
    {
        // A literal colour in a widget's code would be the same on a light and a dark theme.
        const QRegularExpression literal(QStringLiteral(
            R"(#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|QColor\s*\(\s*(0x|\d)|Qt::(red|green|blue|yellow|darkRed|darkGreen|darkYellow|gray|darkGray)\b|palette\((mid|dark|light)\))"));
        QDirIterator it(QDir(testsupport::sourceDir()).filePath(QStringLiteral("ui")),
                        {QStringLiteral("*.cpp"), QStringLiteral("*.h")});
        QStringList found;
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (QFileInfo(path).baseName() == QLatin1String("Tones"))
                continue;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
            for (int i = 0; i < lines.size(); ++i)
                if (lines.at(i).contains(literal))
                    found << QStringLiteral("%1:%2: %3")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(i + 1)
                                 .arg(lines.at(i).trimmed());
        }
        QVERIFY(files > 20);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestUiTheme)
#include "tst_ui_theme.moc"
