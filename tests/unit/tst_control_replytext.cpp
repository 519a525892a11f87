// What `clawtray ctl status` prints: in the error state the error is said once (in "Last error",
// with what to do), not again on the Gateway line and as the health text; while running, the
// gateway line and the health are there.
#include "control/ControlReplyText.h"

#include <QJsonObject>
#include <QTest>

using namespace clawtray;

namespace {

QJsonObject result(const QJsonObject& gateway, const QJsonObject& health)
{
    return {{QStringLiteral("clawtray"), QJsonObject{{QStringLiteral("version"), QStringLiteral("0.1.0")},
                                                     {QStringLiteral("mode"), QStringLiteral("headless")},
                                                     {QStringLiteral("pid"), 42},
                                                     {QStringLiteral("uptimeMs"), 39000}}},
            {QStringLiteral("gateway"), gateway},
            {QStringLiteral("health"), health}};
}

} // namespace

class TestControlReplyText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anErrorIsSaidOnce()
    {
        const QString why =
            QStringLiteral("The gateway rejected its configuration: existing config is missing gateway.mode.");
        const QJsonObject gw{
            {QStringLiteral("state"), QStringLiteral("error")},
            {QStringLiteral("summary"), QStringLiteral("error: ") + why},
            {QStringLiteral("port"), 47123},
            {QStringLiteral("pendingAction"), QStringLiteral("watching openclaw.json for a change")},
            {QStringLiteral("lastError"),
             QJsonObject{{QStringLiteral("summary"), why},
                         {QStringLiteral("action"), QStringLiteral("Fix openclaw.json (or run doctor --fix)")}}}};
        const QString text = ControlReplyText::status(
            result(gw, {{QStringLiteral("level"), QStringLiteral("down")}, {QStringLiteral("text"), why}}));
        QCOMPARE(text.count(why), 1);
        QVERIFY2(text.contains(QStringLiteral("Gateway: error (see Last error below)")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Last error: ") + why));
        QVERIFY(text.contains(QStringLiteral("What to do: Fix openclaw.json")));
        QVERIFY(text.contains(QStringLiteral("pending: watching openclaw.json for a change")));
        QVERIFY(!text.contains(QStringLiteral("health:")));
    }

    void runningShowsTheLineAndTheHealth()
    {
        const QJsonObject gw{{QStringLiteral("state"), QStringLiteral("running")},
                             {QStringLiteral("summary"), QStringLiteral("running · pid 4242 · up 3 min")},
                             {QStringLiteral("port"), 18789}};
        const QString text =
            ControlReplyText::status(result(gw, {{QStringLiteral("level"), QStringLiteral("healthy")},
                                                 {QStringLiteral("text"), QStringLiteral("all checks pass")}}));
        QVERIFY2(text.contains(QStringLiteral("Gateway: running · pid 4242 · up 3 min")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("health: all checks pass")));
        QVERIFY(!text.contains(QStringLiteral("Last error")));
    }
};

QTEST_MAIN(TestControlReplyText)
#include "tst_control_replytext.moc"
