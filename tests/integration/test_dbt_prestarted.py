"""The dbt process a run starts ahead of its dbt step (``pipelines.dbt_child.prestarted``)."""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from pipelines.dbt_child import PRESTARTED_ENV, prestarted
from pipelines.defs import dbt
from tests.helpers import copy_warehouse, rows


def _build(db, target_path, *, debug: bool = True, command: str = "build") -> subprocess.CompletedProcess:
    """``news-warehouse-dbt COMMAND`` (build) on ``db`` as dagster-dbt starts it (its environment, folder and flags)."""
    target_path.mkdir()
    cache = dbt.PARSE_CACHES / f"{dbt.parse_cache_key('dev', str(db))}.msgpack"  # as the dbt step seeds it
    shutil.copy(cache, target_path / "partial_parse.msgpack")
    env = {**os.environ, "NEWS_WAREHOUSE_DB": str(db), "DBT_LOG_FORMAT": "json", "DBT_TARGET_PATH": str(target_path),
           "DBT_PROJECT_DIR": str(dbt.DBT_DIR), "DBT_PROFILES_DIR": str(dbt.DBT_DIR), "PYTHONUNBUFFERED": "1"}
    args = [dbt.dbt_executable("news-warehouse-dbt"), *(["--debug"] if debug else []), command, "--target", "dev",
            *dbt.UNREAD_OUTPUTS]
    return subprocess.run(args, cwd=dbt.DBT_DIR, env=env, capture_output=True, text=True, timeout=600)


def test_prestarted_dbt_builds_with_its_parse_once_then_dbt_runs_itself(seeds_warehouse, tmp_path):
    """Why: the dbt step hands its invocation to a process that imported dbt and parsed the project before the
    step. Its output must be dbt's own JSON events and exit code, the models built as dbt builds them, without
    parsing again (its parse is for this warehouse); and it serves one invocation: the dbt step's retry (a
    reader held the file) must run dbt itself, parsing as usual."""
    db, _ = seeds_warehouse
    _, copy = copy_warehouse(db, tmp_path)
    with prestarted(True, str(copy), lake=False):
        socket_path = os.environ[PRESTARTED_ENV]
        first = _build(copy, tmp_path / "first")
        assert not os.path.exists(socket_path)  # taken: the next invocation finds none
        # A parse, not a second build (~6 s of CPU less): what is checked is who runs it and how it parses.
        second = _build(copy, tmp_path / "second", command="parse")
    assert first.returncode == 0 and second.returncode == 0, first.stdout[-2000:] + second.stdout[-2000:]
    events = [json.loads(line)["info"]["name"] for line in first.stdout.splitlines() if line.startswith("{")]
    assert events.count("LogModelResult") >= 20 and "EndOfRunSummary" in events
    # The prestarted process parsed before the invocation; dbt itself reads its parse cache in the build.
    assert "Partial parsing" not in first.stdout
    assert "Partial parsing enabled, no changes found, skipping parsing" in second.stdout
    # The parse cache the build leaves for the dbt step to keep is there (copied from the prestarted parse).
    assert (tmp_path / "first" / "partial_parse.msgpack").exists()
    assert rows(copy, "select count(*) from analytics.quotes") == rows(db, "select count(*) from analytics.quotes")


def test_prestarted_dbt_for_another_warehouse_parses_as_usual(seeds_warehouse, tmp_path):
    """Why: the ahead-of-time parse is for the run's warehouse; an invocation on another one (another database
    name) must not build with it, and still gets the prestarted process's imports."""
    db, _ = seeds_warehouse
    _, copy = copy_warehouse(db, tmp_path)
    with prestarted(True, str(tmp_path / "elsewhere.duckdb"), lake=False):
        build = _build(copy, tmp_path / "t", command="parse")  # a parse shows how it parses; no build needed
    assert build.returncode == 0, build.stdout[-2000:]
    assert "Partial parsing enabled, no changes found, skipping parsing" in build.stdout


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of each live child of ``pid`` (from /proc; zombies left out)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append((int(stat.parent.name), cmdline))
    return found


def test_every_block_of_a_process_forks_from_one_dbt_server(seeds_warehouse, tmp_path):
    """Why: a process that runs many dbt steps (the test session's in-process runs, ~25 dbt builds) must pay
    dbt's imports and first-parse set-up (~6 s of CPU) once: each block's dbt process is forked from one server
    that did them, and a block's process that no invocation used is gone after its block."""
    db, _ = seeds_warehouse
    _, copy = copy_warehouse(db, tmp_path)
    servers = []
    for i, invoke in enumerate((True, False)):
        with prestarted(True, str(copy), lake=False):
            servers.append([pid for pid, cmd in _children(os.getpid()) if "--fork-server" in cmd])
            if invoke:
                assert _build(copy, tmp_path / f"t{i}", command="parse").returncode == 0
            else:
                deadline = time.monotonic() + 120  # the server imports dbt before it forks (a first block)
                while not [c for c in _children(servers[-1][0]) if "--fork-server" in c[1]] and time.monotonic() < deadline:
                    time.sleep(0.2)
                # A fork runs the server's command line (the server's other child is multiprocessing's tracker).
                forked = [pid for pid, cmd in _children(servers[-1][0]) if "--fork-server" in cmd]
                assert len(forked) == 1
                # The server parsed once to build dbt's classes: it keeps no handle on the warehouse file.
                handles = [os.readlink(f) for f in Path(f"/proc/{servers[-1][0]}/fd").iterdir()]
                assert not [h for h in handles if h.startswith(str(copy))]
        if not invoke:  # killed at the block's end (the server reaps it)
            time.sleep(0.5)
            assert forked[0] not in [pid for pid, _ in _children(servers[-1][0])]
    assert len(servers[0]) == 1 and servers[0] == servers[1]
