"""What the fault and concurrency tests share: the chaos script's helpers, a CLI with hooks, waiting on output.

Kills land at exact points through a small runner that wraps ``warehouse.replace_partition`` (the one place
partitions are written) to print a marker and pause inside or right after a chosen transaction; the
random-point kills are scripts/chaos.py (``make chaos``, and the slow tests in test_faults). The tests are
spread over several files (test_faults, test_concurrency, test_reruns, test_stopping) so that `make test`'s
workers run them side by side: each file runs whole on one worker.
"""

import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from pipelines.defs import assets
from pipelines.defs.resources import Landing, NlpProcesses, Warehouse
from tests.helpers import ROOT, materialize_date

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


def stopped_within(proc: subprocess.Popen, seconds: float) -> tuple[float, str]:
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
