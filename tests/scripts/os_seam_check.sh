#!/usr/bin/env bash
# os_seam_check.sh <source-dir>: the operating system's process interfaces (/proc, prctl, pidfds,
# process groups, raw signals) are used only in core/process/, the one place a port to another
# system has to change (docs/ARCHITECTURE.md, "Where OS code lives"). Fails naming every use found
# in the rest of core/, ui/ and app/.
set -euo pipefail
src=$(cd "$1" && pwd)
pattern='"/proc|/proc/|\bprctl\(|\bpidfd_|\bsetpgid\(|::kill\(|\bkillpg\('
found=$(grep -rnE "$pattern" "$src/core" "$src/ui" "$src/app" --include='*.cpp' --include='*.h' \
            | grep -v "^$src/core/process/" || true)
if [[ -n $found ]]; then
    echo "FAIL: OS process interfaces outside core/process/:" >&2
    echo "$found" | sed "s|^$src/|  |" >&2
    exit 1
fi
echo "OS process interfaces: only in core/process/"
