"""The operator's side (issue 19): what `news-warehouse run` did is recorded in the Dagster instance the UI opens."""

import os
import shutil

import dagster as dg

from tests.conftest import ROOT, run_cli


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
    finally:
        os.environ.pop("DAGSTER_HOME") if old is None else os.environ.__setitem__("DAGSTER_HOME", old)


def test_ephemeral_run_records_nothing(tmp_path):
    home = tmp_path / "dagster_home"
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "seeds" / "2015-11-24", landing / "2015-11-24")
    run_cli("run", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet", "--ephemeral",
            env={"DAGSTER_HOME": str(home)})
    assert not home.exists()
