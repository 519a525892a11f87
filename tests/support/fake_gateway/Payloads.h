#pragma once

// Payloads of the methods and events the fake implements, modelled on frames captured from the
// real gateway (shared/reference/openclaw-frames/). Pure builders over a snapshot of facts.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace fakegw {

inline constexpr int kMaxPayloadBytes = 26214400;
inline constexpr int kMaxBufferedBytes = 52428800;
inline constexpr int kPreauthMaxPayloadBytes = 64 * 1024;

struct GatewayFacts
{
    qint64 pid = 0;
    QString hostname;
    int port = 0;
    QString version;
    QString buildId;
    QString bootId;
    QString instanceId;
    QString stateDir;
    qint64 bootUptimeMs = 0;    // since the last (in-process) boot
    qint64 processUptimeMs = 0; // since the process started
    int activeTasks = 0;
    int tickMs = 30000;
};

// Fault-injection methods (documented in main.cpp).
const QStringList& fakeMethodNames();

QJsonObject healthPayload(const GatewayFacts& facts);
QJsonObject statusPayload(const GatewayFacts& facts);
QJsonObject systemInfoPayload(const GatewayFacts& facts);
QJsonObject preflightPayload(int activeTasks);
QJsonObject gatewayPresenceEntry(const GatewayFacts& facts);
QJsonObject helloOkPayload(const GatewayFacts& facts, const QString& connId, const QString& role,
                           const QStringList& scopes, const QJsonArray& presence, const QJsonObject& stateVersion);

} // namespace fakegw
