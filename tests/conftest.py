"""Shared paths and the one seeds warehouse that several end-to-end tests read."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")).resolve()
BBC = SHARED / "corpora" / "bbc"
CLI = [sys.executable, "-m", "pipelines.cli"]
# `news-warehouse run` records its runs in DAGSTER_HOME (default .dagster_home/ in the checkout): tests record
# in a throwaway instance of their own, never in the developer's.
os.environ.setdefault("DAGSTER_HOME", tempfile.mkdtemp(prefix="news-warehouse-test-dagster-"))


def run_cli(*args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([*CLI, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"news-warehouse {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """`news-warehouse run` on a copy of seeds/ into a fresh DuckDB file (built once per session)."""
    tmp = tmp_path_factory.mktemp("seeds-run")
    landing = tmp / "landing"
    shutil.copytree(ROOT / "seeds", landing)
    db = tmp / "warehouse.duckdb"
    proc = run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--timings", str(tmp / "timings.jsonl"))
    return db, proc
