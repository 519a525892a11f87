#include "FakeCli.h"

#include <QByteArray>
#include <QDateTime>
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

} // namespace

std::optional<int> runFakeCli(const QStringList& args)
{
    const QStringList words = commandWords(args);
    if (words.value(0) == QLatin1String("dashboard"))
        return dashboard();
    return std::nullopt;
}
