#!/usr/bin/env bash
# Builds the .deb from a configured and built ClawTray build dir, lists it, validates its desktop
# entry and AppStream metainfo, unpacks it into a temporary root with `dpkg -x` and checks that
# the expected files are there (and that the gateway runtime is not).
#   usage: tests/scripts/package_check.sh <build-dir>
set -uo pipefail

build_dir="${1:?usage: package_check.sh <build-dir>}"
build_dir="$(cd "$build_dir" && pwd)" || exit 2
[ -f "$build_dir/CPackConfig.cmake" ] || { echo "package_check: $build_dir has no CPackConfig.cmake (configure it first)" >&2; exit 2; }
for tool in cpack dpkg-deb dpkg desktop-file-validate appstreamcli readelf; do
  command -v "$tool" >/dev/null || { echo "package_check: '$tool' is missing (scripts/setup.sh installs it)" >&2; exit 2; }
done

failures=0
fail() { echo "package_check: FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "package_check: ok: $*"; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# What the package installs must be built; the desktop app only when this build has it.
targets=(clawtray)
all_targets="$(cmake --build "$build_dir" --target help 2>/dev/null || true)"
grep -qE '(^|[ .:])clawtray-desktop(:|$| )' <<<"$all_targets" && targets+=(clawtray-desktop)
cmake --build "$build_dir" --target "${targets[@]}" >/dev/null || { echo "package_check: build failed" >&2; exit 1; }

echo "package_check: cpack -G DEB"
(cd "$tmp" && cpack -G DEB -B "$tmp/out" --config "$build_dir/CPackConfig.cmake") >"$tmp/cpack.log" 2>&1 || {
  cat "$tmp/cpack.log" >&2
  echo "package_check: cpack failed" >&2
  exit 1
}
shopt -s nullglob
debs=("$tmp"/out/*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "package_check: expected one .deb, got ${#debs[@]}" >&2; exit 1; }
deb="${debs[0]}"
echo "package_check: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

dpkg-deb -I "$deb"
echo "package_check: contents"
dpkg-deb -c "$deb" | tee "$tmp/contents.txt"

info="$(dpkg-deb -f "$deb" Package Version Depends Description)"
version="$(dpkg-deb -f "$deb" Version)"
[ "$(dpkg-deb -f "$deb" Package)" = clawtray ] && ok "package name clawtray" || fail "package name is not clawtray"
grep -q 'libqt6core6' <<<"$info" && ok "Depends from dpkg-shlibdeps" || fail "Depends lacks libqt6core6 (shlibdeps did not run?)"
grep -q 'NOT included' <<<"$info" && grep -q 'clawtray-install-runtime' <<<"$info" \
  && ok "description explains the runtime is not bundled" || fail "description does not explain how to get the runtime"
if grep -qE 'node_modules|openclaw\.mjs|/bin/node$' "$tmp/contents.txt"; then
  fail "the package bundles (part of) the gateway runtime"
else
  ok "no gateway runtime in the package"
fi
installed_kb="$(dpkg-deb -f "$deb" Installed-Size)"
[ "${installed_kb:-0}" -lt 51200 ] && ok "installed size ${installed_kb} KiB" || fail "installed size ${installed_kb} KiB is suspiciously large"

root="$tmp/root"
dpkg -x "$deb" "$root"
expect=(
  usr/bin/clawtray
  usr/bin/clawtray-install-runtime
  usr/lib/systemd/user/clawtray.service
  usr/share/applications/clawtray.desktop
  usr/share/metainfo/dev.clawtray.ClawTray.metainfo.xml
  usr/share/icons/hicolor/scalable/apps/clawtray.svg
)
[[ " ${targets[*]} " == *" clawtray-desktop "* ]] && expect+=(usr/bin/clawtray-desktop)
for f in "${expect[@]}"; do
  [ -f "$root/$f" ] && ok "$f" || fail "$f is missing"
done
status_icons=("$root"/usr/share/icons/hicolor/scalable/status/*.svg)
[ ${#status_icons[@]} -gt 0 ] && ok "${#status_icons[@]} status icons" || fail "no status icons under share/icons/hicolor/scalable/status"
for f in usr/bin/clawtray usr/bin/clawtray-install-runtime; do
  [ -x "$root/$f" ] || fail "$f is not executable"
done

desktop-file-validate "$root/usr/share/applications/clawtray.desktop" && ok "desktop-file-validate" || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/dev.clawtray.ClawTray.metainfo.xml" && ok "appstreamcli validate --no-net" \
  || fail "appstreamcli validate --no-net"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/dev.clawtray.ClawTray.metainfo.xml" \
  && ok "metainfo lists release $version" || fail "metainfo has no <release version=\"$version\"> (update installer/*.metainfo.xml)"

unit="$root/usr/lib/systemd/user/clawtray.service"
grep -qx 'ExecStart=/usr/bin/clawtray --headless' "$unit" && ok "unit ExecStart" || fail "unit ExecStart is not /usr/bin/clawtray --headless"
grep -qx 'KillMode=mixed' "$unit" && grep -qx 'TimeoutStopSec=20' "$unit" && grep -qx 'Restart=on-failure' "$unit" \
  && ok "unit stop/restart policy" || fail "unit lacks KillMode=mixed / TimeoutStopSec=20 / Restart=on-failure"
grep -qx 'Type=notify' "$unit" && grep -qx 'NotifyAccess=main' "$unit" && grep -q '^WatchdogSec=' "$unit" \
  && ok "unit readiness and watchdog" || fail "unit lacks Type=notify / NotifyAccess=main / WatchdogSec="
if command -v systemd-analyze >/dev/null; then
  # verify wants ExecStart to exist: point it at the unpacked binary.
  mkdir -p "$tmp/unit" && sed "s#^ExecStart=/usr/bin/#ExecStart=$root/usr/bin/#" "$unit" >"$tmp/unit/clawtray.service"
  systemd-analyze verify "$tmp/unit/clawtray.service" && ok "systemd-analyze verify" || fail "systemd-analyze verify"
fi

# The headless binary must not pull in QtGui/QtWidgets, and the unpacked binaries must run.
needed="$(readelf -d "$root/usr/bin/clawtray")"
if grep -E 'NEEDED.*libQt6(Gui|Widgets)' <<<"$needed"; then
  fail "usr/bin/clawtray links QtGui/QtWidgets"
else
  ok "usr/bin/clawtray needs no QtGui/QtWidgets"
fi
# (Outputs captured first: `cmd | grep -q` under pipefail fails when grep stops reading early.)
out="$("$root/usr/bin/clawtray" --version 2>&1)"
grep -q "$version" <<<"$out" && ok "clawtray --version" || fail "unpacked clawtray --version: $out"
out="$("$root/usr/bin/clawtray" ctl --help 2>&1)"
grep -q 'Exit codes' <<<"$out" && ok "clawtray ctl --help" || fail "unpacked clawtray ctl --help"
out="$("$root/usr/bin/clawtray-install-runtime" --help 2>&1)"
grep -q 'openclaw' <<<"$out" && ok "clawtray-install-runtime --help" || fail "clawtray-install-runtime --help: $out"

if [ "$failures" -gt 0 ]; then
  echo "package_check: $failures check(s) failed" >&2
  exit 1
fi
echo "package_check: all checks passed"
