"""BM25 full-text search over the warehouse: build the index after a run, answer ``news-warehouse search``.

The index and the table macros analysts call (``analytics.search_articles``,
``analytics.search_quotes``) are defined in SQL, ``sql/search/build.sql``; this
module only runs that file and reads from it. DuckDB's ``fts`` indexes are
snapshots (they do not follow inserts), so :func:`refresh` rebuilds the index
at the end of every ``news-warehouse run`` whose data changed: it compares the
stamp of what the warehouse was made from (``sql/search/stamp.sql``: each
landing date's last run, the last dbt build, and this index's SQL) with the
stamp the index was built for, and skips the rebuild when they match. The
whole build runs in one transaction, so a reader sees the old index or the new
one, and a killed build leaves the old one.

On a DuckLake the index cannot be built (fts's index tables do not commit in a
lake): :func:`refresh` says so and skips, :func:`search` fails with one line.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import importlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from pipelines import warehouse

SQL_DIR = Path(__file__).resolve().parents[1] / "sql" / "search"
LAKE_UNSUPPORTED = ("full-text search is not available on a DuckLake: DuckDB's fts extension cannot commit its "
                    "index tables in a lake (DuckLake 1.5.5: 'unsupported type \"NULL\"'); use a DuckDB file warehouse")


class SearchError(Exception):
    """A failure to report as one line."""


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckDB's fts extension, installing it once from its PyPI package (no network)."""
    installed = con.execute("select installed from duckdb_extensions() where extension_name = 'fts'").fetchone()
    if not (installed and installed[0]):
        pkg_dir = os.path.dirname(importlib.import_module("duckdb_extension_fts").__file__)
        (binary,) = glob.glob(os.path.join(pkg_dir, "extensions", f"v{duckdb.__version__}", "fts.duckdb_extension"))
        con.install_extension(binary)
    con.load_extension("fts")


def statements(sql: str) -> list[str]:
    """The statements of a .sql file: ``--`` comment lines dropped, split where a line ends with ``;``.

    Run one by one: DuckDB expands a ``pragma create_fts_index`` of a multi-statement string before the
    statements ahead of it have run (so it would not see the table they create).
    """
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in re.split(r";[ \t]*$", body, flags=re.M) if s.strip()]


def _build_sql() -> str:
    return (SQL_DIR / "build.sql").read_text(encoding="utf-8")


def current_stamp(con: duckdb.DuckDBPyConnection) -> str:
    """What the warehouse's data was made from, plus the index definition: changes exactly when a rebuild is due."""
    (data_stamp,) = con.execute((SQL_DIR / "stamp.sql").read_text(encoding="utf-8")).fetchone()
    return hashlib.sha256(f"{data_stamp}|{_build_sql()}".encode()).hexdigest()[:16]


def indexed_stamp(con: duckdb.DuckDBPyConnection) -> str | None:
    """The stamp the current index was built for, or None when there is no index."""
    try:
        row = con.execute("select stamp from search.state").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def build_index(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild the index and the macros in one transaction; return the number of articles and quotes indexed."""
    load_fts(con)
    stamp = current_stamp(con)
    con.execute("begin transaction")
    try:
        for stmt in statements(_build_sql()):
            con.execute(stmt)
        counts = dict(zip(("articles", "quotes"), con.execute(
            "select (select count(*) from search.articles), (select count(*) from search.quotes)").fetchone()))
        con.execute("insert into search.state values (?, now()::timestamp, ?, ?)",
                    [stamp, counts["articles"], counts["quotes"]])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return counts


def _rebuild_due(con: duckdb.DuckDBPyConnection, close: bool = True) -> bool:
    """True when dbt has built the models and the index is missing or was built for other data."""
    try:
        if not con.execute("select 1 from information_schema.tables where table_schema = 'analytics' "
                           "and table_name in ('articles', 'quotes')").fetchall():
            return False  # dbt never built the models: nothing to index
        return indexed_stamp(con) != current_stamp(con)
    finally:
        if close:
            con.close()


def refresh(target: str, say: Callable[[str], None] = print) -> float | None:
    """After a run: rebuild the index when the warehouse changed since it was built; return its seconds, or None.

    None when nothing changed (the stamps match), on a DuckLake, or before dbt has built the views. A failed
    rebuild raises :class:`SearchError` (one line) and leaves the previous index.
    """
    if warehouse.is_lake(target):
        say(f"search index: skipped ({LAKE_UNSUPPORTED.split(':')[0]})")
        return None
    if not Path(target).exists():
        return None
    t = time.monotonic()
    try:
        # Read-only first: a no-op run stays a reader (it neither waits for nor fails on an analyst's open session).
        if not _rebuild_due(warehouse.connect(target, read_only=True)):
            return None
        with warehouse.writer_lock(target):
            con = warehouse.connect(target)
            try:
                if not _rebuild_due(con, close=False):
                    return None
                say("building the search index…")
                counts = build_index(con)
            finally:
                con.close()
    except (duckdb.Error, warehouse.WarehouseBusy) as err:
        raise SearchError(f"search index not rebuilt (the previous one stays): {str(err).splitlines()[0]}") from err
    seconds = time.monotonic() - t
    say(f"        {counts['articles']} articles, {counts['quotes']} quotes indexed in {seconds:.2f}s")
    return seconds


def search(con: duckdb.DuckDBPyConnection, query: str, *, quotes: bool, since: dt.date | None = None,
           limit: int = 10, all_terms: bool = False) -> tuple[list[str], list[tuple]]:
    """Ranked hits of ``analytics.search_quotes`` or ``analytics.search_articles``: (columns, rows), best first."""
    macro = "analytics.search_quotes" if quotes else "analytics.search_articles"
    sql = (f"select * from {macro}(?, all_terms := ?) "
           "where ?::date is null or article_date >= ?::date limit ?")
    rel = con.execute(sql, [query, all_terms, since, since, limit])
    return [d[0] for d in rel.description], rel.fetchall()


def open_for_search(target: str, timeout_s: float = 120,
                    on_wait: Callable[[str], None] | None = None) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A read-only connection with fts loaded, and whether the index is older than the data.

    ``target``: an existing DuckDB file. Failures (a DuckLake, a file held too long, no index yet) raise
    :class:`SearchError` with one line.
    """
    if warehouse.is_lake(target):
        raise SearchError(LAKE_UNSUPPORTED)
    try:
        con = warehouse.connect(target, read_only=True, timeout_s=timeout_s, on_wait=on_wait)
    except warehouse.WarehouseBusy as err:
        raise SearchError(str(err)) from err
    stamp = indexed_stamp(con)
    if stamp is None:
        con.close()
        raise SearchError(f"{target} has no search index yet; `news-warehouse run` builds it")
    load_fts(con)
    return con, stamp != current_stamp(con)
