"""The supervisors bench/peers/ compares ClawTray with, and what the drivers share (issue 17).

Each Peer supervises the same child -- the fake gateway fixture, started through the same `sh` run
script, which exports FAKE_TIMESTAMP_LOG so the child (and every helper it spawns, which inherits
the environment) writes its own CLOCK_MONOTONIC start/listen times to the peer's log and can be
found in /proc by that variable. Used by respawn.py (crash -> new process) and reliability.py
(idle cost, stop, helpers, supervisor killed, hung child, crash loop). python3 stdlib only.
"""
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import time

PM2_DIR = os.environ.get("CLAWTRAY_PEERS_DIR", os.path.expanduser("~/.cache/clawtray-bench/peers"))


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


def wait_for(pred, timeout, step=0.0005):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return None


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


# ---- /proc -------------------------------------------------------------------------------------

def proc_stat(pid):
    """(state, ppid, pgid, starttime) of a pid, or None when it does not exist."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    rest = text[text.rfind(")") + 2:].split()
    return rest[0], int(rest[1]), int(rest[2]), int(rest[19])


def alive(pid):
    """Runs (or is stopped): exists and is neither a zombie nor dead."""
    if not pid:
        return False
    st = proc_stat(pid)
    return st is not None and st[0] not in ("Z", "X", "x")


def all_pids():
    return [int(d) for d in os.listdir("/proc") if d.isdigit()]


def read_argv(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def read_environ(pid):
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            return f.read()
    except OSError:
        return b""


def children_of(pids):
    """Every descendant of the given pids (not the pids themselves)."""
    parent = {}
    for pid in all_pids():
        st = proc_stat(pid)
        if st:
            parent[pid] = st[1]
    out, frontier = set(), set(pids)
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier and p not in out}
        out |= frontier
    return out


def kill_quietly(pid, sig=signal.SIGKILL):
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError, TypeError, ValueError):
        pass


def classify(pid):
    """'child' (the fake gateway proper), ('helper', kind, parent pid) or 'other'."""
    argv = read_argv(pid)
    if "--fake-sleeper" in argv:
        def after(flag):
            return argv[argv.index(flag) + 1] if flag in argv and argv.index(flag) + 1 < len(argv) else ""
        try:
            parent = int(after("--fake-parent-pid"))
        except ValueError:
            parent = 0
        return ("helper", after("--fake-helper-kind"), parent)
    if argv and os.path.basename(argv[0]) == "fake_gateway" and "gateway" in argv and "run" in argv:
        return "child"
    return "other"


def memory_kib(pid):
    """Rss, Pss, Pss_Anon (KiB) from /proc/<pid>/smaps_rollup; zeros when it is gone."""
    out = {"Rss": 0, "Pss": 0, "Pss_Anon": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in out:
                    out[k] = int(v.split()[0])
    except OSError:
        pass
    return out


def cpu_ns(pid):
    """Run time of every thread of pid (schedstat, ns) and utime+stime ticks of the process."""
    total = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    total += int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                pass
    except OSError:
        return 0, 0
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
        ticks = int(rest[11]) + int(rest[12])
    except (OSError, ValueError, IndexError):
        ticks = 0
    return total, ticks


# ---- the peers ---------------------------------------------------------------------------------

class Peer:
    """One supervisor with its own directory, port and timestamp log.

    fake_args are appended to the child's command line (the same for every peer); tag separates
    several instances of one peer under the same root."""

    name = "?"

    def __init__(self, root, fake, fake_args=(), tag=""):
        self.dir = os.path.join(root, self.name + (f"-{tag}" if tag else ""))
        os.makedirs(self.dir)
        self.fake = fake
        self.fake_args = list(fake_args)
        self.port = free_port()
        self.log = os.path.join(self.dir, "timestamps.log")
        self.marker = f"FAKE_TIMESTAMP_LOG={self.log}".encode() + b"\0"
        self.proc = None
        self.popens = []  # every Popen we made, to reap them
        self.run_script = os.path.join(self.dir, "run")
        extra = "".join(f" '{a}'" for a in self.fake_args)
        write_exec(self.run_script,
                   "#!/bin/sh\n"
                   f"export FAKE_TIMESTAMP_LOG='{self.log}'\n"
                   f"exec '{fake}' gateway run --port {self.port} --bind loopback{extra}\n")

    def events(self):
        try:
            with open(self.log) as f:
                return [line.split() for line in f if line.strip()]
        except FileNotFoundError:
            return []

    def starts(self, after_ns=0):
        """[(monotonic ns, pid)] of every child start after after_ns."""
        return [(int(e[1]), int(e[2])) for e in self.events() if e[0] == "start" and int(e[1]) > after_ns]

    def child_pid(self):
        starts = [e for e in self.events() if e[0] == "start"]
        return int(starts[-1][2]) if starts else 0

    def listened(self, pid):
        for e in self.events():
            if e[0] == "listen" and int(e[2]) == pid:
                return int(e[1])
        return None

    def spawn(self, argv, env=None, cwd=None):
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd or self.dir, stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.dir, "supervisor.log"), "a"),
                                     start_new_session=True)
        self.popens.append(self.proc)

    def command(self, argv, env=None):
        """Runs one of the supervisor's own commands in the background (a Popen, output in a file)."""
        p = subprocess.Popen(argv, env=env, cwd=self.dir, stdin=subprocess.DEVNULL,
                             stdout=open(os.path.join(self.dir, "commands.log"), "a"), stderr=subprocess.STDOUT,
                             start_new_session=True)
        self.popens.append(p)
        return p

    def output_of(self, argv, env=None, timeout=20):
        try:
            r = subprocess.run(argv, env=env, cwd=self.dir, capture_output=True, text=True, timeout=timeout)
            return (r.stdout + r.stderr).strip()
        except Exception as e:  # noqa: BLE001 - a status is decoration
            return f"({e.__class__.__name__})"

    # What reliability.py needs from every peer ------------------------------------------------

    def supervisor_roots(self):
        """The supervisor's own long-running process(es) we started (not the child)."""
        return [self.proc.pid] if self.proc and alive(self.proc.pid) else []

    def marked(self):
        """Live processes carrying this peer's FAKE_TIMESTAMP_LOG: [(pid, classify(pid))]."""
        out = []
        for pid in all_pids():
            if pid == os.getpid():
                continue
            if self.marker in read_environ(pid) and alive(pid):
                out.append((pid, classify(pid)))
        return out

    def supervisor_pids(self):
        """The supervisor's processes: its roots and their descendants that are not the child side."""
        roots = self.supervisor_roots()
        if not roots:
            return []
        ours = set(roots)
        for pid in children_of(roots):
            if alive(pid) and self.marker not in read_environ(pid):
                ours.add(pid)
        return sorted(ours)

    def stop_service(self):
        """Starts the supervisor's own 'stop the service' command; returns its Popen."""
        raise NotImplementedError

    def restart_supervisor(self):
        """Starts the supervisor again with the same configuration (after it was killed)."""
        raise NotImplementedError

    def kill_supervisor(self):
        """SIGKILLs the supervisor's own processes (never the child); returns the pids killed."""
        pids = self.supervisor_pids()
        for pid in pids:
            kill_quietly(pid)
        if self.proc:
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        return pids

    def status(self):
        return ""

    def stop(self):
        """Tears everything down: the supervisor, the child and anything else carrying our marker."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.sweep()

    def sweep(self):
        """SIGKILLs whatever is left of this peer (supervisor processes, child, helpers, commands)."""
        for _ in range(50):
            left = [pid for pid in all_pids() if pid != os.getpid() and alive(pid)
                    and (self.marker in read_environ(pid) or any(self.dir in a for a in read_argv(pid)))]
            for p in self.popens:
                if p.poll() is None and p.pid not in left:
                    left.append(p.pid)
            if not left:
                break
            for pid in left:
                kill_quietly(pid)
            time.sleep(0.1)
        for p in self.popens:
            try:
                p.wait(2)
            except subprocess.TimeoutExpired:
                pass


class ServiceDirPeer(Peer):
    """runit's runsv and s6-supervise: one service directory with ./run, one supervisor process."""

    supervise = ""   # the supervisor binary, given the service dir
    package = ""     # the Debian package, for its version
    down = []        # the command that takes the service down, the dir appended
    down_nowait = []  # the same without waiting (reliability.py times the child itself)
    stat = []        # the status command, the dir appended

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

    def restart_supervisor(self):
        self.spawn([self.supervise, self.svc()])

    def stop_service(self):
        return self.command(self.down_nowait + [self.svc()])

    def status(self):
        return self.output_of(self.stat + [self.svc()]).replace(self.svc(), "svc")

    def stop(self):
        subprocess.run(self.down + [self.svc()], capture_output=True)
        super().stop()


