"""Jobs, the daily schedule and the landing sensor."""


import datetime as dt
import json

import dagster as dg

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
