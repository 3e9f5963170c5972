"""Resources: where the landing folder is and where the warehouse is. Declared once, configured by env."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import warehouse

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LANDING = os.environ.get("NEWS_WAREHOUSE_LANDING", str(PROJECT_ROOT / "seeds"))
DEFAULT_WAREHOUSE = os.environ.get("NEWS_WAREHOUSE_DB", str(PROJECT_ROOT / "data" / "warehouse.duckdb"))


class Landing(dg.ConfigurableResource):
    """The landing folder files are dropped into (one sub-folder per landing date)."""

    root: str = DEFAULT_LANDING
    max_file_bytes: int = 50 * 1024 * 1024

    @property
    def path(self) -> Path:
        return Path(self.root).resolve()


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file. Writers take its lock; readers open it read-only."""

    path: str = DEFAULT_WAREHOUSE

    @contextlib.contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if not Path(self.path).exists():
            con = warehouse.connect(self.path)  # first run: create the empty tables
        else:
            con = warehouse.connect(self.path, read_only=True)
        try:
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def writer(self, on_wait: Callable[[str], None] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        with warehouse.writer_lock(self.path, on_wait=on_wait):
            con = warehouse.connect(self.path, on_wait=on_wait)
            try:
                yield con
            finally:
                con.close()

    @contextlib.contextmanager
    def lock(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """The writer lock alone, for writers in another process (dbt)."""
        with warehouse.writer_lock(self.path, on_wait=on_wait):
            yield
