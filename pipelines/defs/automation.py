"""Jobs, the daily schedule and the landing sensor."""


import datetime as dt
import json

import dagster as dg

from pipelines import landing
from pipelines.defs.partitions import daily
from pipelines.defs.resources import Landing

# Python assets of one landing date, then the dbt views and their tests.
ingest_job = dg.define_asset_job(
    "ingest_partition",
    selection=dg.AssetSelection.all(),
    description="Ingest one landing date: raw files -> clean articles -> mentions and quotes -> dbt views.",
    tags={"dagster/max_retries": "1"},
)


@dg.schedule(job=ingest_job, cron_schedule="30 0 * * *", execution_timezone="UTC",
             default_status=dg.DefaultScheduleStatus.STOPPED)
def daily_ingest(context: dg.ScheduleEvaluationContext):
    """Shortly after midnight UTC, ingest the day that just ended."""
    yesterday = (context.scheduled_execution_time - dt.timedelta(days=1)).date().isoformat()
    return dg.RunRequest(partition_key=yesterday, run_key=f"schedule:{yesterday}")


@dg.sensor(job=ingest_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
def landing_changes(context: dg.SensorEvaluationContext, landing_folder: Landing):
    """Request a run for every landing date whose files changed since the last look (late or re-sent files)."""
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    current = {d.isoformat(): fp for d, fp in landing.partitions(landing_folder.path).items()}
    valid = set(daily.get_partition_keys())
    for key, fingerprint in current.items():
        if seen.get(key) != fingerprint and key in valid:
            yield dg.RunRequest(partition_key=key, run_key=f"landing:{key}:{fingerprint}")
    # A date whose folder vanished entirely must be re-run so its rows are removed too.
    for key in seen.keys() - current.keys():
        if key in valid:
            yield dg.RunRequest(partition_key=key, run_key=f"landing:{key}:gone")
    context.update_cursor(json.dumps(current, sort_keys=True))
