"""Chaos: kill `news-warehouse run` with SIGKILL at random points and prove the warehouse survives.

Builds a landing of BBC articles over several date folders in a temporary
directory, times a clean run and keeps its final tables, times a forced rerun
of it, then N times starts ``news-warehouse run --force`` (every date rewritten,
dbt rebuilt) on a second warehouse, kills it (SIGKILL) after a seeded random
delay between 0.5 s and the forced rerun's duration, and checks the invariants:

- the DuckDB file opens (read-only, as an analyst would);
- offsets reproduce text: substr(body, start_char+1, end_char-start_char) = mention/quote;
- no article in core.* without a raw.articles 'loaded' row of the same partition;
- per partition: mentions/quotes only for that partition's articles, no duplicate
  rows, and each table's partition either absent (never written) or exactly the
  clean run's partition;
- per partition across tables (partition_gaps): all its tables from the same state
  and raw.articles loaded ids == core.articles ids (a partition is published in
  one transaction, so a reader never sees raw rows of one run and core rows of another);
- no child process of the killed CLI (dbt) still has the warehouse open a second later.

Finally it reruns to completion and asserts every table equals the clean run's
(full contents, excluding modified_at / loaded_at / run_id). Prints one line per
iteration and a summary; exits non-zero on any failure.

    python scripts/chaos.py [--iterations 20] [--files 200] [--days 4] [--seed 5] [--workdir DIR] [--keep]

The helpers (build_landing, snapshot, check_invariants, ...) are imported by tests/integration/test_faults.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")).resolve()
BBC = SHARED / "corpora" / "bbc"
CLI = [sys.executable, "-m", "pipelines.cli"]

# Columns that record when/which run wrote a row, not what the row says.
VOLATILE = {"modified_at", "loaded_at", "run_id"}
TABLES = ["raw.files", "raw.articles", "core.articles", "core.entity_mentions", "core.quotes"]


def bbc_files(n: int) -> list[Path]:
    """``n`` BBC articles, taken round-robin over the five categories (deterministic)."""
    by_cat = [sorted((BBC / c).glob("*.txt")) for c in sorted(p.name for p in BBC.iterdir() if p.is_dir())]
    out: list[Path] = []
    i = 0
    while len(out) < n:
        for files in by_cat:
            if i < len(files) and len(out) < n:
                out.append(files[i])
        i += 1
    return out


def build_landing(root: Path, n_files: int, days: list[str], offset: int = 0) -> Path:
    """Copy ``n_files`` BBC articles (from the ``offset``-th) into ``root/<day>/``, round-robin over ``days``."""
    files = bbc_files(offset + n_files)[offset:]
    for i, src in enumerate(files):
        day = root / days[i % len(days)]
        day.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, day / f"{src.parent.name}-{src.name}")
    return root


def days_from(start: str, n: int) -> list[str]:
    first = dt.date.fromisoformat(start)
    return [(first + dt.timedelta(days=i)).isoformat() for i in range(n)]


def open_ro(db: Path, timeout_s: float = 120) -> duckdb.DuckDBPyConnection:
    """Open read-only, waiting (like `news-warehouse query`) while another process holds the file."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return duckdb.connect(str(db), read_only=True)
        except duckdb.IOException as err:
            if "lock" not in str(err).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def holding_warehouse(pgid: int, db: Path) -> list[str]:
    """Processes of group ``pgid`` that have the warehouse file (or its WAL) open: 'pid command'."""
    wanted = {str(db.resolve()), f"{db.resolve()}.wal"}
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if os.getpgid(int(proc.name)) != pgid:
                continue
            if any(os.readlink(fd) in wanted for fd in (proc / "fd").iterdir()):
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append(f"{proc.name} {command[:80]}")
        except (OSError, ValueError):
            continue  # gone meanwhile, or not ours to inspect
    return found


