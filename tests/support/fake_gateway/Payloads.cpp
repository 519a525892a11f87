#include "Payloads.h"

#include "Catalog.h"
#include "Json.h"

#include <QFile>

#include <unistd.h>

namespace fakegw {
namespace {

QJsonObject eventLoop()
{
    return {{QStringLiteral("degraded"), false},       {QStringLiteral("degradedSinceMs"), QJsonValue::Null},
            {QStringLiteral("reasons"), QJsonArray()}, {QStringLiteral("intervalMs"), 1000},
            {QStringLiteral("delayP99Ms"), 1},         {QStringLiteral("delayMaxMs"), 2},
            {QStringLiteral("utilization"), 0.001},    {QStringLiteral("cpuCoreRatio"), 0.001}};
}

QString sessionsPath(const GatewayFacts& f)
{
    const QString base = f.stateDir.isEmpty() ? QStringLiteral("/tmp/openclaw-fake") : f.stateDir;
    return base + QStringLiteral("/agents/main/agent/openclaw-agent.sqlite");
}

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * ::sysconf(_SC_PAGESIZE) : 0;
}

const QJsonArray& methodList()
{
    static const QJsonArray list = [] {
        QStringList names = realMethodNames();
        names.append(fakeMethodNames());
        return stringArray(names);
    }();
    return list;
}

} // namespace

const QStringList& fakeMethodNames()
{
    static const QStringList names = {
        QStringLiteral("fake.close"),       QStringLiteral("fake.crash"),      QStringLiteral("fake.hang"),
        QStringLiteral("fake.malformed"),   QStringLiteral("fake.oversized"),  QStringLiteral("fake.delay"),
        QStringLiteral("fake.drop"),        QStringLiteral("fake.outOfOrder"), QStringLiteral("fake.event"),
        QStringLiteral("fake.startingFor"), QStringLiteral("fake.notReady"), QStringLiteral("fake.approval"), QStringLiteral("fake.pairRequest"), QStringLiteral("fake.sessions"), QStringLiteral("fake.channels"), QStringLiteral("fake.echo"),       QStringLiteral("fake.reset"),
        QStringLiteral("fake.activeTasks")};
    return names;
}

QJsonObject healthPayload(const GatewayFacts& f)
{
    const QJsonObject sessions{{QStringLiteral("path"), sessionsPath(f)},
                               {QStringLiteral("count"), 0},
                               {QStringLiteral("recent"), QJsonArray()}};
    const QJsonObject heartbeat{{QStringLiteral("enabled"), true},
                                {QStringLiteral("every"), QStringLiteral("30m")},
                                {QStringLiteral("everyMs"), 1800000},
                                {QStringLiteral("target"), QStringLiteral("owner")}};
    const QJsonObject agent{{QStringLiteral("agentId"), QStringLiteral("main")},
                            {QStringLiteral("isDefault"), true},
                            {QStringLiteral("heartbeat"), heartbeat},
                            {QStringLiteral("sessions"), sessions}};
    return {
        {QStringLiteral("ok"), true},
        {QStringLiteral("ts"), nowMs()},
        {QStringLiteral("durationMs"), 1},
        {QStringLiteral("plugins"), QJsonObject{{QStringLiteral("loaded"), QJsonArray()},
                                                {QStringLiteral("errors"), QJsonArray()},
                                                {QStringLiteral("unavailable"), QJsonArray()}}},
        {QStringLiteral("configReload"), QJsonObject{{QStringLiteral("hotReloadStatus"), QStringLiteral("active")}}},
        {QStringLiteral("channels"), QJsonObject()},
        {QStringLiteral("channelOrder"), QJsonArray()},
        {QStringLiteral("channelLabels"), QJsonObject()},
        {QStringLiteral("heartbeatSeconds"), 1800},
        {QStringLiteral("defaultAgentId"), QStringLiteral("main")},
        {QStringLiteral("agents"), QJsonArray{agent}},
        {QStringLiteral("sessions"), sessions},
        {QStringLiteral("modelRuntime"),
         QJsonObject{{QStringLiteral("degraded"), false}, {QStringLiteral("pendingAgents"), QJsonArray()}}},
        {QStringLiteral("eventLoop"), eventLoop()}};
}

