"""Issue 5, faults and concurrency: SIGKILL mid-run, two runs at once, readers during writes, reruns, loud checks.

Landings are BBC articles copied into pytest's tmp dir (never into the repo).
Kills land at exact points through a small runner that wraps
``warehouse.replace_partition`` (the one place partitions are written) to
print a marker and pause inside or right after a chosen transaction; the
random-point kills are scripts/chaos.py (``make chaos``, and the slow test at
the end).
"""

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.defs import assets
from pipelines.defs.resources import Landing, NlpProcesses, Warehouse
from tests.helpers import ROOT, materialize_date, run_cli

_spec = importlib.util.spec_from_file_location("chaos", ROOT / "scripts" / "chaos.py")
chaos = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(chaos)

PYTHON_ASSETS = [assets.partition_tables]
DAYS = ["2015-11-24", "2015-11-25", "2015-11-26"]
LOCK_ERROR = "Could not set lock"

# Runs the real CLI with replace_partition wrapped: when it writes `table` for `day`, print a marker and
# sleep `pause` seconds either inside the transaction (before COMMIT) or right after it committed.
HOOKED_CLI = r"""
import sys, time
from pipelines import warehouse
from pipelines.warehouse import partitions
table, day, when, pause = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
original, original_tx = warehouse.replace_partition, partitions.in_transaction
fired = []
def paused_tx(con, fn):
    def fn_and_pause(c):
        fn(c)
        print(f"HOOK inside transaction {table} {day}", flush=True)
        time.sleep(pause)
    return original_tx(con, fn_and_pause)
def hooked(con, partition_date, tables):
    if fired or table not in tables or str(partition_date) != day:
        return original(con, partition_date, tables)
    fired.append(1)
    if when == "before-commit":
        partitions.in_transaction = paused_tx
        try:
            return original(con, partition_date, tables)
        finally:
            partitions.in_transaction = original_tx
    original(con, partition_date, tables)
    print(f"HOOK committed {table} {day}", flush=True)
    time.sleep(pause)
warehouse.replace_partition = hooked
from pipelines.cli import main
sys.exit(main(sys.argv[5:]))
"""

# Runs the real CLI with `dbt build` announced (and delayed 1 s) once the Python writers are done and
# the dbt step holds the writer lock: the moment an analyst may open the file.
DBT_HOOK = r"""
import sys, time
from dagster_dbt import DbtCliResource
original = DbtCliResource.cli
def announced(self, *args, **kwargs):
    print("DBT STARTING", file=sys.__stderr__, flush=True)  # the CLI captures stdout during dbt
    time.sleep(1)
    return original(self, *args, **kwargs)
DbtCliResource.cli = announced
from pipelines.cli import main
sys.exit(main(sys.argv[1:]))
"""


