#pragma once

#include "AppContext.h"

namespace clawtray {

// `clawtray --headless`: the core under QCoreApplication (no QtGui, no QtWidgets), logging to
// stderr and the log file, controlled by signals and `clawtray ctl`.
int runHeadless(int argc, char** argv, const AppOptions& options);

} // namespace clawtray
