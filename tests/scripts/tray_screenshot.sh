#!/usr/bin/env bash
# Runs the real clawtray-desktop under Xvfb with `trayer` as the tray host, waits until its tray
# icon has really docked, opens the tray menu and the main window, and saves PNG screenshots.
#
#   tray_screenshot.sh <build-dir> <out-dir>
#
# The gateway is the fake one (tests/support/fake_gateway) behind a two-line `node` wrapper, in
# isolated config/data/state/runtime dirs on a free port, so nothing of the user's is touched.
# Runs itself under a private D-Bus session with an unlocked gnome-keyring (the token goes to a
# real keychain) when that is available, like scripts/test.sh.
# CLAWTRAY_SCREENSHOT_GATEWAY=real runs the real OpenClaw gateway from the runtime dir
# ($CLAWTRAY_RUNTIME_DIR) instead (offline config, isolated state dir); CLAWTRAY_SCREENSHOT_LANG=zh_CN
# shows the desktop in Simplified Chinese; CLAWTRAY_SCREENSHOT_CONFIG=invalid (with the real gateway)
# gives it an openclaw.json without gateway.mode, so the pictures show the error state;
# CLAWTRAY_SCREENSHOT_UPDATE=1 (with the real gateway) runs OpenClaw 2026.9.5 from a runtime dir of its
# own (both releases linked in from the runtime dir, as `scripts/setup.sh --tests` installs them),
# offers 2026.9.6 from a loopback stand-in for the npm registry, and also saves update-offer.png,
# update-progress.png (while `ctl update` runs) and update-done.png. The README's screenshots are
# taken that way.
# Exit: 0 docked and screenshots saved; 1 failure (e.g. the icon did not dock); 77 a tool is
# missing (CTest reports "skipped").
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 <build-dir> <out-dir>" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
rm -f "$out"/{tray-docked,tray-icon-zoom,tray-menu,main-window,overview,update-offer,update-progress,update-done}.png

for tool in Xvfb trayer xdotool xwd convert xwininfo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed" >&2
        exit 77
    fi
done
desktop="$build/app/clawtray-desktop"
fake="$build/tests/support/fake_gateway"
for bin in "$desktop" "$fake"; do
    [[ -x $bin ]] || { echo "FAIL: $bin is not built" >&2; exit 1; }
done

# Everything this run creates lives here (removed at exit).
if [[ -z ${CLAWTRAY_SCREENSHOT_WORK:-} ]]; then
    CLAWTRAY_SCREENSHOT_WORK=$(mktemp -d "${TMPDIR:-/tmp}/clawtray-shot.XXXXXX")
    export CLAWTRAY_SCREENSHOT_WORK
fi
work=$CLAWTRAY_SCREENSHOT_WORK

# A private session bus with a fresh, unlocked keyring (its own XDG_DATA_HOME, so the user's
# keyrings are never opened), unless we already run inside it.
if [[ -z ${CLAWTRAY_SCREENSHOT_SESSION:-} ]] && command -v dbus-run-session >/dev/null \
    && command -v gnome-keyring-daemon >/dev/null; then
    export CLAWTRAY_SCREENSHOT_SESSION=1
    mkdir -p "$work/keyring-data"
    exec env XDG_DATA_HOME="$work/keyring-data" dbus-run-session -- bash -c \
        'echo -n clawtray-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec bash "$0" "$@"' \
        "$0" "$@"
fi
export CLAWTRAY_SCREENSHOT_SESSION=1
token_storage=file
[[ -n ${DBUS_SESSION_BUS_ADDRESS:-} ]] && command -v gnome-keyring-daemon >/dev/null && token_storage=keychain

pids=()
desktop_pid=
cleanup() {
    local rc=$?
    if [[ -n $desktop_pid ]] && kill -0 "$desktop_pid" 2>/dev/null; then
        kill -TERM "$desktop_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$desktop_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$desktop_pid" 2>/dev/null || true
    fi
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ $rc -ne 0 && -f $work/desktop.log ]]; then
        echo "---- clawtray-desktop log (last 60 lines) ----" >&2
        tail -n 60 "$work/desktop.log" >&2
    fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT

