#pragma once

#include <QString>

namespace clawtray {

// OpenClaw's versions: "2026.9.6", "2026.10.1", pre-releases "2026.9.1-beta.1" (before their
// release). True when `a` is a later version than `b`.
bool versionIsNewer(const QString& a, const QString& b);

} // namespace clawtray