def _columns(con, table: str) -> list[str]:
    schema, name = table.split(".")
    return [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position", [schema, name]).fetchall()]


def _table_rows(con, table: str, partition: str | None = None) -> list[tuple]:
    cols = [c for c in _columns(con, table) if c not in VOLATILE]
    where = " where partition_date = ?" if partition else ""
    return con.execute(f"select {', '.join(cols)} from {table}{where} order by all",
                       [partition] if partition else []).fetchall()


def snapshot(db: Path, views: bool = False) -> dict[str, list[tuple]]:
    """Every table's full contents (sorted, volatile columns dropped); with ``views``, the analytics views too."""
    con = open_ro(db)
    try:
        snap = {t: _table_rows(con, t) for t in TABLES}
        if views:
            for (name,) in con.execute("select table_name from information_schema.tables "
                                       "where table_schema = 'analytics' order by 1").fetchall():
                snap[f"analytics.{name}"] = con.execute(f"select * from analytics.{name} order by all").fetchall()
        return snap
    finally:
        con.close()


def partition_snapshot(db: Path) -> dict[tuple[str, str], list[tuple]]:
    """(table, partition) -> rows: a partition's rows depend on its own files only, so all its columns."""
    con = open_ro(db)
    try:
        out = {}
        for t in TABLES:
            for (p,) in con.execute(f"select distinct partition_date from {t}").fetchall():
                out[(t, p.isoformat())] = _table_rows(con, t, partition=p.isoformat())
        return out
    finally:
        con.close()


_OFFSETS = """
select count(*) from {table} t join core.articles a using (article_id, partition_date)
where substr(a.body, t.start_char + 1, t.end_char - t.start_char) is distinct from t.{column}
"""


def check_invariants(db: Path, allowed: dict[tuple[str, str], list[list[tuple]]] | None = None) -> list[str]:
    """The warehouse's invariants after any crash; returns the problems found (empty = all good).

    ``allowed`` maps (table, partition) to the acceptable states of that partition's rows (e.g. the
    previous complete state and the new complete state); a partition absent from the warehouse
    counts as the empty state, which must then be acceptable too.
    """
    problems: list[str] = []
    if not db.exists():
        return []  # killed before the first write created the file: the previous state is "no warehouse"
    try:
        con = open_ro(db)
    except Exception as err:  # noqa: BLE001 - reported, not raised
        return [f"warehouse does not open: {str(err).splitlines()[0]}"]
    try:
        q = lambda sql, p=None: con.execute(sql, p or []).fetchall()  # noqa: E731
        for table, column in (("core.entity_mentions", "mention"), ("core.quotes", "quote")):
            (bad,), = q(_OFFSETS.format(table=table, column=column))
            if bad:
                problems.append(f"{bad} {table} rows whose offsets do not reproduce {column}")
        (orphans,), = q("select count(*) from core.articles c anti join "
                        "(select article_id, partition_date from raw.articles where status = 'loaded') r "
                        "using (article_id, partition_date)")
        if orphans:
            problems.append(f"{orphans} core.articles rows without a raw.articles loaded row")
        for table, key in (("raw.files", "source_path"), ("core.articles", "partition_date, article_id"),
                           ("raw.articles", "source_path, locator")):
            (dups,), = q(f"select count(*) from (select {key} from {table} group by all having count(*) > 1)")
            if dups:
                problems.append(f"{dups} duplicated keys ({key}) in {table}")
        parts = sorted({r[0] for t in TABLES for r in q(f"select distinct partition_date from {t}")})
        for p in parts:
            core_ids = {r[0] for r in q("select article_id from core.articles where partition_date = ?", [p])}
            for t in ("core.entity_mentions", "core.quotes"):
                stray = {r[0] for r in q(f"select distinct article_id from {t} where partition_date = ?", [p])} - core_ids
                if stray:
                    problems.append(f"{p}: {t} rows for {len(stray)} articles not in core.articles")
        if allowed:
            for (table, p), states in sorted(allowed.items()):
                got = _table_rows(con, table, partition=p)
                if got not in states:
                    problems.append(f"{p}: {table} ({len(got)} rows) is neither of its complete states "
                                    f"({' / '.join(str(len(s)) for s in states)} rows)")
    finally:
        con.close()
    return problems


def partition_gaps(db: Path, *states: dict[tuple[str, str], list[tuple]]) -> list[str]:
    """Partitions that are not wholly one of ``states`` (each a partition_snapshot) across all tables.

    The cross-table view: a partition's raw, core and mentions/quotes rows must all come from one
    state. Also reports raw.articles loaded ids != core.articles ids.
    """
    if not db.exists():
        return []
    now = partition_snapshot(db)
    gaps = []
    for p in sorted({k[1] for s in (now, *states) for k in s}):
        current = {t: now.get((t, p), []) for t in TABLES}
        if not any(current == {t: s.get((t, p), []) for t in TABLES} for s in states):
            mixed = [f"{t} = {'/'.join(str(i) for i, s in enumerate(states) if s.get((t, p), []) == current[t]) or '?'}"
                     for t in TABLES]
            gaps.append(f"{p}: partition mixes states (state index per table: {', '.join(mixed)})")
    con = open_ro(db)
    try:
        for (p,) in con.execute("select distinct partition_date from raw.articles order by 1").fetchall():
            raw_ids = {r[0] for r in con.execute("select article_id from raw.articles where status = 'loaded' "
                                                 "and partition_date = ?", [p]).fetchall()}
            core_ids = {r[0] for r in con.execute("select article_id from core.articles where partition_date = ?",
                                                  [p]).fetchall()}
            if raw_ids != core_ids:
                gaps.append(f"{p}: raw.articles has {len(raw_ids)} loaded ids, core.articles {len(core_ids)}")
    finally:
        con.close()
    return gaps


def allowed_states(*snaps: dict[tuple[str, str], list[tuple]]) -> dict[tuple[str, str], list[list[tuple]]]:
    """For each (table, partition) in any snapshot, the list of its states across snapshots ([] when absent)."""
    keys = set().union(*snaps)
    return {k: [s.get(k, []) for s in snaps] for k in keys}


def run_cli(landing: Path, db: Path, *extra: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "run", "--landing", str(landing), "--warehouse", str(db), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def start_cli(landing: Path, db: Path, log: Path) -> subprocess.Popen:
    fh = open(log, "w")  # noqa: SIM115 - closed by the caller through proc.stdout
    # Its own process group, so children it leaves behind (dbt) can be seen after the kill. --force: every
    # iteration rewrites every date and rebuilds dbt (unchanged dates would be skipped, leaving nothing to kill).
    return subprocess.Popen([*CLI, "run", "--landing", str(landing), "--warehouse", str(db), "--force"],
                            cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def where_killed(log: Path) -> str:
    """The last progress line the CLI printed before it died."""
    lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    steps = [ln for ln in lines if ln.startswith("[") or ln.startswith("building") or ln.startswith("finished")
             or ln.startswith("loading")]
    return (steps[-1] if steps else "starting")[:60]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--days", type=int, default=4)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--workdir", help="where to build the landing and warehouses (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the work dir")
    args = ap.parse_args(argv)
    if not BBC.is_dir():
        print(f"chaos: no BBC corpus at {BBC} (set NEWS_WAREHOUSE_SHARED to the shared folder)", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="news-warehouse-chaos-"))
    work.mkdir(parents=True, exist_ok=True)
    failures = 0
    try:
        landing = build_landing(work / "landing", args.files, days_from("2015-11-23", args.days))
        clean_db, db = work / "clean.duckdb", work / "chaos.duckdb"
        for p in (clean_db, db):
            for f in (p, Path(f"{p}.wal"), Path(f"{p}.lock")):
                f.unlink(missing_ok=True)
        t = time.monotonic()
        proc = run_cli(landing, clean_db, "--quiet")
        clean_s = time.monotonic() - t
        if proc.returncode != 0:
            print(f"clean run failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
            return 2
        t = time.monotonic()  # a forced rerun: what each iteration does (articles keep their NER rows)
        proc = run_cli(landing, clean_db, "--quiet", "--force")
        forced_s = time.monotonic() - t
        if proc.returncode != 0:
            print(f"forced rerun of the clean warehouse failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
            return 2
        clean = snapshot(clean_db, views=True)
        clean_parts = partition_snapshot(clean_db)
        allowed = allowed_states(clean_parts, {})  # each partition: absent or exactly the clean one
        print(f"landing {args.files} files over {args.days} days in {work}; clean run {clean_s:.1f}s: "
              + ", ".join(f"{t} {len(clean[t])}" for t in TABLES), flush=True)
        killed = finished = gap_runs = orphans = 0
        for i in range(1, args.iterations + 1):
            delay = rng.uniform(0.5, forced_s)
            log = work / f"run-{i:02d}.log"
            proc = start_cli(landing, db, log)
            try:
                proc.wait(timeout=delay)
                outcome = f"finished (exit {proc.returncode}) before {delay:.1f}s"
                finished += 1
                if proc.returncode != 0:
                    failures += 1
                    outcome += " FAILED: " + log.read_text()[-300:].replace("\n", " | ")
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)  # the CLI process only, as the OOM killer would
                proc.wait()
                killed += 1
                outcome = f"SIGKILL at {delay:5.1f}s during '{where_killed(log)}'"
                time.sleep(1.0)  # children that die with their parent (dbt: PR_SET_PDEATHSIG) are gone by now
                holders = holding_warehouse(proc.pid, db)
                if holders:
                    orphans += 1
                    failures += 1
                    outcome += f" FAILED: a child of the killed run still has the warehouse open: {'; '.join(holders)}"
                if group_alive(proc.pid):  # harmless leftovers (multiprocessing's resource tracker) end on their own
                    t = time.monotonic()
                    while group_alive(proc.pid) and time.monotonic() - t < 30:
                        time.sleep(0.2)
                    if group_alive(proc.pid):
                        os.killpg(proc.pid, signal.SIGKILL)
            problems = check_invariants(db, allowed)
            gaps = partition_gaps(db, {}, clean_parts)
            gap_runs += bool(gaps)
            failures += bool(problems) or bool(gaps)
            line = f"iteration {i:2d}: {outcome}; " + (
                "tables OK" if not problems else "INVARIANTS BROKEN: " + "; ".join(problems))
            line += "; partitions whole" if not gaps else "; PARTITION HALF OLD, HALF NEW: " + "; ".join(gaps)
            print(line, flush=True)
        proc = run_cli(landing, db, "--quiet")
        final_ok = proc.returncode == 0
        diffs = []
        if final_ok:
            final = snapshot(db, views=True)
            diffs = [t for t in sorted(set(clean) | set(final)) if clean.get(t) != final.get(t)]
            final_ok = not diffs and not check_invariants(db) and not partition_gaps(db, clean_parts)
        else:
            diffs = [f"final run exit {proc.returncode}: {proc.stderr.strip()[-300:]}"]
        failures += not final_ok
        print(f"final rerun: {'equals the clean run (all tables and views)' if final_ok else 'DIFFERS: ' + ', '.join(diffs)}")
        print(f"summary: {args.iterations} iterations ({killed} killed, {finished} finished on their own), "
              f"{failures} failure(s), {orphans} left a child process with the warehouse open, {gap_runs} left a "
              f"partition half old, half new; seed {args.seed}, clean run {clean_s:.1f}s, forced rerun {forced_s:.1f}s")
        return 1 if failures else 0
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
