#!/usr/bin/env bash
# os_seam_check.sh <source-dir>: the operating system's process interfaces (/proc, prctl, pidfds,
# process groups, raw signals, raw system calls) are used only in core/process/linux/ — the
# ProcessHost implementation, the one class a port to another system replaces (docs/ARCHITECTURE.md,
# "Where OS code lives"). Fails naming every use found anywhere else in core/, ui/ and app/,
# comments included (a comment that says /proc is a place that assumes it).
set -euo pipefail
src=$(cd "$1" && pwd)
pattern='/proc\b|\bprctl\(|PR_SET_|\bpidfd_|SYS_pidfd|\bsyscall\(|\bsetpgid\(|(^|[^A-Za-z0-9_])::kill\(|\bkillpg\(|sock_diag|NETLINK_'
found=$(grep -rnE "$pattern" "$src/core" "$src/ui" "$src/app" --include='*.cpp' --include='*.h' \
            | grep -v "^$src/core/process/linux/" || true)
if [[ -n $found ]]; then
    echo "FAIL: OS process interfaces outside core/process/linux/ (ProcessHost):" >&2
    echo "$found" | sed "s|^$src/|  |" >&2
    exit 1
fi
echo "OS process interfaces: only in core/process/linux/"
