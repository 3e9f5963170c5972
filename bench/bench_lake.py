"""DuckLake vs the DuckDB file, 1 vs 2 workers, measured in one run on the same BBC files.

    .venv/bin/python bench/bench_lake.py [--files 2225] [--partitions 4]

Builds one landing folder from ../shared/corpora/bbc (never copied into the
repo), starts a throwaway PostgreSQL for the DuckLake catalog, then times
`news-warehouse run` three times on fresh targets:
  file-1: DuckDB file, 1 worker      lake-1: DuckLake, 1 worker      lake-2: DuckLake, 2 workers
and prints throughput ratios (targets: lake-2 / lake-1 >= 1.6, lake-1 / file-1 >= 0.9).
Writes the same as JSON to bench/results/lake-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines import throwaway_postgres  # noqa: E402

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2225, help="BBC files (default: the whole corpus)")
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="news-warehouse-lake-bench-"))
    pg = Path(tempfile.mkdtemp(prefix="news-warehouse-lake-bench-pg-"))
    try:
        landing = tmp / "landing"
        words = build_landing(landing, args.files, args.partitions)
        throwaway_postgres.start(pg)
        runs = {}
        runs["file-1"] = timed_run(landing, str(tmp / "file.duckdb"), 1, [])
        for name, workers in (("lake-1", 1), ("lake-2", 2)):
            target = throwaway_postgres.new_database(pg, name.replace("-", "_"))
            runs[name] = timed_run(landing, target, workers, ["--data-path", str(tmp / name)])
        load = os.getloadavg()[0]
    finally:
        throwaway_postgres.stop(pg)
        shutil.rmtree(pg, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "files": args.files, "partitions": args.partitions, "words": words, "cpus": os.cpu_count(),
        "load_avg_at_end": round(load, 2),
        "runs": {k: {"wall_s": round(v, 1), "words_per_s": round(words / v)} for k, v in runs.items()},
        "lake2_vs_lake1": round(runs["lake-1"] / runs["lake-2"], 2),
        "lake1_vs_file1": round(runs["file-1"] / runs["lake-1"], 2),
    }
    print(f"bench-lake {result['date']}: {args.files} BBC files, {words:,} words, {args.partitions} partitions, "
          f"{os.cpu_count()} CPUs, load avg at end {result['load_avg_at_end']}")
    for name, r in result["runs"].items():
        print(f"  {name:7s} wall {r['wall_s']:7.1f} s   {r['words_per_s']:7,} words/s")
    print(f"  DuckLake 2 workers vs 1 worker: {result['lake2_vs_lake1']}x  (target >= 1.6)")
    print(f"  DuckLake vs DuckDB file, 1 worker: {result['lake1_vs_file1']}x  (target >= 0.9)")
    out = ROOT / "bench" / "results" / f"lake-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
