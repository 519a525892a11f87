#include "policy/ReloadPolicy.h"

#include <algorithm>
#include <cmath>

namespace clawtray {

namespace {

// Canonical names of the settings that end up on the gateway's command line or environment.
const QStringList& launchNames()
{
    static const QStringList names = {
        QStringLiteral("port"),      QStringLiteral("nodePath"),   QStringLiteral("openclawPath"),
        QStringLiteral("stateDir"),  QStringLiteral("configPath"), QStringLiteral("token"),
        QStringLiteral("extraArgs"), QStringLiteral("env"),
    };
    return names;
}

QString withNextStart(const QString& text)
{
    return text + QStringLiteral("; changes apply at next start");
}

} // namespace

ReloadPolicy::ReloadPolicy(const ReloadConfig& config)
    : m_config(config)
{
    m_config.debounceMs = std::clamp<qint64>(m_config.debounceMs, 0, kMaxDebounceMs);
}

ReloadPolicy::Decision ReloadPolicy::decide(const QStringList& changedKeys, const ReloadState& state) const
{
    Decision d;
    for (const QString& key : changedKeys) {
        if (isLaunchKey(key)) {
            d.launchKeys << key;
        }
    }
    if (m_config.mode == ReloadMode::Off) {
        d.appliesAtNextStart = true;
        d.explanation = withNextStart(QStringLiteral("Automatic reload is off"));
        d.whyNextStart = UserText(QT_TRANSLATE_NOOP("UserText", "automatic reload is off"));
        return d;
    }
    if (!state.running) {
        d.appliesAtNextStart = true;
        d.explanation = withNextStart(QStringLiteral("Gateway is not running"));
        d.whyNextStart = UserText(QT_TRANSLATE_NOOP("UserText", "gateway is not running"));
        return d;
    }
    if (!state.owned) {
        // Never stop, signal or restart a gateway someone else started (external gateways
        // are only ever reconnected to); its owner decides when the change takes effect.
        d.appliesAtNextStart = true;
        d.explanation = withNextStart(QStringLiteral("Gateway was started outside ClawTray"));
        d.whyNextStart = UserText(QT_TRANSLATE_NOOP("UserText", "gateway was started outside ClawTray"));
        return d;
    }
    if (m_config.mode == ReloadMode::Restart || !d.launchKeys.isEmpty()) {
        d.action = Action::RestartProcess;
        d.explanation = d.launchKeys.isEmpty()
                            ? QStringLiteral("Restarting the gateway process (reload mode is restart)")
                            : QStringLiteral("Restarting the gateway process (changed: %1)")
                                  .arg(d.launchKeys.join(QStringLiteral(", ")));
    } else if (state.rpcAvailable) {
        d.action = Action::RestartInProcessRpc;
        d.explanation = QStringLiteral("Restarting the gateway in-process via RPC");
    } else {
        d.action = Action::RestartInProcessSignal;
        d.explanation = QStringLiteral("Restarting the gateway in-process via SIGUSR2 (RPC unavailable)");
    }
    return d;
}

ReloadPolicy::ParseResult ReloadPolicy::parse(const QVariant& mode, const QVariant& debounceMs)
{
    ParseResult r;
    QStringList warnings;
    if (mode.isValid() && !mode.isNull()) {
        const QString m = mode.typeId() == QMetaType::QString ? mode.toString().trimmed().toLower() : QString();
        // hybrid/reload are the names older gateways and ClawX used for the same idea.
        if (m == QLatin1String("hot") || m == QLatin1String("hybrid") || m == QLatin1String("reload")) {
            r.config.mode = ReloadMode::Hot;
        } else if (m == QLatin1String("restart")) {
            r.config.mode = ReloadMode::Restart;
        } else if (m == QLatin1String("off")) {
            r.config.mode = ReloadMode::Off;
        } else {
            warnings << QStringLiteral("unknown reload mode \"%1\", using hot").arg(mode.toString());
        }
    }
    if (debounceMs.isValid() && !debounceMs.isNull()) {
        bool ok = false;
        double value = 0;
        const int type = debounceMs.typeId();
        if (type == QMetaType::QString || type == QMetaType::QByteArray) {
            value = debounceMs.toString().trimmed().toDouble(&ok);
        } else if (type != QMetaType::Bool) { // true is not a duration, though QVariant converts it
            value = debounceMs.toDouble(&ok);
        }
        if (!ok || !std::isfinite(value)) {
            warnings << QStringLiteral("invalid reload debounce \"%1\", using %2 ms")
                            .arg(debounceMs.toString())
                            .arg(kDefaultDebounceMs);
        } else {
            const qint64 clamped = static_cast<qint64>(std::llround(std::clamp(value, 0.0, double(kMaxDebounceMs))));
            if (value < 0 || value > kMaxDebounceMs) {
                warnings << QStringLiteral("reload debounce %1 ms out of range 0..%2, using %3 ms")
                                .arg(debounceMs.toString())
                                .arg(kMaxDebounceMs)
                                .arg(clamped);
            }
            r.config.debounceMs = clamped;
        }
    }
    r.warning = warnings.join(QStringLiteral("; "));
    return r;
}

ReloadPolicy::ParseResult ReloadPolicy::parseSection(const QVariantMap& section)
{
    return parse(section.value(QStringLiteral("mode")), section.value(QStringLiteral("debounceMs")));
}

QString ReloadPolicy::modeName(ReloadMode mode)
{
    switch (mode) {
    case ReloadMode::Hot:
        return QStringLiteral("hot");
    case ReloadMode::Restart:
        return QStringLiteral("restart");
    case ReloadMode::Off:
        return QStringLiteral("off");
    }
    return QStringLiteral("hot");
}

bool ReloadPolicy::isLaunchKey(const QString& key)
{
    QString k = key.trimmed();
    // Accept the key as stored under a "gateway" group ("gateway/port", "gateway.port").
    for (const QLatin1String prefix : {QLatin1String("gateway/"), QLatin1String("gateway.")}) {
        if (k.startsWith(prefix, Qt::CaseInsensitive)) {
            k = k.mid(prefix.size());
        }
    }
    for (const QString& name : launchNames()) {
        if (k.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    // env.HTTP_PROXY / env/HTTP_PROXY: one variable of the child's environment.
    return k.startsWith(QLatin1String("env."), Qt::CaseInsensitive) ||
           k.startsWith(QLatin1String("env/"), Qt::CaseInsensitive);
}

QStringList ReloadPolicy::launchKeyNames()
{
    return launchNames();
}

} // namespace clawtray
