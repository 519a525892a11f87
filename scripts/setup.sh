#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test ClawTray:
# the apt packages and the real OpenClaw gateway runtime (Node 24 + openclaw, both
# from the npm registry). Idempotent: a second run checks versions and returns quickly.
# --tests also installs what only the test suite needs (a headless Chromium that opens the
# Control UI's pairing link like a user's browser would).
set -euo pipefail
with_tests=0
[ "${1:-}" = "--tests" ] && with_tests=1

NODE_VERSION="24.21.0"
OPENCLAW_VERSION="2026.9.6"
RUNTIME_DIR="${CLAWTRAY_RUNTIME_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/clawtray/runtime}"

say() { printf 'setup: %s\n' "$*" >&2; }

APT_PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-svg-dev libqt6svg6
  qtkeychain-qt6-dev libspdlog-dev libssl-dev openssl
  # translations: lupdate/lrelease and CMake's Qt6LinguistTools; Qt's own zh_CN words (Cancel, OK)
  qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  # tests: display, tray host, keychain, screenshots, packaging checks, fuzzing
  xvfb xauth trayer x11-utils x11-apps xdotool imagemagick
  dbus dbus-x11 gnome-keyring libsecret-tools
  desktop-file-utils appstream dpkg-dev file procps iproute2 psmisc
  clang-14 libclang-rt-14-dev
)
# chromium: the Control UI's pairing link opened like a user's browser would; a CJK font so the
# Simplified Chinese screenshots show characters, not boxes.
((with_tests)) && APT_PACKAGES+=(chromium-headless-shell fonts-wqy-microhei)
# Only the npm client is needed from the system (to fetch the pinned Node 24 and openclaw);
# a machine that already has one (e.g. from another Node distribution) keeps it.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  say "installing apt packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The gateway runtime. npm ships a real Node 24 binary inside the node@24 package; openclaw's
# install scripts insist on Node 24, so the second step runs with that Node first on PATH.
node_bin="$RUNTIME_DIR/node_modules/node/bin/node"
npm_quiet=(--prefix "$RUNTIME_DIR" --no-audit --no-fund --loglevel=error --save-exact)
mkdir -p "$RUNTIME_DIR"
[ -f "$RUNTIME_DIR/package.json" ] || echo '{"name":"clawtray-runtime","private":true}' > "$RUNTIME_DIR/package.json"

have_node=""
[ -x "$node_bin" ] && have_node="$("$node_bin" --version 2>/dev/null || true)"
if [ "$have_node" != "v$NODE_VERSION" ]; then
  say "installing node@$NODE_VERSION into $RUNTIME_DIR"
  npm install "${npm_quiet[@]}" "node@$NODE_VERSION" >&2
  have_node="$("$node_bin" --version 2>/dev/null || true)"
  [ "$have_node" = "v$NODE_VERSION" ] || { say "node@$NODE_VERSION did not install (got '${have_node}')"; exit 1; }
fi

pkg="$RUNTIME_DIR/node_modules/openclaw/package.json"
have_claw=""
[ -f "$pkg" ] && have_claw="$("$node_bin" -p "require(process.argv[1]).version" "$pkg" 2>/dev/null || true)"
if [ "$have_claw" != "$OPENCLAW_VERSION" ] || [ ! -f "$RUNTIME_DIR/node_modules/openclaw/openclaw.mjs" ]; then
  say "installing openclaw@$OPENCLAW_VERSION into $RUNTIME_DIR (about 600 MB; a few minutes)"
  PATH="$(dirname "$(readlink -f "$node_bin")"):$PATH" \
    npm install "${npm_quiet[@]}" "openclaw@$OPENCLAW_VERSION" >&2
  [ -f "$RUNTIME_DIR/node_modules/openclaw/openclaw.mjs" ] || { say "openclaw.mjs missing after install"; exit 1; }
fi
exit 0
