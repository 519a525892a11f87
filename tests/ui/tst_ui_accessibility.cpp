// Screen readers and keyboards: every control a user can reach (buttons, fields, boxes, tables,
// tabs) in the window, the settings, the prompts and About has an accessible name; the tab chain
// reaches every one of them; a state change is announced (an accessibility event on the state pill
// with the new words). Offscreen.
#include "AboutDialog.h"
#include "ApprovalPrompt.h"
#include "GatewayActions.h"
#include "MainWindow.h"
#include "PairingPrompt.h"
#include "SettingsDialog.h"
#include "StatusHeader.h"
#include "UiTestSupport.h"
#include "companion/ApprovalsModel.h"
#include "companion/PairingModel.h"
#include "logging/LogRing.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QLabel>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace clawtray;

namespace {

// What a user can put the keyboard focus on: not labels, scroll bars or plain scroll areas, not the
// tab bar (its tabs are named by their titles), not the editor inside a spin or combo box (the box
// is what is named).
bool interactive(const QWidget* w)
{
    if (w->focusPolicy() == Qt::NoFocus || qobject_cast<const QLabel*>(w))
        return false;
    if (w->inherits("QScrollBar") || w->inherits("QTabBar"))
        return false;
    if (w->inherits("QAbstractScrollArea") && !w->inherits("QAbstractItemView") && !w->inherits("QTextEdit") &&
        !w->inherits("QPlainTextEdit"))
        return false;
    const QWidget* p = w->parentWidget();
    return !(p && (p->inherits("QAbstractSpinBox") || p->inherits("QComboBox")));
}

QString nameOf(QWidget* w)
{
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(QAccessible::Name).trimmed() : QString();
}

QString describe(const QWidget* w)
{
    QString where;
    for (const QWidget* p = w->parentWidget(); p && !p->isWindow(); p = p->parentWidget())
        where = QString::fromLatin1(p->metaObject()->className()) + QLatin1Char('/') + where;
    return QStringLiteral("%1%2 '%3'").arg(where, QString::fromLatin1(w->metaObject()->className()), w->objectName());
}

// Each interactive widget under `top` without an accessible name.
QStringList unnamed(QWidget* top)
{
    QStringList out;
    for (QWidget* w : top->findChildren<QWidget*>()) {
        if (interactive(w) && w->isVisibleTo(top) && nameOf(w).isEmpty())
            out << describe(w);
    }
    return out;
}

// Interactive, visible widgets the tab chain from the window does not reach.
QStringList outsideTheTabChain(QWidget* top)
{
    QSet<QWidget*> chain;
    QWidget* w = top;
    do {
        chain.insert(w);
        w = w->nextInFocusChain();
    } while (w && w != top && chain.size() < 10000);
    QStringList out;
    for (QWidget* c : top->findChildren<QWidget*>())
        if (interactive(c) && c->isVisibleTo(top) && !chain.contains(c))
            out << describe(c);
    return out;
}

} // namespace

class TestUiAccessibility : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void theWindowNamesEveryControlInEveryTab()
    {
        GatewayActions actions;
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (GatewayState s : {GatewayState::Running, GatewayState::Error, GatewayState::Stopped}) {
            actions.setStandInStatus(uitest::statusIn(s));
            for (int tab = 0; tab < window.tabs()->count(); ++tab) {
                window.tabs()->setCurrentIndex(tab);
                const QStringList missing = unnamed(&window);
                QVERIFY2(missing.isEmpty(), qPrintable(window.tabs()->tabText(tab) + QStringLiteral(": ") +
                                                       missing.join(QStringLiteral(", "))));
                const QStringList unreachable = outsideTheTabChain(&window);
                QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(QStringLiteral(", "))));
            }
        }
        // The tabs themselves are named by their titles.
        for (int tab = 0; tab < window.tabs()->count(); ++tab)
            QVERIFY(!window.tabs()->tabText(tab).isEmpty());
    }

    void settingsPromptsAndAboutNameEveryControl()
    {
        QVERIFY(m_dir.isValid());
        uitest::FakeSettingsController settings;
        SettingsDialog dialog(&settings);
        QStringList missing = unnamed(&dialog);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("Settings: ") + missing.join(QStringLiteral(", "))));

        AboutDialog about(uitest::statusIn(GatewayState::Running), &settings);
        missing = unnamed(&about);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("About: ") + missing.join(QStringLiteral(", "))));

        GatewayManager manager(uitest::fastConfig(m_dir.path()), uitest::identity());
        ApprovalsModel approvals(&manager);
        ApprovalPrompt approvalPrompt(&approvals);
        missing = unnamed(&approvalPrompt);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("Approval prompt: ") + missing.join(QStringLiteral(", "))));
        PairingModel pairing(&manager);
        PairingPrompt pairingPrompt(&pairing);
        missing = unnamed(&pairingPrompt);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("Pairing prompt: ") + missing.join(QStringLiteral(", "))));
    }

    // The state pill carries the state in its accessible name and announces a change (a NameChanged
    // event; offscreen Qt has no accessibility bridge to receive it, so the test follows the
    // header's stateAnnounced, sent with it).
    void aStateChangeIsAnnounced()
    {
        GatewayActions actions;
        LogRing ring(10);
        MainWindow window(&actions, &ring);
        actions.setStandInStatus(uitest::statusIn(GatewayState::Running));
        QSignalSpy announced(window.header(), &StatusHeader::stateAnnounced);
        actions.setStandInStatus(uitest::statusIn(GatewayState::Error));
        QCOMPARE(announced.size(), 1);
        QCOMPARE(announced.at(0).at(0).toString(), QStringLiteral("Gateway state: Error"));
        QWidget* pill = window.header()->findChild<QWidget*>(QStringLiteral("statePill"));
        QVERIFY(pill);
        QCOMPARE(nameOf(pill), QStringLiteral("Gateway state: Error"));
        // Nothing is announced when nothing changed (a status refresh in the same state).
        actions.setStandInStatus(uitest::statusIn(GatewayState::Error));
        QCOMPARE(announced.size(), 1);
        actions.setStandInStatus(uitest::statusIn(GatewayState::Stopped));
        QCOMPARE(announced.size(), 2);
        QCOMPARE(nameOf(pill), QStringLiteral("Gateway state: Stopped"));
    }
};

QTEST_MAIN(TestUiAccessibility)
#include "tst_ui_accessibility.moc"
