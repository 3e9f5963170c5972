"""The dbt project (``sql/``) as Dagster assets, downstream of the Python tables via source meta."""


import contextlib
import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from packaging import version

from pipelines import retry, settings, versions, warehouse
from pipelines.dbt_child import PARSE_CACHES, PARTIAL_PARSE, parse_cache_key, profile_target, seed_parse_cache
from pipelines.defs.resources import Warehouse

DBT_DIR = settings.DBT_DIR


# dbt's debug log file and its JSON artifacts (manifest.json, run_results.json) go to the invocation's own
# target folder, which is deleted after the step (_target_dir): no one reads them, and on a 1,000-file
# lake writing them cost ~1.5 s of the ~19 s dbt process. Dagster gets dbt's events from its stdout.
UNREAD_OUTPUTS = ["--log-level-file", "none", "--no-write-json"]

# Waits 2, 4, 8, 16, 30 s at most for readers to let go of the DuckDB file.
DBT_OPEN = retry.Backoff(first_s=2, cap_s=30, attempts=6)


def dbt_executable(name: str = "dbt") -> str:
    """The dbt of this virtualenv, found even when the venv is not activated."""
    here = Path(sys.prefix) / "bin" / name  # sys.executable may be a resolved symlink outside the venv
    return str(here) if here.exists() else (shutil.which(name) or name)


dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)


def ensure_manifest() -> None:
    """Parse the dbt project when the manifest is missing, or always under `dagster dev` (edits show up).

    Replaces ``DbtProject.prepare_if_dev``, which looks for ``dbt`` on PATH and
    so fails when the virtualenv is not activated.
    """
    if os.environ.get("DAGSTER_IS_DEV_CLI") or not dbt_project.manifest_path.exists():
        subprocess.run([dbt_executable(), "parse", "--quiet", "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR)],
                       check=True, env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"})


class LayerGroups(DagsterDbtTranslator):
    """dbt nodes in the Dagster group of their layer: `staging` (staging models and the reference seeds) or
    `analytics` (intermediate and marts), never `default`."""

    def get_group_name(self, dbt_resource_props) -> str:
        fqn = dbt_resource_props.get("fqn", [])
        if dbt_resource_props.get("resource_type") == "seed" or (len(fqn) > 1 and fqn[1] == "staging"):
            return "staging"
        return "analytics"


@functools.cache
def analytics_views() -> dg.AssetsDefinition:
    """The dbt project as assets, made when the definitions are built (not at import): the manifest is
    parsed first if it is missing (``make`` builds it) or under ``dagster dev``."""
    ensure_manifest()

    @dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, pool="warehouse_writer",
                dagster_dbt_translator=LayerGroups())
    def analytics_views(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse_db: Warehouse):
        """`dbt build`: staging and analytics models plus their schema tests, on the warehouse file or lake."""
        yield from build_models(context, dbt, warehouse_db)

    return analytics_views


def build_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse_db: Warehouse):
    """Run `dbt build` for the warehouse, waiting out a reader that holds the file; record the built version."""
    warehouse_db.tag_run(context)
    # The dbt profile reads the target from the environment (profiles.yml); the subprocess inherits it.
    target, variable, where = profile_target(warehouse_db.path, warehouse_db.is_lake)
    os.environ[variable] = where
    with warehouse_db.lock(on_wait=context.log.info):
        refresh = project_changed(warehouse_db)
        if refresh:
            context.log.info("the dbt project changed since the last build: incremental models are rebuilt whole")
        # A reader that opened the DuckDB file (an analyst's `duckdb -readonly`) makes dbt fail to open it
        # before it does anything ("Could not set lock on file"); wait and try again rather than fail the
        # run. Any other failure, or a build that got as far as producing results, is not retried.
        def announce(attempt: int, delay: float) -> None:
            context.log.warning(f"dbt could not start (the warehouse is probably open in another process); "
                                f"retrying in {delay:g}s ({attempt}/{DBT_OPEN.attempts})")
            print(f"news-warehouse: warehouse busy (a reader holds it); dbt retries in {delay:g}s", file=sys.stderr)

        for _attempt in retry.attempts(DBT_OPEN, on_retry=announce):
            with _target_dir(parse_cache_key(target, where)) as target_path:
                args = ["build", "--target", target, *UNREAD_OUTPUTS, *(["--full-refresh"] if refresh else [])]
                invocation = dbt.cli(args, context=context, raise_on_error=False, target_path=target_path)
                produced = 0
                for event in invocation.stream():
                    produced += 1
                    yield event
                ok = invocation.is_successful()
                error = None if ok else invocation.get_error()
            if ok or produced or "lock" not in str(error).lower():
                break
        if not ok:
            raise error
    # Reached only when the build and its tests passed: record what was built.
    with warehouse_db.writer(on_wait=context.log.info) as con:
        warehouse.in_transaction(con, lambda c: (
            c.execute("DELETE FROM meta.builds WHERE name = 'dbt'"),
            c.execute("INSERT INTO meta.builds VALUES ('dbt', ?, ?)",  # UTC, as partition_state.updated_at
                      [versions.dbt_version(), dt.datetime.now(dt.UTC).replace(tzinfo=None)])))