def hooked_cli(table: str, day: str, when: str, pause: float, *cli_args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", HOOKED_CLI, table, day, when, str(pause), *cli_args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for_line(proc: subprocess.Popen, marker: str, timeout: float = 120) -> list[str]:
    """Read the process's output until a line containing ``marker``; fail if it exits or times out first."""
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    seen = []
    try:
        for line in proc.stdout:
            seen.append(line)
            if marker in line:
                return seen
    finally:
        timer.cancel()
    raise AssertionError(f"never printed {marker!r} (exit {proc.poll()}):\n{''.join(seen)}")


def sigkill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def materialize(landing: Path, db: Path, partitions=DAYS) -> None:
    for key in partitions:
        result = materialize_date(PYTHON_ASSETS, key, {
            "landing_folder": Landing(root=str(landing)), "warehouse_db": Warehouse(path=str(db)), "nlp": NlpProcesses()})
        assert result.success, key


def table_state(db: Path) -> dict:
    return chaos.snapshot(db)


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


def children_of(pid: int) -> list[int]:
    """Direct children of ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


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


def test_rerunning_a_partition_or_everything_gives_identical_tables(tmp_path):
    landing = chaos.build_landing(tmp_path / "landing", 9, DAYS)
    # A byte copy of one article in another date folder: each partition's rows come from its own files,
    # so the order partitions run in changes nothing.
    src = next((landing / DAYS[0]).iterdir())
    shutil.copy(src, landing / DAYS[2] / f"copy-of-{src.name}")
    db = tmp_path / "w.duckdb"
    materialize(landing, db)
    first = table_state(db)
    assert len(first["core.quotes"]) > 10 and len(first["core.entity_mentions"]) > 100
    materialize(landing, db, [DAYS[1]])
    assert table_state(db) == first
    materialize(landing, db, DAYS[::-1])
    assert table_state(db) == first
    other = tmp_path / "reverse.duckdb"
    materialize(landing, other, DAYS[::-1])  # a fresh warehouse built in the other order
    assert table_state(other) == first


def test_removing_the_counted_copy_makes_the_next_copy_count_without_rerunning_its_partition(tmp_path):
    """The same article landed on two dates: the first counts, the second is a duplicate (analytics.files).
    When the first file is removed, only its date reruns; the other date's rows are untouched and its copy
    now counts, because which copy counts is a model over the partitions, not a write into them."""
    landing = chaos.build_landing(tmp_path / "landing", 4, DAYS[:2])
    first = next(iter(sorted((landing / DAYS[0]).iterdir())))
    shutil.copy(first, landing / DAYS[1] / f"resent-{first.name}")
    db = tmp_path / "w.duckdb"
    run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--quiet")

    def status(name):
        with chaos.open_ro(db) as con:
            return con.execute("select partition_date::varchar, status, partition_status from analytics.files "
                               "where source_path like ?", [f"%/{name}"]).fetchall()

    assert status(f"resent-{first.name}") == [(DAYS[1], "duplicate", "loaded")]
    second_day = chaos.partition_snapshot(db)
    first.unlink()
    proc = run_cli("run", "--landing", str(landing), "--warehouse", str(db))
    assert f"[1/1] {DAYS[0]}" in proc.stdout
    assert status(first.name) == [] and status(f"resent-{first.name}") == [(DAYS[1], "loaded", "loaded")]
    assert {k: v for k, v in chaos.partition_snapshot(db).items() if k[1] == DAYS[1]} == {
        k: v for k, v in second_day.items() if k[1] == DAYS[1]}
    # Named w.duckdb as well, in a folder of its own: dbt keeps its parse per file name (pipelines/defs/dbt.py),
    # so a build here finds the one the first run left instead of parsing the project whole (~6 s of CPU).
    clean_db = tmp_path / "clean" / "w.duckdb"
    clean_db.parent.mkdir()
    run_cli("run", "--landing", str(landing), "--warehouse", str(clean_db), "--quiet")
    assert chaos.snapshot(db, views=True) == chaos.snapshot(clean_db, views=True)


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


def _stopped_within(proc: subprocess.Popen, seconds: float) -> tuple[float, str]:
    """Wait for ``proc`` (its own process group) and every process of its group to end; (seconds, stderr)."""
    t0 = time.monotonic()
    try:
        _, err = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"still running {seconds} s after SIGTERM") from None
    while chaos.group_alive(proc.pid) and time.monotonic() - t0 < seconds:
        time.sleep(0.1)  # workers and helpers of the run, or their zombies until reaped
    alive = chaos.group_alive(proc.pid)
    if alive:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not alive, "a child of the stopped run kept running"
    return time.monotonic() - t0, err


def test_sigterm_stops_a_run_and_its_parsing_workers_within_seconds(tmp_path):
    """SIGTERM (Docker, Kubernetes, systemd) stops a run as Ctrl-C does; the next run loads every file.

    50 files on one date: enough for the partition to parse on a pool of worker processes. Dagster turns
    the signal into a failed step, which the retry policy used to run again from the start (the run went on).
    """
    landing = chaos.build_landing(tmp_path / "landing", 50, DAYS[:1])
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen([*chaos.CLI, "run", "--landing", str(landing), "--warehouse", str(db), "--skip-views",
                             "--processes", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any("spawn_main" in (Path("/proc") / str(c) / "cmdline").read_text(errors="replace")
                  for c in children_of(proc.pid)):  # the partition's parsing workers have started
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1]
        time.sleep(0.2)
    time.sleep(2)
    os.kill(proc.pid, signal.SIGTERM)
    seconds, err = _stopped_within(proc, 20)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "news-warehouse: interrupted; the warehouse keeps its last committed state"
    assert not db.exists() or chaos.snapshot(db)["raw.files"] == [], "the interrupted partition was written"
    done = run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--skip-views", check=False)
    assert done.returncode == 0, done.stderr
    # No summary of views this run did not build (it once failed on a new warehouse: no analytics.articles).
    assert done.stdout.rstrip().endswith("views not built (--skip-views): the next run without it builds them and "
                                         "prints the summary"), done.stdout
    assert duckdb.connect(str(db), read_only=True).sql(
        "select count(*), count(*) filter (status = 'rejected') from raw.files").fetchone() == (50, 0)


def test_sigterm_inside_a_partition_write_rolls_it_back(tmp_path):
    landing = chaos.build_landing(tmp_path / "landing", 3, DAYS[:1])
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", HOOKED_CLI, "raw.files", DAYS[0], "before-commit", "600", "run",
                             "--landing", str(landing), "--warehouse", str(db), "--skip-views"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    wait_for_line(proc, "HOOK inside transaction")
    os.kill(proc.pid, signal.SIGTERM)
    _, err = _stopped_within(proc, 20)
    assert proc.returncode == 130, err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("select count(*) from raw.files").fetchone() == (0,)
        assert con.sql("select count(*) from core.articles").fetchone() == (0,)
