#!/usr/bin/env python3
"""Assembles the benchmark outputs of bench/run.sh into one JSON document with the machine and
every target's pass/fail, or (--markdown RESULTS.json) prints the README table of a results file."""
import argparse
import json
import os
import platform
import re
import subprocess
import sys


def load(d, name):
    path = os.path.join(d, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def sh(cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return ""


def machine(build, src, dirname):
    info = {"nproc": os.cpu_count(), "kernel": platform.release(), "arch": platform.machine()}
    with open("/proc/cpuinfo") as f:
        m = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.M)
        info["cpu_model"] = m.group(1).strip() if m else "unknown"
    with open("/proc/meminfo") as f:
        m = re.search(r"^MemTotal:\s*(\d+) kB", f.read(), re.M)
        info["ram_mib"] = int(m.group(1)) // 1024 if m else None
    try:
        with open("/etc/os-release") as f:
            m = re.search(r'^PRETTY_NAME="?([^"\n]+)', f.read(), re.M)
            info["os"] = m.group(1) if m else ""
    except OSError:
        pass
    for k in ("start", "end"):
        p = os.path.join(dirname, "loadavg." + k)
        if os.path.exists(p):
            info["loadavg_" + k] = open(p).read().split()[:3]
    cache = os.path.join(build, "CMakeCache.txt")
    if os.path.exists(cache):
        text = open(cache).read()
        for key, name in (("CMAKE_BUILD_TYPE", "build_type"), ("CMAKE_CXX_COMPILER", "compiler")):
            m = re.search(r"^%s:\w+=(.*)$" % key, text, re.M)
            if m:
                info[name] = m.group(1)
    if "compiler" in info:
        info["compiler"] = sh([info["compiler"], "--version"]).splitlines()[0] if info["compiler"] else ""
    libs = sh(["ldd", os.path.join(build, "bench", "bench_rpc")])
    m = re.search(r"libQt6Core\.so\.6 => (\S+)", libs)
    if m:
        real = os.path.realpath(m.group(1))
        v = re.search(r"\.so\.(\d+\.\d+\.\d+)$", real)
        info["qt"] = v.group(1) if v else real
    info["git_commit"] = sh(["git", "rev-parse", "--short", "HEAD"], cwd=src)
    info["git_dirty"] = bool(sh(["git", "status", "--porcelain", "--", "core", "app", "tests/support"], cwd=src))
    return info


def get(d, *path):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def target(tid, bench, what, goal, measured, ok, unit="", note=""):
    t = {"id": tid, "benchmark": bench, "what": what, "target": goal, "measured": measured, "unit": unit,
         "pass": ok}
    if note:
        t["note"] = note
    return t


def evaluate(b, real):
    t = []
    idle = b.get("idle_headless_fake") or {}
    if "rss_mib" in idle:
        rss, anon, cpu = idle["rss_mib"]["median"], idle["pss_anon_mib"]["median"], idle["cpu_ms_per_min"]
        t.append(target("idle.headless.rss", "idle", "headless RSS (fake gateway)", "<= 24 MiB", rss, rss <= 24, "MiB"))
        t.append(target("idle.headless.pss_anon", "idle", "headless Pss_Anon", "<= 6 MiB", anon, anon <= 6, "MiB"))
        t.append(target("idle.headless.cpu", "idle", "headless CPU per minute", "<= 5 ms/min", cpu, cpu <= 5, "ms/min"))
    else:
        t.append(target("idle.headless", "idle", "headless idle", "measured", None, None,
                        note=idle.get("error", idle.get("status", "not run"))))
    tray = b.get("idle_tray_fake") or {}
    if "rss_mib" in tray:
        v = tray["rss_mib"]["median"]
        t.append(target("idle.tray.rss", "idle", "tray app RSS under Xvfb", "<= 50 MiB", v, v <= 50, "MiB"))
    else:
        t.append(target("idle.tray.rss", "idle", "tray app RSS under Xvfb", "<= 50 MiB", None, None,
                        note=tray.get("status", tray.get("error", "not run"))))
    if real:
        ir = b.get("idle_headless_real") or {}
        if "rss_mib" in ir:
            rss, anon, cpu = ir["rss_mib"]["median"], ir["pss_anon_mib"]["median"], ir["cpu_ms_per_min"]
            t.append(target("idle.headless_real.rss", "idle", "headless RSS (real gateway)", "<= 24 MiB", rss, rss <= 24, "MiB"))
            t.append(target("idle.headless_real.cpu", "idle", "headless CPU per minute (real gateway)", "<= 5 ms/min", cpu,
                            cpu <= 5, "ms/min"))

    rec = get(b, "recovery", "fake") or {}
    if "exit_to_respawn_ms" in rec:
        v = rec["exit_to_respawn_ms"]["p95"]
        t.append(target("recovery.respawn_p95", "crash recovery", "exit -> new process started, p95 (fake)", "<= 5 ms", v,
                        v <= 5, "ms"))
        v = rec["exit_to_running_ms"]["p95"]
        t.append(target("recovery.running_p95", "crash recovery", "exit -> running with handshake, p95 (fake)", "<= 30 ms", v,
                        v <= 30, "ms"))
    else:
        t.append(target("recovery", "crash recovery", "fake gateway", "measured", None, None,
                        note=get(b, "recovery", "error") or rec.get("error", "not run")))
    if real:
        rr = get(b, "recovery", "real") or {}
        if "clawtray_overhead_ms" in rr:
            v = rr["clawtray_overhead_ms"]["p95"]
            t.append(target("recovery.real_overhead", "crash recovery", "real gateway: ClawTray overhead over /readyz, p95",
                            "<= 100 ms", v, v <= 100, "ms"))
        else:
            t.append(target("recovery.real_overhead", "crash recovery", "real gateway", "<= 100 ms", None, None,
                            note=rr.get("skipped", rr.get("error", "not run"))))

    hang = b.get("hang") or {}
    prod = hang.get("product_stop_grace") or {}
    if "sigstop_to_unresponsive_ms" in prod:
        bound = prod["bound_ms"]
        v = prod["sigstop_to_unresponsive_ms"]["max"]
        t.append(target("hang.detect", "hang detection", "SIGSTOP -> unresponsive, every cycle (max)",
                        "<= D+T+100 = %d ms" % bound, v, v <= bound and prod.get("failures", 1) == 0, "ms"))
        v = prod["sigstop_to_respawn_ms"]["max"]
        t.append(target("hang.restart", "hang detection", "SIGSTOP -> restarted (new process), every cycle (max)",
                        "<= D+T+100 = %d ms" % bound, v, v <= bound, "ms",
                        note="product stop grace %s ms" % get(prod, "config", "stopGraceMs")))
    else:
        t.append(target("hang", "hang detection", "SIGSTOP", "measured", None, None, note=hang.get("error", "not run")))

    rpc = b.get("rpc") or {}
    ratios = rpc.get("ratios")
    if ratios:
        v = ratios["throughput_clawtray_over_node"]
        t.append(target("rpc.throughput", "rpc", "pipelined throughput, ClawTray / Node", ">= 1.5x", v, v >= 1.5, "x"))
        c, n = get(rpc, "clawtray", "sequential_latency_ms", "p99"), get(rpc, "node", "sequential_latency_ms", "p99")
        t.append(target("rpc.p99", "rpc", "sequential p99 latency, ClawTray vs Node (%s ms)" % n, "lower than Node", c,
                        c < n, "ms"))
    else:
        t.append(target("rpc", "rpc", "ClawTray vs Node", "measured", None, None,
                        note=rpc.get("error", get(rpc, "node", "skipped") or "not run")))

    appr = b.get("approval") or {}
    if "event_to_prompt_ms" in appr:
        v = appr["event_to_prompt_ms"]["p95"]
        t.append(target("approval.p95", "approval prompt", "exec.approval.requested received -> prompt shown (p95)",
                        "<= 50 ms", v, v <= 50 and appr.get("failures", 1) == 0, "ms", note=appr.get("note", "")))
    else:
        t.append(target("approval", "approval prompt", "event -> prompt", "measured", None, None,
                        note=appr.get("error", "not run")))

    stop = b.get("stop") or {}
    for k in ("fake", "fake_with_helpers") + (("real",) if real else ()):
        s = stop.get(k) or {}
        if "stop_ms" in s:
            left = s["processes_left_after_stop"] + s.get("failures", 0)
            t.append(target("stop.%s.nothing_left" % k, "stop", "processes left after stop (%s)" % k, "0", left, left == 0))
        elif k == "real":
            t.append(target("stop.real.p95", "stop", "real gateway stop p95", "<= 1000 ms", None, None,
                            note=s.get("skipped", s.get("error", "not run"))))
    if real and "stop_ms" in (stop.get("real") or {}):
        v = stop["real"]["stop_ms"]["p95"]
        t.append(target("stop.real.p95", "stop", "stop -> every process gone, p95 (real gateway)", "<= 1000 ms", v,
                        v <= 1000, "ms"))

    end = b.get("endurance") or {}
    if "rss_growth_kib" in end:
        v = end["rss_growth_kib"]
        t.append(target("endurance.rss", "endurance", "RSS growth over %d restarts + %d calls" % (end["restarts"], end["calls"]),
                        "<= 1024 KiB", v, v <= 1024, "KiB"))
        ok = end["fd_delta_running"] == 0 and end["fd_delta_after_stop"] == 0
        t.append(target("endurance.fds", "endurance", "open fds back to the start count (running / after stop)", "0 / 0",
                        "%d / %d" % (end["fd_delta_running"], end["fd_delta_after_stop"]), ok))
    else:
        t.append(target("endurance", "endurance", "restarts and calls", "measured", None, None,
                        note=end.get("error", "not run")))
    peers = (b.get("peers") or {}).get("peers") or {}
    if "clawtray" in peers and len(peers) > 1:
        ours = peers["clawtray"]["respawn_ms"].get("p95")
        others = {n: v["respawn_ms"].get("p95") for n, v in peers.items()
                  if n != "clawtray" and v["respawn_ms"].get("p95") is not None}
        if ours is not None and others:
            best = min(others, key=others.get)
            t.append(target("peers.respawn.p95", "peers", "crash -> new process p95, same child, same run",
                            "ClawTray <= every peer", ours, ours <= others[best], "ms",
                            note="fastest peer: %s %.2f ms" % (best, others[best])))
    return t


def fmt(v, unit=""):
    if v is None:
        return "—"
    if isinstance(v, float):
        v = ("%.2f" % v) if abs(v) < 10 else ("%.1f" % v) if abs(v) < 1000 else ("%.0f" % v)
    return "%s%s" % (v, (" " + unit) if unit and unit != "x" else ("x" if unit == "x" else ""))


def markdown(doc):
    m = doc["machine"]
    b = doc["benchmarks"]
    lines = []
    lines.append("Machine: %s, %s vCPU, %s MiB RAM, Linux %s, Qt %s, %s (%s); load average %s → %s." % (
        m.get("cpu_model"), m.get("nproc"), m.get("ram_mib"), m.get("kernel"), m.get("qt", "?"),
        m.get("compiler", "?"), m.get("build_type", "?"), " ".join(m.get("loadavg_start", [])),
        " ".join(m.get("loadavg_end", []))))
    lines.append("Command: `%s` (%s%s)" % (doc["command"], doc["mode"],
                                          ", benchmarks at nice %d" % doc["nice"] if doc.get("nice") else ""))
    lines.append("")
    lines.append("| benchmark | figure | median | p95 | runs | target | result |")
    lines.append("|---|---|---|---|---|---|---|")

    def row(bench, figure, stats, unit, goal="", ok=None, med=None):
        med = fmt(stats.get("median"), unit) if stats and med is None else (med or "—")
        p95 = fmt(stats.get("p95"), unit) if stats and "p95" in stats else "—"
        runs = stats.get("runs", "—") if stats else "—"
        res = "" if ok is None else ("pass" if ok else "**miss**")
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (bench, figure, med, p95, runs, goal, res))

    tmap = {t["id"]: t for t in doc["targets"]}

    def ok(tid):
        return tmap.get(tid, {}).get("pass")

    idle = b.get("idle_headless_fake") or {}
    if "rss_mib" in idle:
        row("idle (headless, fake gw)", "RSS", idle["rss_mib"], "MiB", "≤ 24 MiB", ok("idle.headless.rss"))
        row("", "Pss_Anon", idle["pss_anon_mib"], "MiB", "≤ 6 MiB", ok("idle.headless.pss_anon"))
        row("", "CPU per minute", None, "", "≤ 5 ms", ok("idle.headless.cpu"), fmt(idle["cpu_ms_per_min"], "ms"))
        row("", "voluntary ctx switches per minute", None, "", "", None, fmt(idle["voluntary_ctx_switches_per_min"]))
    ir = b.get("idle_headless_real") or {}
    if "rss_mib" in ir:
        row("idle (headless, real gw)", "RSS / Pss_Anon", None, "", "≤ 24 / 6 MiB", ok("idle.headless_real.rss"),
            "%s / %s" % (fmt(ir["rss_mib"]["median"], "MiB"), fmt(ir["pss_anon_mib"]["median"], "MiB")))
        row("", "CPU / ctx switches per minute", None, "", "≤ 5 ms", ok("idle.headless_real.cpu"),
            "%s / %s" % (fmt(ir["cpu_ms_per_min"], "ms"), fmt(ir["voluntary_ctx_switches_per_min"])))
    tray = b.get("idle_tray_fake") or {}
    if "rss_mib" in tray:
        where = "idle (tray, Xvfb, window %s)" % tray.get("window", "shown")
        row(where, "RSS", tray["rss_mib"], "MiB", "≤ 50 MiB", ok("idle.tray.rss"))
        if "cpu_ms_per_min" in tray:
            row("", "CPU / voluntary ctx switches per minute", None, "", "", None,
                "%s / %s" % (fmt(tray["cpu_ms_per_min"], "ms"), fmt(tray["voluntary_ctx_switches_per_min"])))
    else:
        row("idle (tray, Xvfb)", "RSS", None, "", "≤ 50 MiB", None, tray.get("status", "not run"))
    rec = get(b, "recovery", "fake") or {}
    if "kill_to_respawn_ms" in rec:
        row("crash recovery (fake, %d cycles)" % rec["cycles"], "exit → new process", rec["exit_to_respawn_ms"], "ms",
            "p95 ≤ 5 ms", ok("recovery.respawn_p95"))
        row("", "exit → running + handshake", rec["exit_to_running_ms"], "ms", "p95 ≤ 30 ms", ok("recovery.running_p95"))
        row("", "SIGKILL → new process (as the peers were measured)", rec["kill_to_respawn_ms"], "ms")
        row("", "SIGKILL → running + handshake", rec["kill_to_running_ms"], "ms")
        row("", "… SIGKILL → exit (kernel, pidfd)", rec["kill_to_exit_ms"], "ms")
        row("", "… SIGKILL → exit seen and helpers reaped", rec["kill_to_exit_seen_ms"], "ms")
        row("", "… new process → /readyz ok", rec["respawn_to_readyz_ok_ms"], "ms")
        row("", "… /readyz ok → handshake done", rec["readyz_ok_to_running_ms"], "ms")
        row("", "cycles that took a backoff step (socket loss taken for a lost connection)", None, "", "", None,
            "%d of %d" % (rec["cycles_with_backoff_step"], rec["cycles"]))
        st = rec.get("gateway_state_at_socket_loss")
        if st:
            row("", "killed gateway's /proc state when the socket loss arrived", None, "", "", None,
                ", ".join("%s: %d" % (k, v) for k, v in sorted(st.items())))
        comp = get(b, "recovery", "components") or {}
        if "port_inspect_free_port_ms" in comp:
            row("", "cost: port check (/proc/net/tcp{,6}) on a free port", comp["port_inspect_free_port_ms"], "ms")
            row("", "cost: bind test of the same port", comp["can_bind_ms"], "ms")
            row("", "cost: owned-process scan (/proc/*/stat + environ, %d processes)" % comp["processes_on_machine"],
                comp["owned_processes_scan_ms"], "ms")
            row("", "cost: fork + exec of the gateway", comp["process_start_ms"], "ms")
    rr = get(b, "recovery", "real") or {}
    if "clawtray_overhead_ms" in rr:
        row("crash recovery (real, %d cycles)" % rr["cycles"], "exit → running", rr["kill_to_running_ms"], "ms")
        row("", "gateway's own spawn → /readyz", rr["gateway_spawn_to_readyz_ms"], "ms")
        row("", "ClawTray overhead (exit → running − spawn → /readyz)", rr["clawtray_overhead_ms"], "ms", "≤ 100 ms",
            ok("recovery.real_overhead"))
        if rr.get("kill_to_exit_ms", {}).get("runs"):
            row("", "… exit → new process", rr["exit_to_respawn_ms"], "ms")
            row("", "… /readyz 200 → handshake done", rr["readyz_to_running_ms"], "ms")
            row("", "SIGKILL → exit (kernel tears the ~800 MB gateway down)", rr["kill_to_exit_ms"], "ms")
            row("", "overhead counted from SIGKILL instead", rr["kill_overhead_ms"], "ms")
    for key, label in (("product_stop_grace", "product stop grace"), ("stop_grace_0", "stop grace 0")):
        h = get(b, "hang", key) or {}
        if "sigstop_to_unresponsive_ms" in h:
            bound = h["bound_ms"]
            row("hang (D=1000, T=500, %s)" % label, "SIGSTOP → unresponsive", h["sigstop_to_unresponsive_ms"], "ms",
                "≤ %d ms every time" % bound, ok("hang.detect") if key == "product_stop_grace" else
                (h["detect_over_bound"] == 0))
            row("", "SIGSTOP → new process", h["sigstop_to_respawn_ms"], "ms", "≤ %d ms every time" % bound,
                ok("hang.restart") if key == "product_stop_grace" else (h["respawn_over_bound"] == 0))
            row("", "SIGSTOP → running", h["sigstop_to_running_ms"], "ms")
    rpc = b.get("rpc") or {}
    if "clawtray" in rpc and "sequential_latency_ms" in rpc["clawtray"]:
        for who in ("clawtray", "node"):
            x = rpc.get(who) or {}
            if "sequential_latency_ms" not in x:
                continue
            name = "ClawTray GatewayClient" if who == "clawtray" else "Node %s + ws %s" % (x.get("version"), x.get("ws_version"))
            s = x["sequential_latency_ms"]
            row("rpc: %s" % name, "sequential latency p50 / p99", None, "", "", None,
                "%s / %s ms" % (fmt(s["median"]), fmt(s["p99"])))
            row("", "pipelined (1000 in flight) calls/s", x["pipelined_calls_per_s"], "")
            row("", "client CPU per call (pipelined)", x["client_cpu_us_per_call_pipelined"], "µs")
            if "gateway_cpu_us_per_call_pipelined" in x:
                row("", "fake gateway CPU per call (pipelined)", x["gateway_cpu_us_per_call_pipelined"], "µs")
        r = rpc.get("ratios") or {}
        if r:
            row("rpc: ratio", "throughput ClawTray / Node", None, "", "≥ 1.5x", ok("rpc.throughput"),
                fmt(r["throughput_clawtray_over_node"], "x"))
            row("", "p99 Node / ClawTray", None, "", "> 1 (lower p99)", ok("rpc.p99"), fmt(r["seq_p99_node_over_clawtray"], "x"))
            row("", "client CPU per call Node / ClawTray", None, "", "", None,
                fmt(r["client_cpu_per_call_pipelined_node_over_clawtray"], "x"))
    appr = b.get("approval") or {}
    if "event_to_prompt_ms" in appr:
        row("approval prompt (%d rounds, offscreen)" % appr["rounds"], "exec.approval.requested received → prompt shown",
            appr["event_to_prompt_ms"], "ms", "p95 ≤ 50 ms", ok("approval.p95"))
        row("", "fake.approval sent → event received", appr["request_to_event_ms"], "ms")
    stop = b.get("stop") or {}
    for k, label in (("fake", "fake"), ("fake_with_helpers", "fake + 2 helpers"), ("real", "real gateway")):
        s = stop.get(k) or {}
        if "stop_ms" in s:
            goal, res = ("p95 ≤ 1 s", ok("stop.real.p95")) if k == "real" else ("", None)
            row("stop (%s)" % label, "stop → all processes gone", s["stop_ms"], "ms", goal, res)
            if s.get("warmup_stop_ms", {}).get("runs"):
                row("", "first stop in a fresh environment (not counted)", None, "", "", None,
                    fmt(float(s["warmup_stop_ms"]["median"]), "ms"))
            row("", "processes left", None, "", "0", ok("stop.%s.nothing_left" % k), str(s["processes_left_after_stop"]))
    end = b.get("endurance") or {}
    if "rss_growth_kib" in end:
        row("endurance (%d restarts, %d calls)" % (end["restarts"], end["calls"]), "RSS growth", None, "", "≤ 1024 KiB",
            ok("endurance.rss"), fmt(float(end["rss_growth_kib"]), "KiB"))
        row("", "open fds vs start (running / stopped)", None, "", "0 / 0", ok("endurance.fds"),
            "%+d / %+d" % (end["fd_delta_running"], end["fd_delta_after_stop"]))
        row("", "restart → running", end["restart_to_running_ms"], "ms")
    pe = b.get("peers") or {}
    first = True
    for name, v in (pe.get("peers") or {}).items():
        for key, figure in (("respawn_ms", "crash → new process"), ("serving_ms", "crash → listening again")):
            st = v.get(key) or {}
            if not st.get("n"):
                continue
            ratio = (pe.get("ratios") or {}).get(name, {}).get(key.split("_")[0] + "_p95")
            label = "%s: %s%s" % (v.get("version", name), figure,
                                  " (ClawTray / it at p95: %s)" % fmt(ratio, "x") if ratio else "")
            goal, res = ("", None)
            if name == "clawtray" and key == "respawn_ms":
                goal, res = "≤ every peer (p95)", ok("peers.respawn.p95")
            row("peers (%d rounds, one run)" % pe.get("rounds", 0) if first else "", label,
                {"median": st.get("p50"), "p95": st.get("p95"), "runs": st.get("n")}, "ms", goal, res)
            first = False
    lines.extend(reliability_table(b.get("peers_reliability") or {}))
    return "\n".join(lines)


