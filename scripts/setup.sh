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
# Tests only: the release before the pinned one, installed beside it (not activated), so the update
# e2e test goes from a real published version to the next and back.
OPENCLAW_PREVIOUS_VERSION="2026.9.5"
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

# The gateway runtime: the same installer the package ships (installer/clawtray-install-runtime.in),
# with this file's pins; it installs into <runtime>/openclaw/<version>/ and moves an install in the
# older single-prefix layout there.
CLAWTRAY_PIN_NODE_VERSION="$NODE_VERSION" CLAWTRAY_PIN_OPENCLAW_VERSION="$OPENCLAW_VERSION" \
  CLAWTRAY_RUNTIME_DIR="$RUNTIME_DIR" bash "$(dirname "$0")/../installer/clawtray-install-runtime.in"
if ((with_tests)); then
  CLAWTRAY_PIN_NODE_VERSION="$NODE_VERSION" CLAWTRAY_PIN_OPENCLAW_VERSION="$OPENCLAW_PREVIOUS_VERSION" \
    CLAWTRAY_RUNTIME_DIR="$RUNTIME_DIR" bash "$(dirname "$0")/../installer/clawtray-install-runtime.in"
fi
