"""A partition's cost on a big warehouse vs a small one: does a day's run grow with the warehouse?

    .venv/bin/python -m bench.bench_scale [--files 1100] [--dates 5] [--factor 200] [--new-files 10] [--rounds 3]

Builds a landing of BBC files (from ../shared/corpora/bbc, never copied into the
repo) over ``--dates`` date folders and runs `news-warehouse run` on it (the
small warehouse). Copies the file and multiplies every partitioned row
``--factor`` times under new dates, article ids, quote ids and paths (the big
warehouse). Then lands ``--new-files`` other BBC files in a new date folder
and, ``--rounds`` times, alternating which goes first, removes that partition
from both warehouses and runs `news-warehouse run --partition <new date>` on
each. Reported per warehouse: the Dagster run of the partition (its stages:
read state, ingest, NER, write + checks) and the dbt step, from ``--timings``;
the ratio big / small of the partition's run (target <= 1.3); the rounds run with
``--skip-views``, and the dbt step (models and tests over the whole warehouse)
is timed once per warehouse at the end. Before and after
the rounds, a fingerprint of every other partition's rows in the big warehouse
(count and XOR of row hashes per table) must be identical.
Writes the same as JSON to bench/results/scale-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from bench.common import ROOT, write_result
from pipelines import warehouse

BBC = Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")) / "corpora" / "bbc"
CLI = [str(ROOT / ".venv" / "bin" / "news-warehouse")]
FIRST_DATE = dt.date(2005, 3, 1)
NEW_DATE = dt.date(2021, 6, 1)
PARTITIONED = [t for t, cols in warehouse.TABLES.items() if "partition_date" in cols]


def corpus() -> list[Path]:
    return sorted(p for folder in sorted(BBC.iterdir()) if folder.is_dir() for p in sorted(folder.glob("*.txt")))


def build_landing(root: Path, files: list[Path], dates: int) -> None:
    for i, path in enumerate(files):
        day = root / (FIRST_DATE + dt.timedelta(days=i % dates)).isoformat()
        day.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, day / f"{path.parent.name}_{path.name}")


def run(landing: Path, db: Path, *extra: str) -> dict[str, dict]:
    """`news-warehouse run`; returns its --timings lines by run name."""
    timings = db.with_suffix(".timings.jsonl")
    proc = subprocess.run([*CLI, "run", "--landing", str(landing), "--warehouse", str(db), "--quiet",
                           "--timings", str(timings), *extra], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"run failed on {db}: {proc.stderr.strip()[-1500:]}")
    return {r["run"]: r for r in map(json.loads, timings.read_text().splitlines())}


# New dates ten days apart per copy: the copies of the `dates` consecutive dates never collide, and never
# fall inside one story window (7 days) of each other, which would make every copy one story.
_MULTIPLY = {
    "raw.files": "source_path := 'copy' || k || '/' || source_path",
    "raw.articles": "source_path := 'copy' || k || '/' || source_path, article_id := article_id || '-' || k",
    "core.articles": "source_path := 'copy' || k || '/' || source_path, article_id := article_id || '-' || k",
    "core.entity_mentions": "article_id := article_id || '-' || k",
    "core.quotes": "article_id := article_id || '-' || k, quote_id := quote_id || '-' || k",
    "meta.article_extractions": "article_id := article_id || '-' || k",
}


def multiply(db: Path, factor: int) -> dict[str, int]:
    """Add ``factor - 1`` copies of every partitioned row under new dates and ids; returns rows per table."""
    con = duckdb.connect(str(db))
    try:
        for table in PARTITIONED:
            cols = list(warehouse.TABLES[table])
            changes = dict(c.split(" := ") for c in _MULTIPLY.get(table, "").split(", ") if c)
            changes["partition_date"] = "partition_date + to_days(10 * k::integer)"
            select = ", ".join(changes.get(c, c) for c in cols)
            con.execute(f"insert into {table} ({', '.join(cols)}) select {select} "
                        f"from {table}, range(1, {factor}) r(k)")
        con.execute("checkpoint")
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in PARTITIONED}
    finally:
        con.close()


def fingerprint(db: Path, but: dt.date) -> dict[str, tuple[int, int]]:
    """Per table: (rows, XOR of row hashes) of every partition except ``but``."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*), bit_xor(hash(x::varchar)) from {t} x where partition_date <> ?",
                               [but]).fetchone() for t in PARTITIONED}
    finally:
        con.close()


