"""``news-warehouse-dbt``: dbt that dies with the process that started it, and parses once per warehouse name.

dagster-dbt starts ``dbt`` as a child process. When the Dagster step (the
CLI, a run worker) is killed, a plain child keeps running and keeps writing
the warehouse, without the writer lock its parent held. This wrapper asks the
kernel to SIGKILL it when its parent dies (``PR_SET_PDEATHSIG``, Linux), then
runs the virtualenv's dbt in this same process, with the same arguments.

dbt reuses its parse cache only when the profile's connection settings hash as
when it was written, and the warehouse's location is one of them: every new
warehouse file (or lake) was a full parse of the project (~7 s of a ~17 s dbt
step). :func:`parse_without_location` leaves the location out.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux; a no-op elsewhere).

    In: the parent's pid as seen before the call. Exits at once if the parent is already gone.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the parent died before the request took effect
            sys.exit(1)


# The profile settings that say where the warehouse is: the DuckDB file's path, the lake's attach string.
LOCATION_KEYS = ("path", "attach")


def parse_without_location() -> None:
    """Leave the warehouse's location out of the profile settings dbt shows to Jinja and hashes for its parse.

    dbt hashes the connection settings into its partial-parse state because Jinja can read them (``target.*``)
    while parsing. With the location out of both, no model can depend on it, so a parse cache is sound for
    every warehouse whose other settings match, and dbt reparses only the files that changed. The database
    name (the DuckDB file's stem, every node's database) stays in: a cache serves warehouses of one file
    name (``pipelines.defs.dbt._target_dir`` keeps one per name). E.g. /tmp/a/w.duckdb then /tmp/b/w.duckdb:
    the second build reuses the first one's parse. A private hook of dbt-duckdb==1.11.1 (pinned); the
    integration tests run every dbt step through it.
    """
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    keys = DuckDBCredentials._connection_keys
    DuckDBCredentials._connection_keys = lambda self: tuple(k for k in keys(self) if k not in LOCATION_KEYS)


def main() -> None:
    die_with_parent(os.getppid())
    parse_without_location()
    from dbt.cli.main import cli

    sys.argv[0] = str(Path(sys.prefix) / "bin" / "dbt")
    sys.exit(cli())


if __name__ == "__main__":
    main()
