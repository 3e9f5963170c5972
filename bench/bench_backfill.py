"""A daemon backfill as a cluster runs it: Dagster's run queue at 1 and at 2 concurrent runs, on a DuckLake.

    .venv/bin/python -m bench.bench_backfill [--files 1000] [--partitions 4] [--concurrency 1,2] [--processes 1]

The path Kubernetes takes (deploy/k8s: the daemon's run queue, one pod per run), on one machine:
  1. a landing folder of ``--files`` BBC files over ``--partitions`` dates (../shared/corpora/bbc, never copied
     into the repo), and its DuckDB-file build by ``news-warehouse run``: the reference rows;
  2. a throwaway PostgreSQL holding, for each max-concurrent-runs setting, a fresh DuckLake catalog and a fresh
     Dagster instance storage (deploy/dagster-postgres.yaml, with the QueuedRunCoordinator at that maximum and
     the default run launcher: one process per run, as one pod per run);
  3. ``dagster-daemon run`` on the repository's workspace.yaml, then ONE GraphQL document through the
     ``dagster-graphql`` client that registers the landing dates as partitions (``addDynamicPartition``) and
     launches an asset backfill of the five Python tables over them (``launchPartitionBackfill``);
  4. waits for the backfill, then for the one ``build_views`` run that the sensor ``views_after_backfill``
     requests when it ends (how the views are built after a backfill, deploy/ and docs/scaling.md);
  5. compares every row of raw.files, core.* and every analytics.* view of the lake with the file's.
Prints, per setting, the backfill's wall time (launch to the backfill marked done), the span of its runs (first
start to last end: the work, without the daemon's ticks) and the views run; then 2 runs vs 1 on both.
Writes the same as JSON to bench/results/backfill-<timestamp>.json. Exit 1 when a row differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.bench_lake import build_landing, contents, differences
from bench.common import ROOT, child_env, write_result
from devtools import throwaway_postgres

BIN = Path(sys.prefix) / "bin"
LOCATION, REPOSITORY = "pipelines.definitions", "__repository__"  # workspace.yaml's module; Definitions' repository
PYTHON_TABLES = [["raw", "files"], ["raw", "articles"], ["core", "articles"], ["core", "entity_mentions"],
                 ["core", "quotes"]]


def instance_yaml(home: Path, max_runs: int) -> None:
    """deploy/dagster-postgres.yaml (PostgreSQL storage, the QueuedRunCoordinator, the default run launcher) as
    ``home``'s dagster.yaml, with the run queue at ``max_runs`` concurrent runs."""
    config = yaml.safe_load((ROOT / "deploy" / "dagster-postgres.yaml").read_text())
    assert config["run_coordinator"]["class"] == "QueuedRunCoordinator" and config["run_launcher"]["class"] == "DefaultRunLauncher"
    config["concurrency"]["runs"]["max_concurrent_runs"] = max_runs
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(yaml.safe_dump(config, sort_keys=False))


def backfill_document(dates: list[str]) -> str:
    """One GraphQL document: each date registered as a ``landing_dates`` partition, then the backfill launched
    (mutations run in order). Variables: ``repo`` (RepositorySelector) and ``params`` (LaunchBackfillParams)."""
    added = "\n".join(
        f'  add{i}: addDynamicPartition(repositorySelector: $repo, partitionsDefName: "landing_dates", '
        f'partitionKey: "{d}") {{ __typename ... on PythonError {{ message }} }}' for i, d in enumerate(dates))
    return (f"mutation Backfill($repo: RepositorySelector!, $params: LaunchBackfillParams!) {{\n{added}\n"
            "  launch: launchPartitionBackfill(backfillParams: $params) {\n"
            "    __typename ... on LaunchBackfillSuccess { backfillId } ... on PythonError { message stack }\n"
            "    ... on PartitionKeysNotFoundError { message } ... on InvalidSubsetError { message }\n"
            "    ... on UnauthorizedError { message } ... on RunConfigValidationInvalid { errors { message } }\n  }\n}")


