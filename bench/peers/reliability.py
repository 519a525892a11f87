#!/usr/bin/python3
"""Reliability side by side in one run (issue 17, the figures after crash -> new process).

ClawTray (`clawtray --headless`) and the peers (runit's runsv, s6-supervise, supervisord, pm2)
supervise the same child -- the fake gateway fixture through the same `sh` run script, see
peers.py -- on the same machine in the same run, one fresh instance per scenario:

  idle     the supervisor's own processes (not the child): RSS, PSS, Pss_Anon from smaps_rollup
           (median of samples), CPU ms per minute from the threads' schedstat run time, over
           --idle-s after --settle-s; every supervisor at once, in the same minute
  stop     the child ignores SIGTERM and SIGINT (--fake-ignore-sigterm); the supervisor's own stop
           command (sv down, s6-svc -d, supervisorctl stop, pm2 stop, clawtray ctl stop) -> child
           gone, within --stop-cap-s; gone means something stronger than TERM/INT was sent
  helpers  the child spawns a grandchild in its process group and a detached helper in its own
           session (--fake-grandchild --fake-detached-helper); which of them still live
           --linger-s after a SIGKILL of the child, and after a stop
  killed   SIGKILL of the supervisor's own processes: is the child orphaned? Then the supervisor is
           started again with the same configuration; what happens in --adopt-s (adopts, reaps,
           duplicates, crash-loops on the busy port), in counts and words
  hang     SIGSTOP of the child: does the supervisor notice within --hang-s (child killed or a new
           one started)? ClawTray with a short liveness deadline (--liveness); the peers have no
           equivalent setting. Every supervisor at once.
  loop     a child that dies --crash-after-ms after its start (exit 1): starts within --loop-s,
           the gaps between them (back-off shape), the supervisor's state at the end. At once.

Sequential scenarios take the supervisors one after the other, parallel ones start them one after
the other; either way the order rotates from scenario to scenario so drift hits all alike.
Processes are found by their FAKE_TIMESTAMP_LOG in /proc/<pid>/environ (helpers inherit it);
everything started is SIGKILLed at the end, also on failure or Ctrl-C. Loopback only.

  bench/peers/reliability.py --build BUILD_DIR [--only a,b] [--out FILE] [--smoke]
      [--idle-s 60] [--settle-s 10] [--stop-cap-s 30] [--linger-s 5] [--adopt-s 20] [--hang-s 60]
      [--loop-s 60] [--crash-after-ms 200] [--scenarios idle,stop,helpers,killed,hang,loop]

--smoke: ClawTray alone, every scenario a few seconds, exit code 1 when one of ClawTray's checks
fails (for CI later). Prints one JSON document; progress goes to stderr.
"""
import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import sys
import tempfile
import time

from peers import PEERS, ClawTray, alive, cpu_ns, kill_quietly, memory_kib, wait_for  # bench/peers/peers.py

SCENARIOS = ["idle", "stop", "helpers", "killed", "hang", "loop"]

CONFIGS = {
    "clawtray": "clawtray --headless with its own config/data/state dirs; clawtray.ini: nodePath (a wrapper that "
                "execs the fake), openclawDir, port, tokenStorage=file; everything else default (stop grace "
                "7000 ms, liveness ping 30 s / deadline 180 s, backoff 1 s doubling to 30 s, governor 4 restarts "
                "per 10 min) unless the scenario says otherwise",
    "runit": "runsv SERVICE_DIR with ./run only (no ./finish, no control/ overrides): Debian defaults",
    "s6": "s6-supervise SERVICE_DIR with ./run only (no timeout-kill, no notification-fd): defaults",
    "supervisord": "[program:gateway] autorestart=true startsecs=1 startretries=1000 stopasgroup=true "
                   "killasgroup=true stopwaitsecs=10 (the rest default: stopsignal TERM)",
    "pm2": "pm2 start RUN --interpreter none (pm2 defaults: stop sends SIGINT, kill_timeout 1600 ms, treekill, "
           "min_uptime 1 s, max_restarts 16, no restart delay)",
}
STOP_COMMANDS = {"clawtray": "clawtray ctl stop", "runit": "sv down", "s6": "s6-svc -d",
                 "supervisord": "supervisorctl stop gateway", "pm2": "pm2 stop gateway"}


