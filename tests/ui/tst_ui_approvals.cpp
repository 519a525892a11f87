// The exec-approval prompt and the tray's pending count (issue #14), offscreen, with the real
// manager and model against the fake gateway: the prompt appears with no window shown, its
// buttons send the decision it says, requests queue, the countdown runs out and closes it.
#include "ApprovalPrompt.h"
#include "GatewayActions.h"
#include "TrayIcon.h"
#include "logging/Logging.h"

#include "UiTestSupport.h"

#include <QJsonArray>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace clawtray;

// The desktop's approval pieces around one manager, as DesktopApp wires them.
struct Rig
{
    GatewayManager manager;
    ApprovalsModel model{&manager};
    GatewayActions actions;
    TrayIcon tray{&actions, nullptr};
    ApprovalPrompt prompt{&model};

    explicit Rig(const QString& dir)
        : manager(uitest::fastConfig(dir), uitest::identity())
    {
        actions.setManager(&manager);
        tray.setApprovals(&model);
        QObject::connect(&tray, &TrayIcon::approvalsRequested, &prompt, &ApprovalPrompt::showPending);
    }
    bool start()
    {
        manager.start();
        return testsupport::waitFor([&] { return manager.status().state == GatewayState::Running; }, 15000);
    }
    bool stop()
    {
        manager.stop();
        return testsupport::waitFor([&] { return manager.status().state == GatewayState::Stopped; }, 15000);
    }
};

class TestUiApprovals : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static CallResult call(GatewayManager& m, const QString& method, const QJsonObject& params = {})
    {
        std::optional<CallResult> out;
        m.call(method, params, 5000, [&](const CallResult& r) { out = r; });
        testsupport::waitFor([&] { return out.has_value(); }, 10000);
        return out.value_or(CallResult{});
    }

private Q_SLOTS:
    void initTestCase()
    {
        LoggingOptions lo;
        lo.toStderr = false;
        logging::init(lo);
    }

    void promptQueueDecideAndExpire()
    {
        Rig rig(m_dir.path());
        auto& [manager, model, actions, tray, prompt] = rig;
        QVERIFY(rig.start());
        QVERIFY(!prompt.isVisible());
        QVERIFY(!tray.action(TrayIcon::Item::Approvals)->isVisible());

        QVERIFY(call(manager, QStringLiteral("fake.approval"),
                     {{QStringLiteral("id"), QStringLiteral("first")}, {QStringLiteral("command"), QStringLiteral("git push --force")},
                      {QStringLiteral("cwd"), QStringLiteral("/srv/repo")},
                      {QStringLiteral("allowedDecisions"), QJsonArray{QStringLiteral("allow-once"), QStringLiteral("deny")}}})
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(prompt.isVisible(), 5000); // no main window anywhere
        QVERIFY(prompt.windowFlags() & Qt::WindowStaysOnTopHint);
        QCOMPARE(prompt.fieldText(QStringLiteral("command")), QStringLiteral("git push --force"));
        QVERIFY(prompt.fieldText(QStringLiteral("where")).contains(QStringLiteral("in /srv/repo")));
        QVERIFY(prompt.fieldText(QStringLiteral("countdown")).startsWith(QStringLiteral("Expires in")));
        QVERIFY(!prompt.button(QStringLiteral("allow-always"))->isEnabled()); // not offered for this one
        QVERIFY(prompt.button(QStringLiteral("allow-once"))->isEnabled());
        for (const char* d : {"allow-once", "allow-always", "deny"})
            QVERIFY(!prompt.button(QString::fromLatin1(d))->isDefault() && !prompt.button(QString::fromLatin1(d))->autoDefault());
        QTRY_VERIFY(tray.action(TrayIcon::Item::Approvals)->isVisible());
        QCOMPARE(tray.action(TrayIcon::Item::Approvals)->text(), QStringLiteral("1 command waits for your approval…"));
        if (const QString shots = qEnvironmentVariable("CLAWTRAY_SCREENSHOT_DIR"); !shots.isEmpty())
            prompt.grab().save(shots + QStringLiteral("/approval-prompt.png")); // for the README
        QVERIFY(tray.toolTip().contains(QStringLiteral("1 command waiting for approval")));

        // A second one queues behind the first.
        QVERIFY(call(manager, QStringLiteral("fake.approval"), {{QStringLiteral("id"), QStringLiteral("second")}, {QStringLiteral("expiresInMs"), 2500}}).ok());
        QTRY_COMPARE(prompt.fieldText(QStringLiteral("queue")), QStringLiteral("1 of 2 waiting"));
        QCOMPARE(prompt.currentId(), QStringLiteral("first"));
        QCOMPARE(tray.action(TrayIcon::Item::Approvals)->text(), QStringLiteral("2 commands wait for your approval…"));

        // Deny sends exactly that, and the next request takes its place.
        QTest::mouseClick(prompt.button(QStringLiteral("deny")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(prompt.currentId(), QStringLiteral("second"), 5000);
        const QJsonArray left = call(manager, QStringLiteral("exec.approval.list")).payload.toArray();
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().toObject().value(QLatin1String("id")).toString(), QStringLiteral("second"));

        // Nobody answers the second: its countdown runs out and it closes undecided.
        QTRY_VERIFY_WITH_TIMEOUT(!prompt.isVisible(), 8000);
        QVERIFY(model.pending().isEmpty());
        QTRY_VERIFY(!tray.action(TrayIcon::Item::Approvals)->isVisible());
        QVERIFY(rig.stop());
    }

    // Closing the window decides nothing: the request stays pending and the tray brings it back.
    void closingThePromptDecidesNothing()
    {
        Rig rig(m_dir.path());
        auto& [manager, model, actions, tray, prompt] = rig;
        QVERIFY(rig.start());
        QVERIFY(call(manager, QStringLiteral("fake.approval"), {{QStringLiteral("id"), QStringLiteral("kept")}}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(prompt.isVisible(), 5000);
        prompt.close();
        QVERIFY(!prompt.isVisible());
        QCOMPARE(call(manager, QStringLiteral("exec.approval.list")).payload.toArray().size(), 1);
        tray.action(TrayIcon::Item::Approvals)->trigger();
        QVERIFY(prompt.isVisible());
        QCOMPARE(prompt.currentId(), QStringLiteral("kept"));
        QVERIFY(rig.stop());
        QTRY_VERIFY(!prompt.isVisible()); // a stopped gateway has nothing to answer
    }
};

QTEST_MAIN(TestUiApprovals)
#include "tst_ui_approvals.moc"
