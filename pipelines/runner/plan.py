"""What a run has to do: which landing dates to run, which are up to date, and whether dbt must build.

Read from the warehouse's ``meta.*`` tables and the landing folder's
fingerprints; nothing is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from pipelines import landing, versions, warehouse
from pipelines.runner.errors import RunError


class Plan(NamedTuple):
    """``todo``: partitions to run, oldest first; ``fresh``: partitions skipped as up to date; ``build_views``:
    whether the dbt models are due."""

    todo: list[str]
    fresh: list[str]
    build_views: bool


def is_date(value: str) -> bool:
    """Whether ``value`` is a YYYY-MM-DD date: ``is_date("2015-11-26")`` is True, ``is_date("26/11/2015")`` False."""
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _recorded_state(target: str) -> tuple[dict[str, tuple[str, str]], str | None]:
    """What the warehouse says about its partitions and its dbt build.

    Out: {partition: (landing fingerprint, pipeline version)} of every partition with rows or a recorded run
    (empty values for one with rows only), and the dbt project version last built, or None when none is
    recorded or a partition was written after it. An empty or unreachable target reads as a new one.
    """
    state: dict[str, tuple[str, str]] = {}
    dbt_built = None
    if not (warehouse.is_lake(target) or Path(target).exists()):
        return state, dbt_built
    try:
        con = warehouse.connect(target, read_only=True)
    except Exception:  # noqa: BLE001 - an empty or unreachable target is planned as new
        return state, dbt_built
    try:
        stale = ("select 'dbt', '', '' from meta.builds where name = 'dbt' "
                 "and built_at < (select max(updated_at) from meta.partition_state)")
        for sql in ("select distinct partition_date, '', '' from raw.files",
                    "select partition_date, fingerprint, pipeline_version from meta.partition_state",
                    "select 'dbt', version, '' from meta.builds where name = 'dbt'", stale):
            try:
                rows = con.execute(sql).fetchall()
            except Exception:  # noqa: BLE001 - a warehouse from before this table existed
                continue
            for key, fp, version in rows:
                if key == "dbt":
                    dbt_built = fp
                else:
                    state[key.isoformat()] = (fp, version)
    finally:
        con.close()
    return state, dbt_built


def plan(landing_root: Path, target: str, only: list[str] | None, force: bool) -> Plan:
    """Which partitions to run, which are up to date, and whether dbt must build.

    Candidates are landing dates with files plus dates the warehouse has rows
    for (their files may be gone). A candidate is up to date when its last run
    completed with the same landing fingerprint and pipeline version; dbt is
    up to date when the dbt project has not changed since its last build and
    no partition was written after it (a ``--skip-views`` run leaves it due).
    ``only`` (YYYY-MM-DD dates, else :class:`RunError`) runs those dates, up to date or not.
    """
    current = {d.isoformat(): fp for d, fp in landing.partitions(landing_root).items()}
    state, dbt_built = _recorded_state(target)
    keys = set(current) | set(state)
    if only:
        bad = [k for k in only if not is_date(k)]
        if bad:
            raise RunError(f"--partition expects YYYY-MM-DD, got {', '.join(bad)}")
        keys = set(only)
    empty = landing.fingerprint([])
    fresh = {k for k in keys if not force and not only
             and state.get(k) == (current.get(k, empty), versions.pipeline_version())}
    todo = sorted(keys - fresh)
    return Plan(todo, sorted(fresh), bool(todo) or force or dbt_built != versions.dbt_version())