def gaps_shape(gaps):
    """Run-length shape of the gaps between restarts: '1.0 s ×55' or '1.0, 2.0, 4.0 s'."""
    if not gaps:
        return ""
    def r(v):
        s = v / 1000.0
        return ("%.1f" % s) if s < 10 else ("%.0f" % s)
    runs = []
    for g in gaps:
        v = r(g)
        if runs and runs[-1][0] == v:
            runs[-1][1] += 1
        else:
            runs.append([v, 1])
    parts = ["%s ×%d" % (v, n) if n > 1 else v for v, n in runs]
    if len(parts) > 6:
        parts = parts[:5] + ["…", parts[-1]]
    return ", ".join(parts) + " s"


def killed_short(k):
    words = ["orphaned" if k.get("child_orphaned") else "died with it"]
    if k.get("helpers_orphaned"):
        words[0] += " (+%d helpers)" % len(k["helpers_orphaned"])
    n, lis = k.get("starts_after_restart", 0), k.get("listened_after_restart", 0)
    if k.get("child_orphaned") and k.get("orphan_alive_at_end"):
        words.append("then: orphan runs on, no new start" if n == 0 else
                     "then: %d duplicate start(s), %d listened%s" % (n, lis, " (crash loop on the busy port)"
                                                                    if n >= 2 and lis == 0 else ""))
    elif k.get("child_orphaned"):
        words.append("then: orphan ended, %d new start(s)" % n)
    else:
        words.append("then: %d new start(s), %d listened" % (n, lis))
    if k.get("helpers_alive_at_end"):
        words.append("helpers still alive: %s" % ", ".join(k["helpers_alive_at_end"]))
    elif k.get("helpers_ended_after_restart_ms") is not None:
        words.append("orphaned helpers ended %s after the restart" % fmt(k["helpers_ended_after_restart_ms"] / 1000.0, "s"))
    return "; ".join(words)


