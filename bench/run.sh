#!/usr/bin/env bash
# Runs every ClawTray benchmark (issue 7, "Benchmarks") and prints ONE JSON document on stdout:
# the machine, each benchmark's runs/median/p95 and raw figures, and every target with pass/fail.
# Progress goes to stderr. Builds nothing: point it at a build dir that has the benchmarks built
# (RelWithDebInfo or Release):
#   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
#   cmake --build build-bench --target benchmarks
#   bench/run.sh [--quick] [--real] [--out FILE] [BUILD_DIR]      (or CLAWTRAY_BUILD_DIR=...)
#
#   --quick   shorter runs (about 4 minutes instead of about 12)
#   --real    also the real OpenClaw gateway (idle, crash recovery, stop) from
#             ${CLAWTRAY_RUNTIME_DIR:-~/.local/share/clawtray/runtime}; adds a few minutes
#   --out F   also write the JSON to F (e.g. docs/bench/results.json)
#   --only L  comma-separated subset: idle,recovery,hang,rpc,approval,stop,endurance
#   --nice N  run the benchmarks under `nice -n N` (a negative N needs root): on a machine shared
#             with builds it keeps their CPU use from dominating millisecond timings
#   --peers   also ClawTray side by side with runit, s6, supervisord and pm2 on the same child in the
#             same run (bench/peers/respawn.py; install the peers first: bench/peers/setup.sh), and
#             their reliability figures (bench/peers/reliability.py, ~10 min; --quick ~6 min), also
#             written to docs/bench/peers-reliability.json
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
quick=0
real=0
out=""
only="idle,recovery,hang,rpc,approval,stop,endurance"
nice_n=""
build="${CLAWTRAY_BUILD_DIR:-}"
orig_args="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --real) real=1 ;;
    --out) out="$2"; shift ;;
    --only) only="$2"; shift ;;
    --nice) nice_n="$2"; shift ;;
    --peers) only="$only,peers" ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) build="$1" ;;
  esac
  shift
done
if [ -z "$build" ]; then
  echo "run.sh: give the build dir as an argument or in CLAWTRAY_BUILD_DIR" >&2
  exit 2
fi
build="$(cd "$build" && pwd)"
for b in bench_idle bench_recovery bench_hang bench_rpc bench_stop bench_endurance; do
  if [ ! -x "$build/bench/$b" ]; then
    echo "run.sh: $build/bench/$b is missing; build it first: cmake --build $build --target benchmarks" >&2
    exit 2
  fi
done
[ -x "$build/tests/support/fake_gateway" ] || { echo "run.sh: the fake gateway is not built in $build" >&2; exit 2; }

runtime="${CLAWTRAY_RUNTIME_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/clawtray/runtime}"
export CLAWTRAY_FAKE_GATEWAY="$build/tests/support/fake_gateway"
export CLAWTRAY_TEST_RUNTIME_DIR="$runtime"
export CLAWTRAY_RUNTIME_DIR="$runtime"
export CLAWTRAY_SOURCE_DIR="$src"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

work="$(mktemp -d "${TMPDIR:-/tmp}/clawtray-bench.XXXXXX")"
xvfb_pid=""
tray_pid=""
cleanup() {
  [ -n "$tray_pid" ] && kill "$tray_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$quick" = 1 ]; then
  idle_s=15; settle_s=5; rec_cycles=15; hang_cycles=3; rpc_total=20000; rpc_rounds=1
  stop_runs=10; end_restarts=100; end_calls=10000; real_cycles=2; real_stops=3; appr_rounds=50
else
  idle_s=60; settle_s=10; rec_cycles=50; hang_cycles=10; rpc_total=50000; rpc_rounds=3
  stop_runs=30; end_restarts=1000; end_calls=100000; real_cycles=3; real_stops=5; appr_rounds=200
fi
real_flag=()
[ "$real" = 1 ] && real_flag=(--real)

cat /proc/loadavg > "$work/loadavg.start"
date -u +%Y-%m-%dT%H:%M:%SZ > "$work/started"

prefix=()
[ -n "$nice_n" ] && prefix=(nice -n "$nice_n")