def drop_partition(db: Path, day: dt.date) -> None:
    """Remove a partition's rows everywhere, so the next run of it does the work of a new day."""
    con = duckdb.connect(str(db))
    try:
        for table in PARTITIONED:
            con.execute(f"delete from {table} where partition_date = ?", [day])
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1100)
    ap.add_argument("--dates", type=int, default=5)
    ap.add_argument("--factor", type=int, default=200)
    ap.add_argument("--new-files", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="news-warehouse-scale-bench-"))
    try:
        files = corpus()
        step = max(1, len(files) // args.files)
        picked = files[::step][:args.files]
        rest = [f for f in files if f not in set(picked)]
        landing = tmp / "landing"
        build_landing(landing, picked, args.dates)
        small, big = tmp / "small.duckdb", tmp / "big.duckdb"
        t = time.monotonic()
        run(landing, small)
        build_s = time.monotonic() - t
        shutil.copyfile(small, big)
        t = time.monotonic()
        rows = multiply(big, args.factor)
        multiply_s = time.monotonic() - t
        new_day = landing / NEW_DATE.isoformat()
        new_day.mkdir()
        for path in rest[:args.new_files]:
            shutil.copyfile(path, new_day / f"{path.parent.name}_{path.name}")
        before = fingerprint(big, NEW_DATE)
        samples: dict[str, list[dict]] = {"small": [], "big": []}
        for r in range(args.rounds):
            order = [("small", small), ("big", big)] if r % 2 == 0 else [("big", big), ("small", small)]
            for name, db in order:
                drop_partition(db, NEW_DATE)
                timings = run(landing, db, "--partition", NEW_DATE.isoformat(), "--skip-views")
                part = timings[NEW_DATE.isoformat()]
                samples[name].append({"partition_run_s": part["run_s"], "stages": part["stages"]})
                stage_s = ", ".join(f"{k.split(':')[1]} {v:.2f}" for k, v in part["stages"].items())
                print(f"round {r + 1} {name:5s}: partition run {part['run_s']:.2f} s ({stage_s})", flush=True)
        after = fingerprint(big, NEW_DATE)
        # The warehouse-wide step, once per warehouse: dbt models and tests (they read every partition).
        dbt_s = {}
        for name, db in (("small", small), ("big", big)):
            # One run per date: the date's run also builds the views; its dbt step is what is compared.
            dbt_s[name] = run(landing, db, "--partition", NEW_DATE.isoformat())[NEW_DATE.isoformat()]["steps"]["analytics_views"]
            print(f"dbt step on {name}: {dbt_s[name]:.1f} s", flush=True)
        sizes = {n: db.stat().st_size for n, db in (("small", small), ("big", big))}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = {n: statistics.median(s["partition_run_s"] for s in v) for n, v in samples.items()}
    dbt_med = dbt_s  # one build each
    stages = {n: {k.split(":")[1]: round(statistics.median(s["stages"][k] for s in v), 3) for k in v[0]["stages"]}
              for n, v in samples.items()}
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": len(picked), "dates": args.dates, "factor": args.factor, "new_files": args.new_files,
        "rounds": args.rounds, "cpus": os.cpu_count(), "load_avg_at_end": round(os.getloadavg()[0], 2),
        "small_build_s": round(build_s, 1), "multiply_s": round(multiply_s, 1),
        "big_rows": rows, "file_bytes": sizes,
        "samples": samples, "partition_run_median_s": med, "partition_stages_median_s": stages,
        "dbt_median_s": dbt_med,
        "big_vs_small": round(med["big"] / med["small"], 2),
        "dbt_big_vs_small": round(dbt_med["big"] / dbt_med["small"], 2),
        "other_partitions_identical": before == after,
    }
    print(f"bench-scale {result['date']}: {len(picked)} BBC files over {args.dates} dates, x{args.factor} "
          f"({rows['core.entity_mentions']:,} mentions, {sizes['big'] / 1e6:,.0f} MB vs {sizes['small'] / 1e6:,.0f} MB), "
          f"a new date of {args.new_files} files, {args.rounds} rounds, {os.cpu_count()} CPUs")
    for n in ("small", "big"):
        print(f"  {n:5s} partition run {med[n]:.2f} s median  stages {stages[n]}  dbt step {dbt_med[n]:.1f} s")
    print(f"  partition run big / small: {result['big_vs_small']}x  (target <= 1.3)")
    print(f"  dbt step (views + warehouse-wide tests) big / small: {result['dbt_big_vs_small']}x")
    print(f"  every other partition's rows unchanged: {result['other_partitions_identical']}")
    write_result("scale", result)
    return 0 if before == after else 1


if __name__ == "__main__":
    sys.exit(main())
