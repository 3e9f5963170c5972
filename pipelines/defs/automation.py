"""Jobs, the daily schedule, the landing sensor and the views after a backfill."""


import datetime as dt
import json

import dagster as dg

# Backfills as the instance records them: no public API in dagster==1.13.27 (pinned) reads them from a sensor.
from dagster._core.execution.backfill import BULK_ACTION_TERMINAL_STATUSES, BulkActionsFilter, PartitionBackfill

from pipelines import landing, settings
from pipelines.defs.keys import PYTHON_TABLES
from pipelines.defs.partitions import landing_dates
from pipelines.defs.resources import Landing, Warehouse

# One run per landing date: its Python assets, then the dbt views and their tests.
ingest_job = dg.define_asset_job(
    "ingest_partition",
    selection=dg.AssetSelection.all(),
    description="Ingest one landing date: raw files -> clean articles -> mentions and quotes -> dbt views.",
    tags={"dagster/max_retries": "1"},
)

# The dbt views alone (unpartitioned): what `news-warehouse run` launches when no date needs a run but the
# views do (the dbt project changed, or an earlier run skipped them).
views_job = dg.define_asset_job(
    "build_views",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(*PYTHON_TABLES),
    description="Build the dbt views and run their tests on what the warehouse holds.",
)


def _tags(landing_folder: Landing, warehouse_db: Warehouse) -> dict[str, str]:
    """The warehouse a requested run writes and the landing folder it reads, as every run is tagged."""
    return {settings.WAREHOUSE_TAG: warehouse_db.shown_path, settings.LANDING_TAG: str(landing_folder.path)}


@dg.schedule(job=ingest_job, cron_schedule="30 0 * * *", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED)
def daily_ingest(context: dg.ScheduleEvaluationContext, landing_folder: Landing, warehouse_db: Warehouse):
    """Shortly after midnight UTC, ingest the day that just ended, when files landed for it.

    The date is registered as a partition first (partitions are the landing dates that have files); a day
    without files is skipped, with the reason.
    """
    yesterday = (context.scheduled_execution_time - dt.timedelta(days=1)).date()
    if not landing.files_for(landing_folder.path, yesterday):
        return dg.SkipReason(f"no files landed for {yesterday.isoformat()}")
    key = yesterday.isoformat()
    context.instance.add_dynamic_partitions(landing_dates.name, [key])
    return dg.RunRequest(partition_key=key, run_key=f"schedule:{key}", tags=_tags(landing_folder, warehouse_db))


@dg.sensor(job=ingest_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def landing_changes(context: dg.SensorEvaluationContext, landing_folder: Landing, warehouse_db: Warehouse):
    """Request a run for every landing date whose files changed since the last look (late or re-sent files),
    registering new dates as partitions in the same evaluation."""
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    current = {d.isoformat(): fp for d, fp in landing.partitions(landing_folder.path).items()}
    tags = _tags(landing_folder, warehouse_db)
    requests = [dg.RunRequest(partition_key=key, run_key=f"landing:{key}:{fingerprint}", tags=tags)
                for key, fingerprint in current.items() if seen.get(key) != fingerprint]
    # A date whose folder vanished entirely must be re-run so its rows are removed too; its partition stays.
    requests += [dg.RunRequest(partition_key=key, run_key=f"landing:{key}:gone", tags=tags)
                 for key in sorted(seen.keys() - current.keys())]
    return dg.SensorResult(
        run_requests=requests, cursor=json.dumps(current, sort_keys=True),
        dynamic_partitions_requests=[landing_dates.build_add_request(sorted({r.partition_key for r in requests}))])


# The newest backfills a tick looks at: far more than end between two ticks 30 s apart.
BACKFILLS_LOOKED_AT = 50
AFTER_BACKFILLS_TAG = "news_warehouse/after_backfills"


def views_due(backfill: PartitionBackfill, view_keys: set[dg.AssetKey]) -> bool:
    """Whether the dbt views must be built after ``backfill``: it has ended (done, failed or canceled: the
    dates it wrote are in the warehouse either way), it wrote Python tables, and it did not select every view.

    An asset backfill of the five tables over the landing dates (what the UI's "Materialize" on raw/core and
    ``make bench-backfill`` launch) -> True. One that selected the views too -> False: Dagster builds the
    unpartitioned views once, after the last date. A job backfill of ``ingest_partition`` has no asset
    selection -> False: each of its runs builds the views (17-20 s of dbt a date; prefer the asset backfill).
    """
    selected = set(backfill.asset_selection or ())
    return (backfill.status in BULK_ACTION_TERMINAL_STATUSES and bool(selected & set(PYTHON_TABLES))
            and not view_keys <= selected)


def _ended_at(backfill: PartitionBackfill) -> float:
    return backfill.backfill_end_timestamp or backfill.backfill_timestamp


@dg.sensor(job=views_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def views_after_backfill(context: dg.SensorEvaluationContext, landing_folder: Landing, warehouse_db: Warehouse):
    """Build the views once after backfills of landing dates end: one ``build_views`` run for every backfill
    that ended since the last look and wrote dates without building the views (:func:`views_due`).

    A backfill runs one date per run, without dbt (a cluster runs many at once); the views are built
    once, after the last date. The cursor is the end time of the newest backfill seen; on first use the
    backfills already ended count, so the views are built once then. Runs by default: it requests
    nothing until a backfill ends.
    """
    since = float(context.cursor) if context.cursor else 0.0
    ended = [b for b in context.instance.get_backfills(filters=BulkActionsFilter(statuses=BULK_ACTION_TERMINAL_STATUSES),
                                                       limit=BACKFILLS_LOOKED_AT) if _ended_at(b) > since]
    if not ended:
        return dg.SkipReason("no backfill ended since the last look")
    cursor = str(max(_ended_at(b) for b in ended))
    view_keys = set(context.repository_def.asset_graph.get_all_asset_keys()) - set(PYTHON_TABLES)
    due = sorted((b for b in ended if views_due(b, view_keys)), key=_ended_at)
    if not due:
        return dg.SensorResult(skip_reason="the backfills that ended built the views themselves or wrote no date",
                               cursor=cursor)
    tags = {**_tags(landing_folder, warehouse_db), AFTER_BACKFILLS_TAG: ",".join(b.backfill_id for b in due)}
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=f"after-backfill:{due[-1].backfill_id}", tags=tags)],
                           cursor=cursor)
