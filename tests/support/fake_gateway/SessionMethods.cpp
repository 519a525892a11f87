// Requests after the handshake: the gateway methods a supervisor uses, and the fake.* fault RPCs.
#include "Catalog.h"
#include "FakeServer.h"
#include "FakeSession.h"
#include "Json.h"
#include "Payloads.h"
#include "ProcessUtil.h"

#include <QSet>
#include <QTimer>
#include <QWebSocket>

#include <unistd.h>

namespace fakegw {
namespace {

QString requiredScope(const QString& method)
{
    if (method == QLatin1String("gateway.restart.request"))
        return QStringLiteral("operator.admin");
    if (method == QLatin1String("channels.start") || method == QLatin1String("channels.stop") || method == QLatin1String("channels.logout"))
        return QStringLiteral("operator.admin");
    if (method.startsWith(QLatin1String("device.pair.")) || method.startsWith(QLatin1String("node.pair."))
        || method == QLatin1String("node.rename"))
        return QStringLiteral("operator.pairing");
    if (method.startsWith(QLatin1String("exec.approval.")))
        return QStringLiteral("operator.approvals");
    if (method.startsWith(QLatin1String("fake.")))
        return {};
    return QStringLiteral("operator.read");
}

bool isImplemented(const QString& method)
{
    static const QSet<QString> methods = [] {
        QSet<QString> set{QStringLiteral("health"), QStringLiteral("status"), QStringLiteral("system.info"),
                          QStringLiteral("gateway.restart.preflight"), QStringLiteral("gateway.restart.request"),
                          QStringLiteral("exec.approval.list"), QStringLiteral("exec.approval.resolve"),
                          QStringLiteral("channels.status"), QStringLiteral("channels.start"), QStringLiteral("channels.stop"),
                          QStringLiteral("channels.logout"), QStringLiteral("device.pair.list"), QStringLiteral("device.pair.approve"),
                          QStringLiteral("device.pair.reject"), QStringLiteral("device.pair.remove"), QStringLiteral("device.pair.rename"),
                          QStringLiteral("node.pair.list"), QStringLiteral("node.pair.approve"), QStringLiteral("node.pair.reject"),
                          QStringLiteral("node.pair.remove"), QStringLiteral("node.rename"), QStringLiteral("sessions.list"),
                          QStringLiteral("sessions.subscribe"), QStringLiteral("usage.cost")};
        for (const QString& m : fakeMethodNames())
            set.insert(m);
        return set;
    }();
    return methods.contains(method);
}

QJsonObject badParams(const QString& method, const QString& what)
{
    return invalidRequest(QStringLiteral("invalid %1 params: %2").arg(method, what));
}

// Reads an optional non-negative integer parameter; false when present but not one.
bool readCount(const QJsonObject& params, const char* key, qint64 fallback, qint64* out)
{
    const QJsonValue v = params.value(QLatin1String(key));
    if (v.isUndefined()) {
        *out = fallback;
        return true;
    }
    if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != static_cast<double>(v.toInteger()))
        return false;
    *out = v.toInteger();
    return true;
}

} // namespace

bool FakeSession::hasScope(const QString& scope) const
{
    if (m_scopes.contains(scope) || m_scopes.contains(QLatin1String("operator.admin")))
        return true;
    return scope == QLatin1String("operator.read") && m_scopes.contains(QLatin1String("operator.write"));
}