QJsonObject statusPayload(const GatewayFacts& f)
{
    const int n = f.activeTasks;
    const QJsonObject byStatus{{QStringLiteral("queued"), 0},    {QStringLiteral("running"), n},
                               {QStringLiteral("succeeded"), 0}, {QStringLiteral("failed"), 0},
                               {QStringLiteral("timed_out"), 0}, {QStringLiteral("cancelled"), 0},
                               {QStringLiteral("lost"), 0}};
    const qint64 rss = residentBytes();
    return {{QStringLiteral("runtimeVersion"), f.version},
            {QStringLiteral("pid"), f.pid},
            {QStringLiteral("channelSummary"), QJsonArray()},
            {QStringLiteral("queuedSystemEvents"), QJsonArray()},
            {QStringLiteral("tasks"), QJsonObject{{QStringLiteral("total"), n},
                                                  {QStringLiteral("active"), n},
                                                  {QStringLiteral("terminal"), 0},
                                                  {QStringLiteral("failures"), 0},
                                                  {QStringLiteral("byStatus"), byStatus}}},
            {QStringLiteral("sessions"), QJsonObject{{QStringLiteral("paths"), QJsonArray{sessionsPath(f)}},
                                                     {QStringLiteral("count"), 0},
                                                     {QStringLiteral("recent"), QJsonArray()}}},
            {QStringLiteral("modelRuntime"),
             QJsonObject{{QStringLiteral("degraded"), false}, {QStringLiteral("pendingAgents"), QJsonArray()}}},
            {QStringLiteral("eventLoop"), eventLoop()},
            {QStringLiteral("processMemory"), QJsonObject{{QStringLiteral("rssBytes"), rss},
                                                          {QStringLiteral("heapUsedBytes"), rss / 4},
                                                          {QStringLiteral("heapTotalBytes"), rss / 2},
                                                          {QStringLiteral("externalBytes"), 0},
                                                          {QStringLiteral("arrayBuffersBytes"), 0}}}};
}

QJsonObject systemInfoPayload(const GatewayFacts& f)
{
    return {{QStringLiteral("hostname"), f.hostname},
            {QStringLiteral("port"), f.port},
            {QStringLiteral("nodeVersion"), QStringLiteral("v24.21.0")},
            {QStringLiteral("pid"), f.pid},
            {QStringLiteral("uptimeMs"), f.processUptimeMs},
            {QStringLiteral("platform"), QStringLiteral("linux")},
            {QStringLiteral("arch"), QStringLiteral("x64")},
            {QStringLiteral("version"), f.version},
            {QStringLiteral("bootId"), f.bootId}};
}

QJsonObject preflightPayload(int activeTasks)
{
    const QJsonObject counts{{QStringLiteral("queueSize"), 0},
                             {QStringLiteral("pendingReplies"), 0},
                             {QStringLiteral("embeddedRuns"), 0},
                             {QStringLiteral("cronRuns"), 0},
                             {QStringLiteral("backgroundExecSessions"), 0},
                             {QStringLiteral("rootRequests"), 0},
                             {QStringLiteral("activeTasks"), activeTasks},
                             {QStringLiteral("totalActive"), activeTasks}};
    QJsonArray blockers;
    if (activeTasks > 0) {
        blockers.append(QJsonObject{{QStringLiteral("kind"), QStringLiteral("activeTasks")},
                                    {QStringLiteral("count"), activeTasks},
                                    {QStringLiteral("message"), QStringLiteral("%1 active task(s)").arg(activeTasks)}});
    }
    return {{QStringLiteral("safe"), activeTasks == 0},
            {QStringLiteral("counts"), counts},
            {QStringLiteral("blockers"), blockers},
            {QStringLiteral("summary"),
             activeTasks == 0 ? QStringLiteral("safe to restart now")
                              : QStringLiteral("restart would interrupt %1 active task(s)").arg(activeTasks)}};
}

