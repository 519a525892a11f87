// The live log view: fed by a LogRing, filtered by level and text, following the tail, copying
// what it shows. Offscreen.
#include "LogFilter.h"
#include "LogView.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTest>

using namespace clawtray;

class TestUiLogView : public QObject
{
    Q_OBJECT

    static void add(LogRing& ring, LogLevel level, const QString& source, const QString& text)
    {
        ring.append(level, source, text, QDateTime::currentMSecsSinceEpoch());
    }

private Q_SLOTS:
    void filterIsPure()
    {
        LogLine line;
        line.level = LogLevel::Warn;
        line.source = QStringLiteral("gateway");
        line.text = QStringLiteral("Heartbeat missed");
        LogFilter f;
        QVERIFY(f.matches(line)); // default: info and above
        f.minLevel = LogLevel::Error;
        QVERIFY(!f.matches(line));
        f.minLevel = LogLevel::Trace;
        f.text = QStringLiteral("HEARTBEAT");
        QVERIFY(f.matches(line)); // case-insensitive
        f.text = QStringLiteral("gatew");
        QVERIFY(f.matches(line)); // the source counts too
        f.text = QStringLiteral("nothing like it");
        QVERIFY(!f.matches(line));
        QVERIFY(LogFilter::format(line).contains(QStringLiteral("warn  [gateway] Heartbeat missed")));
    }

    void showsWhatTheRingHadAndWhatArrives()
    {
        LogRing ring(100);
        add(ring, LogLevel::Info, QStringLiteral("clawtray"), QStringLiteral("before the view"));
        LogView view(&ring);
        QCOMPARE(view.visibleLines().size(), 1);
        add(ring, LogLevel::Info, QStringLiteral("gateway"), QStringLiteral("after the view"));
        QTRY_COMPARE(view.visibleLines().size(), 2); // lineAdded is queued
        QVERIFY(view.visibleLines().last().contains(QStringLiteral("after the view")));
    }

    void levelAndTextFilters()
    {
        LogRing ring(100);
        LogView view(&ring);
        // Empty, it says why.
        QCOMPARE(view.textView()->placeholderText(), QStringLiteral("No log lines yet."));
        add(ring, LogLevel::Debug, QStringLiteral("clawtray"), QStringLiteral("debug detail"));
        add(ring, LogLevel::Info, QStringLiteral("clawtray"), QStringLiteral("gateway state: starting -> running"));
        add(ring, LogLevel::Warn, QStringLiteral("gateway"), QStringLiteral("slow tick"));
        add(ring, LogLevel::Error, QStringLiteral("clawtray"), QStringLiteral("gateway error: port in use"));
        QTRY_COMPARE(view.visibleLines().size(), 3); // info and above by default

        view.setMinLevel(LogLevel::Warn);
        QCOMPARE(view.visibleLines().size(), 2);
        QVERIFY(view.visibleLines().first().contains(QStringLiteral("slow tick")));

        view.setMinLevel(LogLevel::Trace);
        QCOMPARE(view.visibleLines().size(), 4);

        view.setSearchText(QStringLiteral("PORT IN USE"));
        QCOMPARE(view.visibleLines().size(), 1);
        QVERIFY(view.visibleLines().first().contains(QStringLiteral("error")));

        // New lines obey the current filter.
        add(ring, LogLevel::Error, QStringLiteral("clawtray"), QStringLiteral("another port in use"));
        add(ring, LogLevel::Error, QStringLiteral("clawtray"), QStringLiteral("unrelated"));
        QTRY_COMPARE(view.visibleLines().size(), 2);

        // A search that matches nothing: the empty view says the filter hides the lines.
        view.setSearchText(QStringLiteral("no such text"));
        QVERIFY(view.visibleLines().isEmpty());
        QVERIFY(view.textView()->toPlainText().isEmpty());
        QCOMPARE(view.textView()->placeholderText(), QStringLiteral("No line matches the level and the search (6 hidden)."));

        view.setSearchText(QString());
        QCOMPARE(view.visibleLines().size(), 6);
    }