void FakeSession::onRequest(const QJsonObject& request)
{
    const QJsonValue id = request.value(QStringLiteral("id"));
    const QString method = request.value(QStringLiteral("method")).toString();
    const QJsonObject params = request.value(QStringLiteral("params")).toObject();
    const bool isFake = method.startsWith(QLatin1String("fake."));
    if (!isImplemented(method)) {
        const QJsonObject error =
            realMethodNames().contains(method)
                ? errorShape(QStringLiteral("UNAVAILABLE"),
                             QStringLiteral("%1 is not implemented by the fake gateway").arg(method))
                : invalidRequest(QStringLiteral("unknown method: %1").arg(method));
        sendFrame(responseFrame(id, false, {}, error));
        return;
    }
    const QString scope = requiredScope(method);
    if (!scope.isEmpty() && !hasScope(scope)) {
        sendFrame(responseFrame(id, false, {},
                                errorShape(QStringLiteral("FORBIDDEN"), QStringLiteral("missing scope: %1").arg(scope),
                                           {{QStringLiteral("code"), QStringLiteral("MISSING_SCOPE")},
                                            {QStringLiteral("missingScope"), scope}})));
        return;
    }
    // Rules from fake.drop / fake.delay / fake.outOfOrder never touch the fake.* control methods;
    // fake.echo is the exception: it is the "ordinary call" that tests and benchmarks use.
    const bool exempt = isFake && method != QLatin1String("fake.echo");
    if (!exempt && m_server->isDropped(method))
        return;
    const int delay = exempt ? 0 : m_server->delayFor(method);
    Outcome outcome = isFake ? dispatchFake(method, params) : dispatch(method, params);
    if (!outcome.respond) {
        if (outcome.after)
            outcome.after();
        return;
    }
    const QByteArray frame = compactJson(responseFrame(id, outcome.ok, outcome.payload, outcome.error));
    auto deliver = [this, frame, holdable = !exempt, after = std::move(outcome.after)] {
        deliverResponse(frame, holdable);
        if (after)
            after();
    };
    if (delay > 0)
        QTimer::singleShot(delay, Qt::PreciseTimer, this, deliver);
    else
        deliver();
}

FakeSession::Outcome FakeSession::dispatch(const QString& method, const QJsonObject& params)
{
    Outcome out;
    if (method == QLatin1String("health")) {
        out.payload = m_server->healthSnapshot();
    } else if (method == QLatin1String("status")) {
        out.payload = statusPayload(m_server->facts());
    } else if (method == QLatin1String("system.info")) {
        out.payload = systemInfoPayload(m_server->facts());
    } else if (method == QLatin1String("gateway.restart.preflight")) {
        out.payload = preflightPayload(m_server->facts().activeTasks);
    } else if (method == QLatin1String("gateway.restart.request")) {
        const QJsonValue reason = params.value(QStringLiteral("reason"));
        const QJsonValue skip = params.value(QStringLiteral("skipDeferral"));
        if ((!reason.isUndefined() && !reason.isString()) || (!skip.isUndefined() && !skip.isBool())) {
            out.ok = false;
            out.error = badParams(method, QStringLiteral("reason must be string, skipDeferral boolean"));
            return out;
        }
        out.payload = m_server->requestRestart(reason.toString(QStringLiteral("requested")), skip.toBool(false));
    } else if (method == QLatin1String("channels.status")) {
        out.payload = m_server->channelsStatus();
    } else if (method == QLatin1String("channels.start") || method == QLatin1String("channels.stop")
               || method == QLatin1String("channels.logout")) {
        const QString error = m_server->controlChannel(method.mid(9), params.value(QStringLiteral("channel")).toString(),
                                                       params.value(QStringLiteral("accountId")).toString());
        if (!error.isEmpty()) {
            out.ok = false;
            out.error = invalidRequest(error);
        } else {
            out.payload = QJsonObject{{QStringLiteral("channel"), params.value(QStringLiteral("channel"))}, {QStringLiteral("ok"), true}};
        }
    } else if (method.startsWith(QLatin1String("device.pair.")) || method.startsWith(QLatin1String("node.pair."))
               || method == QLatin1String("node.rename")) {
        const QString kind = method.startsWith(QLatin1String("node.")) ? QStringLiteral("node") : QStringLiteral("device");
        const QString verb = method.section(QLatin1Char('.'), -1);
        const QString idKey = kind == QLatin1String("node") ? QStringLiteral("nodeId") : QStringLiteral("deviceId");
        QString error;
        QJsonObject result;
        if (verb == QLatin1String("list")) {
            result = m_server->pairList(kind);
        } else if (verb == QLatin1String("approve") || verb == QLatin1String("reject")) {
            error = m_server->answerPairRequest(kind, params.value(QStringLiteral("requestId")).toString(),
                                                verb == QLatin1String("approve"), &result);
        } else if (verb == QLatin1String("remove")) {
            error = m_server->removePaired(kind, params.value(idKey).toString());
            result = {{idKey, params.value(idKey)}};
        } else {
            const QString label = params.value(kind == QLatin1String("node") ? QStringLiteral("displayName") : QStringLiteral("label")).toString();
            error = m_server->renamePaired(kind, params.value(idKey).toString(), label);
            result = {{idKey, params.value(idKey)}, {QStringLiteral("label"), label}};
        }
        if (!error.isEmpty()) {
            out.ok = false;
            out.error = invalidRequest(error);
        } else {
            out.payload = result;
        }
    } else if (method == QLatin1String("sessions.subscribe")) {
        m_server->sessionSubscribers.insert(this);
        out.payload = QJsonObject{{QStringLiteral("subscribed"), true}};
    } else if (method == QLatin1String("sessions.list")) {
        out.payload = m_server->sessionsList(params.value(QStringLiteral("limit")).toInt(100));
    } else if (method == QLatin1String("usage.cost")) {
        out.payload = m_server->usageCost();
    } else if (method == QLatin1String("exec.approval.list")) {
        out.payload = m_server->approvals();
    } else if (method == QLatin1String("exec.approval.resolve")) {
        const QString decision = params.value(QStringLiteral("decision")).toString();
        if (decision != QLatin1String("allow-once") && decision != QLatin1String("allow-always") && decision != QLatin1String("deny")) {
            out.ok = false;
            out.error = invalidRequest(QStringLiteral("invalid decision"));
        } else if (!m_server->resolveApproval(params.value(QStringLiteral("id")).toString(), decision,
                                              m_client.displayName.isEmpty() ? m_client.id : m_client.displayName)) {
            out.ok = false;
            QJsonObject e = invalidRequest(QStringLiteral("unknown or expired approval id"));
            e.insert(QStringLiteral("details"), QJsonObject{{QStringLiteral("reason"), QStringLiteral("APPROVAL_NOT_FOUND")}});
            out.error = e;
        } else {
            out.payload = QJsonObject{{QStringLiteral("ok"), true}};
        }
    }
    return out;
}

