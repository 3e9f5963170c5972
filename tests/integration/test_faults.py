"""Faults: SIGKILL inside and right after a partition write, a reader during a run, loud offset checks.

Landings are BBC articles copied into pytest's tmp dir (never into the repo); the hooks and helpers are in
``tests/integration/faults.py``. Concurrency is test_concurrency, reruns test_reruns, SIGTERM test_stopping.
"""

import shutil
import subprocess
import sys
import time

import dagster as dg
import duckdb
import pytest

from pipelines.defs.resources import Landing, NlpProcesses, Warehouse
from tests.helpers import ROOT, materialize_date
from tests.integration.faults import DAYS, PYTHON_ASSETS, chaos, hooked_cli, materialize, sigkill, table_state, wait_for_line


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """A landing of 9 BBC files over 3 dates (the previous run), and the 18-file landing it grows into;
    built once for the module: (landing, warehouse of the previous run, per-partition previous state,
    per-partition state and full tables of a clean run of the grown landing). Read only."""
    tmp = tmp_path_factory.mktemp("grown")
    landing = chaos.build_landing(tmp / "landing", 9, DAYS)
    db = tmp / "previous.duckdb"
    materialize(landing, db)
    previous = chaos.partition_snapshot(db)
    chaos.build_landing(landing, 9, DAYS[::-1], offset=9)
    clean_db = tmp / "clean.duckdb"
    materialize(landing, clean_db)
    return landing, db, previous, chaos.partition_snapshot(clean_db), table_state(clean_db)


@pytest.fixture()
def grown_landing(grown, tmp_path):
    """:func:`grown` with a copy of the previous run's warehouse of the test's own, to run on and kill."""
    landing, previous_db, previous, new, clean = grown
    db = tmp_path / "w.duckdb"
    shutil.copyfile(previous_db, db)
    return landing, db, previous, new, clean


def test_sigkill_inside_a_partition_write_keeps_the_previous_state(grown_landing):
    """Killed inside the raw transaction of the 2nd date: that date is still wholly the previous run's."""
    landing, db, previous, new, clean = grown_landing
    # --skip-views: killed before any dbt step; what is checked is the partitions (no dbt process to prestart).
    proc = hooked_cli("raw.files", DAYS[1], "before-commit", 600, "run", "--landing", str(landing), "--warehouse", str(db),
                      "--skip-views")
    wait_for_line(proc, "HOOK inside transaction")
    sigkill(proc)
    assert chaos.check_invariants(db, chaos.allowed_states(previous, new)) == []
    assert chaos.partition_gaps(db, previous, new) == []
    after = chaos.partition_snapshot(db)
    assert {k: v for k, v in after.items() if k[1] == DAYS[0]} == {k: v for k, v in new.items() if k[1] == DAYS[0]}
    assert {k: v for k, v in after.items() if k[1] != DAYS[0]} == {k: v for k, v in previous.items() if k[1] != DAYS[0]}
    materialize(landing, db)  # the next run completes
    assert table_state(db) == clean


def test_sigkill_right_after_a_partition_commits_leaves_every_partition_whole(grown_landing):
    """Killed just after the 2nd date committed: dates 1-2 are wholly new, date 3 wholly previous, none mixed."""
    landing, db, previous, new, _ = grown_landing
    proc = hooked_cli("raw.files", DAYS[1], "after-commit", 600, "run", "--landing", str(landing), "--warehouse", str(db),
                      "--skip-views")  # killed before any dbt step, as above
    wait_for_line(proc, "HOOK committed")
    sigkill(proc)
    assert chaos.check_invariants(db, chaos.allowed_states(previous, new)) == []
    assert chaos.partition_gaps(db, previous, new) == []
    after = chaos.partition_snapshot(db)
    assert {k: v for k, v in after.items() if k[1] != DAYS[2]} == {k: v for k, v in new.items() if k[1] != DAYS[2]}
    assert {k: v for k, v in after.items() if k[1] == DAYS[2]} == {k: v for k, v in previous.items() if k[1] == DAYS[2]}