def log(msg):
    print(f"reliability: {msg}", file=sys.stderr, flush=True)


def mono():
    return time.monotonic_ns()


def ms(ns):
    return round(ns / 1e6, 1)


def rotated(items, k):
    if not items:
        return items
    k %= len(items)
    return items[k:] + items[:k]


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


class Run:
    """The temp root, every peer instance made (for cleanup) and the options."""

    def __init__(self, args, fake):
        self.args = args
        self.fake = fake
        self.root = tempfile.mkdtemp(prefix="clawtray-peers-rel-")
        self.made = []
        self.versions = {}

    def make(self, cls, scenario, fake_args=(), settings=None):
        if cls is ClawTray:
            base = dict(self.args.clawtray_settings)
            for k, v in (settings or {}).items():
                base[k] = {**base.get(k, {}), **v}
            p = cls(self.root, self.fake, fake_args, tag=scenario, settings=base)
        else:
            p = cls(self.root, self.fake, fake_args, tag=scenario)
        self.made.append(p)
        if cls.name not in self.versions:
            self.versions[cls.name] = p.version()
        return p

    def cleanup(self):
        for p in self.made:
            try:
                p.sweep()
            except Exception as e:  # noqa: BLE001 - clean up the rest anyway
                log(f"cleanup of {p.name}: {e}")
        if self.args.keep:
            log(f"kept {self.root}")
        else:
            shutil.rmtree(self.root, ignore_errors=True)


def wait_ready(p, timeout=60):
    """The child runs and listens (and ClawTray says running); returns the child's pid or 0."""
    def ready():
        c = p.child_pid()
        return c if c and alive(c) and p.listened(c) else 0
    c = wait_for(ready, timeout, step=0.01) or 0
    if c and isinstance(p, ClawTray):
        wait_for(lambda: p.status_json().get("state") == "running", 30, step=0.3)
    return c


def helpers_of(p, child):
    return [(pid, k[1]) for pid, k in p.marked() if isinstance(k, tuple) and k[2] == child]


def wait_helpers(p, child, n=2, timeout=5):
    return wait_for(lambda: (lambda h: h if len(h) >= n else None)(helpers_of(p, child)), timeout, step=0.02) or \
        helpers_of(p, child)


def children_alive(p):
    return sorted(pid for pid, k in p.marked() if k == "child")


def start_ready(p, what):
    p.start()
    c = wait_ready(p)
    if not c:
        raise RuntimeError(f"{p.name}'s child never listened ({what}); see {p.dir}")
    return c


# ---- scenarios ---------------------------------------------------------------------------------

