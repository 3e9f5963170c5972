"""The default run against bare spaCy on every core (issue 16), and the Polars write path (issue 20), in one run.

    .venv/bin/python -m bench.bench_cores [--files 2225]   (from the repository root)

All BBC files (../shared/corpora/bbc, never copied into the repo) in ONE date
folder, as a day's drop. One after the other on the same machine:
1. bare spaCy: read + decode every file, the stock model (``spacy.load(MODEL)``, not the product's
   ``load_nlp()``), ``nlp.pipe(batch_size=64, n_process=1)``;
2. the same with ``n_process=2`` (every core of this machine);
3. ``news-warehouse run`` with default settings (one partition, parsed on every core by the NLP
   pool), with its dbt step; wall time, and the partition step alone from ``--timings``;
4. a no-op rerun;
4b. what recording runs in the Dagster instance costs: the partition rerun with ``--force
    --skip-views`` (its articles cached: no spaCy), recorded in DAGSTER_HOME (SQLite) and with
    ``--ephemeral``, alternating, twice each;
5. the DuckDB write measure of ``bench.py`` on the built warehouse: Polars frames from columns +
   ``replace_partition``, rows/s, fresh and over existing rows.
Each child's time runs from its start (imports and model load included). Prints the ratios of the
default run to the faster bare run; writes bench/results/cores-<UTC>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, write_result, write_throughput

BBC = Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")) / "corpora" / "bbc"
PY = str(ROOT / ".venv" / "bin" / "python")
CLI = str(ROOT / ".venv" / "bin" / "news-warehouse")
BARE = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from pipelines.text.decode import decode_bytes
import spacy
from pipelines.text.nlp import MODEL
nlp = spacy.load(MODEL)  # bare spaCy: the stock model, every component on every token

texts = [decode_bytes(p.read_bytes()).text for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
docs = sum(1 for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])))
print(json.dumps({"docs": docs, "words": sum(len(t.split()) for t in texts), "s": time.perf_counter() - t0}))
"""


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, str, int]:
    """(wall seconds, stdout, peak RSS KB of the largest process) of a child."""
    t = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    out, err = proc.communicate()
    wall = time.monotonic() - t
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed: {err[-2000:]}")
    return wall, out, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2225)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="news-warehouse-cores-bench-"))
    try:
        day = tmp / "landing" / "2005-04-01"
        day.mkdir(parents=True)
        files = sorted(p for d in sorted(BBC.iterdir()) if d.is_dir() for p in sorted(d.glob("*.txt")))[:args.files]
        for p in files:
            shutil.copyfile(p, day / f"{p.parent.name}_{p.name}")
        bare = {}
        for n in (1, 2):
            wall, out, _ = timed([PY, "-c", BARE, str(day), str(n)])
            bare[n] = {**json.loads(out), "wall_s": wall}
            print(f"bare spaCy n_process={n}: {bare[n]['s']:.1f} s ({bare[n]['words'] / bare[n]['s']:,.0f} words/s)",
                  flush=True)
        db, timings = tmp / "w.duckdb", tmp / "timings.jsonl"
        env = {"DAGSTER_HOME": str(tmp / "dagster_home")}
        wall, _, maxrss = timed([CLI, "run", "--landing", str(tmp / "landing"), "--warehouse", str(db), "--quiet",
                                 "--timings", str(timings)], env)
        runs = {r["run"]: r for r in map(json.loads, timings.read_text().splitlines())}
        part = runs["2005-04-01"]
        # One Dagster run per date; the last date's run also builds the views: its dbt step is one of its steps.
        dbt_s = round(sum(s for step, s in part["steps"].items() if step != "partition_tables"), 3)
        partition_s = round(part["run_s"] - dbt_s, 3)
        print(f"news-warehouse run (defaults): {wall:.1f} s wall, partition run {partition_s:.1f} s, "
              f"dbt {dbt_s:.1f} s", flush=True)
        noop, _, _ = timed([CLI, "run", "--landing", str(tmp / "landing"), "--warehouse", str(db), "--quiet"], env)
        recording: dict[str, list[float]] = {"recorded": [], "ephemeral": []}
        for _ in range(2):
            for mode in ("recorded", "ephemeral"):
                extra = ["--ephemeral"] if mode == "ephemeral" else []
                timed([CLI, "run", "--landing", str(tmp / "landing"), "--warehouse", str(db), "--quiet", "--force",
                       "--skip-views", "--timings", str(timings), *extra], env)
                recording[mode].append(json.loads(timings.read_text().splitlines()[0])["run_s"])
        writes = write_throughput(db, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    best = min(bare[1]["s"], bare[2]["s"])
    words = bare[1]["words"]
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "files": len(files), "words": words,
        "cpus": os.cpu_count(), "load_avg_at_end": round(os.getloadavg()[0], 2),
        "bare_n_process_1_s": round(bare[1]["s"], 1), "bare_n_process_2_s": round(bare[2]["s"], 1),
        "run_wall_s": round(wall, 1), "partition_run_s": partition_s, "partition_stages": part["stages"],
        "partition_steps": part["steps"], "dbt_s": dbt_s, "noop_rerun_s": round(noop, 1), "largest_process_rss_mb": maxrss // 1024,
        "run_vs_faster_bare": round(best / wall, 2), "partition_run_vs_faster_bare": round(best / partition_s, 2),
        "writes": writes,
        "recording": {k: [round(x, 2) for x in v] for k, v in recording.items()},
        "recording_cost_s": round(min(recording["recorded"]) - min(recording["ephemeral"]), 2),
    }
    print(f"bench-cores {result['date']}: {len(files)} BBC files in one date folder, {words:,} words, "
          f"{os.cpu_count()} CPUs, load avg at end {result['load_avg_at_end']}")
    print(f"  default run {wall:.1f} s vs faster bare spaCy {best:.1f} s: {result['run_vs_faster_bare']}x throughput "
          f"(partition step alone {result['partition_run_vs_faster_bare']}x; target >= 0.95, goal 1.2)")
    print(f"  no-op rerun {noop:.1f} s; largest process peak RSS {maxrss // 1024} MB")
    print(f"  recording the run in the Dagster instance: cached partition run {min(recording['recorded']):.2f} s "
          f"recorded vs {min(recording['ephemeral']):.2f} s --ephemeral ({result['recording_cost_s']:+.2f} s per partition)")
    for table, t in writes.items():
        print(f"  write {table}: {t['fresh']['rows_per_s']:,.0f} rows/s fresh, {t['replace']['rows_per_s']:,.0f} rows/s "
              f"over existing rows ({t['rows']:,} rows)")
    write_result("cores", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
