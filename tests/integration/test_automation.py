"""Schedule, sensor and code location: what `dagster dev` loads and what it would run."""

import datetime as dt
import os
import shutil
import subprocess
import sys

import dagster as dg

from pipelines import settings
from pipelines.definitions import build_defs
from pipelines.defs.automation import daily_ingest, landing_changes
from pipelines.defs.partitions import landing_dates
from pipelines.defs.resources import Landing, Warehouse
from tests.helpers import ROOT, SHARED


def _resources(tmp_path):
    return {"landing_folder": Landing(root=str(tmp_path / "landing")),
            "warehouse_db": Warehouse(path=str(tmp_path / "absent.duckdb"))}


def test_schedule_requests_the_day_that_just_ended_when_files_landed_for_it(tmp_path):
    day = tmp_path / "landing" / "2015-11-26"
    day.mkdir(parents=True)
    at = dt.datetime(2015, 11, 27, 0, 30, tzinfo=dt.UTC)
    with dg.instance_for_test() as instance:  # a persistent one: the schedule's context reopens it by reference
        # No file for the day: nothing to run, and no partition made for it (partitions are dates with files).
        with dg.build_schedule_context(instance=instance, scheduled_execution_time=at,
                                       resources=_resources(tmp_path)) as ctx:
            skipped = daily_ingest(ctx)
        assert isinstance(skipped, dg.SkipReason) and skipped.skip_message == "no files landed for 2015-11-26"
        assert instance.get_dynamic_partitions(landing_dates.name) == []
        shutil.copy(SHARED / "seeds" / "000_fd20b0775c6aaf20.txt", day / "voa.txt")
        with dg.build_schedule_context(instance=instance, scheduled_execution_time=at,
                                       resources=_resources(tmp_path)) as ctx:
            request = daily_ingest(ctx)
        assert request.partition_key == "2015-11-26"
        assert request.tags[settings.WAREHOUSE_TAG] == str(tmp_path / "absent.duckdb")
        assert instance.get_dynamic_partitions(landing_dates.name) == ["2015-11-26"]


def _evaluate(cursor, tmp_path) -> tuple[list[dg.RunRequest], list[str], str]:
    """The sensor's run requests, the partitions it registers, and its new cursor."""
    with dg.build_sensor_context(cursor=cursor, resources=_resources(tmp_path)) as ctx:
        result = landing_changes(ctx)
    added = [k for r in result.dynamic_partitions_requests for k in r.partition_keys]
    return result.run_requests, added, result.cursor


def test_sensor_requests_changed_partitions_only_and_registers_them(tmp_path):
    day = tmp_path / "landing" / "2015-11-26"
    day.mkdir(parents=True)
    shutil.copy(SHARED / "seeds" / "000_fd20b0775c6aaf20.txt", day / "voa.txt")

    first, added, cursor = _evaluate(None, tmp_path)
    assert [r.partition_key for r in first] == added == ["2015-11-26"]
    assert first[0].tags[settings.LANDING_TAG] == str(tmp_path / "landing")

    # Nothing changed: nothing requested.
    assert _evaluate(cursor, tmp_path)[:2] == ([], [])

    # A late file lands in an old date folder: only that date is requested again.
    late = tmp_path / "landing" / "2015-11-20"
    late.mkdir()
    shutil.copy(SHARED / "seeds" / "003_aeb0b849679dcb8d.txt", late / "late.txt")
    requests, added, cursor = _evaluate(cursor, tmp_path)
    assert [r.partition_key for r in requests] == added == ["2015-11-20"]

    # A whole date folder removed: requested so its rows go too.
    shutil.rmtree(late)
    requests, _, _ = _evaluate(cursor, tmp_path)
    assert [(r.partition_key, r.run_key) for r in requests] == [("2015-11-20", "landing:2015-11-20:gone")]


