"""Session fixtures every test directory shares: a throwaway Dagster home and the one seeds warehouse."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from filelock import FileLock

from tests.helpers import ROOT, run_cli

# `news-warehouse run` records its runs in DAGSTER_HOME (default .dagster_home/ in the checkout): tests record
# in a throwaway instance of their own, never in the developer's.
os.environ.setdefault("DAGSTER_HOME", tempfile.mkdtemp(prefix="news-warehouse-test-dagster-"))

# The files that take longest, longest first. `make test` hands whole files to its two workers in collection
# order (pytest-xdist, --dist loadfile --no-loadscope-reorder): started first, the long files run side by side
# while the short ones fill in after them, and the workers end together. xdist's default order (files with the
# most tests first) puts test_lake, 7 tests and the longest file, 23rd of 37: started late, it can leave one
# worker running it alone at the end. test_end_to_end comes before test_across_articles, its equal: its first
# test builds the seeds warehouse six files read while the other worker is still busy with a long file, rather
# than one worker waiting for the other's build. Worker-seconds per file: docs/development.md, "Where the test
# time goes".
SLOWEST_FIRST = ["tests/integration/test_concurrency.py", "tests/integration/test_faults.py",
                 "tests/integration/test_end_to_end.py", "tests/integration/test_lake.py",
                 "tests/integration/test_automation.py", "tests/integration/test_across_articles.py",
                 "tests/integration/test_reruns.py", "tests/integration/test_instance.py",
                 "tests/integration/test_bad_input.py", "tests/integration/test_stopping.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files of SLOWEST_FIRST first, in that order; every other file after them, in collection order."""
    rank = {path: i for i, path in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: a file stays whole


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory, worker_id) -> tuple[Path, subprocess.CompletedProcess]:
    """`news-warehouse run` on a copy of seeds/ into a fresh DuckDB file, and what the run printed.

    Built once per session: under pytest-xdist by the first test process that needs it, in the session's
    shared temporary folder, while the others wait for it. Tests only read it; one that writes works on a
    copy (``tests.helpers.copy_warehouse``).
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the folder every xdist worker's own folder is in
    tmp = shared / "seeds-run"
    done = tmp / "run.json"
    args = ["run", "--landing", str(tmp / "landing"), "--warehouse", str(tmp / "warehouse.duckdb"),
            "--timings", str(tmp / "timings.jsonl")]
    with FileLock(str(shared / "seeds-run.lock")):
        if not done.exists():
            shutil.rmtree(tmp, ignore_errors=True)  # a build that failed in another test process
            tmp.mkdir()
            shutil.copytree(ROOT / "seeds", tmp / "landing")
            proc = run_cli(*args)
            done.write_text(json.dumps([proc.returncode, proc.stdout, proc.stderr]))
    returncode, stdout, stderr = json.loads(done.read_text())
    return tmp / "warehouse.duckdb", subprocess.CompletedProcess(args, returncode, stdout, stderr)