QJsonObject gatewayPresenceEntry(const GatewayFacts& f)
{
    return {{QStringLiteral("host"), f.hostname},
            {QStringLiteral("ip"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("version"), f.version},
            {QStringLiteral("platform"), QStringLiteral("linux")},
            {QStringLiteral("deviceFamily"), QStringLiteral("Linux")},
            {QStringLiteral("mode"), QStringLiteral("gateway")},
            {QStringLiteral("reason"), QStringLiteral("self")},
            {QStringLiteral("instanceId"), f.instanceId},
            {QStringLiteral("text"),
             QStringLiteral("Gateway: %1 (127.0.0.1) \u00b7 app %2 \u00b7 mode gateway \u00b7 reason self")
                 .arg(f.hostname, f.version)},
            {QStringLiteral("ts"), nowMs()}};
}

QJsonObject helloOkPayload(const GatewayFacts& f, const QString& connId, const QString& role, const QStringList& scopes,
                           const QJsonArray& presence, const QJsonObject& stateVersion)
{
    static const QJsonArray events = stringArray(realEventNames());
    static const QJsonArray capabilities = stringArray(realCapabilities());
    const QString stateDir = f.stateDir.isEmpty() ? QStringLiteral("/tmp/openclaw-fake") : f.stateDir;
    const QJsonObject snapshot{
        {QStringLiteral("suspension"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("accepting")}}},
        {QStringLiteral("presence"), presence},
        {QStringLiteral("health"), healthPayload(f)},
        {QStringLiteral("stateVersion"), stateVersion},
        {QStringLiteral("uptimeMs"), f.bootUptimeMs},
        {QStringLiteral("sessionDefaults"),
         QJsonObject{{QStringLiteral("defaultAgentId"), QStringLiteral("main")},
                     {QStringLiteral("modelConfigured"), false},
                     {QStringLiteral("mainKey"), QStringLiteral("main")},
                     {QStringLiteral("mainSessionKey"), QStringLiteral("agent:main:main")},
                     {QStringLiteral("scope"), QStringLiteral("per-sender")}}},
        {QStringLiteral("updateSchedule"),
         QJsonObject{{QStringLiteral("channel"), QStringLiteral("stable")}, {QStringLiteral("autoEnabled"), false}}},
        {QStringLiteral("configPath"), stateDir + QStringLiteral("/openclaw.json")},
        {QStringLiteral("stateDir"), stateDir},
        {QStringLiteral("authMode"), QStringLiteral("token")}};
    return {{QStringLiteral("type"), QStringLiteral("hello-ok")},
            {QStringLiteral("protocol"), 4},
            {QStringLiteral("server"), QJsonObject{{QStringLiteral("version"), f.version},
                                                   {QStringLiteral("buildId"), f.buildId},
                                                   {QStringLiteral("bootId"), f.bootId},
                                                   {QStringLiteral("controlUiBuildSource"), QStringLiteral("bundled")},
                                                   {QStringLiteral("connId"), connId}}},
            {QStringLiteral("features"), QJsonObject{{QStringLiteral("methods"), methodList()},
                                                     {QStringLiteral("events"), events},
                                                     {QStringLiteral("capabilities"), capabilities}}},
            {QStringLiteral("snapshot"), snapshot},
            {QStringLiteral("auth"), QJsonObject{{QStringLiteral("method"), QStringLiteral("token")},
                                                 {QStringLiteral("role"), role},
                                                 {QStringLiteral("scopes"), stringArray(scopes)}}},
            {QStringLiteral("policy"),
             QJsonObject{{QStringLiteral("maxPayload"), kMaxPayloadBytes},
                         {QStringLiteral("maxBufferedBytes"), kMaxBufferedBytes},
                         {QStringLiteral("tickIntervalMs"), f.tickMs},
                         {QStringLiteral("attachments"), QJsonObject{{QStringLiteral("maxBytes"), 19464192},
                                                                     {QStringLiteral("maxImageBytes"), 6291456}}}}}};
}

} // namespace fakegw