bool FakeSession::resolveTargets(const QJsonObject& params, const QString& fallback, QList<FakeSession*>* out,
                                 QString* error)
{
    const QString target = params.value(QStringLiteral("target")).toString(fallback);
    if (target == QLatin1String("self")) {
        *out = {this};
    } else if (target == QLatin1String("all") || target == QLatin1String("others")) {
        *out = m_server->authenticatedSessions();
        if (target == QLatin1String("others"))
            out->removeAll(this);
    } else {
        *error = QStringLiteral("target must be \"self\", \"others\" or \"all\"");
        return false;
    }
    return true;
}

FakeSession::Outcome FakeSession::dispatchFake(const QString& method, const QJsonObject& params)
{
    Outcome out;
    auto fail = [&out, &method](const QString& what) {
        out.ok = false;
        out.error = badParams(method, what);
        return out;
    };
    QList<FakeSession*> targets;
    QString targetError;
    qint64 n = 0;
    const QString name = method.mid(5);
    if (name == QLatin1String("echo")) {
        out.payload = params;
    } else if (name == QLatin1String("close")) {
        if (!readCount(params, "code", 1000, &n) || n > 4999)
            return fail(QStringLiteral("code must be a close code"));
        if (!resolveTargets(params, QStringLiteral("self"), &targets, &targetError))
            return fail(targetError);
        const QString reason = params.value(QStringLiteral("reason")).toString();
        out.payload = QJsonObject{{QStringLiteral("closing"), static_cast<int>(targets.size())}};
        QList<QPointer<FakeSession>> guarded(targets.cbegin(), targets.cend());
        out.after = [guarded, n, reason] {
            for (const QPointer<FakeSession>& s : guarded) {
                if (s)
                    s->closeWith(static_cast<int>(n), reason);
            }
        };
    } else if (name == QLatin1String("crash")) {
        if (!readCount(params, "code", 1, &n) || n > 255)
            return fail(QStringLiteral("code must be 0..255"));
        const QString signal =
            params.value(QStringLiteral("signal")).toString().toUpper().remove(QStringLiteral("SIG"));
        qint64 dropFirstMs = 0;
        if (!readCount(params, "dropFirstMs", 0, &dropFirstMs))
            return fail(QStringLiteral("dropFirstMs must be a non-negative integer"));
        errLine(QStringLiteral("fake: crash requested %1%2")
                    .arg(signal.isEmpty() ? QStringLiteral("exit=%1").arg(n) : QStringLiteral("signal=") + signal)
                    .arg(dropFirstMs > 0 ? QStringLiteral(" after dropping every connection for %1 ms").arg(dropFirstMs) : QString())
                    .toUtf8());
        const int code = static_cast<int>(n);
        auto die = [signal, code] {
            if (!signal.isEmpty())
                dieBySignal(signal);
            ::_exit(code);
        };
        if (dropFirstMs == 0)
            die();
        // A dying gateway whose sockets close before its exit becomes visible, stretched out: it
        // answers nobody any more ("starting") and then dies.
        out.payload = QJsonObject{{QStringLiteral("crashingInMs"), dropFirstMs}};
        FakeServer* server = m_server;
        out.after = [server, dropFirstMs, die] {
            server->startStartingWindow(int(dropFirstMs) + 60000);
            for (FakeSession* s : server->authenticatedSessions())
                s->closeWith(1006, QString());
            QTimer::singleShot(int(dropFirstMs), Qt::PreciseTimer, server, die);
        };
    } else if (name == QLatin1String("hang")) {
        if (!readCount(params, "ms", 0, &n))
            return fail(QStringLiteral("ms must be a non-negative integer (0 = until killed)"));
        out.payload = QJsonObject{{QStringLiteral("hangingMs"), n}};
        FakeServer* server = m_server;
        out.after = [server, n] {
            for (FakeSession* s : server->authenticatedSessions())
                s->flush();
            outLine(QStringLiteral("fake: hanging ms=%1").arg(n).toUtf8());
            blockProcess(n); // the whole event loop stops: no frames, no pongs, no HTTP
            outLine(QByteArrayLiteral("fake: hang over"));
        };
    } else if (name == QLatin1String("malformed")) {
        return sendMalformed(params.value(QStringLiteral("kind")).toString());
    } else if (name == QLatin1String("oversized")) {
        if (!readCount(params, "bytes", -1, &n) || n <= 0 || n > 256LL * 1024 * 1024)
            return fail(QStringLiteral("bytes must be 1..268435456"));
        out.payload = QJsonObject{{QStringLiteral("bytes"), n}};
        out.after = [this, n] {
            const QByteArray head = R"({"type":"event","event":"fake.oversized","payload":{"data":")";
            const QByteArray tail = R"("},"seq":)" + QByteArray::number(++m_seq) + '}';
            QByteArray frame = head;
            frame.append(std::max<qint64>(0, n - head.size() - tail.size()), 'x');
            frame.append(tail);
            sendText(frame);
        };
    } else if (name == QLatin1String("delay")) {
        const QString target = params.value(QStringLiteral("method")).toString();
        if (target.isEmpty() || !readCount(params, "ms", -1, &n) || n < 0)
            return fail(QStringLiteral("need {method: string, ms: integer >= 0}"));
        m_server->setDelay(target, static_cast<int>(n));
        out.payload = QJsonObject{{QStringLiteral("method"), target}, {QStringLiteral("ms"), n}};
    } else if (name == QLatin1String("drop")) {
        const QString target = params.value(QStringLiteral("method")).toString();
        const QJsonValue enabled = params.value(QStringLiteral("enabled"));
        if (target.isEmpty() || (!enabled.isUndefined() && !enabled.isBool()))
            return fail(QStringLiteral("need {method: string, enabled?: boolean}"));
        m_server->setDropped(target, enabled.toBool(true));
        out.payload =
            QJsonObject{{QStringLiteral("method"), target}, {QStringLiteral("dropped"), enabled.toBool(true)}};
    } else if (name == QLatin1String("outOfOrder")) {
        if (!readCount(params, "count", -1, &n) || n < 1)
            return fail(QStringLiteral("count must be an integer >= 1"));
        if (!resolveTargets(params, QStringLiteral("self"), &targets, &targetError))
            return fail(targetError);
        for (FakeSession* s : std::as_const(targets))
            s->holdResponses(static_cast<int>(n));
        out.payload = QJsonObject{{QStringLiteral("count"), n}};
    } else if (name == QLatin1String("event")) {
        const QString event = params.value(QStringLiteral("event")).toString();
        if (event.isEmpty())
            return fail(QStringLiteral("event must be a non-empty string"));
        if (!resolveTargets(params, QStringLiteral("all"), &targets, &targetError))
            return fail(targetError);
        QList<QPointer<FakeSession>> guarded(targets.cbegin(), targets.cend());
        const QJsonValue payload = params.value(QStringLiteral("payload"));
        out.payload = QJsonObject{{QStringLiteral("event"), event},
                                  {QStringLiteral("recipients"), static_cast<int>(targets.size())}};
        out.after = [guarded, event, payload] {
            for (const QPointer<FakeSession>& s : guarded) {
                if (s)
                    s->sendEvent(event, payload);
            }
        };
    } else if (name == QLatin1String("startingFor")) {
        if (!readCount(params, "ms", -1, &n) || n < 0)
            return fail(QStringLiteral("ms must be an integer >= 0"));
        m_server->startStartingWindow(static_cast<int>(n));
        out.payload = QJsonObject{{QStringLiteral("startingMs"), n}};
    } else if (name == QLatin1String("channels")) {
        m_server->setChannels(params);
        out.payload = QJsonObject{{QStringLiteral("ok"), true}};
    } else if (name == QLatin1String("sessions")) {
        m_server->setSessions(params);
        out.payload = QJsonObject{{QStringLiteral("ok"), true}};
    } else if (name == QLatin1String("pairRequest")) {
        out.payload = m_server->addPairRequest(params);
    } else if (name == QLatin1String("approval")) {
        out.payload = m_server->addApproval(params);
    } else if (name == QLatin1String("notReady")) {
        QStringList failing;
        for (const QJsonValue& v : params.value(QStringLiteral("failing")).toArray())
            failing << v.toString();
        m_server->setNotReady(failing);
        out.payload = QJsonObject{{QStringLiteral("failing"), QJsonArray::fromStringList(failing)}};
    } else if (name == QLatin1String("reset")) {
        m_server->clearRules();
        for (FakeSession* s : m_server->authenticatedSessions())
            s->releaseHeld();
        out.payload = QJsonObject{{QStringLiteral("reset"), true}};
    } else if (name == QLatin1String("activeTasks")) {
        if (!readCount(params, "count", -1, &n) || n < 0)
            return fail(QStringLiteral("count must be an integer >= 0"));
        m_server->setActiveTasks(static_cast<int>(n));
        out.payload = QJsonObject{{QStringLiteral("activeTasks"), n}};
    }
    return out;
}

