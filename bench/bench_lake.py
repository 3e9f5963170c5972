"""DuckLake vs the DuckDB file, 1 vs 2 workers, measured in one run on the same BBC files, and their rows compared.

    .venv/bin/python -m bench.bench_lake [--files 1000] [--partitions 4] [--repeats 3]

Builds one landing folder from ../shared/corpora/bbc (never copied into the
repo; 1,000 files = every other file), starts a throwaway PostgreSQL for the
DuckLake catalog, then, ``--repeats`` times in a row, times `news-warehouse run`
on three fresh targets:
  file-1: DuckDB file, 1 worker      lake-1: DuckLake, 1 worker      lake-2: DuckLake, 2 workers
(the 1-worker runs with --processes 1, so they parse on one core and the ratio is partitions in parallel
against one at a time; after the repeats, one default DuckLake run, which parses one partition at a
time on every core, for reference)
and compares every row of raw.files, core.* and every analytics.* view of the
lakes with the file's (they must be identical). Prints throughput ratios per
repeat and their median (targets: lake-2 / lake-1 >= 1.6, lake-1 / file-1 >= 0.9).
Writes the same as JSON to bench/results/lake-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, write_result
from devtools import throwaway_postgres
from pipelines import warehouse

BBC = Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")) / "corpora" / "bbc"
CLI = [str(ROOT / ".venv" / "bin" / "news-warehouse")]


def build_landing(root: Path, n_files: int, partitions: int) -> int:
    """n_files BBC files round-robin over `partitions` date folders; returns the word count."""
    files = sorted(p for folder in sorted(BBC.iterdir()) if folder.is_dir() for p in sorted(folder.glob("*.txt")))
    step = max(1, len(files) // n_files)
    words = 0
    for i, path in enumerate(files[::step][:n_files]):
        day = root / f"2005-02-{i % partitions + 1:02d}"
        day.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        (day / f"{path.parent.name}_{path.name}").write_bytes(data)
        words += len(data.split())
    return words


def timed_run(landing: Path, target: str, workers: int, extra: list[str]) -> float:
    t = time.monotonic()
    proc = subprocess.run([*CLI, "run", "--landing", str(landing), "--warehouse", target, "--workers", str(workers),
                           "--quiet", *extra], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({target}, {workers} workers): {proc.stderr.strip()[-500:]}")
    return time.monotonic() - t


# Columns that say when a row was written, not what it holds.
VOLATILE = {"raw.files": "exclude (modified_at)"}
COMPARED = ["raw.files", "raw.articles", "core.articles", "core.entity_mentions", "core.quotes"]


def contents(target: str) -> dict[str, list[tuple]]:
    """Every row of the compared tables and of every analytics view, sorted."""
    con = warehouse.connect(target, read_only=True)
    try:
        views = [f"analytics.{r[0]}" for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'analytics' "
            "and table_catalog = current_database() order by 1").fetchall()]
        return {t: con.execute(f"select * {VOLATILE.get(t, '')} from {t} order by all").fetchall()
                for t in COMPARED + views}
    finally:
        con.close()


def differences(reference: dict[str, list[tuple]], other: dict[str, list[tuple]]) -> dict[str, int]:
    """Table -> rows in one and not the other (0 for identical tables); a missing table counts all its rows."""
    out = {}
    for t in sorted(set(reference) | set(other)):
        a, b = reference.get(t), other.get(t)
        if a is None or b is None:
            out[t] = len(a or b or [])
        elif a != b:
            out[t] = len(set(a) ^ set(b)) or abs(len(a) - len(b)) or 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000, help="BBC files, spread evenly over the corpus (default 1000)")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3, help="build the three targets this many times in a row")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="news-warehouse-lake-bench-"))
    pg = Path(tempfile.mkdtemp(prefix="news-warehouse-lake-bench-pg-"))
    repeats = []
    try:
        landing = tmp / "landing"
        words = build_landing(landing, args.files, args.partitions)
        throwaway_postgres.start(pg)
        for r in range(1, args.repeats + 1):
            runs, diffs = {}, {}
            file_target = str(tmp / f"file-{r}.duckdb")
            runs["file-1"] = timed_run(landing, file_target, 1, ["--processes", "1"])
            reference = contents(file_target)
            for name, workers in (("lake-1", 1), ("lake-2", 2)):
                target = throwaway_postgres.new_database(pg, f"{name.replace('-', '_')}_{r}")
                one_core = ["--processes", "1"] if workers == 1 else []
                runs[name] = timed_run(landing, target, workers, ["--data-path", str(tmp / f"{name}-{r}"), *one_core])
                diffs[name] = differences(reference, contents(target))
            repeats.append({
                "runs": {k: {"wall_s": round(v, 1), "words_per_s": round(words / v)} for k, v in runs.items()},
                "lake2_vs_lake1": round(runs["lake-1"] / runs["lake-2"], 2),
                "lake1_vs_file1": round(runs["file-1"] / runs["lake-1"], 2),
                "rows_compared": sum(len(v) for v in reference.values()),
                "tables_compared": len(reference),
                "differences_from_file": diffs,
            })
            print(f"repeat {r}: " + "  ".join(f"{k} {v:.1f}s" for k, v in runs.items())
                  + f"  lake-2/lake-1 {repeats[-1]['lake2_vs_lake1']}x  lake-1/file-1 {repeats[-1]['lake1_vs_file1']}x"
                  + f"  differences {diffs}", flush=True)
        target = throwaway_postgres.new_database(pg, "lake_default")
        default_s = timed_run(landing, target, 1, ["--data-path", str(tmp / "lake-default")])
        print(f"lake, default settings (one partition at a time on every core): {default_s:.1f}s", flush=True)
        load = os.getloadavg()[0]
    finally:
        throwaway_postgres.stop(pg)
        shutil.rmtree(pg, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    identical = all(not any(d.values()) for rep in repeats for d in rep["differences_from_file"].values())
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": args.files, "partitions": args.partitions, "words": words, "cpus": os.cpu_count(),
        "load_avg_at_end": round(load, 2),
        "repeats": repeats,
        "lake2_vs_lake1_median": statistics.median(r["lake2_vs_lake1"] for r in repeats),
        "lake1_vs_file1_median": statistics.median(r["lake1_vs_file1"] for r in repeats),
        "lakes_identical_to_file": identical,
        "lake_default_s": round(default_s, 1),
    }
    print(f"bench-lake {result['date']}: {args.files} BBC files, {words:,} words, {args.partitions} partitions, "
          f"{os.cpu_count()} CPUs, load avg at end {result['load_avg_at_end']}")
    for i, rep in enumerate(repeats, 1):
        for name, r in rep["runs"].items():
            print(f"  #{i} {name:7s} wall {r['wall_s']:7.1f} s   {r['words_per_s']:7,} words/s")
    print(f"  DuckLake 2 workers vs 1 worker: {result['lake2_vs_lake1_median']}x median of "
          f"{[r['lake2_vs_lake1'] for r in repeats]}  (target >= 1.6)")
    print(f"  DuckLake vs DuckDB file, 1 worker: {result['lake1_vs_file1_median']}x median of "
          f"{[r['lake1_vs_file1'] for r in repeats]}  (target >= 0.9)")
    print(f"  DuckLake with default settings (1 worker, every core for its partition): {default_s:.1f} s")
    print(f"  every row of raw.files, core.* and analytics.* identical in both lakes and the file, "
          f"every repeat: {identical} ({repeats[0]['rows_compared']:,} rows in {repeats[0]['tables_compared']} tables)")
    write_result("lake", result)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
