#!/usr/bin/env bash
# How long the gateway is unavailable while ClawTray updates OpenClaw (issue 16): runs the
# real-version update test (tests/e2e/tst_update_realversions: `clawtray ctl update` from 2026.9.5
# to 2026.9.6 under a headless ClawTray) ROUNDS times and prints one JSON document: per round the
# time from the old version leaving Running to the new one Running (its hello-ok), and of that the
# new version's own boot (its start to Running). Target: unavailable <= the new version's boot + 1 s
# (everything slow — install, backup, preflight — happens while the old version still serves). Needs a build with the tests and `scripts/setup.sh --tests` (both versions).
#   bench/update_downtime.sh [--rounds N] [--out FILE] [BUILD_DIR]
set -euo pipefail
rounds=3
out=""
build="${CLAWTRAY_BUILD_DIR:-build}"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) build="$1" ;;
  esac
  shift
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 "$rounds"); do
  echo "update_downtime: round $i/$rounds" >&2
  CLAWTRAY_BENCH_UPDATE_OUT="$tmp/round-$i.json" ctest --test-dir "$build" -R '^tst_update_realversions$' >"$tmp/ctest-$i.log" 2>&1 ||
    { tail -n 30 "$tmp/ctest-$i.log" >&2; echo "update_downtime: round $i failed" >&2; exit 1; }
done
/usr/bin/python3 - "$tmp" "$rounds" "$out" <<'PY'
import json, os, platform, statistics, sys
tmp, rounds, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = [json.load(open(os.path.join(tmp, f"round-{i}.json"))) for i in range(1, rounds + 1)]
down = [r["unavailableMs"] for r in runs]
boot = [r["newVersionBootMs"] for r in runs]
over = [d - b for d, b in zip(down, boot)]
doc = {
    "benchmark": "update_downtime",
    "machine": f"{platform.node()} · {os.cpu_count()} cores · {platform.platform()}",
    "from": runs[0]["from"], "to": runs[0]["to"], "rounds": rounds,
    "unavailableMs": {"median": statistics.median(down), "max": max(down), "runs": down},
    "newVersionBootMs": {"median": statistics.median(boot), "runs": boot},
    "overBootMs": {"median": statistics.median(over), "max": max(over), "runs": over},
    "target": {"what": "unavailable <= new version's boot + 1000 ms", "pass": max(over) <= 1000},
}
text = json.dumps(doc, indent=2)
print(text)
if out:
    open(out, "w").write(text + "\n")
PY
