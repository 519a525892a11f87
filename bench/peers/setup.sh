#!/usr/bin/env bash
# Installs the supervisors bench/peers/respawn.py compares ClawTray with, for benchmarking only
# (never a dependency of ClawTray or of its test command): Debian's runit, s6 and supervisor, and
# pm2 from the npm registry into a bench-local directory ($CLAWTRAY_PEERS_DIR, default
# ~/.cache/clawtray-bench/peers). Idempotent. Installing Debian's supervisor package may start its
# own supervisord service where an init system runs one; the benchmark starts its own instances.
set -euo pipefail
peers_dir="${CLAWTRAY_PEERS_DIR:-$HOME/.cache/clawtray-bench/peers}"
missing=()
for p in runit s6 supervisor; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "peers: installing ${missing[*]}" >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -x "$peers_dir/node_modules/.bin/pm2" ]; then
  echo "peers: installing pm2 into $peers_dir" >&2
  mkdir -p "$peers_dir"
  (cd "$peers_dir" && npm install --no-audit --no-fund --loglevel=error pm2@5 >&2)
fi
echo "peers: runit $(dpkg-query -W -f='${Version}' runit), s6 $(dpkg-query -W -f='${Version}' s6)," \
  "supervisor $(dpkg-query -W -f='${Version}' supervisor), pm2 $("$peers_dir/node_modules/.bin/pm2" --version 2>/dev/null | tail -n 1)" >&2
