#pragma once

#include <QStringList>

namespace fakegw {

// What the real gateway lists in hello-ok.features (captured from openclaw 2026.9.6).
const QStringList& realMethodNames();
const QStringList& realEventNames();
const QStringList& realCapabilities();

} // namespace fakegw