FakeSession::Outcome FakeSession::sendMalformed(const QString& kind)
{
    Outcome out;
    out.payload = QJsonObject{{QStringLiteral("sent"), kind}};
    if (kind == QLatin1String("notjson"))
        sendText(R"({"type":"event","event":"tick","payload":{"ts":)");
    else if (kind == QLatin1String("array"))
        sendText(R"([{"type":"event","event":"tick","payload":{}}])");
    else if (kind == QLatin1String("noid"))
        sendText(R"({"type":"res","ok":true,"payload":{"fake":"noid"}})");
    else if (kind == QLatin1String("unknowntype"))
        sendText(R"({"type":"fake-unknown","id":"x","payload":{}})");
    else if (kind == QLatin1String("wrongtypes"))
        sendText(R"({"type":"res","id":12345,"ok":"yes","payload":7,"error":"boom"})");
    else if (kind == QLatin1String("binary") && m_socket)
        m_socket->sendBinaryMessage(QByteArrayLiteral("\xff\xfe\x00\x01 not a text frame"));
    else if (kind == QLatin1String("empty"))
        sendText(QByteArray());
    else {
        out.ok = false;
        out.error =
            badParams(QStringLiteral("fake.malformed"),
                      QStringLiteral("kind must be notjson, array, noid, unknowntype, wrongtypes, binary or empty"));
    }
    return out;
}

} // namespace fakegw