def launch_backfill(env: dict, scratch: Path, dates: list[str], tags: dict[str, str], processes: int) -> str:
    """Register ``dates`` and launch the backfill through ``dagster-graphql``; return the backfill id."""
    variables = {
        "repo": {"repositoryLocationName": LOCATION, "repositoryName": REPOSITORY},
        "params": {"partitionNames": dates, "assetSelection": [{"path": p} for p in PYTHON_TABLES],
                   "tags": [{"key": k, "value": v} for k, v in tags.items()],
                   "runConfigData": {"resources": {"nlp": {"config": {"processes": processes}}}},
                   "title": f"bench-backfill {dates[0]}..{dates[-1]}"},
    }
    out = scratch / "launch.json"
    proc = subprocess.run([str(BIN / "dagster-graphql"), "-w", str(ROOT / "workspace.yaml"), "-t", backfill_document(dates),
                           "-v", json.dumps(variables), "-o", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    response = json.loads(out.read_text()) if out.exists() else {}
    data = response.get("data") or {}
    failed = [v for k, v in data.items() if k.startswith("add") and v["__typename"] != "AddDynamicPartitionSuccess"]
    launch = data.get("launch") or {}
    if proc.returncode != 0 or failed or launch.get("__typename") != "LaunchBackfillSuccess":
        raise SystemExit(f"backfill not launched: {failed or launch or response or proc.stderr[-2000:]}")
    return launch["backfillId"]


def start_daemon(env: dict, log: Path) -> subprocess.Popen:
    """``dagster-daemon run`` (sensors, backfills, run queue) in its own process group, output to ``log``."""
    with log.open("w") as fh:
        return subprocess.Popen([str(BIN / "dagster-daemon"), "run", "-w", str(ROOT / "workspace.yaml")], cwd=ROOT,
                                env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)


def stop_daemon(proc: subprocess.Popen) -> None:
    """SIGTERM to the daemon's process group (it and the code server and runs it started), SIGKILL after 60 s."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_for(what: str, probe, daemon: subprocess.Popen, timeout_s: float, log: Path):
    """Poll ``probe()`` every 2 s until it returns something; fail when the daemon dies or ``timeout_s`` passes."""
    deadline = time.monotonic() + timeout_s
    while (found := probe()) is None:
        if daemon.poll() is not None:
            raise SystemExit(f"dagster-daemon exited ({daemon.returncode}) waiting for {what}; see {log}")
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout_s:.0f} s waiting for {what}; see {log}")
        time.sleep(2)
    return found


def backfill_timings(instance, backfill_id: str, daemon: subprocess.Popen, timeout_s: float, log: Path) -> dict:
    """Wait for the backfill and the views run the sensor requests after it; return their times and statuses."""
    import dagster as dg
    from dagster._core.execution.backfill import BULK_ACTION_TERMINAL_STATUSES

    from pipelines.defs.automation import AFTER_BACKFILLS_TAG

    def ended():
        found = instance.get_backfill(backfill_id)
        return found if found.status in BULK_ACTION_TERMINAL_STATUSES else None

    backfill = wait_for("the backfill", ended, daemon, timeout_s, log)
    runs = instance.get_run_records(dg.RunsFilter(tags={"dagster/backfill": backfill_id}))

    def views_run():
        for record in instance.get_run_records(dg.RunsFilter(job_name="build_views")):
            if backfill_id in record.dagster_run.tags.get(AFTER_BACKFILLS_TAG, "").split(",") and record.dagster_run.is_finished:
                return record
        return None

    views = wait_for("the views run after the backfill", views_run, daemon, timeout_s, log)
    start, end = min(r.start_time for r in runs), max(r.end_time for r in runs)
    return {
        "backfill_status": backfill.status.value,
        "runs": len(runs), "runs_succeeded": sum(r.dagster_run.status == dg.DagsterRunStatus.SUCCESS for r in runs),
        "backfill_s": round(backfill.backfill_end_timestamp - backfill.backfill_timestamp, 1),
        "runs_span_s": round(end - start, 1),
        "run_s": sorted(round(r.end_time - r.start_time, 1) for r in runs),
        "views_status": views.dagster_run.status.value,
        "views_s": round(views.end_time - views.start_time, 1),
        "views_after_backfill_s": round(views.start_time - backfill.backfill_end_timestamp, 1),
        "launch_to_views_done_s": round(views.end_time - backfill.backfill_timestamp, 1),
    }


def backfill_on_lake(pg: Path, tmp: Path, landing: Path, dates: list[str], max_runs: int, args) -> tuple[str, dict]:
    """One daemon backfill of ``dates`` into a fresh lake with a fresh instance; return the lake and timings."""
    import dagster as dg

    from pipelines import settings, warehouse

    lake = throwaway_postgres.new_database(pg, f"lake_max{max_runs}")
    throwaway_postgres.new_database(pg, f"dagster_max{max_runs}")
    home = tmp / f"dagster-max{max_runs}"
    instance_yaml(home, max_runs)
    pg_env = {"DAGSTER_PG_HOST": "127.0.0.1", "DAGSTER_PG_PORT": (pg / "port").read_text(),
              "DAGSTER_PG_USER": throwaway_postgres.USER, "DAGSTER_PG_PASSWORD": "", "DAGSTER_PG_DB": f"dagster_max{max_runs}"}
    env = {**child_env(), **pg_env, "DAGSTER_HOME": str(home), "PYTHONPATH": str(ROOT),
           settings.ENV_WAREHOUSE: lake, settings.ENV_LANDING: str(landing),
           settings.ENV_DATA_PATH: str(tmp / f"lake-max{max_runs}")}
    log = home / "daemon.log"
    daemon = start_daemon(env, log)
    try:
        os.environ.update(pg_env)  # the instance's dagster.yaml reads them, in this process too
        instance = dg.DagsterInstance.from_config(str(home))
        tags = {settings.WAREHOUSE_TAG: warehouse.shown(lake), settings.LANDING_TAG: str(landing)}
        backfill_id = launch_backfill(env, home, dates, tags, args.processes)
        print(f"max {max_runs} concurrent runs: backfill {backfill_id} launched", flush=True)
        timings = backfill_timings(instance, backfill_id, daemon, args.timeout, log)
    finally:
        stop_daemon(daemon)
    return lake, timings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000, help="BBC files, spread evenly over the corpus (default 1000)")
    ap.add_argument("--partitions", type=int, default=4, help="landing dates (default 4)")
    ap.add_argument("--concurrency", default="1,2", help="max concurrent runs to compare, comma-separated (default 1,2)")
    ap.add_argument("--processes", type=int, default=1,
                    help="processes parsing one run's date (default 1: a run is a pod with one CPU, deploy/k8s)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds to wait for a backfill or its views")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (daemon logs, instance) and say where")
    args = ap.parse_args()
    settings_list = [int(n) for n in args.concurrency.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="news-warehouse-backfill-bench-"))
    pg = Path(tempfile.mkdtemp(prefix="news-warehouse-backfill-bench-pg-"))
    results, diffs = {}, {}
    try:
        landing = tmp / "landing"
        words = build_landing(landing, args.files, args.partitions)
        dates = sorted(p.name for p in landing.iterdir())
        reference_db = tmp / "file.duckdb"
        t = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "--landing", str(landing), "--warehouse",
                               str(reference_db), "--quiet"], cwd=ROOT, env={**child_env(), "PYTHONPATH": str(ROOT)},
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"the DuckDB file run failed: {proc.stderr.strip()[-1000:]}")
        file_s = time.monotonic() - t
        print(f"DuckDB file (news-warehouse run): {file_s:.1f} s", flush=True)
        reference = contents(str(reference_db))
        throwaway_postgres.start(pg)
        for max_runs in settings_list:
            lake, results[max_runs] = backfill_on_lake(pg, tmp, landing, dates, max_runs, args)
            diffs[max_runs] = differences(reference, contents(lake))
            print(f"max {max_runs}: {results[max_runs]}  differences {diffs[max_runs]}", flush=True)
        load = os.getloadavg()[0]
    finally:
        throwaway_postgres.stop(pg)
        shutil.rmtree(pg, ignore_errors=True)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    identical = all(not any(d.values()) for d in diffs.values())
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": args.files, "partitions": args.partitions, "words": words, "processes_per_run": args.processes,
        "cpus": os.cpu_count(), "load_avg_at_end": round(load, 2), "file_run_s": round(file_s, 1),
        "by_max_concurrent_runs": results, "differences_from_file": diffs,
        "rows_compared": sum(len(v) for v in reference.values()), "tables_compared": len(reference),
        "identical_to_file": identical,
    }
    if 1 in results and 2 in results:
        result["two_vs_one_backfill"] = round(results[1]["backfill_s"] / results[2]["backfill_s"], 2)
        result["two_vs_one_runs_span"] = round(results[1]["runs_span_s"] / results[2]["runs_span_s"], 2)
    print(f"bench-backfill {result['date']}: {args.files} BBC files, {words:,} words, {args.partitions} dates, "
          f"{os.cpu_count()} CPUs, {args.processes} process(es) per run, load avg at end {result['load_avg_at_end']}")
    for max_runs, r in results.items():
        print(f"  max {max_runs} concurrent runs: backfill {r['backfill_s']:7.1f} s ({r['backfill_status']}, "
              f"{r['runs_succeeded']}/{r['runs']} runs), runs' span {r['runs_span_s']:7.1f} s, "
              f"then views {r['views_s']:.1f} s ({r['views_status']}, started {r['views_after_backfill_s']:.1f} s after); "
              f"launch to views done {r['launch_to_views_done_s']:.1f} s")
    if "two_vs_one_backfill" in result:
        print(f"  2 concurrent runs vs 1: {result['two_vs_one_backfill']}x on the backfill, "
              f"{result['two_vs_one_runs_span']}x on the runs' span (target >= 1.6)")
    print(f"  every row of raw.files, core.* and analytics.* identical to the DuckDB file: {identical} "
          f"({result['rows_compared']:,} rows in {result['tables_compared']} tables)")
    write_result("backfill", result)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