def scenario_idle(run, classes):
    a = run.args
    peers = [run.make(c, "idle") for c in classes]
    try:
        for p in peers:
            p.start()
        for p in peers:
            if not wait_ready(p):
                raise RuntimeError(f"{p.name}'s child never listened; see {p.dir}")
        log(f"idle: all running; settle {a.settle_s} s, then {a.idle_s} s of samples")
        time.sleep(a.settle_s)
        pids = {p.name: p.supervisor_pids() for p in peers}
        before = {n: {pid: cpu_ns(pid) for pid in v} for n, v in pids.items()}
        t0 = mono()
        samples = {p.name: [] for p in peers}
        step = max(1.0, min(5.0, a.idle_s / 12))
        next_at = time.monotonic()
        end = time.monotonic() + a.idle_s
        while time.monotonic() < end:
            for p in peers:
                mem = [memory_kib(pid) for pid in pids[p.name]]
                samples[p.name].append({k: sum(m[k] for m in mem) for k in ("Rss", "Pss", "Pss_Anon")})
            next_at += step
            time.sleep(max(0.0, min(next_at, end) - time.monotonic()))
        after = {n: {pid: cpu_ns(pid) for pid in v} for n, v in pids.items()}
        minutes = (mono() - t0) / 60e9
        out = {}
        for p in peers:
            run_ns = sum(max(0, after[p.name][pid][0] - before[p.name][pid][0]) for pid in pids[p.name])
            ticks = sum(max(0, after[p.name][pid][1] - before[p.name][pid][1]) for pid in pids[p.name])
            hz = os.sysconf("SC_CLK_TCK")
            s = samples[p.name]
            med = {k: statistics.median(x[k] for x in s) / 1024 for k in ("Rss", "Pss", "Pss_Anon")}
            out[p.name] = {
                "processes": [f"{comm(pid)} ({pid})" for pid in pids[p.name]],
                "rss_mib": round(med["Rss"], 2), "pss_mib": round(med["Pss"], 2),
                "pss_anon_mib": round(med["Pss_Anon"], 2),
                "cpu_ms_per_min": round(run_ns / 1e6 / minutes, 2),
                "cpu_ticks_ms_per_min": round(ticks * 1000.0 / hz / minutes, 1),
                "samples": len(s), "seconds": round(minutes * 60, 1),
                "same_processes_at_end": sorted(p.supervisor_pids()) == sorted(pids[p.name]),
            }
            log(f"idle: {p.name} RSS {out[p.name]['rss_mib']} MiB, PSS {out[p.name]['pss_mib']} MiB, "
                f"CPU {out[p.name]['cpu_ms_per_min']} ms/min ({', '.join(out[p.name]['processes'])})")
        return out
    finally:
        for p in peers:
            p.sweep()


def scenario_stop(run, classes):
    a = run.args
    out = {}
    for cls in classes:
        p = run.make(cls, "stop", ["--fake-ignore-sigterm"])
        try:
            c = start_ready(p, "stop")
            time.sleep(a.child_settle_s)
            c = p.child_pid()
            t0 = mono()
            cmd = p.stop_service()
            gone_at = cmd_at = None
            end = t0 + int(a.stop_cap_s * 1e9)
            while mono() < end and (gone_at is None or cmd_at is None):
                if gone_at is None and not alive(c):
                    gone_at = mono()
                if cmd_at is None and cmd.poll() is not None:
                    cmd_at = mono()
                time.sleep(0.002)
            r = {
                "stop_command": STOP_COMMANDS[p.name],
                "child_gone_ms": ms(gone_at - t0) if gone_at else None,
                "gone_within_cap": gone_at is not None,
                "escalated": gone_at is not None,
                "command_returned_ms": ms(cmd_at - t0) if cmd_at else None,
                "command_exit_code": cmd.poll(),
                "new_child_after_stop": len(p.starts(t0)),
                "status_after": p.status(),
            }
            out[p.name] = r
            log(f"stop: {p.name}: child {'gone after %.0f ms' % r['child_gone_ms'] if gone_at else 'still running after %d s' % a.stop_cap_s}"
                f"; command returned {r['command_returned_ms']} ms, exit {r['command_exit_code']}; {r['status_after']!r}")
        except Exception as e:  # noqa: BLE001 - one peer failing must not end the run
            out[p.name] = {"error": str(e)}
            log(f"stop: {e}")
        finally:
            p.sweep()
    return out


