"""SIGTERM to `news-warehouse run` on 300 BBC files: the run stops within 20 s, and a later run loads all 300.

SIGTERM is what Docker, Kubernetes and systemd send before they kill. Builds a landing of ``--files`` BBC
articles over ``--days`` date folders in a temporary directory, starts a run (its own process group), sends
SIGTERM ``--after`` seconds after the first date's parsing reported progress (``… entities and quotes:
N/M articles`` on its output: spaCy workers busy mid-partition), and measures until the run exits and until
every process it started is gone. Then it checks that the interrupted date left no rows
of a half-written partition, runs again to completion and counts ``raw.files`` by status. Prints the
numbers; exits non-zero when the stop took longer than ``--limit`` seconds or a file was not loaded.

    python scripts/sigterm_check.py [--files 300] [--days 3] [--after 3] [--limit 20] [--workers 1]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chaos  # noqa: E402 - the shared landing builder and process helpers


def wait_for(proc: subprocess.Popen, log: Path, text: str, timeout_s: float) -> float:
    """Seconds until ``text`` appears in the run's output ``log``; raises when the run ends or time runs out."""
    t0 = time.monotonic()
    while text not in log.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() - t0 > timeout_s:
            raise SystemExit(f"the run never printed {text!r}:\n{log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.1)
    return time.monotonic() - t0


def group_members(pgid: int) -> list[str]:
    """'pid command' of every process still in group ``pgid``."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if os.getpgid(int(proc.name)) == pgid:
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append(f"{proc.name} {command[:100]}")
        except (OSError, ValueError):
            continue
    return found


def stopped_after(proc: subprocess.Popen, timeout_s: float) -> tuple[float, float, list[str]]:
    """Seconds from now until the run exits, and until its whole process group is gone (SIGKILLed after
    ``timeout_s``), and the processes that were still there then."""
    t0 = time.monotonic()
    while proc.poll() is None and time.monotonic() - t0 < timeout_s:
        time.sleep(0.05)
    exited = time.monotonic() - t0
    while chaos.group_alive(proc.pid) and time.monotonic() - t0 < timeout_s:
        time.sleep(0.05)
    gone = time.monotonic() - t0
    left = group_members(proc.pid)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return exited, gone, left


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--after", type=float, default=3, help="seconds after the first progress line of parsing")
    ap.add_argument("--since-launch", type=float, default=None,
                    help="instead: SIGTERM this many seconds after launch (start-up, spaCy loading, …)")
    ap.add_argument("--limit", type=float, default=20, help="seconds the stop may take")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="news-warehouse-sigterm-") as tmp:
        landing = chaos.build_landing(Path(tmp) / "landing", args.files, chaos.days_from("2015-11-20", args.days))
        db, log = Path(tmp) / "w.duckdb", Path(tmp) / "run.log"
        extra = ["--workers", str(args.workers)] if args.workers > 1 else []
        with open(log, "w") as fh:
            proc = subprocess.Popen([*chaos.CLI, "run", "--landing", str(landing), "--warehouse", str(db), *extra],
                                    cwd=chaos.ROOT, stdout=fh, stderr=subprocess.STDOUT, text=True,
                                    start_new_session=True)
            if args.since_launch is None:
                started = wait_for(proc, log, "entities and quotes:", 900)
                time.sleep(args.after)
            else:
                started, args.after = 0.0, args.since_launch
                time.sleep(args.since_launch)
            where = chaos.where_killed(log)
            proc.send_signal(signal.SIGTERM)
            exited, seconds, left = stopped_after(proc, 60)
        when = "launch" if args.since_launch is not None else f"the first progress line ({started:.1f} s after launch)"
        print(f"SIGTERM {args.after:g} s after {when}, at "
              f"'{where}': the run exited ({proc.returncode}) after {exited:.1f} s, its last process after "
              f"{seconds:.1f} s" + (f"; still there after 60 s (killed): {left}" if left else ""))
        print("  last line: " + log.read_text(errors="replace").strip().splitlines()[-1])
        t0 = time.monotonic()
        done = chaos.run_cli(landing, db, "--quiet")
        rerun = time.monotonic() - t0
        if done.returncode != 0:
            print(done.stdout[-2000:], done.stderr[-2000:])
            return 1
        con = chaos.open_ro(db)
        try:
            statuses = dict(con.execute("select status, count(*) from raw.files group by all").fetchall())
            articles = con.execute("select count(*) from analytics.articles").fetchone()[0]
        finally:
            con.close()
        print(f"the next run finished in {rerun:.1f} s: raw.files {statuses}, analytics.articles {articles}")
        ok = seconds <= args.limit and not left and sum(statuses.values()) == args.files and not statuses.get("rejected")
        print("OK" if ok else "FAILED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
