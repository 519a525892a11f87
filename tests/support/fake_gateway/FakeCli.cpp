#include "FakeCli.h"

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <cstdio>

namespace {

QStringList commandWords(const QStringList& args)
{
    QStringList out;
    for (const QString& a : args) {
        if (a == QLatin1String("--disable-sigusr1") || a.endsWith(QLatin1String(".mjs")))
            continue;
        out << a;
    }
    return out;
}

int dashboard()
{
    const QByteArray port = qgetenv("OPENCLAW_GATEWAY_PORT").isEmpty() ? QByteArray("18789") : qgetenv("OPENCLAW_GATEWAY_PORT");
    const QString base = QStringLiteral("http://127.0.0.1:%1/").arg(QString::fromLatin1(port));
    if (!qEnvironmentVariableIsEmpty("FAKE_DASHBOARD_FAIL")) {
        std::puts(R"j({"ok":false,"reason":"gateway not reachable (fake)"})j");
        return 1;
    }
    QByteArray bootstrap(24, '\0');
    for (char& c : bootstrap)
        c = "abcdefghijklmnopqrstuvwxyz0123456789"[QRandomGenerator::global()->bounded(36)];
    const QJsonObject o{{QStringLiteral("ok"), true},
                        {QStringLiteral("url"), base + QStringLiteral("#token=") + qEnvironmentVariable("OPENCLAW_GATEWAY_TOKEN")},
                        {QStringLiteral("httpUrl"), base},
                        {QStringLiteral("wsUrl"), QStringLiteral("ws://127.0.0.1:%1").arg(QString::fromLatin1(port))},
                        {QStringLiteral("port"), port.toInt()},
                        {QStringLiteral("tokenIncluded"), true},
                        {QStringLiteral("browserUrl"), base + QStringLiteral("#bootstrapToken=") + QString::fromLatin1(bootstrap)
                                                           + QStringLiteral("&bootstrapProfile=owner")},
                        {QStringLiteral("browserBootstrapExpiresAtMs"), double(QDateTime::currentMSecsSinceEpoch() + 600000)}};
    std::puts(QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    return 0;
}

constexpr const char* kHandoffProtocol = "openclaw.gateway.restart-handoff";

void printJson(const QJsonObject& o)
{
    std::puts(QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
}

// `gateway restart-handoff capabilities|consume --expected-pid P --json`, as OpenClaw answers.
int restartHandoff(const QStringList& words)
{
    if (!qEnvironmentVariableIsEmpty("FAKE_HANDOFF_UNSUPPORTED")) {
        std::fputs("error: unknown command 'restart-handoff'\n", stderr);
        return 1;
    }
    const QJsonObject base{{QStringLiteral("ok"), true},
                           {QStringLiteral("protocol"), QLatin1String(kHandoffProtocol)},
                           {QStringLiteral("protocolVersion"), 1}};
    if (words.value(2) == QLatin1String("capabilities")) {
        QJsonObject o = base;
        o.insert(QStringLiteral("operations"), QJsonArray{QStringLiteral("consume")});
        printJson(o);
        return 0;
    }
    const qsizetype at = words.indexOf(QStringLiteral("--expected-pid"));
    bool ok = false;
    const qint64 expected = at >= 0 ? words.value(at + 1).toLongLong(&ok) : 0;
    if (!ok || expected <= 0) {
        printJson({{QStringLiteral("ok"), false}, {QStringLiteral("status"), QStringLiteral("error")},
                   {QStringLiteral("reason"), QStringLiteral("invalid-expected-pid")}});
        return 2;
    }
    QFile f(fakeHandoffPath(qEnvironmentVariableIntValue("OPENCLAW_GATEWAY_PORT")));
    QJsonObject o = base;
    if (!f.open(QIODevice::ReadOnly)) {
        o.insert(QStringLiteral("status"), QStringLiteral("none"));
        o.insert(QStringLiteral("reason"), QStringLiteral("missing"));
    } else if (const qint64 pid = f.readAll().trimmed().toLongLong(); pid != expected) {
        o.insert(QStringLiteral("status"), QStringLiteral("rejected"));
        o.insert(QStringLiteral("reason"), QStringLiteral("pid-mismatch"));
        o.insert(QStringLiteral("handoffPid"), pid);
    } else {
        f.remove();
        o.insert(QStringLiteral("status"), QStringLiteral("accepted"));
        o.insert(QStringLiteral("handoff"), QJsonObject{{QStringLiteral("pid"), pid}});
    }
    printJson(o);
    return 0;
}

} // namespace

QString fakeHandoffPath(int port)
{
    return QDir::temp().filePath(QStringLiteral("fake-restart-handoff-%1").arg(port));
}

std::optional<int> runFakeCli(const QStringList& args)
{
    const QStringList words = commandWords(args);
    if (words.value(0) == QLatin1String("dashboard"))
        return dashboard();
    if (words.value(0) == QLatin1String("gateway") && words.value(1) == QLatin1String("restart-handoff"))
        return restartHandoff(words);
    return std::nullopt;
}