def project_changed(warehouse_db: Warehouse) -> bool:
    """Whether the warehouse was last built by another version of the dbt project (``meta.builds``).

    Out: True when a build is recorded with a different :func:`versions.dbt_version` (changed SQL, vars or
    aliases): incremental models (``int_story_pairs``) then need ``--full-refresh``, since their kept rows
    were computed by the old SQL. False on a first build (nothing to refresh) or an unchanged project.
    """
    with warehouse_db.reader() as con:
        found = con.execute("SELECT version FROM meta.builds WHERE name = 'dbt'").fetchone()
    return found is not None and found[0] != versions.dbt_version()


PARSE_CACHES_KEPT = 8


@contextlib.contextmanager
def _target_dir(key: str):
    """A private dbt target folder for one invocation, removed afterwards, seeded with its parse cache.

    dagster-dbt's default is a new folder under ``sql/target`` per invocation, never removed
    (about 3 MB a run, 738 MB here after a day of tests). dbt reparses the whole project (~7 s)
    when the cache it reads was written for another target or database name; so the cache dbt
    leaves after a build is kept per :func:`parse_cache_key` (the newest ``PARSE_CACHES_KEPT``)
    under ``sql/target/parse-cache/``, and only the pipeline's builds write them: a cache keeps the
    paths of the parse that wrote it (``make``'s ``dbt parse`` names the project ``sql``, relative,
    and dbt-duckdb would look for the seeds' CSV files from the wrong folder). dbt itself checks
    every file's hash, so a cache from before an edit only means parsing what changed.
    """
    mine = PARSE_CACHES / f"{key}.msgpack"
    with tempfile.TemporaryDirectory(prefix="news-warehouse-dbt-") as tmp:
        seed_parse_cache(key, Path(tmp))
        yield Path(tmp)
        written = Path(tmp) / PARTIAL_PARSE
        if written.exists():
            PARSE_CACHES.mkdir(parents=True, exist_ok=True)
            part = PARSE_CACHES / f".{key}.{os.getpid()}.part"
            shutil.copy(written, part)
            os.replace(part, mine)  # whole or not at all, whichever run finishes last
            for old in sorted(PARSE_CACHES.glob("*.msgpack"), key=_mtime)[:-PARSE_CACHES_KEPT]:
                old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # another run's clean-up removed it meanwhile
        return 0.0


class ProjectDbt(DbtCliResource):
    """dagster-dbt's resource without two things this project does not use (~4 s of every dbt step).

    - ``dbt --version`` in a subprocess (~1.9 s) to learn the dbt version: it is the pinned
      dbt-core of this virtualenv (``news-warehouse-dbt`` runs exactly that dbt).
    - an in-process dbt adapter (~2.3 s: loads every macro) that dagster-dbt uses only to fetch
      column metadata and row counts, which these assets do not request.
    Both are private hooks of dagster-dbt==0.29.27 (pinned); tests run the dbt step end to end.
    """

    @functools.cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None


def dbt_resource() -> DbtCliResource:
    # dbt through pipelines/dbt_child.py: killed with the step process, never left writing on its own.
    return ProjectDbt(project_dir=dbt_project, profiles_dir=str(DBT_DIR),
                      dbt_executable=dbt_executable("news-warehouse-dbt"))
