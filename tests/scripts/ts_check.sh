#!/usr/bin/env bash
# ts_check.sh <lupdate> <source-dir>: every shipped translation (translations/*.ts) is complete and
# current. Runs lupdate over the same sources as the build into a copy of each .ts and fails on any
# message that is unfinished (new or changed in the code, not translated) or vanished/obsolete (in
# the .ts but no longer in the code).
set -euo pipefail
lupdate=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shopt -s nullglob
files=("$src"/translations/clawtray_*.ts)
((${#files[@]})) || { echo "FAIL: no translations/clawtray_*.ts" >&2; exit 1; }
status=0
for ts in "${files[@]}"; do
    copy="$work/$(basename "$ts")"
    cp "$ts" "$copy"
    "$lupdate" -silent -locations none "$src/ui" "$src/app/desktop" "$src/app/common" "$src/core" -ts "$copy" >/dev/null
    total=$(grep -c '<message' "$copy" || true)
    bad=$(grep -cE 'type="(unfinished|vanished|obsolete)"' "$copy" || true)
    if [[ $bad -ne 0 ]]; then
        echo "FAIL: $(basename "$ts"): $bad of $total messages unfinished or obsolete:" >&2
        grep -B3 -E 'type="(unfinished|vanished|obsolete)"' "$copy" | grep '<source>' | sed 's/^ */  /' >&2
        echo "  (run: cmake --build build --target clawtray_ui_lupdate, translate, commit)" >&2
        status=1
    else
        echo "$(basename "$ts"): $total messages, all translated"
    fi
done
exit $status
