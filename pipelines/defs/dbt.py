"""The dbt project (``sql/``) as Dagster assets, downstream of the Python tables via source meta."""


import os
import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from pipelines.defs.resources import PROJECT_ROOT, Warehouse

DBT_DIR = PROJECT_ROOT / "sql"


def dbt_executable() -> str:
    """The dbt of this virtualenv, found even when the venv is not activated."""
    here = Path(sys.executable).parent / "dbt"
    return str(here) if here.exists() else (shutil.which("dbt") or "dbt")


dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)
# Under `dagster dev` this (re)parses the project; `make` and the CLI build the manifest otherwise.
dbt_project.prepare_if_dev()


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, pool="warehouse_writer")
def analytics_views(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse_db: Warehouse):
    """`dbt build`: staging and analytics views plus their schema tests, on the warehouse file."""
    os.environ["NEWS_WAREHOUSE_DB"] = str(Path(warehouse_db.path).resolve())
    with warehouse_db.lock(on_wait=context.log.info):
        yield from dbt.cli(["build"], context=context).stream()


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_DIR), dbt_executable=dbt_executable())
