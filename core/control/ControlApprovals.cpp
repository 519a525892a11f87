// ControlCommands: `approvals` — list the exec approvals the gateway waits on, answer one, or
// follow new ones (so a headless machine can be answered from a terminal).
#include "control/ControlCommands.h"

#include "companion/ApprovalsModel.h"
#include "companion/ChannelsModel.h"
#include "supervisor/GatewayManager.h"

#include <QJsonArray>

namespace clawtray {

namespace {

QJsonArray approvalsJson(const ApprovalsModel& model)
{
    QJsonArray out;
    for (const ExecApproval& a : model.pending())
        out.append(a.toJson());
    return out;
}

} // namespace

void ControlCommands::approvals(const ControlResponder& r, const QJsonObject& args)
{
    if (!m_approvals) {
        r.fail(ControlErrorCode::NotReady, QStringLiteral("ClawTray is still starting; try again in a moment"));
        return;
    }
    const QString action = args.value(QLatin1String("action")).toString(QStringLiteral("list"));
    if (action == QLatin1String("list")) {
        const auto follow = boolArg(r, args, "follow");
        if (!follow)
            return;
        QJsonObject result = m_approvals->summaryJson();
        result.insert(QStringLiteral("approvals"), approvalsJson(*m_approvals));
        r.ok(result);
        if (!*follow || !r.session)
            return;
        ControlSession* session = r.session;
        session->holdOpen();
        connect(m_approvals, &ApprovalsModel::requested, session, [r, session](const ExecApproval& a) {
            session->send(ControlProtocol::encodeStream(r.id, QStringLiteral("approval"),
                                                        {{QStringLiteral("event"), QStringLiteral("requested")},
                                                         {QStringLiteral("approval"), a.toJson()}}));
        });
        connect(m_approvals, &ApprovalsModel::closed, session, [r, session](const QString& id, const QString& why) {
            session->send(ControlProtocol::encodeStream(r.id, QStringLiteral("approval"),
                                                        {{QStringLiteral("event"), QStringLiteral("closed")},
                                                         {QStringLiteral("id"), id},
                                                         {QStringLiteral("why"), why}}));
        });
        return;
    }
    if (!ExecApproval::isDecision(action)) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("\"action\" must be list, allow-once, allow-always or deny"));
        return;
    }
    const QString id = args.value(QLatin1String("id")).toString();
    if (id.isEmpty()) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("%1 needs the approval's id").arg(action));
        return;
    }
    const auto approval = m_approvals->find(id);
    QPointer<ControlCommands> self(this);
    m_approvals->resolve(id, action, [self, r, action, approval](const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            r.fail(ControlErrorCode::Failed, error);
            return;
        }
        r.ok({{QStringLiteral("decision"), action}, {QStringLiteral("approval"), approval ? approval->toJson() : QJsonObject{}}});
    });
}

void ControlCommands::channels(const ControlResponder& r)
{
    if (!m_channels) {
        r.fail(ControlErrorCode::NotReady, QStringLiteral("ClawTray is still starting; try again in a moment"));
        return;
    }
    if (m_manager->status().state != GatewayState::Running) {
        r.fail(ControlErrorCode::Failed, QStringLiteral("the gateway is %1: no channel status to show")
                                             .arg(gatewayStateName(m_manager->status().state)));
        return;
    }
    QPointer<ControlCommands> self(this);
    m_channels->refresh([self, r](const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty() && !self->m_channels->loaded()) {
            r.fail(ControlErrorCode::Failed, QStringLiteral("channels.status failed: %1").arg(error));
            return;
        }
        r.ok(self->m_channels->toJson());
    });
}

} // namespace clawtray
