"""The dbt project (``sql/``) as Dagster assets, downstream of the Python tables via source meta."""


import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from pipelines import versions, warehouse
from pipelines.defs.resources import PROJECT_ROOT, Warehouse

DBT_DIR = PROJECT_ROOT / "sql"


def dbt_executable() -> str:
    """The dbt of this virtualenv, found even when the venv is not activated."""
    here = Path(sys.prefix) / "bin" / "dbt"  # sys.executable may be a resolved symlink outside the venv
    return str(here) if here.exists() else (shutil.which("dbt") or "dbt")


dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)


def ensure_manifest() -> None:
    """Parse the dbt project when the manifest is missing, or always under `dagster dev` (edits show up).

    Replaces ``DbtProject.prepare_if_dev``, which looks for ``dbt`` on PATH and
    so fails when the virtualenv is not activated.
    """
    if os.environ.get("DAGSTER_IS_DEV_CLI") or not dbt_project.manifest_path.exists():
        subprocess.run([dbt_executable(), "parse", "--quiet", "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR)],
                       check=True, env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"})


ensure_manifest()


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, pool="warehouse_writer")
def analytics_views(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse_db: Warehouse):
    """`dbt build`: staging and analytics views plus their schema tests, on the warehouse file or lake."""
    # The dbt profile reads the target from the environment (profiles.yml); the subprocess inherits it.
    if warehouse_db.is_lake:
        os.environ["NEWS_WAREHOUSE_LAKE"] = warehouse_db.path
        target = "lake"
    else:
        os.environ["NEWS_WAREHOUSE_DB"] = str(Path(warehouse_db.path).resolve())
        target = "dev"
    # Partitions written at the same time (DuckLake workers) cannot see each other's rows;
    # settle duplicates and names across the whole warehouse before the views and tests.
    with warehouse_db.writer(on_wait=context.log.info) as con:
        warehouse.in_transaction(con, warehouse.reconcile)
    with warehouse_db.lock(on_wait=context.log.info):
        yield from dbt.cli(["build", "--target", target], context=context).stream()
    # Reached only when the build and its tests passed: record what was built.
    with warehouse_db.writer(on_wait=context.log.info) as con:
        warehouse.in_transaction(con, lambda c: (
            c.execute("DELETE FROM meta.builds WHERE name = 'dbt'"),
            c.execute("INSERT INTO meta.builds VALUES ('dbt', ?, now()::timestamp)", [versions.dbt_version()])))


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_DIR), dbt_executable=dbt_executable())