def scenario_helpers(run, classes):
    a = run.args
    out = {}
    for cls in classes:
        p = run.make(cls, "helpers", ["--fake-grandchild", "--fake-detached-helper"])
        try:
            c0 = start_ready(p, "helpers")
            h0 = wait_helpers(p, c0)
            time.sleep(a.child_settle_s)
            t0 = mono()
            kill_quietly(c0)
            time.sleep(a.linger_s)
            left_crash = sorted(k for pid, k in h0 if alive(pid))
            new = wait_for(lambda: [s for s in p.starts(t0) if s[1] != c0 and alive(s[1]) and p.listened(s[1])],
                           a.wait_s, step=0.01)
            r = {"helpers_spawned": sorted(k for _, k in h0), "left_after_child_sigkill": left_crash,
                 "linger_s": a.linger_s}
            if not new:
                r["after_stop"] = "no new child after the SIGKILL: stop not measured"
            else:
                c1 = new[-1][1]
                h1 = wait_helpers(p, c1)
                time.sleep(a.child_settle_s)
                t1 = mono()
                cmd = p.stop_service()
                gone = wait_for(lambda: not alive(c1), a.stop_cap_s, step=0.005)
                child_gone_ms = ms(mono() - t1) if gone else None
                wait_for(lambda: cmd.poll() is not None, a.stop_cap_s, step=0.01)
                time.sleep(a.linger_s)
                r["left_after_stop"] = sorted(k for pid, k in h1 if alive(pid))
                r["stop_child_gone_ms"] = child_gone_ms
            r["processes_left_at_end"] = sorted(
                ("child" if k == "child" else k[1] if isinstance(k, tuple) else "other") for _, k in p.marked())
            out[p.name] = r
            log(f"helpers: {p.name}: left after SIGKILL of the child {left_crash or 'none'}, "
                f"after stop {r.get('left_after_stop', '?') or 'none'}")
        except Exception as e:  # noqa: BLE001 - one peer failing must not end the run
            out[p.name] = {"error": str(e)}
            log(f"helpers: {e}")
        finally:
            p.sweep()
    return out


def killed_words(r):
    words = ["the child " + ("kept running (orphaned)" if r["child_orphaned"] else "died with the supervisor")]
    if r["helpers_orphaned"]:
        words.append("its helpers kept running (" + ", ".join(r["helpers_orphaned"]) + ")")
    n, lis = r["starts_after_restart"], r["listened_after_restart"]
    if r["child_orphaned"]:
        if r["orphan_alive_at_end"] and n == 0:
            words.append("after the restart: no new child; the orphan runs on" +
                         (" and is reported as the supervisor's gateway" if r.get("adopted") else ""))
        elif r["orphan_alive_at_end"]:
            words.append(f"after the restart: {n} new child start(s) beside the orphan, {lis} of them listened"
                         + (" — a crash loop on the busy port" if n >= 2 and lis == 0 else ""))
        else:
            words.append("after the restart: the orphan was ended" +
                         (f" and {n} new child start(s), {lis} listened" if n else " and nothing new started"))
    else:
        words.append(f"after the restart: {n} new child start(s), {lis} listened")
    if r["helpers_orphaned"]:
        words.append("helpers of the old child alive at the end: " + (", ".join(r["helpers_alive_at_end"]) or "none") +
                     (f" (ended {r['helpers_ended_after_restart_ms']:.0f} ms after the restart)"
                      if r.get("helpers_ended_after_restart_ms") is not None else ""))
    return "; ".join(words)


