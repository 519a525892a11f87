// ControlCommands: `update` — is a newer OpenClaw out (--check), update to it or to a given
// version, or roll back to the previous one. Progress lines go out as "update" stream messages
// while it runs; the reply is the outcome. A second update while one runs is refused at once.
#include "control/ControlCommands.h"

#include "supervisor/GatewayManager.h"
#include "update/GatewayUpdater.h"
#include "update/UpdateChecker.h"

namespace clawtray {

QJsonObject ControlCommands::updateJson() const
{
    QJsonObject o = m_updater ? m_updater->toJson(false) : QJsonObject{};
    if (m_checker)
        o.insert(QStringLiteral("availability"), m_checker->availability().toJson());
    return o;
}

void ControlCommands::update(const ControlResponder& r, const QJsonObject& args)
{
    if (!m_updater || !m_checker) {
        r.fail(ControlErrorCode::NotReady, QStringLiteral("updates are not available in this ClawTray"));
        return;
    }
    const auto check = boolArg(r, args, "check");
    const auto now = boolArg(r, args, "now");
    const auto rollback = boolArg(r, args, "rollback");
    if (!check || !now || !rollback)
        return;
    const QString channel = args.value(QLatin1String("channel")).toString();
    if (!channel.isEmpty() && channel != QLatin1String("stable") && channel != QLatin1String("beta")) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("--channel is stable or beta"));
        return;
    }
    if (!channel.isEmpty() && channel != m_checker->config().channel) {
        UpdateChecker::Config c = m_checker->config();
        c.channel = channel; // for this run; the saved setting decides again at the next start
        m_checker->setConfig(c);
    }
    if (*check) {
        QPointer<ControlCommands> self(this);
        m_checker->checkNow([self, r](const UpdateAvailability&) {
            if (self)
                r.ok(self->updateJson());
        });
        return;
    }
    GatewayUpdater::Request req;
    req.to = args.value(QLatin1String("to")).toString().trimmed();
    req.now = *now;
    req.rollback = *rollback;
    const UserText refused = m_updater->start(req);
    if (!refused.isEmpty()) {
        r.fail(m_updater->isRunning() ? ControlErrorCode::Busy : ControlErrorCode::Failed, refused.english(),
               {{QStringLiteral("update"), updateJson()}});
        return;
    }
    if (r.session) {
        r.session->holdOpen();
        auto send = [r](const UpdateProgress& p) {
            if (r.connected() && p.running)
                r.session->send(ControlProtocol::encodeStream(r.id, QStringLiteral("update"), p.toJson()));
        };
        send(m_updater->progress());
        connect(m_updater, &GatewayUpdater::progressChanged, r.session, send);
    }
    // Only this operation's end answers (a later one cannot end first: one at a time).
    auto conn = std::make_shared<QMetaObject::Connection>();
    QPointer<ControlCommands> self(this);
    *conn = connect(m_updater, &GatewayUpdater::finished, this, [self, r, conn](const UpdateOutcome& out) {
        QObject::disconnect(*conn);
        if (!self)
            return;
        QJsonObject result = self->updateJson();
        result.insert(QStringLiteral("outcome"), out.toJson());
        if (out.ok())
            r.ok(result);
        else
            r.fail(ControlErrorCode::Failed,
                   out.reason.english() + (out.action.isEmpty() ? QString() : QStringLiteral(" ") + out.action.english()), result);
    });
}

} // namespace clawtray
