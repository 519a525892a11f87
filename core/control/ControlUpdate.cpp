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
    if (*check) {
        QPointer<ControlCommands> self(this);
        m_checker->lookUp(channel, [self, r](const UpdateAvailability& a) {
            if (!self)
                return;
            QJsonObject result = self->updateJson();
            result.insert(QStringLiteral("availability"), a.toJson());
            r.ok(result);
        });
        return;
    }
    GatewayUpdater::Request req;
    req.to = args.value(QLatin1String("to")).toString().trimmed();
    req.now = *now;
    req.rollback = *rollback;
    req.channel = channel;
    // Listen before starting: an operation can end inside start() (a refusal on the first step).
    auto conn = std::make_shared<QMetaObject::Connection>();
    auto answered = std::make_shared<bool>(false);
    QPointer<ControlCommands> self(this);
    *conn = connect(m_updater, &GatewayUpdater::finished, this, [self, r, conn, answered](const UpdateOutcome& out) {
        QObject::disconnect(*conn);
        *answered = true;
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
    const UserText refused = m_updater->start(req);
    if (!refused.isEmpty()) {
        QObject::disconnect(*conn);
        r.fail(m_updater->isRunning() ? ControlErrorCode::Busy : ControlErrorCode::Failed, refused.english(),
               {{QStringLiteral("update"), updateJson()}});
        return;
    }
    if (*answered || !r.session)
        return;
    r.session->holdOpen();
    auto send = [r](const UpdateProgress& p) {
        if (r.connected() && p.running)
            r.session->send(ControlProtocol::encodeStream(r.id, QStringLiteral("update"), p.toJson()));
    };
    send(m_updater->progress());
    connect(m_updater, &GatewayUpdater::progressChanged, r.session, send);
}

} // namespace clawtray
