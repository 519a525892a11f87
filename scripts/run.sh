#!/usr/bin/env bash
# One command: install what is missing, build, and run ClawTray supervising a local OpenClaw
# gateway. With a display it runs the tray app; without one (or with --headless) it runs headless.
# Arguments are passed to clawtray.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
bin="${CLAWTRAY_BUILD_DIR:-build}/app/clawtray"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [[ " $* " != *" --headless "* ]]; then
  set -- --headless "$@"
fi
exec "$bin" "$@"