def test_one_lineage_graph_python_tables_feed_dbt_models():
    defs = build_defs()
    graph = defs.resolve_asset_graph()
    stg_quotes = dg.AssetKey(["staging", "stg_quotes"])
    assert dg.AssetKey(["core", "quotes"]) in graph.get(stg_quotes).parent_keys
    int_quotes = dg.AssetKey(["intermediate", "int_quotes"])
    assert int_quotes in graph.get(stg_quotes).child_keys
    assert dg.AssetKey(["analytics", "quotes"]) in graph.get(int_quotes).child_keys
    # staging -> intermediate -> marts, one way: a mart reads intermediate models, never another mart.
    assert dg.AssetKey(["analytics", "speakers"]) in graph.get(int_quotes).child_keys
    assert not [k for k in graph.get(dg.AssetKey(["analytics", "speakers"])).parent_keys if k.path[0] == "analytics"]
    assert defs.resolve_job_def("ingest_partition").partitions_def == landing_dates
    # The views alone: an unpartitioned job of the dbt assets, none of the Python tables.
    views = defs.resolve_job_def("build_views")
    assert views.partitions_def is None
    assert views.asset_layer.executable_asset_keys >= {dg.AssetKey(["analytics", "speakers"])}
    assert not {k for k in views.asset_layer.executable_asset_keys if k.path[0] in ("raw", "core")}


def test_dagster_dev_serves_the_code_location(tmp_path):
    # `make dev` for real: start `dagster dev` on workspace.yaml, ask its GraphQL API whether the code location
    # loaded (what `dagster definitions validate -w workspace.yaml` checks, here in the webserver), stop it.
    import json
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # `news-warehouse dev` (what `make dev` runs) on a warehouse of its own, no DAGSTER_HOME: the UI opens the
    # warehouse's instance, created beside the file.
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    env["PATH"] = "/usr/bin:/bin"  # no venv on PATH, as under cron
    proc = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "dev", "--warehouse", str(tmp_path / "w.duckdb"),
                             "--port", str(port)], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    query = ('{"query": "{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus '
             'locationOrLoadError { __typename ... on PythonError { message } } } } } }"}')
    entry = None
    graph = None
    try:
        deadline = time.monotonic() + 240  # measured 132 s at load 15 on 2 cores (the CLI, dbt parse, the webserver)
        while time.monotonic() < deadline:
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=query.encode(),
                                             headers={"content-type": "application/json"})
                entries = json.load(urllib.request.urlopen(req, timeout=5))["data"]["workspaceOrError"]["locationEntries"]
                if entries and entries[0]["loadStatus"] == "LOADED":
                    entry = entries[0]
                    # The asset graph as the UI's catalog gets it: every asset, its group and dependencies.
                    nodes = ('{"query": "{ assetNodes { assetKey { path } groupName '
                             'dependencyKeys { path } metadataEntries { label } } }"}')
                    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=nodes.encode(),
                                                 headers={"content-type": "application/json"})
                    graph = json.load(urllib.request.urlopen(req, timeout=30))["data"]["assetNodes"]
                    break
            except (OSError, KeyError, ValueError):
                pass
            time.sleep(1)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert entry is not None, "dagster dev did not load the code location within 240 s"
    assert (tmp_path / "w.duckdb.dagster" / "dagster.yaml").read_text() == (ROOT / "dagster.yaml").read_text()
    assert entry["locationOrLoadError"]["__typename"] == "RepositoryLocation", entry["locationOrLoadError"]
    keys = {"/".join(n["assetKey"]["path"]): n for n in graph}
    deps = {k: {"/".join(d["path"]) for d in n["dependencyKeys"]} for k, n in keys.items()}
    assert {"raw/files", "raw/articles", "core/articles", "core/entity_mentions", "core/quotes"} <= set(keys)
    analytics = {k for k in keys if k.startswith("analytics/")}
    assert {"analytics/speakers", "analytics/stories", "analytics/quote_clusters", "analytics/quotes"} <= analytics

    def upstream(key, seen=None):
        seen = set() if seen is None else seen
        for d in deps[key] - seen:
            seen.add(d)
            upstream(d, seen)
        return seen

    assert all("raw/files" in upstream(k) for k in analytics), "lineage from raw/files to every analytics model"
    assert {n["groupName"] for n in graph} <= {"ingest", "core", "staging", "analytics"}  # none in `default`
    assert all("dagster/column_schema" in {m["label"] for m in n["metadataEntries"]} for n in graph)