def scenario_killed(run, classes):
    a = run.args
    out = {}
    for cls in classes:
        p = run.make(cls, "killed", ["--fake-grandchild", "--fake-detached-helper"])
        try:
            c0 = start_ready(p, "killed")
            h0 = wait_helpers(p, c0)
            time.sleep(a.child_settle_s)
            killed = [f"{comm(pid)} ({pid})" for pid in p.supervisor_pids()]
            p.kill_supervisor()
            time.sleep(a.orphan_s)
            r = {"killed": killed, "child_orphaned": alive(c0),
                 "helpers_orphaned": sorted(k for pid, k in h0 if alive(pid))}
            t1 = mono()
            p.restart_supervisor()
            orphan_gone = helpers_gone = None
            end = t1 + int(a.adopt_s * 1e9)
            while mono() < end:
                if orphan_gone is None and r["child_orphaned"] and not alive(c0):
                    orphan_gone = mono()
                if helpers_gone is None and r["helpers_orphaned"] and not any(alive(pid) for pid, _ in h0):
                    helpers_gone = mono()
                time.sleep(0.01)
            starts = [pid for _, pid in p.starts(t1)]
            r.update({
                "observed_s": a.adopt_s,
                "starts_after_restart": len(starts),
                "listened_after_restart": sum(1 for pid in starts if p.listened(pid)),
                "orphan_alive_at_end": alive(c0),
                "children_alive_at_end": len(children_alive(p)),
                "helpers_alive_at_end": sorted(k for pid, k in h0 if alive(pid)),
                "orphan_ended_after_restart_ms": ms(orphan_gone - t1) if orphan_gone else None,
                "helpers_ended_after_restart_ms": ms(helpers_gone - t1) if helpers_gone else None,
                "first_start_after_restart_ms": ms(p.starts(t1)[0][0] - t1) if starts else None,
                "status_at_end": p.status(),
            })
            if isinstance(p, ClawTray):
                st = p.status_json()
                r["adopted"] = bool(st) and st.get("pid") == c0 and st.get("state") == "running"
            r["what_happened"] = killed_words(r)
            out[p.name] = r
            log(f"killed: {p.name}: {r['what_happened']}; status {r['status_at_end']!r}")
        except Exception as e:  # noqa: BLE001 - one peer failing must not end the run
            out[p.name] = {"error": str(e)}
            log(f"killed: {e}")
        finally:
            p.sweep()
    return out


def scenario_hang(run, classes):
    a = run.args
    peers = [run.make(c, "hang", settings={"liveness": a.liveness} if c is ClawTray else None) for c in classes]
    try:
        for p in peers:
            p.start()
        for p in peers:
            if not wait_ready(p):
                raise RuntimeError(f"{p.name}'s child never listened; see {p.dir}")
        time.sleep(a.child_settle_s)
        c0, t0, gone, new = {}, {}, {}, {}
        for p in peers:
            c0[p.name] = p.child_pid()
            t0[p.name] = mono()
            kill_quietly(c0[p.name], signal.SIGSTOP)
        log(f"hang: {len(peers)} children stopped; watching {a.hang_s} s")
        end = max(t0.values()) + int(a.hang_s * 1e9)
        while mono() < end and len(new) < len(peers):
            for p in peers:
                n = p.name
                if n not in gone and not alive(c0[n]):
                    gone[n] = mono()
                if n not in new:
                    s = [x for x in p.starts(t0[n]) if x[1] != c0[n]]
                    if s:
                        new[n] = s[0][0]
            time.sleep(0.01)
        out = {}
        for p in peers:
            n = p.name
            noticed = n in gone or n in new
            within = lambda t: t is not None and t - t0[n] <= a.hang_s * 1e9  # noqa: E731
            out[n] = {"noticed": bool(noticed and (within(gone.get(n)) or within(new.get(n)))),
                      "child_killed_ms": ms(gone[n] - t0[n]) if n in gone else None,
                      "new_child_ms": ms(new[n] - t0[n]) if n in new else None,
                      "watched_s": a.hang_s, "status_at_end": p.status()}
            if n == "clawtray":
                out[n]["liveness"] = a.liveness
            log(f"hang: {n}: " + (f"new child after {out[n]['new_child_ms']} ms" if n in new else
                                  f"child killed after {out[n]['child_killed_ms']} ms" if n in gone else
                                  f"not noticed in {a.hang_s} s") + f"; {out[n]['status_at_end']!r}")
        return out
    finally:
        for p in peers:
            p.sweep()


