"""The Dagster code location: every asset, check, job, schedule, sensor and resource, assembled once.

``build_defs`` is also what ``news-warehouse run`` executes, with the landing
folder and warehouse from its arguments: one pipeline, configured two ways.
"""

import dagster as dg

from pipelines.defs import assets
from pipelines.defs.automation import daily_ingest, ingest_job, landing_changes
from pipelines.defs.dbt import analytics_views, dbt_resource
from pipelines.defs.resources import DEFAULT_LANDING, DEFAULT_WAREHOUSE, Landing, NlpProcesses, Warehouse


def build_defs(landing_root: str = DEFAULT_LANDING, warehouse_path: str = DEFAULT_WAREHOUSE,
               data_path: str = "", processes: int = 0) -> dg.Definitions:
    """All definitions, for a landing folder and a warehouse (DuckDB file or DuckLake attach string).

    ``processes``: how many processes parse one partition (0: every core, bounded by memory).
    """
    return dg.Definitions(
        assets=[assets.partition_tables, analytics_views],
        jobs=[ingest_job],
        schedules=[daily_ingest],
        sensors=[landing_changes],
        resources={
            "landing_folder": Landing(root=str(landing_root)),
            "warehouse_db": Warehouse(path=str(warehouse_path), data_path=data_path),
            "nlp": NlpProcesses(processes=processes),
            "dbt": dbt_resource(),
        },
    )


defs = build_defs()