def reliability_table(rel):
    """The compact table of bench/peers/reliability.py: one column per supervisor."""
    peers = rel.get("peers") or {}
    if not peers:
        return []
    names = [n for n in ("clawtray", "runit", "s6", "supervisord", "pm2") if n in peers] + \
        [n for n in peers if n not in ("clawtray", "runit", "s6", "supervisord", "pm2")]
    versions = rel.get("versions") or {}
    cfg = rel.get("config") or {}

    def g(v):
        return "%g" % v if isinstance(v, (int, float)) else "?"

    lines = ["", "Reliability side by side, same child, same run (`%s`, %s mode, %s s):" % (
        rel.get("command", "bench/peers/reliability.py"), rel.get("mode", "full"), rel.get("seconds", "?")), ""]
    lines.append("| | " + " | ".join(versions.get(n, n) for n in names) + " |")
    lines.append("|---" * (len(names) + 1) + "|")

    def cell(n, scenario, f):
        v = (peers.get(n) or {}).get(scenario)
        if not v:
            return "—"
        if "error" in v:
            return "error"
        try:
            return f(v)
        except (KeyError, TypeError):
            return "—"

    def row(label, scenario, f):
        lines.append("| %s | %s |" % (label, " | ".join(cell(n, scenario, f) for n in names)))

    row("idle RSS / PSS, supervisor alone", "idle", lambda v: "%s / %s" % (fmt(v["rss_mib"]), fmt(v["pss_mib"], "MiB")))
    row("idle CPU per minute (%s s)" % g(cfg.get("idle_s")), "idle", lambda v: fmt(v["cpu_ms_per_min"], "ms"))
    row("stop, child ignores SIGTERM → gone (cap %s s)" % g(cfg.get("stop_cap_s")), "stop",
        lambda v: ("%s (escalated)" % fmt(v["child_gone_ms"], "ms")) if v["gone_within_cap"] else "never (no escalation)")
    row("helpers left %s s after SIGKILL of the child / after stop" % g(cfg.get("linger_s")), "helpers",
        lambda v: "%s / %s" % (", ".join(v["left_after_child_sigkill"]) or "none",
                               ", ".join(v["left_after_stop"]) or "none" if "left_after_stop" in v else "—"))
    row("supervisor SIGKILLed, then started again (%s s watched)" % g(cfg.get("adopt_s")), "killed", killed_short)
    row("child SIGSTOPped: noticed within %s s?" % g(cfg.get("hang_s")), "hang",
        lambda v: ("new child after %s" % fmt(v["new_child_ms"] / 1000.0, "s")) if v.get("new_child_ms") is not None
        else ("child killed after %s" % fmt(v["child_killed_ms"] / 1000.0, "s")) if v.get("child_killed_ms") is not None
        else "not noticed")
    row("crash loop (child dies %s ms after start), %s s: restarts" % (cfg.get("crash_after_ms"), g(cfg.get("loop_s"))),
        "loop", lambda v: str(v["restarts"]))
    row("… gaps between starts", "loop", lambda v: gaps_shape(v["gaps_ms"]) or "—")
    row("… state at the end", "loop", lambda v: v["final_state"])
    rat = rel.get("ratios") or {}
    if rat:
        def ratio_cell(n):
            r = rat.get(n)
            if not r:
                return "—"
            return " / ".join(fmt(r.get(k), "x") for k in ("idle_rss_mib", "idle_pss_mib", "idle_cpu_ms_per_min",
                                                          "stop_child_gone"))
        lines.append("| ClawTray / it: idle RSS / PSS / CPU / stop | %s |" % " | ".join(
            "" if n == "clawtray" else ratio_cell(n) for n in names))
    liv = cfg.get("clawtray_liveness_in_hang")
    if liv:
        lines.append("")
        lines.append("ClawTray in the hang row: `[liveness] pingIntervalMs=%s deadlineMs=%s probeTimeoutMs=%s` "
                     "(defaults 30000 / 180000 / 5000); the peers have no such setting." % (
                         liv.get("pingIntervalMs"), liv.get("deadlineMs"), liv.get("probeTimeoutMs")))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir")
    ap.add_argument("--mode", default="full")
    ap.add_argument("--real", default="0")
    ap.add_argument("--build", default="")
    ap.add_argument("--src", default="")
    ap.add_argument("--runtime", default="")
    ap.add_argument("--command", default="bench/run.sh")
    ap.add_argument("--nice", default="")
    ap.add_argument("--markdown", help="print the README table of this results file")
    a = ap.parse_args()
    if a.markdown:
        with open(a.markdown) as f:
            doc = json.load(f)
        # A results file, or bench/peers/reliability.py's own JSON (docs/bench/peers-reliability.json).
        print("\n".join(reliability_table(doc)).lstrip() if doc.get("benchmark") == "peers.reliability" else markdown(doc))
        return
    names = ["idle_headless_fake", "idle_headless_real", "idle_tray_fake", "recovery", "hang", "rpc", "approval", "stop",
             "endurance", "peers", "peers_reliability"]
    benches = {}
    durations = {}
    for n in names:
        d = load(a.dir, n)
        if d is not None:
            benches[n] = d
        rc = os.path.join(a.dir, n + ".rc")
        if os.path.exists(rc):
            code, secs = open(rc).read().split()
            durations[n] = {"exit_code": int(code), "seconds": int(secs)}
    real = a.real == "1"
    targets = evaluate(benches, real)
    measured = [t for t in targets if t["pass"] is not None]
    doc = {
        "schema": "clawtray-bench/1",
        "command": a.command,
        "mode": a.mode,
        "real_gateway": real,
        "nice": int(a.nice) if a.nice else 0,
        "started": open(os.path.join(a.dir, "started")).read().strip() if os.path.exists(os.path.join(a.dir, "started")) else None,
        "machine": machine(a.build, a.src, a.dir),
        "runtime_dir": a.runtime,
        "method": {
            "statistics": "median and p95/p99 by linear interpolation between closest ranks; raw values included",
            "manager_config": "in-process benchmarks run GatewayManager with the product's defaults (buildManagerConfig of "
                              "default settings) (readiness polled every quarter of the time waited, 5 to 250 ms, while nothing listens, every "
                              "25 ms once /readyz answers 503) except: in crash/hang cycles the stability rules scaled down so that a 1 s run counts "
                              "as stable (backoff stableRunMs and governor stableResetMs 800 ms, governor base cooldown "
                              "500 ms; product: 120 s, 120 s, 2.5 s)",
            "event_loop": "waits run a real QEventLoop and check on aboutToBlock (QTest::qWait would add 10 ms sleeps)",
            "logging": "the product's logging at info level to a file, as headless runs it",
            "idle": "the clawtray binary with its own data/config dirs, token in a file, default liveness settings; CPU "
                    "from the threads' schedstat run time (ns), context switches summed over threads",
        },
        "durations": durations,
        "targets": targets,
        "summary": {"targets": len(targets), "measured": len(measured),
                    "passed": sum(1 for t in measured if t["pass"]),
                    "missed": [t["id"] for t in measured if not t["pass"]],
                    "not_measured": [t["id"] for t in targets if t["pass"] is None]},
        "benchmarks": benches,
    }
    doc["readme_table"] = markdown(doc)
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