def scenario_loop(run, classes):
    a = run.args
    peers = [run.make(c, "loop", ["--fake-crash-after-ms", str(a.crash_after_ms)]) for c in classes]
    try:
        launched = {}
        for p in peers:
            launched[p.name] = mono()
            p.start()
        log(f"loop: {len(peers)} supervisors crash-looping; watching {a.loop_s} s")
        end = max(launched.values()) + int(a.loop_s * 1e9)
        time.sleep(max(0.0, (end - mono()) / 1e9))
        out = {}
        for p in peers:
            n = p.name
            window_end = launched[n] + int(a.loop_s * 1e9)
            starts = [t for t, _ in p.starts(launched[n]) if t <= window_end]
            gaps = [ms(b - x) for x, b in zip(starts, starts[1:])]
            status = p.status()
            r = {"starts": len(starts), "restarts": max(0, len(starts) - 1),
                 "first_start_ms": ms(starts[0] - launched[n]) if starts else None,
                 "gaps_ms": gaps,
                 "last_start_before_end_s": round((window_end - starts[-1]) / 1e9, 1) if starts else None,
                 "child_alive_at_end": bool(children_alive(p)),
                 "status_at_end": status}
            if isinstance(p, ClawTray):
                st = p.status_json()
                r["state_at_end"] = st.get("state")
                r["pending_action_at_end"] = st.get("pendingAction")
                r["next_retry_in_ms"] = (st.get("nextRetryAtMs") - time.time() * 1000
                                         if st.get("nextRetryAtMs") else None)
            r["final_state"] = loop_words(n, r)
            out[n] = r
            log(f"loop: {n}: {r['restarts']} restarts in {a.loop_s} s, gaps {gaps[:12]}{' ...' if len(gaps) > 12 else ''}; "
                f"{r['final_state']}")
        return out
    finally:
        for p in peers:
            p.sweep()


def loop_words(name, r):
    s = r["status_at_end"] or ""
    age = r["last_start_before_end_s"]
    recent = age is not None and age < 15
    if name == "supervisord":
        if "FATAL" in s:
            return "given up (FATAL)"
        if "BACKOFF" in s:
            return "still restarting (BACKOFF)"
    if name == "pm2":
        if "errored" in s:
            return "given up (errored)"
    if name == "clawtray":
        state, pending = r.get("state_at_end"), r.get("pending_action_at_end")
        paused = "paused" in s or "circuit open" in (pending or "")
        nxt = r.get("next_retry_in_ms")
        if state in ("error", "reconnecting", "starting") and (pending or nxt):
            return (f"{'paused' if paused else 'still restarting'} ({state}"
                    + (f": {pending}" if pending else "")
                    + (f"; next start in {nxt / 1000:.0f} s" if nxt and nxt > 0 else "") + ")")
    return ("still restarting" if recent else "no start in the last %.0f s" % age if age is not None else "never started") + \
        (f" ({s})" if s else "")


# ---- the document ------------------------------------------------------------------------------

def ratios(peers_doc):
    ours = peers_doc.get("clawtray")
    if not ours:
        return {}
    out = {}

    def ratio(a, b):
        return round(a / b, 3) if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None

    for name, v in peers_doc.items():
        if name == "clawtray":
            continue
        r = {}
        oi, pi = ours.get("idle") or {}, v.get("idle") or {}
        for k in ("rss_mib", "pss_mib", "cpu_ms_per_min"):
            r["idle_" + k] = ratio(oi.get(k), pi.get(k))
        r["stop_child_gone"] = ratio((ours.get("stop") or {}).get("child_gone_ms"), (v.get("stop") or {}).get("child_gone_ms"))
        oh, ph = ours.get("hang") or {}, v.get("hang") or {}
        r["hang_new_child"] = ratio(oh.get("new_child_ms"), ph.get("new_child_ms"))
        out[name] = r
    return out


