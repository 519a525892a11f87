#!/usr/bin/env bash
# Reliability checks (README.md, "Reliability"), one command:
#   scripts/reliability.sh <source-dir>
#   (a) an ASan+UBSan build (clang-14) in build-asan/ that runs the unit and integration tests
#       with halt_on_error=1 and leak detection on: every process of the run (tests, the fake
#       gateway, the headless clawtray they launch) writes its sanitizer reports to a log
#       directory, so a finding in a child counts too. Zero findings and zero failed tests pass.
#   (b) the frame parser's libFuzzer target, built with clang-14 in build-fuzz/, run for a fixed
#       time by tests/fuzz/run_fuzz.sh; any crash, leak, timeout or OOM fails.
#   (c) a one-line JSON summary on stdout (the last line), progress on stderr.
# Exit status 0 only if both parts are clean.
#
# Environment:
#   CLAWTRAY_ASAN_BUILD_DIR   default <source-dir>/build-asan
#   CLAWTRAY_FUZZ_BUILD_DIR   default <source-dir>/build-fuzz
#   CLAWTRAY_FUZZ_SECONDS     default 60
#   CLAWTRAY_JOBS             parallel build jobs, default 2
#   CLAWTRAY_RELIABILITY_SKIP "asan" or "fuzz" to run only the other part
#   CLAWTRAY_ASAN_CHAOS_STEPS also run the chaos test (label chaos) for this many steps under the
#                             sanitizers (default 0: off; 120 steps take ~2.5 min)
#   Extra arguments after <source-dir> go to ctest (e.g. -R tst_policy).
#
# clang-14 for both parts: the fuzzer needs it anyway, and with it the Qt 6.4 libraries (built
# with GCC, not instrumented) produce no report at all, so nothing needs suppressing. A canary
# (a known leak and overflow) proves that reports are actually produced in this environment.
#
# Suppressions (tests/sanitizers/): only for findings inside third-party libraries, each one
# documented there with the stack that motivated it. Never for ClawTray's own code.
set -euo pipefail

