"""Resources: the landing folder, the warehouse and the NLP processes. Declared once; configured in definitions.py."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import settings, warehouse
from pipelines.rows import MAX_ARTICLE_CHARS


def _announce(on_wait: Callable[[str], None] | None) -> Callable[[str], None]:
    """Waiting for another writer is shown on stderr too: the CLI keeps Dagster's own logs quiet."""

    def say(message: str) -> None:
        print(f"news-warehouse: {message}", file=sys.stderr, flush=True)
        if on_wait:
            on_wait(message)

    return say


class Landing(dg.ConfigurableResource):
    """The landing folder files are dropped into (one sub-folder per landing date), and the most one file
    (bytes, rejected unread) and one article (characters of text, rejected before cleaning) may cost."""

    root: str = str(settings.DEFAULT_LANDING)
    max_file_bytes: int = 50 * 1024 * 1024
    max_article_chars: int = MAX_ARTICLE_CHARS

    @property
    def path(self) -> Path:
        return Path(self.root).resolve()


class NlpProcesses(dg.ConfigurableResource):
    """How many processes parse one partition's articles (0: every core, bounded by memory), and how the
    parsing shows its progress ("auto", "plain", "off"; "": ``pipelines.progress``'s default)."""

    processes: int = 0
    progress: str = ""

    def extractor(self):
        """``extract_all`` or the process-wide pool's drop-in for it (pipelines.nlp_pool)."""
        return self._pool().extract

    def warm(self, texts: int) -> None:
        """Start the pool's workers without waiting when ``texts`` articles are about to be parsed."""
        self._pool().warm(texts)

    def stop(self) -> None:
        """Kill the pool's workers now, their chunks unfinished (an interrupted run); the next use starts new ones."""
        self._pool().kill()

    def _pool(self):
        from pipelines import nlp_pool

        return nlp_pool.shared_pool(self.processes or nlp_pool.default_processes())


class Warehouse(dg.ConfigurableResource):
    """The warehouse: a DuckDB file (writers take its lock) or a DuckLake attach string (concurrent writers)."""

    path: str = str(settings.DEFAULT_WAREHOUSE)
    data_path: str = ""  # DuckLake only: where Parquet files go

    @property
    def is_lake(self) -> bool:
        return warehouse.is_lake(self.path)

    @property
    def shown_path(self) -> str:
        """The warehouse as run tags show it: the file's absolute path, or the attach string without a password."""
        return warehouse.shown(self.path)

    def tag_run(self, context: dg.AssetExecutionContext, landing_root: str | None = None) -> None:
        """Tag the step's run with this warehouse (and the landing folder), however it was launched (UI,
        schedule, sensor, CLI): the UI then shows which warehouse each run wrote."""
        tags = {settings.WAREHOUSE_TAG: self.shown_path}
        if landing_root:
            tags[settings.LANDING_TAG] = landing_root
        if any(context.run.tags.get(k) != v for k, v in tags.items()):
            context.instance.add_run_tags(context.run.run_id, tags)

    @contextlib.contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.is_lake:  # a lake takes writers without a lock; this also creates it on first use
            con = warehouse.connect(self.path, data_path=self.data_path or None)
        elif not Path(self.path).exists():
            con = warehouse.connect(self.path)  # first run: create the empty tables
        else:
            con = warehouse.connect(self.path, read_only=True, data_path=self.data_path or None)
        try:
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def writer(self, on_wait: Callable[[str], None] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        on_wait = _announce(on_wait)
        with warehouse.writer_lock(self.path, on_wait=on_wait):
            con = warehouse.connect(self.path, on_wait=on_wait, data_path=self.data_path or None)
            try:
                yield con
            finally:
                con.close()

    @contextlib.contextmanager
    def lock(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """The writer lock alone, for writers in another process (dbt)."""
        with warehouse.writer_lock(self.path, on_wait=_announce(on_wait)):
            yield
