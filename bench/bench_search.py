"""Full-text search on the whole BBC corpus: query latency, and what rebuilding the index adds to a run.

Run: ``.venv/bin/python -m bench.bench_search [--corpus DIR] [--partitions 5] [--keep]``  (``make bench-search``)

1. The corpus (``../shared/corpora/bbc``, 2,225 files) is landed into a temporary
   folder (never the repo), round-robin over ``--partitions`` date folders, as
   ``bench/bench.py`` does.
2. **Full run**: ``news-warehouse run`` on a fresh warehouse, as a user runs
   it; the search index is rebuilt at its end (the seconds it prints:
   ``… indexed in X s``). Reported: those seconds against the rest of the run
   (target: < 5%).
3. **Rebuild alone**, three times in this process (``search.build_index``: the
   whole of ``sql/search/build.sql`` in one transaction), median.
4. **No-op rerun**: the index is not rebuilt (the stamp matches).
5. **Latency**: each query of ``QUERIES`` through ``analytics.search_quotes`` and
   ``analytics.search_articles`` (limit 10), on a warm read-only connection,
   ``REPEATS`` times each: median and worst (target: worst < 0.5 s); then cold,
   a fresh connection per query (open the file, load fts, check the stamp,
   query); and one ``news-warehouse search`` process, wall time (Python start
   and imports included).

Results on stdout and in ``bench/results/search-<UTC>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import DEFAULT_CORPUS, ROOT, build_landing, corpus_files
from pipelines import search, warehouse

RESULTS = ROOT / "bench" / "results"
QUERIES = ["G8 summit", "Gordon Brown budget", "mobile phone", "Champions League final", "election 2005",
           "iPod", "Oscar nomination", "interest rates", "Tony Blair Iraq", "broadband internet"]
REPEATS = 5
TARGETS = {"latency_max_s": 0.5, "rebuild_share_max": 0.05}


def cli(*args: str) -> list[str]:
    """The CLI of this checkout (``python -m pipelines.cli``), whichever tree the bench runs from."""
    return [sys.executable, "-m", "pipelines.cli", *args]


def child_env() -> dict:
    env = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="False", DO_NOT_TRACK="1",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for name in ("NEWS_WAREHOUSE_DB", "DAGSTER_HOME"):
        env.pop(name, None)
    return env


def timed_run(landing: Path, db: Path) -> tuple[float, float | None]:
    """Wall seconds of ``news-warehouse run``, and the seconds its index rebuild took (None: skipped)."""
    t = time.monotonic()
    proc = subprocess.run(cli("run", "--landing", str(landing), "--warehouse", str(db)), cwd=ROOT, env=child_env(),
                          capture_output=True, text=True)
    wall = time.monotonic() - t
    if proc.returncode != 0:
        raise SystemExit(f"news-warehouse run failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    m = re.search(r"quotes indexed in ([0-9.]+)s", proc.stdout)
    return wall, float(m.group(1)) if m else None


def latency(db: Path) -> dict:
    con, stale = search.open_for_search(str(db))
    assert not stale, "the index should be fresh after the run"
    warm: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for kind in ("quotes", "articles"):
        for q in QUERIES:
            key = f"{kind}:{q}"
            for _ in range(REPEATS):
                t = time.perf_counter()
                _, rows = search.search(con, q, quotes=kind == "quotes", limit=10)
                warm.setdefault(key, []).append(time.perf_counter() - t)
            hits[key] = len(rows)
    con.close()
    cold = []
    for q in QUERIES:
        t = time.perf_counter()
        con, _ = search.open_for_search(str(db))
        search.search(con, q, quotes=True, limit=10)
        con.close()
        cold.append(time.perf_counter() - t)
    t = time.monotonic()
    proc = subprocess.run(cli("search", "G8 summit", "--warehouse", str(db)), cwd=ROOT, env=child_env(),
                          capture_output=True, text=True, check=True)
    cli_wall = time.monotonic() - t
    all_warm = [x for xs in warm.values() for x in xs]
    return {"warm_median_s": statistics.median(all_warm), "warm_max_s": max(all_warm),
            "warm_slowest_query": max(warm, key=lambda k: max(warm[k])),
            "cold_median_s": statistics.median(cold), "cold_max_s": max(cold),
            "cli_wall_s": cli_wall, "cli_first_line": proc.stdout.splitlines()[0] if proc.stdout else "",
            "hits": hits}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--partitions", type=int, default=5)
    ap.add_argument("--keep", action="store_true", help="keep the temporary landing folder and warehouse")
    args = ap.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-search-"))
    landing, db = scratch / "landing", scratch / "w.duckdb"
    files = corpus_files(args.corpus)
    landed = build_landing(landing, files, args.partitions)
    print(f"landed {landed['files']} files ({landed['words']:,} words) in {args.partitions} date folders; "
          f"full run…", flush=True)

    full_s, index_s = timed_run(landing, db)
    if index_s is None:
        raise SystemExit("the full run did not rebuild the search index")
    rest_s = full_s - index_s

    rebuilds = []
    with warehouse.writer_lock(str(db)):
        con = warehouse.connect(str(db))
        for _ in range(3):
            t = time.monotonic()
            counts = search.build_index(con)
            rebuilds.append(time.monotonic() - t)
        con.close()
    noop_s, noop_index_s = timed_run(landing, db)
    lat = latency(db)

    r = {"when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "files": landed["files"],
         "words": landed["words"], "articles": counts["articles"], "quotes": counts["quotes"],
         "db_mb": round(db.stat().st_size / 1e6, 1), "full_run_s": round(full_s, 1), "index_in_run_s": index_s,
         "index_share_of_rest": index_s / rest_s, "rebuild_alone_s": [round(x, 3) for x in rebuilds],
         "noop_run_s": round(noop_s, 1), "noop_index_skipped": noop_index_s is None,
         **{f"latency_{k}": v for k, v in lat.items()}, "targets": TARGETS}
    ok_latency = lat["warm_max_s"] < TARGETS["latency_max_s"] and lat["cold_max_s"] < TARGETS["latency_max_s"]
    ok_share = r["index_share_of_rest"] < TARGETS["rebuild_share_max"]
    print(f"""
  corpus                 {r['files']} files, {r['articles']} articles, {r['quotes']} quotes indexed, warehouse {r['db_mb']} MB
  full run               {r['full_run_s']:.1f} s, of which the index rebuild {index_s:.2f} s
  rebuild / rest of run  {100 * r['index_share_of_rest']:.2f}%   (target < {100 * TARGETS['rebuild_share_max']:.0f}%) {'OK' if ok_share else 'MISSED'}
  rebuild alone          median {statistics.median(rebuilds):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in rebuilds)})
  no-op rerun            {r['noop_run_s']:.1f} s, index {'skipped' if r['noop_index_skipped'] else 'REBUILT'}
  search, warm           median {1000 * lat['warm_median_s']:.0f} ms, worst {1000 * lat['warm_max_s']:.0f} ms ({lat['warm_slowest_query']}), {len(QUERIES)} queries x 2 kinds x {REPEATS}
  search, cold           median {1000 * lat['cold_median_s']:.0f} ms, worst {1000 * lat['cold_max_s']:.0f} ms (open file + load fts + stamp check + query)
  latency target         worst < {1000 * TARGETS['latency_max_s']:.0f} ms {'OK' if ok_latency else 'MISSED'}
  `news-warehouse search` process, wall {lat['cli_wall_s']:.2f} s (Python start and imports included)
    {lat['cli_first_line']}""")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"search-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(r, indent=2, default=str) + "\n")
    print(f"\nresults: {out}")
    if args.keep:
        print(f"kept {scratch}")
    else:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ok_latency and ok_share else 1


if __name__ == "__main__":
    sys.exit(main())