# wait_for <seconds> <command...>: polls until the command succeeds.
wait_for() {
    local limit=$(($1 * 10)); shift
    for ((n = 0; n < limit; n++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    return 1
}

# --- X server on a free display (Xvfb picks it and tells us through -displayfd) ---------------
exec {dfd}<> <(:)
Xvfb -displayfd "$dfd" -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
pids+=($!)
display_no=
for _ in $(seq 1 100); do
    if read -r -t 0.1 -u "$dfd" display_no && [[ -n $display_no ]]; then break; fi
done
[[ -n $display_no ]] || { echo "FAIL: Xvfb did not start" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$display_no"
wait_for 30 xwininfo -root || { echo "FAIL: display $DISPLAY does not answer" >&2; exit 1; }
echo "Xvfb on $DISPLAY"

# --- an isolated ClawTray with the fake gateway -----------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/config" "$work/data" "$work/state" "$work/run" "$work/xdg" "$work/openclaw"
chmod 700 "$work/config" "$work/data" "$work/run"
: >"$work/openclaw/openclaw.mjs"
echo '{"name":"openclaw","version":"0.0.0-fake"}' >"$work/openclaw/package.json"
cat >"$work/node" <<WRAPPER
#!/bin/sh
# Stands in for Node: answers the version check, otherwise becomes the fake gateway.
if [ "\$1" = "--version" ]; then echo v24.16.0; exit 0; fi
exec "$fake" "\$@"
WRAPPER
chmod +x "$work/node"
node_path=$work/node openclaw_dir=$work/openclaw running_within=30
if [[ ${CLAWTRAY_SCREENSHOT_GATEWAY:-fake} == real ]]; then
    runtime=${CLAWTRAY_RUNTIME_DIR:-$HOME/.local/share/clawtray/runtime} # (XDG_DATA_HOME is the keyring's here)
    node_path=$runtime/node_modules/node/bin/node openclaw_dir=$runtime/node_modules/openclaw running_within=120
    [[ -x $node_path && -f $openclaw_dir/openclaw.mjs ]] || { echo "SKIP: no gateway runtime in $runtime" >&2; exit 77; }
    # Offline: no update check, no hosted model catalog; loopback only.
    gateway_json='"gateway":{"mode":"local"},'
    [[ ${CLAWTRAY_SCREENSHOT_CONFIG:-} == invalid ]] && gateway_json= # the gateway refuses to start
    echo "{${gateway_json}\"update\":{\"checkOnStart\":false},\"models\":{\"catalogRefresh\":{\"enabled\":false}}}" \
        >"$work/state/openclaw.json"
fi
runtime_args=()
if [[ ${CLAWTRAY_SCREENSHOT_UPDATE:-0} == 1 ]]; then
    [[ ${CLAWTRAY_SCREENSHOT_GATEWAY:-fake} == real ]] || { echo "FAIL: CLAWTRAY_SCREENSHOT_UPDATE needs CLAWTRAY_SCREENSHOT_GATEWAY=real" >&2; exit 1; }
    for v in 2026.9.5 2026.9.6; do
        [[ -f $runtime/openclaw/$v/node_modules/openclaw/openclaw.mjs ]] || { echo "SKIP: OpenClaw $v is not in $runtime (scripts/setup.sh --tests)" >&2; exit 77; }
        mkdir -p "$work/rt/openclaw"
        ln -s "$(readlink -f "$runtime/openclaw/$v")" "$work/rt/openclaw/$v"
    done
    ln -s openclaw/2026.9.5 "$work/rt/current"
    node_path= openclaw_dir= # auto-detected in the runtime dir: ClawTray's to update
    runtime_args=(--runtime-dir "$work/rt")
    # The npm registry, played on loopback: it names 2026.9.6 as the newest stable release.
    registry_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$work/registry.py" <<'PY'
import http.server, json, sys
body = json.dumps({"name": "openclaw", "dist-tags": {"latest": "2026.9.6"},
                   "versions": {"2026.9.6": {"name": "openclaw", "version": "2026.9.6"}}}).encode()
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path.startswith("/openclaw") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
    /usr/bin/python3 "$work/registry.py" "$registry_port" &
    pids+=($!)
    export npm_config_registry="http://127.0.0.1:$registry_port/"
fi
cat >"$work/config/clawtray.ini" <<INI
[meta]
schemaVersion=1

[runtime]
nodePath=$node_path
openclawDir=$openclaw_dir
port=$port

[secrets]
tokenStorage=$token_storage

[behaviour]
startGatewayOnLaunch=true
startMinimized=true
language=${CLAWTRAY_SCREENSHOT_LANG:-en}
INI

export XDG_RUNTIME_DIR="$work/run" XDG_CONFIG_HOME="$work/xdg" CLAWTRAY_CONTROL_SOCKET="$work/run/ctl.sock"
export QT_QPA_PLATFORM=xcb
unset WAYLAND_DISPLAY
"$desktop" --config-dir "$work/config" --data-dir "$work/data" --state-dir "$work/state" --port "$port" \
    "${runtime_args[@]}" --log-level debug >"$work/desktop.log" 2>&1 &
desktop_pid=$!
echo "clawtray-desktop pid $desktop_pid, gateway port $port, token storage $token_storage"

# --- the tray host, started after the app ------------------------------------------------------
# At login the tray host often comes up after ClawTray: the app must keep its window open and
# attach to the tray once it appears. So the app starts first, and finds no tray.
log_has() { grep -q -- "$1" "$work/desktop.log"; }
wait_for 30 log_has "no system tray yet" || { echo "FAIL: the app did not notice that there is no tray" >&2; exit 1; }
main_window() { xdotool search --onlyvisible --name '^ClawTray$' 2>/dev/null | head -n 1; }
main_window_shown() { [[ -n $(main_window) ]]; }
# Minimized is requested, but without a tray the window is the only way in: it must be shown.
wait_for 30 main_window_shown || { echo "FAIL: no tray, and the main window is not visible either" >&2; exit 1; }
trayer --edge bottom --align right --widthtype request --height 32 --iconspacing 4 \
    --SetDockType true --SetPartialStrut true --transparent false --tint 0x2e3440 >"$work/trayer.log" 2>&1 &
pids+=($!)
# trayer's panel: the top-level window named "panel" of class "trayer".
trayer_window() { xwininfo -root -children 2>/dev/null | awk '/"panel": \("panel" "trayer"\)/ {print $1; exit}'; }
trayer_ready() { [[ -n $(trayer_window) ]]; }
wait_for 30 trayer_ready || { echo "FAIL: trayer did not start" >&2; cat "$work/trayer.log" >&2; exit 1; }
panel=$(trayer_window)
echo "trayer panel window $panel"

wait_for 30 log_has "tray icon attached to the system tray" || { echo "FAIL: the app never saw a system tray" >&2; exit 1; }
gateway_running() {
    log_has "gateway state: starting -> running" && return 0
    [[ ${CLAWTRAY_SCREENSHOT_CONFIG:-} == invalid ]] && log_has "gateway state: starting -> error" && return 0
    log_has "cannot manage the gateway" && { echo "FAIL: the app could not prepare the gateway" >&2; exit 1; }
    return 1
}
wait_for "$running_within" gateway_running || { echo "FAIL: the gateway did not reach running" >&2; exit 1; }

# The icon has docked when one of our windows (class "clawtray-desktop") is inside trayer's
# panel (XEmbed reparents it there) and is viewable.
docked_icon() {
    local id
    id=$(xwininfo -tree -id "$panel" 2>/dev/null | awk '/"clawtray-desktop"/ {print $1; exit}')
    [[ -n $id ]] || return 1
    xwininfo -id "$id" 2>/dev/null | awk -v id="$id" '
        /Absolute upper-left X/ {x=$4} /Absolute upper-left Y/ {y=$4}
        /Width:/ {w=$2} /Height:/ {h=$2} /Map State: IsViewable/ {v=1}
        END { if (v && w > 0 && h > 0) { print id, x, y, w, h } else { exit 1 } }'
}
if ! wait_for 20 docked_icon; then
    echo "FAIL: the tray icon did not dock into trayer" >&2
    xwininfo -root -tree >&2 || true
    exit 1
fi
docked=$(docked_icon)
read -r icon_id icon_x icon_y icon_w icon_h <<<"$docked"
echo "tray icon docked: window $icon_id at ${icon_x},${icon_y} size ${icon_w}x${icon_h}"

shot() { # shot <name> [window id]
    local target=(-root)
    [[ -n ${2:-} ]] && target=(-id "$2")
    xwd -silent "${target[@]}" | convert xwd:- "png:$out/$1.png"
    echo "saved $out/$1.png"
}
sleep 0.5 # let the icon paint its first frame
shot tray-docked
# The icon and its surroundings, enlarged, to check it is readable at tray size.
crop_x=$((icon_x > 16 ? icon_x - 16 : 0)) crop_y=$((icon_y > 8 ? icon_y - 8 : 0))
convert "$out/tray-docked.png" -crop "$((icon_w + 24))x$((icon_h + 16))+${crop_x}+${crop_y}" +repage \
    -filter point -resize 800% "png:$out/tray-icon-zoom.png"

# Started minimized: the window was shown only while there was no tray, and hidden once the icon
# docked.
if main_window_shown; then
    echo "FAIL: started minimized, but the main window is visible" >&2
    exit 1
fi

# --- the tray menu (right click on the icon) --------------------------------------------------
cx=$((icon_x + icon_w / 2)) cy=$((icon_y + icon_h / 2))
xdotool mousemove "$cx" "$cy" click 3
# The menu is a viewable top-level override-redirect window of ours (class clawtray-desktop)
# larger than an icon.
menu_shown() {
    local id
    for id in $(xwininfo -root -children | awk '/"clawtray-desktop"/ {print $1}'); do
        xwininfo -id "$id" | awk '/Map State: IsViewable/ {v=1} /Override Redirect State: yes/ {o=1} /Width:/ {w=$2}
            END { exit !(v && o && w > 60) }' && return 0
    done
    return 1
}
wait_for 30 menu_shown || { echo "FAIL: the tray menu did not open" >&2; exit 1; }
sleep 0.5
shot tray-menu
xdotool key Escape
sleep 0.3

# --- the main window (left click on the icon shows it) ----------------------------------------
xdotool mousemove "$cx" "$cy" click 1
wait_for 30 main_window_shown || { echo "FAIL: the main window did not appear" >&2; exit 1; }
sleep 1
shot main-window "$(main_window)"

# --- both at once: the window and the tray menu (the picture for the README) -------------------
xdotool mousemove "$cx" "$cy" click 3
wait_for 30 menu_shown || { echo "FAIL: the tray menu did not open over the window" >&2; exit 1; }
sleep 0.5
shot overview
xdotool key Escape

# --- an OpenClaw update, as the window shows it ----------------------------------------------
if [[ ${CLAWTRAY_SCREENSHOT_UPDATE:-0} == 1 ]]; then
    "$build/app/clawtray" ctl update --check >/dev/null
    sleep 1
    shot update-offer "$(main_window)"
    "$build/app/clawtray" ctl update --to 2026.9.6 >"$work/update.log" 2>&1 &
    update_pid=$!
    wait_for 60 log_has "update: Checking that OpenClaw 2026.9.6 can use the state database" ||
        { echo "FAIL: the update did not get to its preflight" >&2; exit 1; }
    shot update-progress "$(main_window)"
    wait "$update_pid" || { echo "FAIL: ctl update failed" >&2; cat "$work/update.log" >&2; exit 1; }
    sleep 1
    shot update-done "$(main_window)"
fi

# --- quit cleanly: the owned gateway must be gone afterwards -----------------------------------
gateway_pid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("pid", ""))' "$work/data/gateway.lease" 2>/dev/null || true)
kill -TERM "$desktop_pid"
wait_for 30 bash -c "! kill -0 $desktop_pid" || { echo "FAIL: clawtray-desktop did not quit" >&2; exit 1; }
rc=0; wait "$desktop_pid" || rc=$?
desktop_pid=
[[ $rc -eq 0 ]] || { echo "FAIL: clawtray-desktop exited with $rc" >&2; exit 1; }
if [[ -n $gateway_pid ]] && kill -0 "$gateway_pid" 2>/dev/null; then
    echo "FAIL: the gateway (pid $gateway_pid) survived the quit" >&2
    exit 1
fi
echo "OK: icon docked, screenshots in $out"
