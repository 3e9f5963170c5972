"""A run: the planned partitions, then the dbt models once, then the search index; the CLI's `run` calls this."""

from __future__ import annotations

from collections.abc import Callable

from pipelines import search, warehouse
from pipelines.dbt_child import prestarted
from pipelines.runner.plan import Plan
from pipelines.runner.pool import run_partitions, views_run, worker_pool
from pipelines.runner.steps import StepConfig


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
        # One Dagster run per landing date, then the views (see docs/operations.md).
        ran = run_partitions(config, keys, pool, say, timings, views=build)
        if build and not ran and fresh:  # no date to run, but the dbt project changed or the views are due
            views_run(config, pool, say, timings)
    if not skip_views:  # the index is built from the analytics tables: it follows them
        search.refresh(config.target, say=say)  # skipped when nothing changed
    return ran