if [[ $# -lt 1 || ! -d $1 ]]; then
    echo "usage: $0 <source-dir> [ctest args...]" >&2
    exit 2
fi
src=$(cd "$1" && pwd)
shift
asan_dir=${CLAWTRAY_ASAN_BUILD_DIR:-$src/build-asan}
fuzz_dir=${CLAWTRAY_FUZZ_BUILD_DIR:-$src/build-fuzz}
fuzz_seconds=${CLAWTRAY_FUZZ_SECONDS:-60}
jobs=${CLAWTRAY_JOBS:-2}
skip=${CLAWTRAY_RELIABILITY_SKIP:-}
cxx=${CLAWTRAY_SANITIZER_CXX:-clang++-14}
supp_dir=$src/tests/sanitizers

log() { echo "reliability: $*" >&2; }
now() { date +%s; }
t_start=$(now)

for tool in "$cxx" cmake ninja ctest; do
    command -v "$tool" >/dev/null || { log "$tool not found (scripts/setup.sh installs it)"; exit 2; }
done

# ---------------------------------------------------------------------------------------------
# (a) ASan + UBSan: unit and integration tests
# ---------------------------------------------------------------------------------------------
asan_json='{"skipped":true}'
asan_ok=1
if [[ $skip != asan ]]; then
    t0=$(now)
    log "configuring $asan_dir (ASan+UBSan, $cxx)"
    # -O1: fast enough that the integration tests' timing budgets hold, still good stacks. The UI
    # is off: its tests are not part of this run, and they need a display stack we do not audit.
    cmake -S "$src" -B "$asan_dir" -G Ninja \
        -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
        -DCLAWTRAY_SANITIZE=ON -DCLAWTRAY_BUILD_UI=OFF -DCLAWTRAY_BUILD_TESTS=ON >/dev/null
    # Build only what the selected tests need: their executables, the fixtures, and the headless
    # binary (the secrets audit runs it).
    labels='unit|integration'
    chaos_steps=${CLAWTRAY_ASAN_CHAOS_STEPS:-0}
    if [[ $chaos_steps -gt 0 ]]; then
        labels='unit|integration|chaos'
        export CLAWTRAY_CHAOS_STEPS=$chaos_steps
    fi
    # Script checks (*_check: ts_check, os_seam_check) run a shell script: nothing to build for them.
    mapfile -t targets < <(ctest --test-dir "$asan_dir" -N -L "$labels" | sed -n 's/^ *Test *#[0-9]*: *//p' | grep -v '_check$')
    if [[ ${#targets[@]} -eq 0 ]]; then
        log "no tests labelled $labels found in $asan_dir"
        exit 1
    fi
    log "building ${#targets[@]} test executables and fixtures (-j$jobs)"
    cmake --build "$asan_dir" -j "$jobs" --target "${targets[@]}" fake_gateway port_holder lease_driver clawtray >"$asan_dir/build.log" 2>&1 ||
        { tail -n 50 "$asan_dir/build.log" >&2; log "ASan build failed (full log: $asan_dir/build.log)"; exit 1; }
    t_built=$(now)

    reports=$asan_dir/sanitizer-reports
    rm -rf "$reports"
    mkdir -p "$reports"
    # log_path: each process (and each child it spawns: the fake gateway, the headless clawtray)
    # writes <prefix>.<exe>.<pid>, so nothing a child reports can be lost in a pipe the test
    # drains. (One runtime serves ASan, UBSan and LSan, so all reports land under one prefix.)
    export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:check_initialization_order=1:log_path=$reports/san:log_exe_name=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1:log_path=$reports/san:log_exe_name=1:suppressions=$supp_dir/ubsan.supp"
    export LSAN_OPTIONS="suppressions=$supp_dir/lsan.supp:print_suppressions=0"
    export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)}
    # Canary: zero findings only mean something if a known bug IS reported in this environment
    # (LeakSanitizer, for one, needs ptrace and fails quietly without it).
    canary=$asan_dir/sanitizer-canary
    printf '%s\n' '#include <cstdlib>' 'static void* volatile g;' \
        'int main(int argc, char**) { g = std::malloc(48); g = nullptr; int x = 2147483647; x += argc; return x == 0; }' >"$canary.cpp"
    "$cxx" -g -O1 -fsanitize=address,undefined "$canary.cpp" -o "$canary"
    ASAN_OPTIONS="detect_leaks=1:log_path=$canary.report" UBSAN_OPTIONS="print_stacktrace=1:log_path=$canary.report" "$canary" || true
    if ! cat "$canary".report.* 2>/dev/null | grep -q 'LeakSanitizer: detected memory leaks' ||
        ! cat "$canary".report.* 2>/dev/null | grep -q 'runtime error: signed integer overflow'; then
        log "the sanitizer canary was not reported: ASan/UBSan/LSan do not work in this environment"
        exit 1
    fi
    rm -f "$canary".report.*

    log "running the tests labelled $labels under ASan+UBSan"
    set +e
    ctest --test-dir "$asan_dir" -L "$labels" --output-on-failure --timeout 600 "$@" >"$asan_dir/ctest.log" 2>&1
    ctest_status=$?
    set -e
    unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
    t_tested=$(now)

    tests_total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$asan_dir/ctest.log" | tail -n 1)
    tests_failed=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$asan_dir/ctest.log" | tail -n 1)
    tests_skipped=$(grep -c '\*\*\*Skipped\|Not Run' "$asan_dir/ctest.log" || true)
    mapfile -t report_files < <(find "$reports" -type f -size +0 | sort)
    findings=0
    kinds=()
    for f in "${report_files[@]}"; do
        # A report file with nothing but suppressed leaks' statistics is not a finding.
        if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: UndefinedBehaviorSanitizer' "$f"; then
            findings=$((findings + 1))
            kinds+=("$(grep -m1 -oE 'ERROR: [A-Za-z]+Sanitizer: [a-z-]+|runtime error: [^:]*' "$f" | head -c 120)")
        fi
    done
    if [[ $findings -gt 0 ]]; then
        log "$findings sanitizer report(s) in $reports:"
        for f in "${report_files[@]}"; do
            echo "----- $f" >&2
            head -n 60 "$f" >&2
        done
    fi
    if [[ $ctest_status -ne 0 ]]; then
        grep -E 'Failed|\*\*\*Timeout|\*\*\*Exception' "$asan_dir/ctest.log" >&2 || true
        log "ctest failed (full log: $asan_dir/ctest.log)"
    fi
    [[ $ctest_status -eq 0 && $findings -eq 0 ]] || asan_ok=0
    kinds_json=""
    if [[ ${#kinds[@]} -gt 0 ]]; then
        kinds_json=$(printf '%s\n' "${kinds[@]}" | tr -d '"\\' | sort | uniq -c | sed 's/^ *\([0-9]*\) \(.*\)$/"\2":\1/' | paste -sd, -)
    fi
    asan_json=$(printf '{"compiler":"%s","tests":%s,"failed":%s,"skipped":%s,"findings":%d,"finding_kinds":{%s},"reports_dir":"%s","build_s":%d,"test_s":%d,"ok":%s}' \
        "$cxx" "${tests_total:-0}" "${tests_failed:-0}" "$tests_skipped" "$findings" "$kinds_json" \
        "$([[ $findings -gt 0 ]] && echo "$reports")" $((t_built - t0)) $((t_tested - t_built)) \
        "$([[ $asan_ok -eq 1 ]] && echo true || echo false)")
    log "sanitizers: $asan_json"
fi

# ---------------------------------------------------------------------------------------------
# (b) Fuzzing the frame parser
# ---------------------------------------------------------------------------------------------
fuzz_json='{"skipped":true}'
fuzz_ok=1
if [[ $skip != fuzz ]]; then
    t0=$(now)
    log "configuring $fuzz_dir (libFuzzer, $cxx)"
    cmake -S "$src" -B "$fuzz_dir" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLAWTRAY_FUZZ=ON -DCLAWTRAY_BUILD_UI=OFF -DCLAWTRAY_BUILD_TESTS=ON >/dev/null
    cmake --build "$fuzz_dir" -j "$jobs" --target fuzz_frame >"$fuzz_dir/build.log" 2>&1 ||
        { tail -n 50 "$fuzz_dir/build.log" >&2; log "fuzz build failed (full log: $fuzz_dir/build.log)"; exit 1; }
    log "fuzzing fuzz_frame for ${fuzz_seconds} s"
    set +e
    fuzz_json=$(bash "$src/tests/fuzz/run_fuzz.sh" "$fuzz_dir" "$fuzz_seconds" | tail -n 1)
    fuzz_status=$?
    set -e
    [[ $fuzz_status -eq 0 && -n $fuzz_json ]] || fuzz_ok=0
    [[ -n $fuzz_json ]] || fuzz_json='{"error":"run_fuzz.sh printed nothing"}'
    fuzz_json=${fuzz_json%\}}$(printf ',"total_s":%d}' $(($(now) - t0)))
    log "fuzzing: $fuzz_json"
fi

ok=$([[ $asan_ok -eq 1 && $fuzz_ok -eq 1 ]] && echo true || echo false)
printf '{"reliability":{"ok":%s,"seconds":%d,"sanitizers":%s,"fuzz":%s}}\n' "$ok" $(($(now) - t_start)) "$asan_json" "$fuzz_json"
[[ $ok == true ]]
