#!/usr/bin/env bash
# Runs the frame fuzzer for a fixed time and prints a one-line JSON summary:
#   tests/fuzz/run_fuzz.sh <build-dir> <seconds>
# Builds nothing: configure and build <build-dir> with clang and -DCLAWTRAY_FUZZ=ON first.
# The seed corpus is copied to a scratch directory so the checked-in seeds never grow; crash
# reproducers and the log are kept (their directory is in the summary; set CLAWTRAY_FUZZ_KEEP=1 to
# keep it after a clean run too) and the exit status is non-zero if the fuzzer found anything.
set -euo pipefail

if [[ $# -ne 2 || ! $2 =~ ^[0-9]+$ ]]; then
    echo "usage: $0 <build-dir> <seconds>" >&2
    exit 2
fi
build_dir=$1
seconds=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

fuzzer=""
for candidate in "$build_dir/tests/fuzz/fuzz_frame" "$build_dir/fuzz_frame"; do
    if [[ -x $candidate ]]; then
        fuzzer=$candidate
        break
    fi
done
if [[ -z $fuzzer ]]; then
    echo "fuzz_frame not found in $build_dir (configure with clang and -DCLAWTRAY_FUZZ=ON, then build fuzz_frame)" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/clawtray-fuzz.XXXXXX")
mkdir -p "$work/corpus" "$work/artifacts"
cp "$here"/seeds/* "$work/corpus/"
log="$work/fuzz.log"

dict_args=()
[[ -f $here/json.dict ]] && dict_args=(-dict="$here/json.dict")

# -max_len: frames up to 64 KiB cover the pre-handshake limit and every seed; larger inputs only
# slow the search. Leak detection stays on (ASan default); a timeout over 10 s per input counts.
set +e
"$fuzzer" "${dict_args[@]}" -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 -timeout=10 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" >"$log" 2>&1
status=$?
set -e

stat() { sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$log" | tail -n 1; }
executions=$(stat number_of_executed_units)
peak_rss=$(stat peak_rss_mb)
crashes=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
corpus=$(find "$work/corpus" -type f | wc -l)
# A fuzzer that died before printing stats (e.g. a crash on a seed) still counts as a finding.
if [[ $status -ne 0 && $crashes -eq 0 ]]; then
    crashes=1
fi

# Keep the scratch directory only when there is something to look at (or when asked to).
if [[ $crashes -eq 0 && -z ${CLAWTRAY_FUZZ_KEEP:-} ]]; then
    rm -rf "$work"
    work=""
fi

printf '{"target":"fuzz_frame","seconds":%d,"executions":%s,"crashes":%d,"corpus_files":%d,"peak_rss_mb":%s,"exit_code":%d,"work_dir":"%s"}\n' \
    "$seconds" "${executions:-0}" "$crashes" "$corpus" "${peak_rss:-0}" "$status" "$work"

[[ $crashes -eq 0 ]]
