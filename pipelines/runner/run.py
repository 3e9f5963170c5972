"""A run: the planned partitions, then the dbt models once, then the search index; the CLI's `run` calls this."""

from __future__ import annotations

from collections.abc import Callable

from pipelines import search, warehouse
from pipelines.dbt_child import prestarted
from pipelines.runner.errors import ViewsFailed
from pipelines.runner.plan import Plan
from pipelines.runner.pool import run_partitions, worker_config, worker_pool
from pipelines.runner.steps import StepConfig, build_views


def execute(config: StepConfig, plan: Plan, *, workers: int = 1, skip_views: bool = False,
            say: Callable[[str], None] = print, timings: list[dict] | None = None) -> list[str]:
    """Run ``plan.todo``'s partitions, then the dbt models when due, then refresh the search index.

    In: the steps' config, the :class:`Plan`, how many partitions may run at once (``workers``; one process
    each), whether to leave the dbt models (and so the index) for a later run, where progress lines go
    (``say``), and a list each Dagster run's stats are appended to. Out: the partitions run. Raises
    ``RunError`` (``ViewsFailed`` for the dbt step) or ``search.SearchError``, each with one line.
    """
    timings = [] if timings is None else timings
    keys, fresh = plan.todo, plan.fresh
    build = plan.build_views and not skip_views
    if keys or build:
        say("loading pipeline (Dagster, dbt, spaCy)…")
    workers = min(workers, len(keys))
    # The dbt step's dbt imports and parses while Dagster and spaCy load (in this process or the workers,
    # which inherit where to find it: it starts first).
    lake = warehouse.is_lake(config.target)
    with prestarted(build, config.target, lake), worker_pool(config, workers) as pool:
        if pool:
            say(f"{len(keys)} partition(s) on {workers} worker processes")
        # One Dagster run per landing date; without a pool the last one also builds the views, with a pool
        # every date runs at once and the views follow in a run of their own (see docs/operations.md).
        ran = run_partitions(config, keys, pool, say, timings, views=build)
        if build and (pool is not None or not ran and fresh):  # or no date to run, but the views are due
            say("building analytics views and running dbt tests…")
            # With a pool, a worker builds them: its Dagster definitions are loaded already.
            result = pool.submit(build_views, worker_config(config)).result() if pool else build_views(config)
            timings.append(result.stats)
            if result.error:
                raise ViewsFailed(result.error, result.log_tail)
            say(f"        done in {result.stats['run_s']:.1f}s")
    if not skip_views:  # the index is built from the analytics tables: it follows them
        search.refresh(config.target, say=say)  # skipped when nothing changed
    return ran
