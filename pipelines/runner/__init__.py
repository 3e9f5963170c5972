"""Running the pipeline for the CLI (and tests): plan, Dagster instance, steps, worker pool, summary.

``cli.py`` parses arguments and prints; everything a `news-warehouse run`
does between the two lives here, behind a small API:

- :func:`plan` (``plan.py``): which landing dates to run, which are up to date, whether dbt is due;
- :func:`execute` (``run.py``): the partitions, then the dbt models, then the search index;
- ``instance.py``: the Dagster instance runs are recorded in, and slots of dead runs freed;
- ``steps.py``: one Dagster step materialized in process (:class:`StepConfig` says where and how);
- ``pool.py``: partitions one after another, or side by side in worker processes;
- :func:`summarize` (``summary.py``): what the warehouse holds afterwards.

Failures are :class:`RunError` (one line), which the CLI prints and exits 1 on.
"""

from pipelines.runner.errors import RunError, ViewsFailed
from pipelines.runner.plan import Plan, is_date, plan
from pipelines.runner.run import execute
from pipelines.runner.steps import StepConfig
from pipelines.runner.summary import Summary, summarize

__all__ = ["Plan", "RunError", "StepConfig", "Summary", "ViewsFailed", "execute", "is_date", "plan", "summarize"]
