"""The operator's side (issues 19, 31): what `news-warehouse run` did is recorded in the Dagster instance of the
warehouse it wrote, the one `news-warehouse dev` (make dev) opens on that warehouse."""

import contextlib
import os
import shutil

import dagster as dg

from pipelines import runner, settings
from pipelines.defs.instance_storage import OPEN_SHARDS, PooledSqliteEventLogStorage
from pipelines.defs.partitions import landing_dates
from pipelines.runner.dev import dev_command
from tests.helpers import ROOT, run_cli

QUOTES = dg.AssetKey(["core", "quotes"])


@contextlib.contextmanager
def opened(home):
    """The Dagster instance at ``home``, as the webserver opens it (DAGSTER_HOME set to it)."""
    old = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    try:
        with dg.DagsterInstance.get() as instance:
            yield instance
    finally:
        os.environ.pop("DAGSTER_HOME") if old is None else os.environ.__setitem__("DAGSTER_HOME", old)


def test_two_warehouses_each_record_their_runs_and_dates_in_their_own_instance(tmp_path, monkeypatch):
    # Issue 31: runs into two warehouses from one process (the runner in process, one after the other), no
    # DAGSTER_HOME: each warehouse's instance (beside its file) holds its own runs, tagged with it, its own
    # materialised dates and partitions; `news-warehouse dev --warehouse X` opens exactly that instance with a
    # code location writing X and reading the landing folder X's runs read.
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    warehouses = {"a": ["2015-11-24", "2015-11-25"], "b": ["2015-11-26"]}
    for name, dates in warehouses.items():
        for date in dates:
            shutil.copytree(ROOT / "seeds" / date, tmp_path / f"landing_{name}" / date)
        landing, db = tmp_path / f"landing_{name}", str(tmp_path / f"{name}.duckdb")
        config = runner.StepConfig(str(landing), db, processes=1, progress="off")
        ran = runner.execute(config, runner.plan(landing, db, None, False), skip_views=True, say=lambda _: None)
        assert ran == dates
    for name, dates in warehouses.items():
        db = str(tmp_path / f"{name}.duckdb")
        argv, env = dev_command(db, None, "", "127.0.0.1", 3000)
        assert env["DAGSTER_HOME"] == str(tmp_path / f"{name}.duckdb.dagster")
        assert (env[settings.ENV_WAREHOUSE], env[settings.ENV_LANDING]) == (db, str(tmp_path / f"landing_{name}"))
        with opened(env["DAGSTER_HOME"]) as instance:
            runs = instance.get_runs()
            # One run per landing date, each tagged with the warehouse it wrote.
            assert sorted(r.tags["dagster/partition"] for r in runs) == dates
            assert {r.tags[settings.WAREHOUSE_TAG] for r in runs} == {db}
            assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
            assert sorted(instance.get_materialized_partitions(QUOTES)) == dates
            # The partitions are the dates that have files: none before the first, none of the other warehouse.
            assert sorted(instance.get_dynamic_partitions(landing_dates.name)) == dates


def test_run_records_partitions_materializations_and_checks_in_dagster_home(tmp_path):
    # A fresh DAGSTER_HOME (created with the project's dagster.yaml), the seeds, one run: the instance must hold
    # the five seed dates of core/quotes as materialized partitions, with the asset checks' results.
    home = tmp_path / "dagster_home"
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "seeds", landing)
    run_cli("run", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet",
            env={"DAGSTER_HOME": str(home)})
    assert (home / "dagster.yaml").read_text() == (ROOT / "dagster.yaml").read_text()
    dates = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.is_dir())
    check = dg.AssetCheckKey(QUOTES, "quote_offsets_reproduce_text")
    with opened(home) as instance:
        assert sorted(instance.get_materialized_partitions(QUOTES)) == dates
        history = instance.event_log_storage.get_asset_check_execution_history(check, limit=50)
        # One run per landing date (issue 31: not a second run for the views); the last date's builds them.
        runs = sorted(instance.get_runs(), key=lambda r: r.tags["dagster/partition"])
        assert [r.tags["dagster/partition"] for r in runs] == dates
        # The check evaluated in every date's run, and passed.
        assert {r.run_id: r.status.value for r in history} == {r.run_id: "SUCCEEDED" for r in runs}
        assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
        assert {r.tags[settings.WAREHOUSE_TAG] for r in runs} == {str(tmp_path / "w.duckdb")}
        # The dbt models too: every analytics model was materialized by the last date's run.
        speakers = instance.get_latest_materialization_event(dg.AssetKey(["analytics", "speakers"]))
        assert speakers is not None and speakers.run_id == runs[-1].run_id
        assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
    # The files are Dagster's own: the stock storage (a webserver with the default dagster.yaml) reads the
    # same runs and check results.
    stock_home = tmp_path / "stock_home"
    stock_home.mkdir()
    (stock_home / "dagster.yaml").write_text(f"storage:\n  sqlite:\n    base_dir: {home}\n")
    with dg.DagsterInstance.from_config(str(stock_home)) as stock:
        assert type(stock.event_log_storage).__name__ == "SqliteEventLogStorage"
        stock_history = stock.event_log_storage.get_asset_check_execution_history(check, limit=50)
        assert [(r.run_id, r.status) for r in stock_history] == [(r.run_id, r.status) for r in history]
        assert sorted(stock.get_materialized_partitions(QUOTES)) == dates


def test_pooled_event_log_keeps_a_few_shards_open_and_closes_them_on_wipe(tmp_path):
    # The pooled storage holds an open engine per shard it touched, at most OPEN_SHARDS of them (a webserver
    # reads hundreds of runs), and must let go of them before wipe() deletes the run files.
    storage = PooledSqliteEventLogStorage(str(tmp_path / "runs"))
    for n in range(OPEN_SHARDS + 4):
        with storage.run_connection(f"run-{n}") as conn:
            conn.exec_driver_sql("SELECT 1")
    assert len(storage._engines) == OPEN_SHARDS
    assert list(storage._engines)[-1] == f"run-{OPEN_SHARDS + 3}"  # the least recently used went first
    with storage.run_connection("run-0") as conn:  # closed earlier, opened again on demand
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    storage.wipe()
    assert list(storage._engines) == ["index"]  # wipe() empties the index through it afterwards
    assert not list((tmp_path / "runs").glob("run-*.db"))


def test_ephemeral_run_records_nothing(tmp_path):
    # --skip-views: the instance is what is checked; the partition's Dagster run is the one it would record.
    home = tmp_path / "dagster_home"
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "seeds" / "2015-11-24", landing / "2015-11-24")
    run_cli("run", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet", "--ephemeral",
            "--skip-views",
            env={"DAGSTER_HOME": str(home)})
    run_cli("run", "--landing", str(landing), "--warehouse", str(tmp_path / "v.duckdb"), "--quiet", "--ephemeral",
            "--skip-views",
            env={"DAGSTER_HOME": ""})  # no DAGSTER_HOME: the instance would be beside the warehouse
    assert not home.exists() and not (tmp_path / "v.duckdb.dagster").exists()
