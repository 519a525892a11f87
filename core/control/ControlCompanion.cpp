// ControlCommands: the companion commands, so a headless machine can be answered from a terminal.
// `approvals` lists the exec approvals the gateway waits on, answers one or follows new ones;
// `channels` shows the channel accounts and starts, stops or logs out one; `pair` lists pairing
// requests and paired devices and answers, renames or removes one.
#include "control/ControlCommands.h"

#include "companion/ApprovalsModel.h"
#include "companion/ChannelsModel.h"
#include "companion/PairingModel.h"
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

void ControlCommands::channels(const ControlResponder& r, const QJsonObject& args)
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
    const QString action = args.value(QLatin1String("action")).toString(QStringLiteral("list"));
    QPointer<ControlCommands> self(this);
    if (action == QLatin1String("list")) {
        m_channels->refresh([self, r](const QString& error) {
            if (!self)
                return;
            if (!error.isEmpty() && !self->m_channels->loaded()) {
                r.fail(ControlErrorCode::Failed, QStringLiteral("channels.status failed: %1").arg(error));
                return;
            }
            r.ok(self->m_channels->toJson());
        });
        return;
    }
    if (!ChannelsModel::isControlAction(action)) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("\"action\" must be list, start, stop or logout"));
        return;
    }
    const QString channel = args.value(QLatin1String("channel")).toString();
    const QString account = args.value(QLatin1String("accountId")).toString();
    m_channels->control(action, channel, account, [self, r, action, channel, account](const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            r.fail(ControlErrorCode::Failed, error);
            return;
        }
        QJsonObject result = self->m_channels->toJson();
        result.insert(QStringLiteral("action"), action);
        result.insert(QStringLiteral("channel"), channel);
        result.insert(QStringLiteral("accountId"), account);
        r.ok(result);
    });
}

void ControlCommands::pair(const ControlResponder& r, const QJsonObject& args)
{
    if (!m_pairing) {
        r.fail(ControlErrorCode::NotReady, QStringLiteral("ClawTray is still starting; try again in a moment"));
        return;
    }
    if (m_manager->status().state != GatewayState::Running) {
        r.fail(ControlErrorCode::Failed, QStringLiteral("the gateway is %1: no pairing to show")
                                             .arg(gatewayStateName(m_manager->status().state)));
        return;
    }
    const QString action = args.value(QLatin1String("action")).toString(QStringLiteral("list"));
    const QString id = args.value(QLatin1String("id")).toString();
    QPointer<ControlCommands> self(this);
    auto reply = [self, r, action](const QString& error, const QJsonObject& subject) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            r.fail(ControlErrorCode::Failed, error);
            return;
        }
        QJsonObject result = self->m_pairing->toJson();
        if (action != QLatin1String("list")) {
            result.insert(QStringLiteral("action"), action);
            // A renamed device is shown by its new name.
            const auto now = action == QLatin1String("rename")
                                 ? self->m_pairing->findPaired(subject.value(QLatin1String("id")).toString())
                                 : std::nullopt;
            result.insert(QStringLiteral("subject"), now ? now->toJson() : subject);
        }
        r.ok(result);
    };
    if (action == QLatin1String("list")) {
        m_pairing->refresh([reply](const QString& error) { reply(error, {}); });
        return;
    }
    if (id.isEmpty()) {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("pair %1 needs an id").arg(action));
        return;
    }
    if (action == QLatin1String("approve") || action == QLatin1String("reject")) {
        const auto req = m_pairing->findRequest(id);
        const QJsonObject subject = req ? req->toJson() : QJsonObject{};
        auto done = [reply, subject](const QString& error) { reply(error, subject); };
        if (action == QLatin1String("approve"))
            m_pairing->approve(id, done);
        else
            m_pairing->reject(id, done);
    } else if (action == QLatin1String("remove") || action == QLatin1String("rename")) {
        const auto dev = m_pairing->findPaired(id);
        const QJsonObject subject = dev ? dev->toJson() : QJsonObject{};
        auto done = [reply, subject](const QString& error) { reply(error, subject); };
        if (action == QLatin1String("remove"))
            m_pairing->remove(id, done);
        else
            m_pairing->rename(id, args.value(QLatin1String("label")).toString(), done);
    } else {
        r.fail(ControlErrorCode::BadArgs, QStringLiteral("\"action\" must be list, approve, reject, rename or remove"));
    }
}

} // namespace clawtray
