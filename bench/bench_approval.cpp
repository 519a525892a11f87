// Benchmark — exec approval: `exec.approval.requested` received by ClawTray's operator connection →
// the approval prompt shown (issue #14: target p95 <= 50 ms), with the product's manager, model and
// prompt (offscreen) against the fake gateway. Each round raises one request through the fake
// (fake.approval), takes the moment the event reaches the manager (the first receiver of
// GatewayManager::gatewayEvent: connected before the model) and the moment the prompt gets its
// Show event, then denies it from the prompt so it hides; the next round starts once it is gone.
// Also reported: fake.approval sent → event received (the transport, for scale).
//
// Options: --rounds N (200)  --warmup K (10)
#include "BenchCommon.h"

#include "ApprovalPrompt.h"
#include "FakeGateway.h"
#include "TestSupport.h"

#include "companion/ApprovalsModel.h"

#include <QApplication>
#include <QJsonDocument>
#include <QPushButton>

using namespace bench;
using namespace clawtray;

namespace {

class ShowWatch final : public QObject
{
public:
    double shownAt = -1;
    bool eventFilter(QObject* o, QEvent* e) override
    {
        if (e->type() == QEvent::Show && shownAt < 0)
            shownAt = nowMs();
        return QObject::eventFilter(o, e);
    }
};

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    prepareEnvironment();
    const Args args(argc, argv);
    const int rounds = args.intValue("rounds", 200);
    const int warmup = args.intValue("warmup", 10);
    QTemporaryDir tmp;
    startScratch(args, tmp);

    GatewayLaunchOptions launch = testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), {});
    ManagerConfig cfg = productConfig(launch, tmp.path());
    GatewayManager manager(cfg, *DeviceIdentity::generate());
    double receivedAt = -1;
    // Connected before the model, so this runs first when the event arrives.
    QObject::connect(&manager, &GatewayManager::gatewayEvent, &app, [&](const QString& event, const QJsonValue&) {
        if (event == QLatin1String("exec.approval.requested") && receivedAt < 0)
            receivedAt = nowMs();
    });
    ApprovalsModel model(&manager);
    ApprovalPrompt prompt(&model);
    ShowWatch watch;
    prompt.installEventFilter(&watch);

    QJsonObject out{{QStringLiteral("benchmark"), QStringLiteral("approval_prompt")}};
    manager.start();
    if (!waitUntil([&] { return manager.status().state == GatewayState::Running; }, 20000)) {
        out.insert(QStringLiteral("error"), QStringLiteral("the fake gateway did not come up"));
        emitJson(out);
        return 1;
    }
    QVector<double> toPrompt;
    QVector<double> transport;
    int failures = 0;
    for (int i = 0; i < warmup + rounds; ++i) {
        receivedAt = -1;
        watch.shownAt = -1;
        const double sentAt = nowMs();
        manager.call(QStringLiteral("fake.approval"), QJsonObject{{QStringLiteral("command"), QStringLiteral("echo round %1").arg(i)}},
                     5000, [](const CallResult&) {});
        if (!waitUntil([&] { return watch.shownAt >= 0 && receivedAt >= 0; }, 5000)) {
            ++failures;
            continue;
        }
        if (i >= warmup) {
            toPrompt << watch.shownAt - receivedAt;
            transport << receivedAt - sentAt;
        }
        prompt.button(QStringLiteral("deny"))->click();
        if (!waitUntil([&] { return !prompt.isVisible() && model.pending().isEmpty(); }, 5000))
            ++failures;
    }
    manager.stop();
    waitUntil([&] { return manager.status().state == GatewayState::Stopped; }, 15000);
    out.insert(QStringLiteral("rounds"), rounds);
    out.insert(QStringLiteral("failures"), failures);
    out.insert(QStringLiteral("event_to_prompt_ms"), statsJson(toPrompt));
    out.insert(QStringLiteral("request_to_event_ms"), statsJson(transport));
    out.insert(QStringLiteral("note"), QStringLiteral("offscreen platform: the Show event, not the first frame on a real screen"));
    emitJson(out);
    return failures == 0 ? 0 : 1;
}