class Runit(ServiceDirPeer):
    name, supervise, package = "runit", "runsv", "runit"
    down, down_nowait, stat = ["sv", "-w", "5", "down"], ["sv", "down"], ["sv", "status"]


class S6(ServiceDirPeer):
    name, supervise, package = "s6", "s6-supervise", "s6"
    down, down_nowait, stat = ["s6-svc", "-wd", "-T", "5000", "-d"], ["s6-svc", "-d"], ["s6-svstat"]


class Supervisord(Peer):
    name = "supervisord"
    stopwaitsecs = 10  # supervisord's default, written out

    @staticmethod
    def available():
        return shutil.which("supervisord") is not None

    def version(self):
        return "supervisord " + version_of(["supervisord", "--version"])

    def conf(self):
        return os.path.join(self.dir, "supervisord.conf")

    def start(self):
        with open(self.conf(), "w") as f:
            f.write(f"[supervisord]\nnodaemon=true\nlogfile={self.dir}/supervisord.log\n"
                    f"pidfile={self.dir}/supervisord.pid\n\n"
                    f"[unix_http_server]\nfile={self.dir}/supervisor.sock\n\n"
                    "[rpcinterface:supervisor]\n"
                    "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
                    f"[supervisorctl]\nserverurl=unix://{self.dir}/supervisor.sock\n\n"
                    f"[program:gateway]\ncommand={self.run_script}\nautorestart=true\nstartsecs=1\n"
                    f"startretries=1000\nstopasgroup=true\nkillasgroup=true\nstopwaitsecs={self.stopwaitsecs}\n")
        self.restart_supervisor()

    def restart_supervisor(self):
        self.spawn(["supervisord", "-n", "-c", self.conf()])

    def stop_service(self):
        return self.command(["supervisorctl", "-c", self.conf(), "stop", "gateway"])

    def status(self):
        return " ".join(self.output_of(["supervisorctl", "-c", self.conf(), "status", "gateway"]).split())


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
        # From its package.json: `pm2 --version` would start a daemon in ~/.pm2 when none runs.
        try:
            with open(os.path.join(PM2_DIR, "node_modules", "pm2", "package.json")) as f:
                return "pm2 " + json.load(f)["version"]
        except (OSError, ValueError, KeyError):
            return "pm2 ?"

    def start(self):
        # pm2 daemonizes itself; `pm2 start` returns once the app is launched.
        subprocess.run([self.binary(), "start", self.run_script, "--name", "gateway", "--interpreter", "none"],
                       env=self.env(), capture_output=True, timeout=60, check=True)

    def restart_supervisor(self):
        # The same command again: the CLI finds no daemon, starts one, and it launches the app.
        subprocess.run([self.binary(), "start", self.run_script, "--name", "gateway", "--interpreter", "none"],
                       env=self.env(), capture_output=True, timeout=60)

    def supervisor_roots(self):
        try:
            with open(os.path.join(self.dir, "pm2home", "pm2.pid")) as f:
                pid = int(f.read().strip())
        except (OSError, ValueError):
            return []
        return [pid] if alive(pid) else []

    def stop_service(self):
        return self.command([self.binary(), "stop", "gateway"], env=self.env())

    def status(self):
        try:
            r = subprocess.run([self.binary(), "jlist"], env=self.env(), capture_output=True, text=True, timeout=30)
            text = r.stdout[r.stdout.find("["):] if "[" in r.stdout else "[]"
            apps = json.loads(text)
        except Exception as e:  # noqa: BLE001
            return f"(pm2 jlist: {e.__class__.__name__})"
        return "; ".join(f"{a.get('name')} {a.get('pm2_env', {}).get('status')} pid {a.get('pid')} "
                         f"restarts {a.get('pm2_env', {}).get('restart_time')} "
                         f"unstable {a.get('pm2_env', {}).get('unstable_restarts')}" for a in apps) or "no app"

    def stop(self):
        subprocess.run([self.binary(), "kill"], env=self.env(), capture_output=True, timeout=60)
        super().stop()