def _backfill(instance, repo, selection, status, ended_at: float | None = None):
    """A backfill of two landing dates as the UI or GraphQL records it (the same constructor), at ``status``."""
    from dagster._core.execution.backfill import PartitionBackfill

    instance.add_dynamic_partitions(landing_dates.name, ["2015-11-26", "2015-11-27"])
    backfill = PartitionBackfill.from_asset_partitions(
        backfill_id=f"b{len(instance.get_backfills())}", asset_graph=repo.asset_graph,
        partition_names=["2015-11-26", "2015-11-27"], asset_selection=list(selection), backfill_timestamp=1000.0,
        tags={}, dynamic_partitions_store=instance, all_partitions=False, title=None, description=None, run_config=None)
    backfill = backfill.with_status(status)
    instance.add_backfill(backfill.with_end_timestamp(ended_at) if ended_at else backfill)
    return backfill.backfill_id


def test_views_are_requested_once_after_a_backfill_of_the_dates_ends(tmp_path):
    """The views after a backfill (docs/scaling.md): one build_views run when a backfill of the Python tables ends,
    none while it runs, none again on the next look, none after a backfill that built the views itself."""
    from dagster._core.execution.backfill import BulkActionStatus

    from pipelines.defs.automation import AFTER_BACKFILLS_TAG, views_after_backfill
    from pipelines.defs.keys import PYTHON_TABLES

    defs = build_defs(str(tmp_path / "landing"), str(tmp_path / "absent.duckdb"))
    repo = defs.get_repository_def()

    def evaluate(instance, cursor):
        with dg.build_sensor_context(instance=instance, cursor=cursor, resources=_resources(tmp_path),
                                     definitions=defs) as ctx:
            return views_after_backfill(ctx)

    with dg.instance_for_test() as instance:
        assert isinstance(evaluate(instance, None), dg.SkipReason)  # no backfill yet
        running = _backfill(instance, repo, PYTHON_TABLES, BulkActionStatus.REQUESTED)
        assert isinstance(evaluate(instance, None), dg.SkipReason)  # still running: not yet
        done = _backfill(instance, repo, PYTHON_TABLES, BulkActionStatus.COMPLETED_SUCCESS, ended_at=2000.0)
        result = evaluate(instance, None)
        assert views_after_backfill.job_name == "build_views" and len(result.run_requests) == 1
        assert result.run_requests[0].tags[AFTER_BACKFILLS_TAG] == done
        assert result.run_requests[0].tags[settings.WAREHOUSE_TAG] == str(tmp_path / "absent.duckdb")
        assert result.cursor == "2000.0"
        assert isinstance(evaluate(instance, result.cursor), dg.SkipReason)  # seen: not again

        # Selecting every asset: Dagster built the views once after the dates, nothing more to do.
        everything = repo.asset_graph.get_all_asset_keys()
        _backfill(instance, repo, everything, BulkActionStatus.COMPLETED_SUCCESS, ended_at=3000.0)
        later = evaluate(instance, result.cursor)
        assert not later.run_requests and later.cursor == "3000.0"

        # The running one fails later: its dates that were written still need the views.
        instance.update_backfill(instance.get_backfill(running).with_status(BulkActionStatus.COMPLETED_FAILED)
                                 .with_end_timestamp(4000.0))
        last = evaluate(instance, later.cursor)
        assert last.run_requests[0].tags[AFTER_BACKFILLS_TAG] == running
