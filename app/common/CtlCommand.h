#pragma once

namespace clawtray {

// `clawtray ctl <command> [options]`: controls a running ClawTray (headless or desktop) over its
// control socket. Exit codes: 0 ok, 1 operation failed, 2 usage, 3 no running ClawTray.
int runCtl(int argc, char** argv);

} // namespace clawtray
