"""The Dagster code location: every asset, check, job, schedule, sensor and resource, assembled once.

``build_defs`` is also what ``news-warehouse run`` executes, with the landing
folder and warehouse from its arguments: one pipeline, configured two ways.
``defs`` (what ``dagster dev`` and a deployment load) takes them from the
environment through ``dg.EnvVar``: NEWS_WAREHOUSE_LANDING, NEWS_WAREHOUSE_DB
and NEWS_WAREHOUSE_DATA_PATH (``make dev`` sets them; deploy/k8s/values.yaml too).
"""

import dagster as dg

from pipelines import settings
from pipelines.defs import assets
from pipelines.defs.automation import daily_ingest, ingest_job, landing_changes, views_after_backfill, views_job
from pipelines.defs.dbt import analytics_views, dbt_resource
from pipelines.defs.resources import Landing, NlpProcesses, Warehouse


def build_defs(landing_root: str | dg.EnvVar = str(settings.DEFAULT_LANDING),
               warehouse_path: str | dg.EnvVar = str(settings.DEFAULT_WAREHOUSE),
               data_path: str | dg.EnvVar = "", processes: int = 0, progress: str = "") -> dg.Definitions:
    """All definitions, for a landing folder and a warehouse (DuckDB file or DuckLake attach string).

    Each location is a value or a ``dg.EnvVar`` read when a run starts.
    ``processes``: how many processes parse one partition (0: every core, bounded by memory);
    ``progress``: how a partition shows its progress ("auto", "plain", "off"; "": ``pipelines.progress``'s default).
    """
    return dg.Definitions(
        assets=[assets.partition_tables, analytics_views()],
        jobs=[ingest_job, views_job],
        schedules=[daily_ingest],
        sensors=[landing_changes, views_after_backfill],
        # A run's steps in the run's own process: one process per run (one pod per run under the K8sRunLauncher),
        # not one more per step, each importing Dagster, dagster-dbt and spaCy again (~7 s of CPU) before its work.
        executor=dg.in_process_executor,
        resources={
            "landing_folder": Landing(root=landing_root),
            "warehouse_db": Warehouse(path=warehouse_path, data_path=data_path),
            "nlp": NlpProcesses(processes=processes, progress=progress),
            "dbt": dbt_resource(),
        },
    )


defs = build_defs(dg.EnvVar(settings.ENV_LANDING), dg.EnvVar(settings.ENV_WAREHOUSE), dg.EnvVar(settings.ENV_DATA_PATH))
