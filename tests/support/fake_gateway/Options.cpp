#include "Options.h"

#include <QUuid>

#include <utility>
#include <vector>

namespace fakegw {
namespace {

// Flags of the real gateway's command line that the fake accepts and ignores.
const QStringList kIgnoredFlags = {QStringLiteral("--allow-unconfigured")};

const std::vector<std::pair<const char*, int Options::*>>& intOptions()
{
    static const std::vector<std::pair<const char*, int Options::*>> table = {
        {"--port", &Options::port},
        {"--fake-listen-delay-ms", &Options::listenDelayMs},
        {"--fake-starting-ms", &Options::startingMs},
        {"--fake-retry-after-ms", &Options::retryAfterMs},
        {"--fake-crash-after-ms", &Options::crashAfterMs},
        {"--fake-handoff-restart-after-ms", &Options::handoffRestartAfterMs},
        {"--fake-exit-code", &Options::exitCode},
        {"--fake-tick-ms", &Options::tickMs},
        {"--fake-health-event-ms", &Options::healthEventMs},
        {"--fake-restart-delay-ms", &Options::restartDelayMs},
        {"--fake-active-tasks", &Options::activeTasks},
        {"--fake-handshake-timeout-ms", &Options::handshakeTimeoutMs},
        {"--fake-bind-retry-ms", &Options::bindRetryMs},
        {"--fake-auth-fail-delay-ms", &Options::authFailDelayMs},
        {"--fake-ping-ms", &Options::pingMs},
        {"--fake-exit-linger-ms", &Options::exitLingerMs},
    };
    return table;
}

const std::vector<std::pair<const char*, bool Options::*>>& boolOptions()
{
    static const std::vector<std::pair<const char*, bool Options::*>> table = {
        {"--disable-sigusr1", &Options::disableSigusr1},  {"--fake-exit-78", &Options::exit78},
        {"--fake-startup-trace", &Options::startupTrace}, {"--fake-ignore-sigterm", &Options::ignoreSigterm},
        {"--fake-grandchild", &Options::grandchild},      {"--fake-detached-helper", &Options::detachedHelper},
        {"--fake-no-challenge", &Options::noChallenge},   {"--fake-sleeper", &Options::sleeper},
    };
    return table;
}

// Returns an error message, or an empty string when the argument was consumed.
QString parseOne(const QStringList& args, int& i, Options& o)
{
    QString name = args.at(i);
    QString inlineValue;
    bool hasInline = false;
    if (name.startsWith(QLatin1String("--"))) {
        const int eq = name.indexOf(QLatin1Char('='));
        if (eq > 2) {
            inlineValue = name.mid(eq + 1);
            name = name.left(eq);
            hasInline = true;
        }
    }
    auto takeValue = [&](QString& out) -> bool {
        if (hasInline) {
            out = inlineValue;
            return true;
        }
        if (i + 1 >= args.size())
            return false;
        out = args.at(++i);
        return true;
    };

    if (!name.startsWith(QLatin1String("--"))) {
        // Positionals of `node --disable-sigusr1 <path>/openclaw.mjs gateway run ...`.
        if (name == QLatin1String("gateway") || name == QLatin1String("run") || name.endsWith(QLatin1String(".mjs")))
            return {};
        return QStringLiteral("unexpected argument '%1'").arg(name);
    }
    if (kIgnoredFlags.contains(name))
        return {};
    for (const auto& [flag, field] : boolOptions()) {
        if (name == QLatin1String(flag)) {
            if (hasInline)
                return QStringLiteral("option %1 takes no value").arg(name);
            o.*field = true;
            return {};
        }
    }
    QString value;
    for (const auto& [flag, field] : intOptions()) {
        if (name == QLatin1String(flag)) {
            if (!takeValue(value))
                return QStringLiteral("option %1 needs a value").arg(name);
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok || n < 0)
                return QStringLiteral("option %1: '%2' is not a non-negative integer").arg(name, value);
            o.*field = n;
            return {};
        }
    }
    if (name == QLatin1String("--fake-flood-bytes")) {
        if (!takeValue(value))
            return QStringLiteral("option %1 needs a value").arg(name);
        bool ok = false;
        o.floodBytes = value.toLongLong(&ok);
        return ok && o.floodBytes >= 0 ? QString() : QStringLiteral("option %1: bad size '%2'").arg(name, value);
    }
    if (name == QLatin1String("--bind")) {
        if (!takeValue(o.bind))
            return QStringLiteral("option --bind needs a value");
        return {};
    }
    if (name == QLatin1String("--token")) {
        QString token;
        if (!takeValue(token))
            return QStringLiteral("option --token needs a value");
        if (o.token.isEmpty())
            o.token = token; // the environment wins
        return {};
    }
    if (name == QLatin1String("--fake-crash-signal")) {
        if (!takeValue(value))
            return QStringLiteral("option %1 needs a value").arg(name);
        QString sig = value.toUpper();
        if (sig.startsWith(QLatin1String("SIG")))
            sig = sig.mid(3);
        static const QStringList known = {QStringLiteral("SEGV"), QStringLiteral("KILL"), QStringLiteral("ABRT"),
                                          QStringLiteral("TERM"), QStringLiteral("BUS"),  QStringLiteral("ILL")};
        if (!known.contains(sig))
            return QStringLiteral("option %1: unknown signal '%2' (SEGV, KILL, ABRT, TERM, BUS, ILL)").arg(name, value);
        o.crashSignal = sig;
        return {};
    }
    if (name == QLatin1String("--fake-stderr-line")) {
        if (!takeValue(value))
            return QStringLiteral("option %1 needs a value").arg(name);
        o.stderrLines.append(value);
        return {};
    }
    if (name == QLatin1String("--fake-helper-kind") || name == QLatin1String("--fake-parent-pid")) {
        if (!takeValue(value))
            return QStringLiteral("option %1 needs a value").arg(name);
        if (name == QLatin1String("--fake-helper-kind"))
            o.helperKind = value;
        return {};
    }
    return QStringLiteral("unknown option '%1'").arg(name);
}

} // namespace

ParsedOptions parseOptions(const QStringList& args)
{
    ParsedOptions result;
    Options& o = result.options;
    o.token = qEnvironmentVariable("OPENCLAW_GATEWAY_TOKEN");
    o.stateDir = qEnvironmentVariable("OPENCLAW_STATE_DIR");
    for (int i = 0; i < args.size(); ++i) {
        const QString error = parseOne(args, i, o);
        if (!error.isEmpty()) {
            result.error = error;
            return result;
        }
    }
    if (o.port > 65535) {
        result.error = QStringLiteral("--port %1 is out of range").arg(o.port);
        return result;
    }
    if (o.tickMs == 0 || o.healthEventMs == 0) {
        result.error = QStringLiteral("--fake-tick-ms and --fake-health-event-ms must be positive");
        return result;
    }
    if (o.token.isEmpty()) {
        // Like the real gateway: with no token it makes one up that nobody can learn.
        o.token = QUuid::createUuid().toString(QUuid::Id128);
    }
    result.ok = true;
    return result;
}

} // namespace fakegw
