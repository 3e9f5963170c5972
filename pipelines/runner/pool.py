"""Partitions run one after another in this process, or side by side in a pool of worker processes.

Without a pool (``--workers 1``), each partition parses its articles on
``processes`` cores. With ``--workers N``, N worker processes each load the
Dagster definitions and spaCy once and take partitions (and then the dbt step)
one at a time, each parsing on one core: the cores go to partitions, not to
chunks of one partition.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterator

from pipelines import progress, settings, warehouse
from pipelines.process_pool import kill_process_pool
from pipelines.runner.errors import RunError, ViewsFailed
from pipelines.runner.instance import instance
from pipelines.runner.steps import StepConfig, StepResult, build_views, definitions, run_partition

Pool = concurrent.futures.ProcessPoolExecutor


def worker_config(config: StepConfig) -> StepConfig:
    """The config a worker process runs its steps with: one core each, plain progress lines (not a live bar:
    several processes would draw over each other) unless progress is off."""
    shown = "off" if progress.resolve_mode(config.progress) == "off" else "plain"
    return dataclasses.replace(config, processes=1, progress=shown)


def _start_worker(config: StepConfig) -> None:
    """A worker process loads the Dagster definitions and spaCy once, before its first partition.

    The pool keeps its processes for every partition it is given, so each
    worker pays this once per run, not once per partition.
    """
    from pipelines.dbt_child import die_with_parent
    from pipelines.text.nlp import load_nlp

    # A worker runs partitions and the dbt step: killed with the run, as the in-process steps are, so a
    # killed run leaves no worker writing (and holding the writer lock) on its own.
    die_with_parent(os.getppid())
    definitions(config)
    load_nlp()


def prepare_lake(target: str, data_path: str) -> None:
    """A DuckLake target: create its catalog and tables now, in this process, if they do not exist yet.

    In: the run's target and data path. A DuckDB file is left alone (its writers take turns on a lock).
    Otherwise the first partitions of parallel workers on a fresh lake race to create the catalog, and the
    loser opens the lake again (``warehouse.connection._open_lake``).
    """
    if warehouse.is_lake(target):
        warehouse.connect(target, data_path=data_path or None).close()


@contextlib.contextmanager
def worker_pool(config: StepConfig, workers: int) -> Iterator[Pool | None]:
    """``workers`` > 1: a pool of that many processes, each with the Dagster definitions and spaCy loaded once
    (for :func:`worker_config` of ``config``), kept for every partition and the dbt step of the run. Else None.

    Raises :class:`RunError` when a worker process dies (killed, out of memory).
    """
    if workers <= 1:
        yield None
        return
    ctx = multiprocessing.get_context("spawn")  # no forked Dagster/DuckDB state in the workers
    # One process per core parsing: one thread each for numpy/BLAS, as the NLP pool's workers have. Through
    # the environment: the libraries read these variables when they load in the worker.
    for name in settings.MATH_THREAD_VARS:
        os.environ.setdefault(name, "1")
    with Pool(workers, mp_context=ctx, initializer=_start_worker, initargs=(worker_config(config),)) as pool:
        # Start every worker now (the pool starts a process per task while none is idle): they load Dagster
        # and spaCy (~8 s) while this process creates the lake's catalog (~1 s) and opens the Dagster
        # instance. No partition is submitted before both exist.
        for _ in range(workers):
            pool.submit(os.getpid)
        prepare_lake(config.target, config.data_path)
        # The Dagster instance the workers record their runs in, opened here first: on a fresh instance two
        # workers' first partitions each created its SQLite storage and stamped its schema, and every later
        # opening failed ("Version table 'alembic_version' has more than one head present").
        instance(config.target, config.ephemeral)
        try:
            yield pool
        except KeyboardInterrupt:
            # SIGINT or SIGTERM to this process: the workers did not get it; leaving the pool would wait for
            # their partitions. Their uncommitted partitions keep their state.
            kill_process_pool(pool)
            raise
        except concurrent.futures.process.BrokenProcessPool as err:
            # The pool cannot deliver the others' results any more: stop them rather than wait
            # on workers that may block forever. Their uncommitted partitions keep their state.
            kill_process_pool(pool)
            raise RunError("a worker process died (killed or out of memory); partitions not yet "
                           "committed keep their previous state; run again to finish") from err


def _checked(result: StepResult, timings: list[dict]) -> StepResult:
    """Record ``result``'s stats; raise :class:`ViewsFailed` (dbt) or :class:`RunError` when it failed."""
    timings.append(result.stats)
    if result.views_failed:
        raise ViewsFailed(result.error, result.log_tail)
    if result.error:
        raise RunError(result.error)
    return result


def run_partitions(config: StepConfig, keys: list[str], pool: Pool | None, say: Callable[[str], None],
                   timings: list[dict], views: bool = False) -> list[str]:
    """Run each landing date's Python assets, one Dagster run per date, then with ``views`` the dbt models
    (once, after every date is written). Return the keys.

    Appends each run's ``run_stats`` to ``timings``. Without a pool, dates run one after another in this
    process, each parsing its articles on ``config.processes`` cores, and the last date's run also builds the
    views. With a pool, as many dates run at once, each in its own worker, and the views follow in a run of
    their own (:func:`views_run`, as after a backfill), so no date waits for the others. The first failure
    raises :class:`RunError` (:class:`ViewsFailed` for dbt; with a pool, dates not started are cancelled).
    """
    last = keys[-1] if views and keys else None
    if pool is None:
        for i, key in enumerate(keys, 1):
            then = ", then the analytics views and dbt tests" if key == last else ""
            say(f"[{i}/{len(keys)}] {key}: ingest, clean, entities, quotes{then}…")
            result = _checked(run_partition(config, key, views=key == last), timings)
            say(f"        done in {result.stats['run_s']:.1f}s")
        return list(keys)
    futures = [pool.submit(run_partition, worker_config(config), k) for k in keys]
    for i, fut in enumerate(concurrent.futures.as_completed(futures), 1):
        try:
            result = _checked(fut.result(), timings)
        except RunError:
            for other in futures:
                other.cancel()
            raise
        say(f"[{i}/{len(keys)}] {result.key} done in {result.stats['run_s']:.1f}s")
    if views and keys:
        views_run(config, pool, say, timings)
    return list(keys)


def views_run(config: StepConfig, pool: Pool | None, say: Callable[[str], None], timings: list[dict]) -> None:
    """The dbt models and tests alone, as a run of the job ``build_views``: in a worker of ``pool`` (its Dagster
    definitions are loaded already), else in this process. Appends the run's stats to ``timings``; raises
    :class:`ViewsFailed` when it failed."""
    say("building analytics views and running dbt tests…")
    result = pool.submit(build_views, worker_config(config)).result() if pool else build_views(config)
    timings.append(result.stats)
    if result.error:
        raise ViewsFailed(result.error, result.log_tail)
    say(f"        done in {result.stats['run_s']:.1f}s")
