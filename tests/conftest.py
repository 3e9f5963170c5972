"""Session fixtures every test directory shares: a throwaway Dagster home and the one seeds warehouse."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, run_cli

# `news-warehouse run` records its runs in DAGSTER_HOME (default .dagster_home/ in the checkout): tests record
# in a throwaway instance of their own, never in the developer's.
os.environ.setdefault("DAGSTER_HOME", tempfile.mkdtemp(prefix="news-warehouse-test-dagster-"))


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """`news-warehouse run` on a copy of seeds/ into a fresh DuckDB file (built once per session)."""
    tmp = tmp_path_factory.mktemp("seeds-run")
    landing = tmp / "landing"
    shutil.copytree(ROOT / "seeds", landing)
    db = tmp / "warehouse.duckdb"
    proc = run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--timings", str(tmp / "timings.jsonl"))
    return db, proc
