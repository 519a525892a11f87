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
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PM2_DIR = os.environ.get("CLAWTRAY_PEERS_DIR", os.path.expanduser("~/.cache/clawtray-bench/peers"))


def log(msg):
    print(f"respawn: {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def version_of(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except Exception:  # noqa: BLE001 - a version is decoration
        return "?"


def deb_version(pkg):
    return version_of(["dpkg-query", "-W", "-f=${Version}", pkg])


def write_exec(path, text):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, 0o755)


class Peer:
    """One supervisor with its own directory, port and timestamp log."""

    name = "?"

    def __init__(self, root, fake):
        self.dir = os.path.join(root, self.name)
        os.makedirs(self.dir)
        self.fake = fake
        self.port = free_port()
        self.log = os.path.join(self.dir, "timestamps.log")
        self.proc = None
        self.run_script = os.path.join(self.dir, "run")
        write_exec(self.run_script,
                   "#!/bin/sh\n"
                   f"export FAKE_TIMESTAMP_LOG='{self.log}'\n"
                   f"exec '{fake}' gateway run --port {self.port} --bind loopback\n")

    def events(self):
        try:
            with open(self.log) as f:
                return [line.split() for line in f if line.strip()]
        except FileNotFoundError:
            return []

    def child_pid(self):
        starts = [e for e in self.events() if e[0] == "start"]
        return int(starts[-1][2]) if starts else 0

    def spawn(self, argv, env=None, cwd=None):
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd or self.dir, stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.dir, "supervisor.log"), "w"),
                                     start_new_session=True)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        pid = self.child_pid()
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


class ServiceDirPeer(Peer):
    """runit's runsv and s6-supervise: one service directory with ./run, one supervisor process."""

    supervise = ""   # the supervisor binary, given the service dir
    package = ""     # the Debian package, for its version
    down = []        # the command that takes the service down, the dir appended

    @classmethod
    def available(cls):
        return shutil.which(cls.supervise) is not None

    def version(self):
        return f"{self.name} {deb_version(self.package)}"

    def svc(self):
        return os.path.join(self.dir, "svc")

    def start(self):
        os.makedirs(self.svc())
        shutil.copy(self.run_script, os.path.join(self.svc(), "run"))
        self.spawn([self.supervise, self.svc()])

    def stop(self):
        subprocess.run(self.down + [self.svc()], capture_output=True)
        super().stop()


class Runit(ServiceDirPeer):
    name, supervise, package, down = "runit", "runsv", "runit", ["sv", "-w", "5", "down"]


class S6(ServiceDirPeer):
    name, supervise, package, down = "s6", "s6-supervise", "s6", ["s6-svc", "-wd", "-T", "5000", "-d"]


class Supervisord(Peer):
    name = "supervisord"

    @staticmethod
    def available():
        return shutil.which("supervisord") is not None

    def version(self):
        return "supervisord " + version_of(["supervisord", "--version"])

    def start(self):
        conf = os.path.join(self.dir, "supervisord.conf")
        with open(conf, "w") as f:
            f.write(f"[supervisord]\nnodaemon=true\nlogfile={self.dir}/supervisord.log\n"
                    f"pidfile={self.dir}/supervisord.pid\n\n"
                    f"[program:gateway]\ncommand={self.run_script}\nautorestart=true\nstartsecs=1\n"
                    "startretries=1000\nstopasgroup=true\nkillasgroup=true\n")
        self.spawn(["supervisord", "-n", "-c", conf])


class Pm2(Peer):
    name = "pm2"

    @staticmethod
    def binary():
        return os.path.join(PM2_DIR, "node_modules", ".bin", "pm2")

    @classmethod
    def available(cls):
        return os.access(cls.binary(), os.X_OK)

    def env(self):
        env = dict(os.environ)
        env["PM2_HOME"] = os.path.join(self.dir, "pm2home")
        return env

    def version(self):
        return "pm2 " + version_of([self.binary(), "--version"])

    def start(self):
        # pm2 daemonizes itself; `pm2 start` returns once the app is launched.
        subprocess.run([self.binary(), "start", self.run_script, "--name", "gateway", "--interpreter", "none"],
                       env=self.env(), capture_output=True, timeout=60, check=True)

    def stop(self):
        subprocess.run([self.binary(), "kill"], env=self.env(), capture_output=True, timeout=60)
        super().stop()


class ClawTray(Peer):
    name = "clawtray"
    build = ""

    @classmethod
    def available(cls):
        return os.access(os.path.join(cls.build, "app", "clawtray"), os.X_OK)

    def version(self):
        return version_of([os.path.join(self.build, "app", "clawtray"), "--version"])

    def start(self):
        for sub in ("config", "data", "state", "xdg-run", "openclaw"):
            os.makedirs(os.path.join(self.dir, sub), mode=0o700)
        open(os.path.join(self.dir, "openclaw", "openclaw.mjs"), "w").close()
        node = os.path.join(self.dir, "node")
        # Stands in for Node: answers the version check, otherwise becomes the same child.
        write_exec(node, "#!/bin/sh\n"
                         "if [ \"$1\" = \"--version\" ]; then echo v24.16.0; exit 0; fi\n"
                         f"export FAKE_TIMESTAMP_LOG='{self.log}'\n"
                         f"exec '{self.fake}' \"$@\"\n")
        with open(os.path.join(self.dir, "config", "clawtray.ini"), "w") as f:
            f.write(f"[meta]\nschemaVersion=1\n\n[runtime]\nnodePath={node}\n"
                    f"openclawDir={self.dir}/openclaw\nport={self.port}\n\n[secrets]\ntokenStorage=file\n")
        env = dict(os.environ)
        env["XDG_RUNTIME_DIR"] = os.path.join(self.dir, "xdg-run")
        env["CLAWTRAY_CONTROL_SOCKET"] = os.path.join(self.dir, "xdg-run", "ctl.sock")
        self.spawn([os.path.join(self.build, "app", "clawtray"), "--headless",
                    "--config-dir", os.path.join(self.dir, "config"), "--data-dir", os.path.join(self.dir, "data"),
                    "--state-dir", os.path.join(self.dir, "state"), "--port", str(self.port)], env=env)


PEERS = [ClawTray, Runit, S6, Supervisord, Pm2]


def wait_for(pred, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.0005)
    return None


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


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return round(ordered[k], 2)


def summary(values):
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "min": round(min(values), 2), "max": round(max(values), 2),
            "mean": round(statistics.mean(values), 2)}


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
