#!/usr/bin/env bash
# Idle cost of two builds of ClawTray, measured in one run, round by round (A, B, B, A, A, B, ...)
# so that the machine's drift hits both alike. The same bench_idle and the same fake gateway (those of
# build B) drive both; only the ClawTray binary differs.
#
#   bench/idle_ab.sh [--rounds N] [--seconds S] [--settle S] [--headless] [--nice N] [--out FILE] BUILD_A BUILD_B
#
# Prints one JSON object: per build the per-round CPU ms/min and RSS, their median, and the ratio B/A.
set -euo pipefail

rounds=4 seconds=60 settle=10 headless=0 nice_n="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --headless) headless=1; shift ;;
    --nice) nice_n="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    -*) echo "idle_ab.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] || { echo "usage: idle_ab.sh [options] BUILD_A BUILD_B" >&2; exit 2; }
build_a="$(cd "$1" && pwd)" build_b="$(cd "$2" && pwd)"
app=clawtray-desktop
[ "$headless" = 1 ] && app=clawtray
for b in "$build_a" "$build_b"; do
  [ -x "$b/app/$app" ] || { echo "idle_ab.sh: no $b/app/$app" >&2; exit 2; }
done
bench="$build_b/bench/bench_idle"
[ -x "$bench" ] || { echo "idle_ab.sh: no $bench (build B needs the bench targets)" >&2; exit 2; }
export CLAWTRAY_FAKE_GATEWAY="$build_b/tests/support/fake_gateway"

work="$(mktemp -d "${TMPDIR:-/tmp}/clawtray-idle-ab.XXXXXX")"
xvfb_pid="" tray_pid=""
cleanup() {
  [ -n "$tray_pid" ] && kill "$tray_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

extra=()
if [ "$headless" = 0 ]; then
  display=""
  for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
  done
  [ -n "$display" ] || { echo "idle_ab.sh: no free X display" >&2; exit 1; }
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  command -v trayer >/dev/null || { echo "idle_ab.sh: trayer is not installed (scripts/setup.sh --tests)" >&2; exit 1; }
  DISPLAY="$display" trayer --edge top --align right --widthtype request --height 24 >/dev/null 2>&1 &
  tray_pid=$!
  export DISPLAY="$display" QT_QPA_PLATFORM=xcb
  extra=(--desktop --minimized)
fi
prefix=()
[ -n "$nice_n" ] && prefix=(nice -n "$nice_n")

cat /proc/loadavg > "$work/loadavg.start"
i=0
for r in $(seq "$rounds"); do
  # ABBA order: each build goes first in every other round.
  if [ $((r % 2)) = 1 ]; then order="a b"; else order="b a"; fi
  for which in $order; do
    i=$((i + 1))
    b="$build_a"; [ "$which" = b ] && b="$build_b"
    echo "== round $r build $which ($b)" >&2
    "${prefix[@]}" "$bench" "${extra[@]}" --binary "$b/app/$app" --seconds "$seconds" --settle "$settle" \
      > "$work/$i-$which.json" 2> "$work/$i-$which.log" || true
  done
done
cat /proc/loadavg > "$work/loadavg.end"

/usr/bin/python3 - "$work" "$build_a" "$build_b" "$app" "$rounds" "$seconds" "$settle" > "$work/result.json" <<'EOF'
import json, os, statistics, sys
work, build_a, build_b, app, rounds, seconds, settle = sys.argv[1:]
runs = {"a": [], "b": []}
for name in sorted(os.listdir(work), key=lambda n: (len(n), n)):
    if not name.endswith(".json") or name == "result.json":
        continue
    which = name.split("-")[1][0]
    try:
        j = json.load(open(os.path.join(work, name)))
    except ValueError:
        j = {"error": open(os.path.join(work, name[:-5] + ".log")).read()[-400:]}
    runs[which].append(j)
def summary(build, rs):
    cpu = [r["cpu_ms_per_min"] for r in rs if "cpu_ms_per_min" in r]
    rss = [r["rss_mib"]["median"] for r in rs if "rss_mib" in r]
    return {"build": build, "cpu_ms_per_min": cpu,
            "cpu_ms_per_min_median": round(statistics.median(cpu), 2) if cpu else None,
            "rss_mib_median": round(statistics.median(rss), 2) if rss else None,
            "errors": [r["error"] for r in rs if "error" in r]}
a, b = summary(build_a, runs["a"]), summary(build_b, runs["b"])
ratio = None
if a["cpu_ms_per_min_median"] and b["cpu_ms_per_min_median"] is not None:
    ratio = round(b["cpu_ms_per_min_median"] / a["cpu_ms_per_min_median"], 3)
rss_ratio = None
if a["rss_mib_median"] and b["rss_mib_median"] is not None:
    rss_ratio = round(b["rss_mib_median"] / a["rss_mib_median"], 3)
print(json.dumps({
    "benchmark": "idle A/B, alternating rounds (ABBA)", "binary": app,
    "rounds": int(rounds), "seconds_per_round": int(seconds), "settle_s": int(settle),
    "loadavg_start": open(os.path.join(work, "loadavg.start")).read().split()[:3],
    "loadavg_end": open(os.path.join(work, "loadavg.end")).read().split()[:3],
    "a": a, "b": b, "cpu_ratio_b_over_a": ratio, "rss_ratio_b_over_a": rss_ratio}, indent=2))
EOF
if [ -n "$out" ]; then
  mkdir -p "$(dirname "$out")"
  cp "$work/result.json" "$out"
fi
cat "$work/result.json"
