#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace clawtray {

// What of the gateway's periodic `health` snapshot can change its readiness: per channel and
// account whether it is configured, enabled, running, connected or linked and its last error; the
// plugins that failed to load; the config reload and model runtime state. Timestamps, durations,
// probe timings and counters are left out, so two snapshots of an unchanged gateway give the same
// digest and a channel that drops gives a different one. An empty payload gives an empty digest.
QByteArray healthReadinessDigest(const QJsonObject& health);

} // namespace clawtray
