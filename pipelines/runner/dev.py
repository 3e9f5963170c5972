"""`news-warehouse dev`: the Dagster UI opened on one warehouse, its instance and a code location for it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pipelines import settings
from pipelines.runner.instance import dagster_home, instance


def last_landing(target: str) -> str | None:
    """The landing folder the newest recorded run of ``target`` read (its run tag), or None when none is."""
    for run in instance(target).get_runs(limit=20):
        if run.tags.get(settings.LANDING_TAG):
            return run.tags[settings.LANDING_TAG]
    return None


def dev_command(target: str, landing_root: str | None, data_path: str, host: str, port: int) -> tuple[list[str], dict]:
    """The ``dagster dev`` command line and environment that open the UI on the warehouse ``target``.

    In: the warehouse (an absolute DuckDB path or a DuckLake attach string), the landing folder (None: the
    one its newest run read, else ``seeds/``), the DuckLake data path ("" for a file), where to listen.
    Out: (argv, env): DAGSTER_HOME is the warehouse's instance (:func:`dagster_home`), so the UI shows that
    warehouse's runs and materialised dates only; the code location's resources read the warehouse, landing
    folder and data path from NEWS_WAREHOUSE_DB, NEWS_WAREHOUSE_LANDING and NEWS_WAREHOUSE_DATA_PATH, so a
    run launched from the UI writes this warehouse. Run it from the project root (``workspace.yaml``).
    """
    landing = landing_root or last_landing(target) or str(settings.DEFAULT_LANDING)
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home(target)), settings.ENV_WAREHOUSE: target,
           settings.ENV_LANDING: str(Path(landing).resolve()), settings.ENV_DATA_PATH: data_path}
    dagster = Path(sys.prefix) / "bin" / "dagster"  # this virtualenv's, even when it is not activated
    argv = [str(dagster), "dev", "-h", host, "-p", str(port), "-w", str(settings.PROJECT_ROOT / "workspace.yaml")]
    return argv, env
