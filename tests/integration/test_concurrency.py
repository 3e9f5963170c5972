"""Concurrency: two runs at once, the CLI and Dagster at once, readers while a run or dbt writes, dbt killed.

Landings are BBC articles copied into pytest's tmp dir; the hooks are in ``tests/integration/faults.py``.
"""

import os
import signal
import subprocess
import sys
import time

import dagster as dg
import duckdb

from tests.helpers import ROOT, run_cli
from tests.integration.faults import (
    DAYS,
    DBT_HOOK,
    LOCK_ERROR,
    chaos,
    children_of,
    hooked_cli,
    materialize,
    sigkill,
    table_state,
    wait_for_line,
)


def test_killing_the_run_during_dbt_kills_dbt_too_and_the_next_run_frees_its_slot(tmp_path):
    """dbt is a child process: it must not keep writing the warehouse, without the lock, after its parent died.

    And the killed run must not block the next one: the dbt step is in the warehouse_writer pool (limit 1);
    SIGKILLed while it holds the slot, the run stays STARTED in the instance with the slot taken, and without
    releasing abandoned runs the next run would wait for that slot for ever. The next run must mark it failed,
    free the slot and finish.
    """
    landing = chaos.build_landing(tmp_path / "landing", 2, DAYS[:1])
    db = tmp_path / "w.duckdb"
    home = tmp_path / "dagster_home"
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-c", DBT_HOOK, "run", "--landing", str(landing), "--warehouse", str(db)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            start_new_session=True)
    wait_for_line(proc, "DBT STARTING")
    time.sleep(4)  # the hook's 1 s, then dbt starts and works on the file
    assert children_of(proc.pid), "dbt was not running when the CLI was killed"
    sigkill(proc)
    deadline = time.monotonic() + 5
    while chaos.group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = chaos.group_alive(proc.pid)
    if alive:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not alive, "a child of the killed CLI (dbt) kept running"

    run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--quiet", "--force", env={"DAGSTER_HOME": str(home)})
    old = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    try:
        with dg.DagsterInstance.get() as instance:
            statuses = sorted(r.status.value for r in instance.get_runs())
            assert instance.event_log_storage.get_concurrency_run_ids() == set()
    finally:
        os.environ.pop("DAGSTER_HOME") if old is None else os.environ.__setitem__("DAGSTER_HOME", old)
    assert statuses == ["FAILURE", "SUCCESS"]  # one run per date, the views in it: killed, then done


def test_two_cli_runs_at_once_serialise(tmp_path):
    landing = chaos.build_landing(tmp_path / "landing", 3, DAYS[:1])
    db = tmp_path / "w.duckdb"
    procs = [subprocess.Popen([*chaos.CLI, "run", "--landing", str(landing), "--warehouse", str(db), "--quiet"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, f"{out}\n{err}"
        assert LOCK_ERROR not in out + err
    clean_db = tmp_path / "clean.duckdb"
    materialize(landing, clean_db, DAYS[:1])
    assert table_state(db) == table_state(clean_db)


def test_cli_and_dagster_in_process_at_once(tmp_path):
    landing = chaos.build_landing(tmp_path / "landing", 3, DAYS[:1])
    db = tmp_path / "w.duckdb"
    # --skip-views: the two writers meet on the partition (the dbt step comes after both; two dbt steps at once
    # are test_two_cli_runs_at_once_serialise's).
    proc = subprocess.Popen([*chaos.CLI, "run", "--landing", str(landing), "--warehouse", str(db), "--quiet",
                             "--skip-views"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    materialize(landing, db, DAYS[:1])  # the "Dagster" writer, while the CLI writes the same partition
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and LOCK_ERROR not in out + err, f"{out}\n{err}"
    clean_db = tmp_path / "clean.duckdb"
    materialize(landing, clean_db, DAYS[:1])
    assert table_state(db) == table_state(clean_db)


def test_query_while_a_run_writes_waits_and_succeeds(tmp_path):
    landing = chaos.build_landing(tmp_path / "landing", 4, DAYS[:2])
    db = tmp_path / "w.duckdb"
    materialize(landing, db, DAYS[:1])
    # The writer holds the warehouse inside a transaction for 6 s, then finishes normally.
    proc = hooked_cli("core.articles", DAYS[1], "before-commit", 6, "run", "--landing", str(landing),
                      "--warehouse", str(db), "--quiet", "--partition", DAYS[1], "--skip-views")
    wait_for_line(proc, "HOOK inside transaction")
    t = time.monotonic()
    query = run_cli("query", "select count(*) as n from raw.files", "--warehouse", str(db), "--format", "csv", check=False)
    waited = time.monotonic() - t
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out
    assert query.returncode == 0, query.stderr
    assert query.stdout.splitlines()[0] == "n" and int(query.stdout.splitlines()[1]) in (2, 4)
    assert LOCK_ERROR not in query.stdout + query.stderr
    assert "open in another process; retrying" in query.stderr and waited > 1


def test_reader_open_while_dbt_starts_does_not_fail_the_run(tmp_path):
    # dbt cannot open the file while a reader holds it; the dbt step waits and retries.
    landing = chaos.build_landing(tmp_path / "landing", 2, DAYS[:1])
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", DBT_HOOK, "run", "--landing", str(landing), "--warehouse", str(db)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wait_for_line(proc, "DBT STARTING")
    analyst = duckdb.connect(str(db), read_only=True)  # an analyst's `duckdb -readonly`
    try:
        # Held until dbt has met it and said it will retry (however long dbt takes to start on a busy
        # machine); fails if the run ends or 180 s pass without that line.
        wait_for_line(proc, "dbt retries", timeout=180)
    finally:
        analyst.close()
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out
