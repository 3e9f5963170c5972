"""What several test modules share: where things are, how to run the CLI, how to read a warehouse.

Imported as ``from tests.helpers import …`` everywhere (pytest runs from the repository root).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")).resolve()
BBC = SHARED / "corpora" / "bbc"
CLI = [sys.executable, "-m", "pipelines.cli"]


def run_cli(*args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """``news-warehouse ARGS`` from the repository root, with ``env`` added to the environment; raises with its
    output when it fails.

    In this process (``pipelines.cli.main``), so Dagster, dagster-dbt and spaCy are imported once per test
    process, not once per run (~11 s of a ~37 s run); its output, exit code and environment are what a
    subprocess would give (the environment is restored afterwards). ``env`` (DAGSTER_HOME, the instance's
    PostgreSQL settings) needs no process of its own: the runner reads DAGSTER_HOME each time it opens an
    instance, and keeps one instance per folder (``pipelines.runner.instance``). Tests about processes and
    signals start their own (``CLI``).
    """
    proc = _in_process(list(args), env or {})
    if check and proc.returncode != 0:
        raise AssertionError(f"news-warehouse {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def materialize_date(assets: list, partition_key: str, resources: dict, **kwargs):
    """``dg.materialize`` of one landing date, on an in-memory instance where that date is registered as a
    partition (the partitions are the landing dates that have files; the CLI and the sensor register them)."""
    import dagster as dg

    from pipelines.defs.partitions import landing_dates

    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(landing_dates.name, [partition_key])
    return dg.materialize(assets, partition_key=partition_key, resources=resources, instance=instance, **kwargs)


def _in_process(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """``pipelines.cli.main(args)`` run from ROOT with ``env`` set and its stdout and stderr captured, as a
    finished process."""
    from pipelines import cli

    out, err = io.StringIO(), io.StringIO()
    environ, sigterm = dict(os.environ), signal.getsignal(signal.SIGTERM)
    try:
        os.environ.update(env)
        with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(args)
            except SystemExit as exit_:  # argparse's usage errors
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        signal.signal(signal.SIGTERM, sigterm)  # `run` turns SIGTERM into Ctrl-C for its own process
        os.environ.clear()
        os.environ.update(environ)  # `run` sets the dbt profile's NEWS_WAREHOUSE_DB, the workers' settings
    return subprocess.CompletedProcess([*CLI, *args], code, out.getvalue(), err.getvalue())


def rows(db: Path | str, sql: str, params: list | tuple | None = None) -> list[tuple]:
    """Every row ``sql`` returns on the DuckDB file ``db``, opened read-only (as an analyst would)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def copy_warehouse(db: Path, dest: Path) -> tuple[Path, Path]:
    """A copy of a built warehouse and of the landing folder beside it, in ``dest``: (landing, warehouse).

    For a test that writes: the session's shared warehouses (``seeds_warehouse``) are read by other tests.
    """
    shutil.copytree(db.parent / "landing", dest / "landing")
    shutil.copyfile(db, dest / "warehouse.duckdb")
    return dest / "landing", dest / "warehouse.duckdb"
