"""The Dagster instance a warehouse's runs are recorded in, and freeing the slots of runs whose process died.

One instance per warehouse: the UI opened on a warehouse (``news-warehouse dev``) shows its runs and
materialised dates only, and a run started there writes the warehouse that ran, not another one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

from pipelines import settings, warehouse

# Every run this CLI starts carries the process and host that run it, so a later run can tell a killed one.
PID_TAG, HOST_TAG = "news_warehouse/pid", "news_warehouse/host"


def dagster_home(target: str) -> Path:
    """The Dagster instance the runs of the warehouse ``target`` are recorded in (created if missing).

    In: a DuckDB file (absolute path) or a DuckLake attach string. Out: DAGSTER_HOME when it is set (the
    operator chose one instance; runs carry the warehouse's tag); else, for a file, a folder beside it named
    after it (``data/warehouse.duckdb`` -> ``data/warehouse.duckdb.dagster/``), which moves and goes with the
    file; for a DuckLake, which has no file to sit beside, ``.dagster_home/ducklake-<12 hex of the attach
    string>/`` in the checkout. A new instance gets the project's dagster.yaml.
    """
    if os.environ.get("DAGSTER_HOME"):
        home = Path(os.environ["DAGSTER_HOME"])
    elif warehouse.is_lake(target):
        home = settings.DEFAULT_DAGSTER_HOME / f"ducklake-{hashlib.sha256(target.encode()).hexdigest()[:12]}"
    else:
        home = Path(target).parent / f"{Path(target).name}.dagster"
    home = home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() and settings.INSTANCE_TEMPLATE.exists():
        shutil.copyfile(settings.INSTANCE_TEMPLATE, config)
    return home


def instance(target: str, ephemeral: bool = False):
    """The Dagster instance of the warehouse ``target`` (:func:`dagster_home`), one per instance folder and
    process (a new instance costs ~0.2 s per run), its abandoned runs released when first opened.

    Keyed by the folder, so one process can run into two warehouses one after the other, each recorded in
    its own instance. ``ephemeral`` (``--ephemeral``): an in-memory instance, nothing recorded.
    """
    if ephemeral:
        return _ephemeral()
    return _persistent(str(dagster_home(target)))


@functools.cache
def _ephemeral():
    import dagster as dg

    return dg.DagsterInstance.ephemeral()


@functools.cache
def _persistent(home: str):
    import dagster as dg

    # The project's dagster.yaml reads its storage folder from DAGSTER_HOME (`base_dir: {env: DAGSTER_HOME}`):
    # set while the instance is built, then restored, so the next warehouse's instance is not this one.
    with _environ("DAGSTER_HOME", home):
        found = dg.DagsterInstance.from_config(home)
    release_abandoned_runs(found)
    return found


@contextlib.contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def run_tags(target: str, landing_root: str) -> dict[str, str]:
    """The tags of a run this process starts: the warehouse it writes, the landing folder it reads (what
    ``news-warehouse dev`` configures the UI's code location with), and its pid and host (see
    :func:`release_abandoned_runs`)."""
    return {settings.WAREHOUSE_TAG: warehouse.shown(target), settings.LANDING_TAG: landing_root,
            PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def release_abandoned_runs(instance) -> list[str]:
    """Free the concurrency slots of runs whose `news-warehouse run` process died; return their run ids.

    A run killed mid-step (SIGKILL, out of memory) keeps its slot in the
    `warehouse_writer` pool (limit 1), and every later run would wait for it
    forever. A run of this CLI on this host whose process is gone is marked
    failed and its slots freed; runs started elsewhere (the UI, a daemon) are
    left to Dagster's own run monitoring. A finished run still holding a slot
    just has it freed.
    """
    released = []
    for run_id in instance.event_log_storage.get_concurrency_run_ids():
        run = instance.get_run_by_id(run_id)
        if run is not None and not run.is_finished:
            pid, host = run.tags.get(PID_TAG), run.tags.get(HOST_TAG)
            if not pid or host != socket.gethostname() or _alive(int(pid)):
                continue
            instance.report_run_failed(run, "the news-warehouse run process that ran it died")
        instance.event_log_storage.free_concurrency_slots_for_run(run_id)
        released.append(run_id)
    return released


def _alive(pid: int) -> bool:
    """Whether a process with this pid exists (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
