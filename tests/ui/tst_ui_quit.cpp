// Quit from the tray or the window asks first while ClawTray's own gateway runs ("channels go
// offline"), Cancel is the default and quits nothing, "Don't ask again" is saved and then honoured;
// nothing is asked when quitting would stop nothing (stopped, an attached gateway, OpenClaw's service).
#include "QuitConfirmation.h"
#include "UiTestSupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace clawtray;

namespace {

// Answers the next quit question with `choice` ("quit" or "cancel"), ticking "Don't ask again"
// first when `dontAsk`; records the box's text and default button.
struct Answerer
{
    QString text;
    bool defaultIsCancel = false;
    bool seen = false;

    void arm(const QString& choice, bool dontAsk)
    {
        auto* timer = new QTimer;
        timer->setInterval(10);
        QObject::connect(timer, &QTimer::timeout, timer, [this, timer, choice, dontAsk] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box || box->objectName() != QLatin1String("quitConfirmation"))
                return;
            timer->stop();
            timer->deleteLater();
            seen = true;
            text = box->text();
            defaultIsCancel = box->defaultButton() && box->defaultButton() == box->button(QMessageBox::Cancel);
            if (dontAsk)
                box->checkBox()->setChecked(true);
            for (QAbstractButton* b : box->buttons()) {
                const bool isQuit = box->buttonRole(b) == QMessageBox::AcceptRole;
                if (isQuit == (choice == QLatin1String("quit"))) {
                    b->click();
                    return;
                }
            }
        });
        timer->start();
    }
};

} // namespace

class TestUiQuit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void askedOnlyWhileOurGatewayRuns()
    {
        SettingsData d;
        QVERIFY(d.behaviour.confirmQuit); // on by default
        QVERIFY(QuitConfirmation::needed(uitest::statusIn(GatewayState::Running), d));
        QVERIFY(!QuitConfirmation::needed(uitest::statusIn(GatewayState::Running, /*owned*/ false), d));
        QVERIFY(!QuitConfirmation::needed(uitest::statusIn(GatewayState::Stopped), d));
        QVERIFY(!QuitConfirmation::needed(uitest::statusIn(GatewayState::Error), d));
        QVERIFY(!QuitConfirmation::needed(uitest::statusIn(GatewayState::Stopping), d));
        GatewayStatus starting = uitest::statusIn(GatewayState::Starting);
        QVERIFY(!QuitConfirmation::needed(starting, d)); // nothing spawned yet (loading the token)
        starting.pid = 4242;
        QVERIFY(QuitConfirmation::needed(starting, d));
        GatewayStatus service = uitest::statusIn(GatewayState::Running);
        service.serviceUnit = QStringLiteral("openclaw-gateway.service"); // keeps running without us
        QVERIFY(!QuitConfirmation::needed(service, d));
        d.behaviour.confirmQuit = false;
        QVERIFY(!QuitConfirmation::needed(uitest::statusIn(GatewayState::Running), d));
    }

    void cancelIsTheDefaultAndQuitsNothing()
    {
        uitest::FakeSettingsController settings;
        Answerer answer;
        answer.arm(QStringLiteral("cancel"), /*dontAsk*/ true);
        QVERIFY(!QuitConfirmation::confirm(nullptr, uitest::statusIn(GatewayState::Running), &settings));
        QVERIFY(answer.seen);
        QVERIFY2(answer.text.contains(QStringLiteral("channels go offline")), qPrintable(answer.text));
        QVERIFY(answer.defaultIsCancel);
        QCOMPARE(settings.applyCalls, 0); // a ticked box on Cancel saves nothing
        QVERIFY(settings.data.behaviour.confirmQuit);
    }

    void dontAskAgainIsSavedAndHonoured()
    {
        uitest::FakeSettingsController settings;
        Answerer first;
        first.arm(QStringLiteral("quit"), /*dontAsk*/ true);
        QVERIFY(QuitConfirmation::confirm(nullptr, uitest::statusIn(GatewayState::Running), &settings));
        QVERIFY(first.seen);
        QCOMPARE(settings.applyCalls, 1);
        QVERIFY(!settings.data.behaviour.confirmQuit);
        // The next quit goes through without a question.
        QVERIFY(QuitConfirmation::confirm(nullptr, uitest::statusIn(GatewayState::Running), &settings));
        QVERIFY(!qobject_cast<QMessageBox*>(QApplication::activeModalWidget()));
    }

    void nothingIsAskedWhenNothingStops()
    {
        uitest::FakeSettingsController settings;
        QVERIFY(QuitConfirmation::confirm(nullptr, uitest::statusIn(GatewayState::Stopped), &settings));
        QVERIFY(QuitConfirmation::confirm(nullptr, uitest::statusIn(GatewayState::Running, false), &settings));
        QCOMPARE(settings.applyCalls, 0);
    }
};

QTEST_MAIN(TestUiQuit)
#include "tst_ui_quit.moc"