class ClawTray(Peer):
    name = "clawtray"
    build = ""
    settings = {}  # extra clawtray.ini sections: {"liveness": {"deadlineMs": 10000}, ...}

    def __init__(self, root, fake, fake_args=(), tag="", settings=None):
        super().__init__(root, fake, fake_args, tag)
        if settings is not None:
            self.settings = settings

    @classmethod
    def available(cls):
        return os.access(os.path.join(cls.build, "app", "clawtray"), os.X_OK)

    def binary(self):
        return os.path.join(self.build, "app", "clawtray")

    def version(self):
        return version_of([self.binary(), "--version"])

    def env(self):
        env = dict(os.environ)
        env["XDG_RUNTIME_DIR"] = os.path.join(self.dir, "xdg-run")
        env["CLAWTRAY_CONTROL_SOCKET"] = os.path.join(self.dir, "xdg-run", "ctl.sock")
        return env

    def start(self):
        for sub in ("config", "data", "state", "xdg-run", "openclaw"):
            os.makedirs(os.path.join(self.dir, sub), mode=0o700)
        open(os.path.join(self.dir, "openclaw", "openclaw.mjs"), "w").close()
        node = os.path.join(self.dir, "node")
        # Stands in for Node: answers the version check, otherwise becomes the same child (with the
        # same extra arguments as the peers' run script when it is the gateway that is started).
        extra = "".join(f" '{a}'" for a in self.fake_args)
        write_exec(node, "#!/bin/sh\n"
                         "if [ \"$1\" = \"--version\" ]; then echo v24.16.0; exit 0; fi\n"
                         f"export FAKE_TIMESTAMP_LOG='{self.log}'\n"
                         + (f"case \" $* \" in *\" gateway run \"*) set -- \"$@\"{extra} ;; esac\n" if extra else "")
                         + f"exec '{self.fake}' \"$@\"\n")
        with open(os.path.join(self.dir, "config", "clawtray.ini"), "w") as f:
            f.write(f"[meta]\nschemaVersion=1\n\n[runtime]\nnodePath={node}\n"
                    f"openclawDir={self.dir}/openclaw\nport={self.port}\n\n[secrets]\ntokenStorage=file\n")
            for section, values in self.settings.items():
                f.write(f"\n[{section}]\n" + "".join(f"{k}={v}\n" for k, v in values.items()))
        self.restart_supervisor()

    def restart_supervisor(self):
        self.spawn([self.binary(), "--headless",
                    "--config-dir", os.path.join(self.dir, "config"), "--data-dir", os.path.join(self.dir, "data"),
                    "--state-dir", os.path.join(self.dir, "state"), "--port", str(self.port)], env=self.env())

    def ctl(self, *args, timeout=60):
        return self.output_of([self.binary(), "ctl", *args], env=self.env(), timeout=timeout)

    def stop_service(self):
        return self.command([self.binary(), "ctl", "stop"], env=self.env())

    def status_json(self):
        text = self.ctl("status", "--json", timeout=15)
        try:
            doc = json.loads(text[text.find("{"):])
        except ValueError:
            return {}

        def find(d):
            if isinstance(d, dict):
                if "state" in d and "summary" in d:
                    return d
                for v in d.values():
                    r = find(v)
                    if r:
                        return r
            return None
        return find(doc) or {}

    def status(self):
        s = self.status_json()
        return s.get("summary", "") if s else "(no answer on the control socket)"


PEERS = [ClawTray, Runit, S6, Supervisord, Pm2]
