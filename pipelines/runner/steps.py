"""The Dagster steps of a run: one landing date's Python assets, or the dbt models, materialized in process.

``news-warehouse run`` executes the same job the schedule and sensor run
(``ingest_partition``), in this process or in a worker process of the pool;
each step's result comes back as a one-line error (or None) and where its time
went.
"""

from __future__ import annotations

import contextlib
import functools
import io
import time
from dataclasses import dataclass

from pipelines.runner.instance import instance, run_tags
from pipelines.settings import INTERRUPTED

# Step failures come back as one line (see step_error); Dagster would also print the stack trace at ERROR.
_QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass(frozen=True)
class StepConfig:
    """What every step of a run is given; picklable, so a worker process gets it as an argument.

    ``landing_root``: the landing folder; ``target``: a DuckDB file (absolute path) or a DuckLake attach
    string; ``data_path``: DuckLake only, where Parquet files go ("" when not given); ``processes``: processes
    parsing one partition (0: every core, bounded by memory); ``ephemeral``: an in-memory Dagster instance,
    nothing recorded; ``progress``: how a partition shows its progress ("auto", "plain", "off"; "": the
    default, see :mod:`pipelines.progress`).
    """

    landing_root: str
    target: str
    data_path: str = ""
    processes: int = 0
    ephemeral: bool = False
    progress: str = ""


@functools.cache
def definitions(config: StepConfig):
    """The Dagster definitions for this landing folder, warehouse, NLP processes and progress, built once."""
    from pipelines.definitions import build_defs

    return build_defs(config.landing_root, config.target, config.data_path, config.processes, config.progress)


def run_stats(result, run: str, seconds: float) -> dict:
    """Where a run's time went: each step's duration and the stage seconds its steps recorded as metadata."""
    import dagster as dg

    steps = {ev.step_key: ev.event_specific_data.duration_ms / 1000 for ev in result.all_events
             if ev.event_type == dg.DagsterEventType.STEP_SUCCESS}
    stages = {f"{ev.step_key}:{name[len('seconds_'):]}": value.value
              for ev in result.get_asset_materialization_events()
              for name, value in ev.event_specific_data.materialization.metadata.items() if name.startswith("seconds_")}
    return {"run": run, "run_s": round(seconds, 3), "steps": steps, "stages": stages}


@dataclass(frozen=True)
class StepResult:
    """What one Dagster run of a step came back with: ``error`` (one line, or None when it passed),
    ``views_failed`` (the error is the dbt step's), ``stats`` (:func:`run_stats`), ``log_tail`` (the end of
    dbt's output when its step failed, else "")."""

    key: str
    error: str | None
    stats: dict
    views_failed: bool = False
    log_tail: str = ""


def _python_keys(defs) -> list:
    return [k for k in defs.resolve_all_asset_keys() if k.path[0] in ("raw", "core")]


def _dbt_keys(defs) -> list:
    return [k for k in defs.resolve_all_asset_keys() if k.path[0] not in ("raw", "core")]


def run_partition(config: StepConfig, key: str, views: bool = False) -> StepResult:
    """Materialize one landing date's Python assets, and with ``views`` the dbt models after them, as ONE
    Dagster run of ``ingest_partition`` (the job the schedule and sensor run), so the runs page shows one run
    per date and a date's story is not split.

    The date is registered as a partition of the instance first (the partitions are the landing dates that
    have files, see ``pipelines/defs/partitions.py``). A module-level function so a worker process of the
    pool can run it.
    """
    t = time.monotonic()
    defs = definitions(config)
    job = defs.resolve_job_def("ingest_partition")
    found = instance(config.target, config.ephemeral)
    found.add_dynamic_partitions(job.partitions_def.name, [key])
    selection = _python_keys(defs) + (_dbt_keys(defs) if views else [])
    dbt_log = io.StringIO()  # dagster-dbt echoes every dbt event to stdout; show it only on failure
    with contextlib.redirect_stdout(dbt_log) if views else contextlib.nullcontext():
        result = job.execute_in_process(partition_key=key, instance=found, asset_selection=selection,
                                        run_config=_QUIET_LOGS, raise_on_error=False,
                                        tags=run_tags(config.target, config.landing_root))
    stop_if_interrupted(result)
    return _result(key, result, time.monotonic() - t, dbt_log)


def build_views(config: StepConfig) -> StepResult:
    """Materialize the dbt assets alone, as a run of the unpartitioned job ``build_views`` (a run with no new
    landing date: the dbt project changed, or an earlier run skipped the views). A module-level function so a
    worker process of the pool can run it.
    """
    t = time.monotonic()
    defs = definitions(config)
    dbt_log = io.StringIO()
    with contextlib.redirect_stdout(dbt_log):
        result = defs.resolve_job_def("build_views").execute_in_process(
            instance=instance(config.target, config.ephemeral), run_config=_QUIET_LOGS, raise_on_error=False,
            tags=run_tags(config.target, config.landing_root))
    stop_if_interrupted(result)
    return _result("views", result, time.monotonic() - t, dbt_log)


def _result(key: str, result, seconds: float, dbt_log: io.StringIO) -> StepResult:
    """The :class:`StepResult` of a finished Dagster run; the dbt log's tail kept only when dbt failed."""
    failed = {ev.step_key for ev in result.all_events if ev.is_step_failure}
    error = step_error(result, "dbt build" if key == "views" else key)
    views_failed = bool(error) and bool(failed - {"partition_tables"})  # the dbt step's (a dbt test fails it too)
    return StepResult(key, error, run_stats(result, key, seconds), views_failed,
                      dbt_log.getvalue()[-4000:] if views_failed else "")


def stop_if_interrupted(result) -> None:
    """Raise KeyboardInterrupt when a step of ``result`` failed because SIGINT or SIGTERM interrupted it.

    Dagster catches the signal inside a step and reports a failed step; the run must stop as on Ctrl-C, not
    go on to the next partition. Seen in the failure's error chain: the class Dagster or Python raised, or
    the partition step's ``settings.INTERRUPTED`` failure.
    """
    for event in result.all_events:
        if not event.is_step_failure:
            continue
        failure = event.step_failure_data
        if failure.user_failure_data and failure.user_failure_data.description == INTERRUPTED:
            raise KeyboardInterrupt
        err = failure.error
        while err is not None:
            if err.cls_name in ("DagsterExecutionInterruptedError", "KeyboardInterrupt") or INTERRUPTED in err.message:
                raise KeyboardInterrupt
            err = err.cause or err.context


def step_error(result, what: str) -> str | None:
    """One line for a failed step or a failed ERROR-severity asset check of ``result``; None when all passed.

    Example: ``"2015-11-26: step partition_tables failed: ValueError: …"`` (the last line of the cause).
    """
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                err = event.step_failure_data.error
                msg = (err.cause.message if err and err.cause else (err.message if err else "failed")).strip()
                return f"{what}: step {event.step_key} failed: {msg.splitlines()[-1] if msg else 'failed'}"
        return f"{what}: run failed"
    for ev in result.get_asset_check_evaluations():
        if not ev.passed and ev.severity.value == "ERROR":
            return (f"{what}: asset check {ev.check_name} on {ev.asset_key.to_user_string()} failed: "
                    f"{ {k: v.value for k, v in ev.metadata.items()} }")
    return None