def test_a_reader_polling_during_a_run_never_sees_a_half_written_partition(grown_landing):
    """An analyst re-querying while the grown landing loads: every look shows each date wholly old or new."""
    landing, db, previous, new, clean = grown_landing
    # --skip-views: the partitions are what a reader must see whole; the dbt step writes none of them.
    proc = subprocess.Popen([*chaos.CLI, "run", "--landing", str(landing), "--warehouse", str(db), "--quiet",
                             "--skip-views"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    looks, gaps = 0, []
    while proc.poll() is None:
        gaps += chaos.partition_gaps(db, previous, new)
        looks += 1
        # One look a second: each reads every partition's rows (~0.1 s of CPU here), taken from the run it
        # watches; a look every 0.3 s cost ~20 s of CPU per run under load, for looks the assert does not need.
        time.sleep(1.0)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert looks >= 3 and gaps == []
    assert table_state(db) == clean


def test_offset_checks_fail_loudly(tmp_path):
    # Offsets corrupted in the warehouse come back through the extraction cache on the next run of the
    # partition; the step's own checks must say so, for exactly those rows, at ERROR severity.
    landing = chaos.build_landing(tmp_path / "landing", 3, DAYS[:1])
    db = tmp_path / "w.duckdb"
    materialize(landing, db, DAYS[:1])
    con = duckdb.connect(str(db))
    for table, column in (("core.quotes", "start_char"), ("core.entity_mentions", "end_char")):
        con.execute(f"""update {table} set {column} = {column} + 1
                        where (article_id, start_char, end_char) = (
                            select (article_id, start_char, end_char) from {table}
                            order by article_id, start_char, end_char limit 1)""")
    con.close()
    result = materialize_date(PYTHON_ASSETS, DAYS[0], raise_on_error=False, resources={
        "landing_folder": Landing(root=str(landing)), "warehouse_db": Warehouse(path=str(db)), "nlp": NlpProcesses()})
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()
                   if e.check_name.endswith("offsets_reproduce_text")}
    assert set(evaluations) == {"mention_offsets_reproduce_text", "quote_offsets_reproduce_text"}
    for e in evaluations.values():
        assert not e.passed
        assert e.severity == dg.AssetCheckSeverity.ERROR
        assert e.metadata["rows_not_reproduced"].value == 1
    # And the invariant checker used by chaos.py sees the same two rows.
    assert sorted(chaos.check_invariants(db)) == [
        "1 core.entity_mentions rows whose offsets do not reproduce mention",
        "1 core.quotes rows whose offsets do not reproduce quote"]


@pytest.mark.slow
def test_sigkill_mid_run_on_150_bbc_files(tmp_path):
    """The full scenario with the CLI: a complete run of 45 files, then a 150-file run killed mid-way."""
    landing = chaos.build_landing(tmp_path / "landing", 45, DAYS)
    db = tmp_path / "w.duckdb"
    assert chaos.run_cli(landing, db, "--quiet").returncode == 0
    previous = chaos.partition_snapshot(db)
    chaos.build_landing(landing, 105, DAYS, offset=45)
    clean_db = tmp_path / "clean.duckdb"
    assert chaos.run_cli(landing, clean_db, "--quiet").returncode == 0
    new, clean = chaos.partition_snapshot(clean_db), chaos.snapshot(clean_db, views=True)
    proc = subprocess.Popen([*chaos.CLI, "run", "--landing", str(landing), "--warehouse", str(db)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wait_for_line(proc, f"[2/3] {DAYS[1]}")
    time.sleep(2.0)  # inside the second date's work
    sigkill(proc)
    # Each table's partition is its previous or its new complete state, offsets reproduce, no orphans.
    assert chaos.check_invariants(db, chaos.allowed_states(previous, new)) == []
    assert chaos.partition_gaps(db, previous, new) == []
    proc = chaos.run_cli(landing, db, "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert chaos.snapshot(db, views=True) == clean


@pytest.mark.slow
def test_chaos_script_small():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "chaos.py"), "--iterations", "5", "--files", "60",
                           "--days", "3", "--seed", "11"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "final rerun: equals the clean run" in proc.stdout
