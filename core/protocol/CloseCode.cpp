#include "protocol/CloseCode.h"

namespace clawtray {

CloseMeaning closeMeaning(int code)
{
    switch (code) {
    case 1000:
        return CloseMeaning::Normal;
    case 1001:
        return CloseMeaning::GoingAway;
    case 1002:
        return CloseMeaning::ProtocolMismatch;
    case 1006:
        return CloseMeaning::Abnormal;
    case 1008:
        return CloseMeaning::PolicyViolation;
    case 1009:
        return CloseMeaning::MessageTooBig;
    case 1011:
        return CloseMeaning::InternalError;
    case 1012:
        return CloseMeaning::ServiceRestart;
    case 1013:
        return CloseMeaning::TryAgainLater;
    default:
        return CloseMeaning::Other;
    }
}

QString closeMeaningName(CloseMeaning meaning)
{
    switch (meaning) {
    case CloseMeaning::Normal:
        return QStringLiteral("normal");
    case CloseMeaning::GoingAway:
        return QStringLiteral("going-away");
    case CloseMeaning::ProtocolMismatch:
        return QStringLiteral("protocol-mismatch");
    case CloseMeaning::Abnormal:
        return QStringLiteral("abnormal");
    case CloseMeaning::PolicyViolation:
        return QStringLiteral("policy-violation");
    case CloseMeaning::MessageTooBig:
        return QStringLiteral("message-too-big");
    case CloseMeaning::InternalError:
        return QStringLiteral("internal-error");
    case CloseMeaning::ServiceRestart:
        return QStringLiteral("service-restart");
    case CloseMeaning::TryAgainLater:
        return QStringLiteral("try-again-later");
    case CloseMeaning::Other:
        break;
    }
    return QStringLiteral("other");
}

namespace {

QString describe(CloseMeaning meaning)
{
    switch (meaning) {
    case CloseMeaning::Normal:
        return QStringLiteral("The gateway closed the connection normally.");
    case CloseMeaning::GoingAway:
        return QStringLiteral("The gateway is going away.");
    case CloseMeaning::ProtocolMismatch:
        return QStringLiteral("The gateway closed the connection: protocol version mismatch.");
    case CloseMeaning::Abnormal:
        return QStringLiteral("The connection to the gateway was lost without a close frame.");
    case CloseMeaning::PolicyViolation:
        return QStringLiteral("The gateway refused the connection (authentication or policy).");
    case CloseMeaning::MessageTooBig:
        return QStringLiteral("A message was too big for the connection.");
    case CloseMeaning::InternalError:
        return QStringLiteral("The gateway closed the connection after an internal error.");
    case CloseMeaning::ServiceRestart:
        return QStringLiteral("The gateway is restarting or stopping.");
    case CloseMeaning::TryAgainLater:
        return QStringLiteral("The gateway is still starting; try again shortly.");
    case CloseMeaning::Other:
        break;
    }
    return QStringLiteral("The gateway closed the connection.");
}

} // namespace

CloseInfo classifyCloseCode(int code)
{
    CloseInfo info;
    info.code = code;
    info.meaning = closeMeaning(code);
    info.name = closeMeaningName(info.meaning);
    info.description = describe(info.meaning);
    return info;
}

} // namespace clawtray