wants() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
# run NAME CMD... : CMD prints one JSON object; a crash or bad output becomes {"error": ...}.
run() {
  local name="$1"; shift
  echo "== $name" >&2
  local start=$SECONDS rc=0
  "${prefix[@]}" "$@" > "$work/$name.json" 2> >(tee "$work/$name.log" >&2) || rc=$?
  if ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/$name.json" 2>/dev/null; then
    python3 -c 'import json,sys; print(json.dumps({"error": "exit code %s, no JSON; last output: %s" % (sys.argv[1], open(sys.argv[2]).read()[-800:])}))' \
      "$rc" "$work/$name.log" > "$work/$name.json"
  fi
  echo "$rc $((SECONDS - start))" > "$work/$name.rc"
}

if wants idle; then
  if [ -x "$build/app/clawtray" ]; then
    run idle_headless_fake "$build/bench/bench_idle" --binary "$build/app/clawtray" --seconds "$idle_s" --settle "$settle_s"
    if [ "$real" = 1 ]; then
      run idle_headless_real "$build/bench/bench_idle" --binary "$build/app/clawtray" --seconds "$idle_s" --settle "$settle_s" --real
    fi
  else
    echo '{"status": "not built", "error": "app/clawtray is not in the build dir"}' > "$work/idle_headless_fake.json"
  fi
  if [ -x "$build/app/clawtray-desktop" ]; then
    # The tray app needs a display and, to show its icon, a tray host: Xvfb + trayer.
    display=""
    for n in $(seq 90 120); do
      if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
    done
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
    if command -v trayer >/dev/null; then
      DISPLAY="$display" trayer --edge top --align right --widthtype request --height 24 >/dev/null 2>&1 &
      tray_pid=$!
      sleep 0.5
    fi
    DISPLAY="$display" QT_QPA_PLATFORM=xcb run idle_tray_fake "$build/bench/bench_idle" --desktop --minimized \
      --binary "$build/app/clawtray-desktop" --seconds "$idle_s" --settle "$settle_s"
    [ -n "$tray_pid" ] && kill "$tray_pid" 2>/dev/null || true
    kill "$xvfb_pid" 2>/dev/null || true
    tray_pid=""; xvfb_pid=""
  else
    echo '{"status": "not built", "note": "app/clawtray-desktop is not in the build dir"}' > "$work/idle_tray_fake.json"
  fi
fi
wants recovery && run recovery "$build/bench/bench_recovery" --cycles "$rec_cycles" "${real_flag[@]}" --real-cycles "$real_cycles"
wants hang && run hang "$build/bench/bench_hang" --cycles "$hang_cycles"
wants rpc && run rpc "$build/bench/bench_rpc" --seq 10000 --total "$rpc_total" --window 1000 --rounds "$rpc_rounds"
if wants approval; then
  if [ -x "$build/bench/bench_approval" ]; then
    QT_QPA_PLATFORM=offscreen run approval "$build/bench/bench_approval" --rounds "$appr_rounds"
  else
    echo '{"status": "not built", "error": "bench_approval needs the desktop UI (clawtray_ui) in the build"}' > "$work/approval.json"
  fi
fi
wants stop && run stop "$build/bench/bench_stop" --runs "$stop_runs" "${real_flag[@]}" --real-runs "$real_stops"
wants endurance && run endurance "$build/bench/bench_endurance" --restarts "$end_restarts" --calls "$end_calls"
peer_rounds=10
[ "$quick" = 1 ] && peer_rounds=3
wants peers && run peers /usr/bin/python3 "$here/peers/respawn.py" --build "$build" --rounds "$peer_rounds"
if wants peers; then
  rel_args=()
  [ "$quick" = 1 ] && rel_args=(--idle-s 20 --settle-s 5 --hang-s 30 --loop-s 30)
  run peers_reliability /usr/bin/python3 "$here/peers/reliability.py" --build "$build" "${rel_args[@]}"
  if python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("peers") else 1)' \
      "$work/peers_reliability.json" 2>/dev/null; then
    mkdir -p "$src/docs/bench"
    cp "$work/peers_reliability.json" "$src/docs/bench/peers-reliability.json"
    echo "run.sh: wrote $src/docs/bench/peers-reliability.json" >&2
  fi
fi

cat /proc/loadavg > "$work/loadavg.end"
mode=full
[ "$quick" = 1 ] && mode=quick
cmdline="bench/run.sh${orig_args:+ $orig_args}"
python3 "$here/report.py" --dir "$work" --mode "$mode" --real "$real" --build "$build" --src "$src" \
  --runtime "$runtime" --command "$cmdline" --nice "$nice_n" > "$work/result.json"
if [ -n "$out" ]; then
  mkdir -p "$(dirname "$out")"
  cp "$work/result.json" "$out"
fi
cat "$work/result.json"