def smoke_checks(doc):
    c = doc["peers"].get("clawtray") or {}
    checks = []

    def check(cid, ok, detail):
        checks.append({"id": cid, "pass": bool(ok), "detail": detail})

    idle = c.get("idle") or {}
    check("idle.measured", idle.get("rss_mib", 0) > 0 and "cpu_ms_per_min" in idle, idle.get("error") or
          f"RSS {idle.get('rss_mib')} MiB, CPU {idle.get('cpu_ms_per_min')} ms/min")
    st = c.get("stop") or {}
    check("stop.escalates", st.get("gone_within_cap"), st.get("error") or f"child gone after {st.get('child_gone_ms')} ms")
    hp = c.get("helpers") or {}
    check("helpers.none_after_crash", "left_after_child_sigkill" in hp and not hp["left_after_child_sigkill"],
          hp.get("error") or f"left after SIGKILL of the child: {hp.get('left_after_child_sigkill')}")
    check("helpers.none_after_stop", "left_after_stop" in hp and not hp["left_after_stop"],
          hp.get("error") or f"left after stop: {hp.get('left_after_stop', hp.get('after_stop'))}")
    k = c.get("killed") or {}
    check("killed.one_child_nothing_orphaned",
          "children_alive_at_end" in k and k["children_alive_at_end"] == 1 and not k["helpers_alive_at_end"]
          and not (k["orphan_alive_at_end"] and k["starts_after_restart"]),
          k.get("error") or k.get("what_happened"))
    h = c.get("hang") or {}
    check("hang.noticed", h.get("noticed"), h.get("error") or f"new child after {h.get('new_child_ms')} ms")
    lp = c.get("loop") or {}
    check("loop.restarts", lp.get("starts", 0) >= 2, lp.get("error") or f"{lp.get('starts')} starts, gaps {lp.get('gaps_ms')}")
    return checks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, help="ClawTray build dir (app/clawtray, tests/support/fake_gateway)")
    ap.add_argument("--only", default="", help="comma-separated subset of " + ",".join(p.name for p in PEERS))
    ap.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated subset of " + ",".join(SCENARIOS))
    ap.add_argument("--out", default="")
    ap.add_argument("--smoke", action="store_true", help="ClawTray alone, a few seconds per scenario, exit 1 on a failed check")
    ap.add_argument("--idle-s", type=float, default=60)
    ap.add_argument("--settle-s", type=float, default=10, help="before the idle samples")
    ap.add_argument("--child-settle-s", type=float, default=1.5,
                    help="a ready child runs this long before it is stopped or killed (past the peers' 1 s 'too young' windows)")
    ap.add_argument("--stop-cap-s", type=float, default=30)
    ap.add_argument("--linger-s", type=float, default=5, help="helpers still alive this long after a SIGKILL / stop count as left")
    ap.add_argument("--orphan-s", type=float, default=3, help="after the supervisor's SIGKILL, before it is started again")
    ap.add_argument("--adopt-s", type=float, default=20, help="how long the restarted supervisor is watched")
    ap.add_argument("--hang-s", type=float, default=60)
    ap.add_argument("--liveness", default="2000,10000,2000",
                    help="ClawTray's [liveness] pingIntervalMs,deadlineMs,probeTimeoutMs in the hang scenario")
    ap.add_argument("--loop-s", type=float, default=60)
    ap.add_argument("--crash-after-ms", type=int, default=200)
    ap.add_argument("--wait-s", type=float, default=45, help="how long a new child may take after a SIGKILL")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (logs of every supervisor)")
    a = ap.parse_args()
    a.clawtray_settings = {}
    if a.smoke:
        a.only = "clawtray"
        a.idle_s, a.settle_s, a.child_settle_s = 3, 1, 0.5
        a.stop_cap_s, a.linger_s, a.orphan_s, a.adopt_s = 15, 2, 1, 8
        a.hang_s, a.liveness, a.loop_s, a.wait_s = 15, "300,1500,500", 8, 15
        a.clawtray_settings = {"gateway": {"stopGraceMs": 1000}}
    ping, deadline, probe = (int(x) for x in a.liveness.split(","))
    a.liveness = {"pingIntervalMs": ping, "deadlineMs": deadline, "probeTimeoutMs": probe}

    build = os.path.abspath(a.build)
    fake = os.path.join(build, "tests", "support", "fake_gateway")
    if not os.access(fake, os.X_OK):
        sys.exit(f"reliability: {fake} is not built")
    ClawTray.build = build
    wanted = [p for p in PEERS if not a.only or p.name in a.only.split(",")]
    missing = [p.name for p in wanted if not p.available()]
    classes = [p for p in wanted if p.available()]
    scenarios = [s for s in SCENARIOS if s in a.scenarios.split(",")]
    funcs = {"idle": scenario_idle, "stop": scenario_stop, "helpers": scenario_helpers, "killed": scenario_killed,
             "hang": scenario_hang, "loop": scenario_loop}

    def on_term(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)

    run = Run(a, fake)
    results = {c.name: {} for c in classes}
    order = {}
    started = time.time()
    interrupted = False
    try:
        for i, s in enumerate(scenarios):
            seq = rotated(classes, i)
            order[s] = [c.name for c in seq]
            log(f"== {s}: {', '.join(order[s])}")
            try:
                res = funcs[s](run, seq)
            except Exception as e:  # noqa: BLE001 - one peer failing must not end the run
                log(f"{s}: {e}")
                res = {c.name: {"error": str(e)} for c in seq}
            for name, v in res.items():
                results[name][s] = v
    except KeyboardInterrupt:
        interrupted = True
        log("interrupted: cleaning up")
    finally:
        run.cleanup()
    if interrupted:
        sys.exit(130)

    doc = {
        "benchmark": "peers.reliability",
        "what": "ClawTray and each peer supervise the same child (the fake gateway through the same sh run script) "
                "in one run: idle cost of the supervisor alone, stop of a child that ignores SIGTERM, helpers left "
                "after a crash and after a stop, the supervisor SIGKILLed and started again, a SIGSTOPped child, "
                "a crash loop",
        "command": "bench/peers/reliability.py " + " ".join(sys.argv[1:]),
        "machine": {"cpus": os.cpu_count(), "kernel": platform.release(), "python": platform.python_version(),
                    "loadavg_end": open("/proc/loadavg").read().split()[:3]},
        "mode": "smoke" if a.smoke else "full",
        "seconds": round(time.time() - started),
        "config": {"idle_s": a.idle_s, "settle_s": a.settle_s, "child_settle_s": a.child_settle_s,
                   "stop_cap_s": a.stop_cap_s, "linger_s": a.linger_s, "orphan_s": a.orphan_s, "adopt_s": a.adopt_s,
                   "hang_s": a.hang_s, "clawtray_liveness_in_hang": a.liveness, "loop_s": a.loop_s,
                   "crash_after_ms": a.crash_after_ms, "clawtray_ini_extra": a.clawtray_settings,
                   "supervisors": {c.name: CONFIGS[c.name] for c in classes},
                   "hang_note": "ClawTray's liveness deadline is set short for the hang scenario only (defaults: ping "
                                "30000 ms, deadline 180000 ms, probe 5000 ms); runit, s6, supervisord and pm2 have "
                                "no equivalent: they watch only for the child's exit"},
        "order": order,
        "skipped": missing,
        "versions": run.versions,
        "peers": results,
    }
    doc["ratios"] = ratios(results)
    rc = 0
    if a.smoke:
        doc["checks"] = smoke_checks(doc)
        rc = 0 if all(c["pass"] for c in doc["checks"]) else 1
        for c in doc["checks"]:
            log(f"check {c['id']}: {'pass' if c['pass'] else 'FAIL'} ({c['detail']})")
    text = json.dumps(doc, indent=2)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")
    sys.exit(rc)


if __name__ == "__main__":
    main()
