"""Timing benchmark children: wall time, CPU, peak memory of a process tree, and two children side by side.

Linux only (``/proc``, ``os.wait4``, ``sched_setaffinity``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

from bench.common import ROOT


def _tree_pids(root_pid: int) -> list[int]:
    """``root_pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    pids, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, []))
    return pids


def _proc_tree_rss_kb(root_pid: int) -> int:
    """Sum of VmRSS (kB) over ``root_pid`` and all its descendants."""
    total = 0
    for pid in _tree_pids(root_pid):
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            pass
    return total


def _pin_tree(root_pid: int, cores: set[int]) -> None:
    """Put every thread of ``root_pid`` and its descendants on ``cores`` (new children inherit it)."""
    for pid in _tree_pids(root_pid):
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                os.sched_setaffinity(int(tid), cores)
            except OSError:  # the thread or process ended meanwhile
                pass


def _busy_cpu_s() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as fh:
            f = [int(x) for x in fh.readline().split()[1:]]
        return (f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] if len(f) > 7 else 0)) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def run_child(cmd: list[str], env: dict | None = None, log: Path | None = None) -> dict:
    """Run ``cmd``; wall time, exit code, ru_maxrss (os.wait4) and sampled peak RSS of the process tree.

    ``others_cores``: average number of cores busy with anything but this child during its run
    (other users of the machine); timings taken while it is well above 0 are contended.
    """
    busy0 = _busy_cpu_s()
    t0 = time.perf_counter()
    out = open(log, "wb") if log else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.25):
                peak[0] = max(peak[0], _proc_tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            out.close()
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, _busy_cpu_s() - busy0 - cpu)
    return {"wall_s": wall, "rc": proc.returncode, "maxrss_mb": usage.ru_maxrss / 1024,
            "tree_peak_rss_mb": peak[0] / 1024, "cpu_s": cpu, "others_cores": others / wall if wall else 0.0}


SWAP_S = 10.0


def run_side_by_side(cmd: list[str], env: dict, log: Path, base_cmd: list[str], base_log: Path,
                     swap_s: float = SWAP_S) -> tuple[dict, dict]:
    """Run ``cmd`` (the pipeline) and ``base_cmd`` (the baseline) at the same time, one core each.

    This machine is a shared VM: the same spaCy run, repeated a minute later, took up to 10% longer
    or shorter, so a baseline and a pipeline timed one after the other can differ by that much for
    no reason of their own. Run side by side, both meet the same machine. Every ``swap_s`` seconds
    the two swap cores (every thread of each process tree is re-pinned, checked 4 times a second),
    so neither keeps the core that also serves the rest of the system. The baseline reports its
    timed pass and keeps parsing, untimed, until the pipeline exits, so the pipeline never runs
    alone; if the pipeline ends first, the rest of the baseline's pass runs alone (``alone_s``),
    which favours the baseline. Returns (pipeline result, baseline process result) like
    ``run_child``; each process tree has exactly one core, so neither can use the other's.
    """
    cores = sorted(os.sched_getaffinity(0))[:2]
    busy0 = _busy_cpu_s()
    t0 = time.perf_counter()
    with open(log, "wb") as out, open(base_log, "wb") as base_out:
        base = subprocess.Popen(base_cmd, env=env, stdout=base_out, stderr=subprocess.STDOUT, cwd=ROOT)
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        peak = {proc.pid: 0, base.pid: 0}
        done = threading.Event()
        swaps = [0]

        def tend() -> None:
            while True:
                k = int((time.perf_counter() - t0) // swap_s)
                mine, theirs = cores if k % 2 == 0 else cores[::-1]
                _pin_tree(proc.pid, {mine})
                _pin_tree(base.pid, {theirs})
                swaps[0] = k
                for pid in peak:
                    peak[pid] = max(peak[pid], _proc_tree_rss_kb(pid))
                if done.wait(0.25):
                    return

        tender = threading.Thread(target=tend, daemon=True)
        tender.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
        finally:
            done.set()
            tender.join()
            # os.kill, not Popen.kill: that polls first and so may reap a baseline that already exited,
            # leaving nothing for wait4 below.
            os.kill(base.pid, signal.SIGKILL)
        _, base_status, base_usage = os.wait4(base.pid, 0)
        base_wall = time.perf_counter() - t0
    cpu = usage.ru_utime + usage.ru_stime
    base_cpu = base_usage.ru_utime + base_usage.ru_stime
    others = max(0.0, _busy_cpu_s() - busy0 - cpu - base_cpu)
    res = {"wall_s": wall, "rc": os.waitstatus_to_exitcode(status), "maxrss_mb": usage.ru_maxrss / 1024,
           "tree_peak_rss_mb": peak[proc.pid] / 1024, "cpu_s": cpu, "others_cores": others / base_wall,
           "side_by_side": {"cores": cores, "swap_s": swap_s, "swaps": swaps[0]}}
    base_res = {"process_wall_s": base_wall, "killed_after_pipeline": os.WIFSIGNALED(base_status),
                "maxrss_mb": base_usage.ru_maxrss / 1024, "tree_peak_rss_mb": peak[base.pid] / 1024,
                "others_cores": others / base_wall}
    return res, base_res