    void followTailAndCopy()
    {
        LogRing ring(500);
        LogView view(&ring);
        view.resize(600, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (int i = 0; i < 200; ++i)
            add(ring, LogLevel::Info, QStringLiteral("clawtray"), QStringLiteral("line %1").arg(i));
        QTRY_COMPARE(view.visibleLines().size(), 200);
        QScrollBar* bar = view.textView()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum()); // following the tail

        view.setFollowTail(false);
        bar->setValue(0);
        add(ring, LogLevel::Info, QStringLiteral("clawtray"), QStringLiteral("line 200"));
        QTRY_COMPARE(view.visibleLines().size(), 201);
        QCOMPARE(bar->value(), 0); // reading older lines: the view stays put

        view.setFollowTail(true);
        QCOMPARE(bar->value(), bar->maximum());

        view.setSearchText(QStringLiteral("line 19"));
        view.copyToClipboard();
        const QStringList copied = QApplication::clipboard()->text().split(QLatin1Char('\n'));
        QCOMPARE(copied, view.visibleLines());
        QCOMPARE(copied.size(), 11); // "line 19" and "line 190".."line 199"
    }

    void keepsAtMostTheRingCapacity()
    {
        LogRing ring(20);
        LogView view(&ring);
        for (int i = 0; i < 50; ++i)
            add(ring, LogLevel::Info, QStringLiteral("clawtray"), QStringLiteral("n%1").arg(i));
        QTRY_VERIFY(view.visibleLines().size() == 20 && view.visibleLines().last().endsWith(QStringLiteral("n49")));
        view.setSearchText(QStringLiteral("n2"));
        QCOMPARE(view.visibleLines().size(), 0); // n2, n20..n29 fell out of the window
        view.setSearchText(QStringLiteral("n3"));
        QCOMPARE(view.visibleLines().size(), 10);
    }

    void opensAtTheNewestLinesWhenFollowing()
    {
        // Built hidden (as the window's tab is) with a full ring: once shown, the newest line is
        // in view, not the oldest.
        LogRing ring(400);
        for (int i = 0; i < 300; ++i)
            add(ring, LogLevel::Info, QStringLiteral("clawtray"), QStringLiteral("line %1").arg(i));
        LogView view(&ring);
        view.resize(500, 200);
        QVERIFY(view.followTail());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QScrollBar* bar = view.textView()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    void wrapIsAChoice()
    {
        LogRing ring(10);
        LogView view(&ring);
        QCOMPARE(view.textView()->lineWrapMode(), QPlainTextEdit::NoWrap);
        view.wrapBox()->setChecked(true);
        QCOMPARE(view.textView()->lineWrapMode(), QPlainTextEdit::WidgetWidth);
        view.wrapBox()->setChecked(false);
        QCOMPARE(view.textView()->lineWrapMode(), QPlainTextEdit::NoWrap);
    }

    void oneTimestampPerLine()
    {
        LogLine line;
        line.level = LogLevel::Info;
        line.timeMs = QDateTime::fromString(QStringLiteral("2026-12-04T16:52:01.234Z"), Qt::ISODateWithMs).toMSecsSinceEpoch();
        line.source = QStringLiteral("gateway");
        for (const QString& own : {QStringLiteral("2026-12-04T16:52:01.230Z "), QStringLiteral("2026-12-04T16:52:01.230+00:00 "),
                                   QStringLiteral("16:52:01 "), QStringLiteral("[16:52:01.230] ")}) {
            line.text = own + QStringLiteral("[gateway] listening on ws://127.0.0.1:18789");
            const QString shown = LogFilter::format(line);
            QVERIFY2(shown.endsWith(QStringLiteral("[gateway] [gateway] listening on ws://127.0.0.1:18789")), qPrintable(shown));
            QCOMPARE(shown.count(QRegularExpression(QStringLiteral("\\d{2}:\\d{2}:\\d{2}"))), 1);
        }
        line.source = QStringLiteral("clawtray"); // ClawTray's own text is shown as written
        line.text = QStringLiteral("16:52:01 is when it happened");
        QVERIFY(LogFilter::format(line).endsWith(QStringLiteral("16:52:01 is when it happened")));
    }
};

QTEST_MAIN(TestUiLogView)
#include "tst_ui_logview.moc"
