"""The Dagster instance a run records in, and freeing the slots of runs whose process died."""

from __future__ import annotations

import functools
import os
import shutil
import socket
from pathlib import Path

from pipelines import settings

# Every run this CLI starts carries the process and host that run it, so a later run can tell a killed one.
PID_TAG, HOST_TAG = "news_warehouse/pid", "news_warehouse/host"


def dagster_home() -> Path:
    """The Dagster instance `run` records in: DAGSTER_HOME, else .dagster_home/ (the one `make dev` opens).

    Created with the project's dagster.yaml when it does not exist yet.
    """
    home = Path(os.environ.get("DAGSTER_HOME") or settings.DEFAULT_DAGSTER_HOME).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() and settings.INSTANCE_TEMPLATE.exists():
        shutil.copyfile(settings.INSTANCE_TEMPLATE, config)
    return home


@functools.cache
def instance(ephemeral: bool = False):
    """One Dagster instance for all runs of this process (a new instance costs ~0.2 s per run).

    The persistent instance of :func:`dagster_home`, so runs, materializations and asset-check results
    show in the UI, its abandoned runs released first; an in-memory one when ``ephemeral`` (``--ephemeral``).
    """
    import dagster as dg

    if ephemeral:
        return dg.DagsterInstance.ephemeral()
    # The instance's dagster.yaml reads its storage folder from this variable (`base_dir: {env: DAGSTER_HOME}`),
    # and Dagster finds the instance through it; worker processes inherit it.
    os.environ["DAGSTER_HOME"] = str(dagster_home())
    found = dg.DagsterInstance.get()
    release_abandoned_runs(found)
    return found


def run_tags() -> dict[str, str]:
    """The tags of a run this process starts: its pid and host (see :func:`release_abandoned_runs`)."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


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
