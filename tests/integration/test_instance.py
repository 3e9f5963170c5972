"""The operator's side (issue 19): what `news-warehouse run` did is recorded in the Dagster instance the UI opens."""

import os
import shutil

import dagster as dg

from pipelines.defs.instance_storage import OPEN_SHARDS, PooledSqliteEventLogStorage
from tests.helpers import ROOT, run_cli


def test_run_records_partitions_materializations_and_checks_in_dagster_home(tmp_path):
    # A fresh DAGSTER_HOME (created with the project's dagster.yaml), the seeds, one run: the instance must hold
    # the five seed dates of core/quotes as materialized partitions, with the asset checks' results.
    home = tmp_path / "dagster_home"
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "seeds", landing)
    run_cli("run", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet",
            env={"DAGSTER_HOME": str(home)})
    assert (home / "dagster.yaml").read_text() == (ROOT / "dagster.yaml").read_text()
    old = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    try:
        with dg.DagsterInstance.get() as instance:
            quotes = dg.AssetKey(["core", "quotes"])
            dates = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.is_dir())
            assert sorted(instance.get_materialized_partitions(quotes)) == dates
            check = dg.AssetCheckKey(quotes, "quote_offsets_reproduce_text")
            history = instance.event_log_storage.get_asset_check_execution_history(check, limit=50)
            # Dagster records the check as planned for the partition, then its evaluation (in the same run).
            planned = {r.run_id: r.partition for r in history if r.status.value == "PLANNED"}
            evaluated = {r.run_id: r.status.value for r in history if r.status.value != "PLANNED"}
            assert sorted(planned.values()) == dates
            assert evaluated == {run_id: "SUCCEEDED" for run_id in planned}
            runs = instance.get_runs()
            assert {r.tags.get("dagster/partition") for r in runs} >= set(dates)
            assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
            # The dbt models too: every analytics model was materialized by the run's dbt step.
            assert instance.get_latest_materialization_event(dg.AssetKey(["analytics", "speakers"])) is not None
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
            assert sorted(stock.get_materialized_partitions(quotes)) == dates
    finally:
        os.environ.pop("DAGSTER_HOME") if old is None else os.environ.__setitem__("DAGSTER_HOME", old)


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
    home = tmp_path / "dagster_home"
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "seeds" / "2015-11-24", landing / "2015-11-24")
    run_cli("run", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet", "--ephemeral",
            env={"DAGSTER_HOME": str(home)})
    assert not home.exists()
