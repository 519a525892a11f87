#pragma once

namespace clawtray {

// `clawtray service install|uninstall|status`: the headless ClawTray as a systemd user service.
int runService(int argc, char** argv);

} // namespace clawtray
