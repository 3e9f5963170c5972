"""Settings in one place: where the project, the default landing folder, warehouse and Dagster home are.

Nothing here reads the environment at import. The Dagster code location
(``pipelines.definitions``) configures its resources with ``dg.EnvVar`` for the
variables below when they are set, so the UI shows where a value comes from
and a value is read when a run starts, not when the module loads; the CLI
takes its values from its arguments.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LANDING = PROJECT_ROOT / "seeds"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "warehouse.duckdb"
# Where the Dagster instances of DuckLake warehouses live (a DuckDB file's sits beside it; see
# pipelines/runner/instance.py), unless DAGSTER_HOME says otherwise.
DEFAULT_DAGSTER_HOME = PROJECT_ROOT / ".dagster_home"
INSTANCE_TEMPLATE = PROJECT_ROOT / "dagster.yaml"
DBT_DIR = PROJECT_ROOT / "sql"
# Environment variables that set how many threads the maths libraries (numpy's BLAS, OpenMP) start in a
# process: set to 1 in worker processes, one per core, which would otherwise each start a thread per core.
MATH_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

# The failure a step reports when SIGINT or SIGTERM interrupted it: not retried, and `news-warehouse run`
# stops on it as on Ctrl-C.
INTERRUPTED = "interrupted by SIGINT or SIGTERM"

# Run tags: the warehouse a run wrote and the landing folder it read (every run of the CLI, the UI, the
# schedule and the sensor carries them).
WAREHOUSE_TAG = "news_warehouse/warehouse"
LANDING_TAG = "news_warehouse/landing"

# Environment variables the code location reads through dg.EnvVar.
ENV_LANDING = "NEWS_WAREHOUSE_LANDING"
ENV_WAREHOUSE = "NEWS_WAREHOUSE_DB"
ENV_DATA_PATH = "NEWS_WAREHOUSE_DATA_PATH"
