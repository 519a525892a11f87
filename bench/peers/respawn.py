#!/usr/bin/python3
"""Crash -> new process, side by side in one run (issue 17, first figure).

ClawTray and other supervisors (runit's runsv, s6-supervise, supervisord, pm2) each supervise the
same child -- the fake gateway fixture, started through the same `sh` run script -- on the same
machine in the same run. Round by round, in an order that rotates each round so drift hits all
alike, the driver SIGKILLs each supervisor's child and reads, from the timestamps the child writes
itself ($FAKE_TIMESTAMP_LOG, CLOCK_MONOTONIC), how long until the new child started and until it
listened again. Between kills every child runs `--settle-ms` (default 1500 ms), longer than the
"died too young" windows of runit, s6 and supervisord (1 s), so steady-state respawn is compared,
not crash-loop throttling.

  bench/peers/respawn.py --build BUILD_DIR [--rounds N] [--settle-ms MS] [--only a,b] [--out FILE]

Peers that are not installed are skipped and named in the JSON (bench/peers/setup.sh installs
them: Debian's runit, s6 and supervisor, pm2 from the npm registry into a bench-local directory).
Prints one JSON document; progress goes to stderr.
"""
import argparse
import json
import os
import platform
import shutil
import signal
import sys
import tempfile
import time

from peers import PEERS, ClawTray, summary, wait_for  # bench/peers/peers.py: the peers, shared with reliability.py


def log(msg):
    print(f"respawn: {msg}", file=sys.stderr, flush=True)


def listening(peer, pid):
    for e in peer.events():
        if e[0] == "listen" and int(e[2]) == pid:
            return int(e[1])
    return None


def kill_once(peer, wait_s):
    """SIGKILLs the peer's child; returns (ms to the new child's start, ms to it listening), or
    (None, None) when there was no child to kill or no new one came within wait_s."""
    old = peer.child_pid()
    t0 = time.monotonic_ns()
    try:
        os.kill(old, signal.SIGKILL)
    except (ProcessLookupError, ValueError):
        return None, None  # the supervisor gave up after an earlier kill: nothing runs

    def new_start():
        for e in peer.events():
            if e[0] == "start" and int(e[2]) != old and int(e[1]) > t0:
                return e
        return None

    started = wait_for(new_start, wait_s)
    if not started:
        return None, None
    pid = int(started[2])
    listened = wait_for(lambda: listening(peer, pid), wait_s)
    return (int(started[1]) - t0) / 1e6, ((listened - t0) / 1e6 if listened else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, help="ClawTray build dir (app/clawtray, tests/support/fake_gateway)")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--settle-ms", type=int, default=1500)
    ap.add_argument("--wait-s", type=int, default=45, help="how long a new child may take (ClawTray's backoff caps at 30 s)")
    ap.add_argument("--only", default="", help="comma-separated subset of " + ",".join(p.name for p in PEERS))
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    fake = os.path.join(build, "tests", "support", "fake_gateway")
    if not os.access(fake, os.X_OK):
        sys.exit(f"respawn: {fake} is not built")
    ClawTray.build = build
    wanted = [p for p in PEERS if not args.only or p.name in args.only.split(",")]
    missing = [p.name for p in wanted if not p.available()]
    root = tempfile.mkdtemp(prefix="clawtray-peers-")
    peers = [p(root, fake) for p in wanted if p.available()]
    results = {p.name: {"respawn": [], "serving": [], "lost": 0} for p in peers}
    try:
        for p in peers:
            log(f"starting {p.name} ({p.version()}) on port {p.port}")
            p.start()
        for p in peers:
            if not wait_for(lambda p=p: p.child_pid() and listening(p, p.child_pid()), 60):
                raise SystemExit(f"respawn: {p.name}'s child never listened; see {p.dir}")
        time.sleep(args.settle_ms / 1000.0)
        for r in range(args.rounds):
            order = peers[r % len(peers):] + peers[:r % len(peers)]
            for p in order:
                respawn, serving = kill_once(p, args.wait_s)
                if respawn is None:
                    results[p.name]["lost"] += 1
                    log(f"round {r + 1}: {p.name} did not start a new child within {args.wait_s} s")
                    continue
                results[p.name]["respawn"].append(respawn)
                if serving is not None:
                    results[p.name]["serving"].append(serving)
            time.sleep(args.settle_ms / 1000.0)
            log(f"round {r + 1}/{args.rounds}: " + ", ".join(
                f"{n} {v['respawn'][-1]:.1f} ms" for n, v in results.items() if v["respawn"]))
    finally:
        for p in peers:
            p.stop()
        shutil.rmtree(root, ignore_errors=True)

    doc = {
        "benchmark": "peers.respawn",
        "what": "SIGKILL of the supervised child -> the new child's first instruction (respawn) and its "
                "listening socket (serving), from the child's own CLOCK_MONOTONIC timestamps",
        "command": "bench/peers/respawn.py " + " ".join(sys.argv[1:]),
        "machine": {"cpus": os.cpu_count(), "kernel": platform.release(), "python": platform.python_version()},
        "rounds": args.rounds, "settle_ms": args.settle_ms, "wait_s": args.wait_s,
        "skipped": missing,
        "peers": {p.name: {"version": p.version(), "respawn_ms": summary(results[p.name]["respawn"]),
                           "serving_ms": summary(results[p.name]["serving"]),
                           "lost": results[p.name]["lost"]} for p in peers},
    }
    if "clawtray" in doc["peers"]:
        ours = doc["peers"]["clawtray"]
        doc["ratios"] = {}
        for name, v in doc["peers"].items():
            if name == "clawtray" or not v["respawn_ms"].get("n"):
                continue
            doc["ratios"][name] = {
                k: round(ours[f][q] / v[f][q], 3) if ours[f].get(q) and v[f].get(q) else None
                for k, f, q in (("respawn_p50", "respawn_ms", "p50"), ("respawn_p95", "respawn_ms", "p95"),
                                ("serving_p50", "serving_ms", "p50"), ("serving_p95", "serving_ms", "p95"))}
    text = json.dumps(doc, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
