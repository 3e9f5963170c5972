"""What several test modules share: where things are, how to run the CLI, how to read a warehouse.

Imported as ``from tests.helpers import …`` everywhere (pytest runs from the repository root).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")).resolve()
BBC = SHARED / "corpora" / "bbc"
CLI = [sys.executable, "-m", "pipelines.cli"]


def run_cli(*args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """``news-warehouse ARGS`` in a subprocess from the repository root; raises with its output when it fails."""
    proc = subprocess.run([*CLI, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=900)
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


def rows(db: Path | str, sql: str, params: list | tuple | None = None) -> list[tuple]:
    """Every row ``sql`` returns on the DuckDB file ``db``, opened read-only (as an analyst would)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
