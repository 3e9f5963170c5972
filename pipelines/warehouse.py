"""The warehouse: table definitions, one writer at a time, atomic partition replace.

A target is either a DuckDB file (the default) or a DuckLake attach string
(``ducklake:postgres:dbname=… host=… port=… user=…``: catalog in PostgreSQL,
data as Parquet files under a data path). The same tables live in both.

Every Python-written table carries ``partition_date``; writing a partition
deletes that partition's rows and inserts the new ones in one transaction,
so a rerun gives the same rows and a killed run leaves the previous state.
On a DuckDB file, writers serialise on an advisory file lock next to the
database (DuckDB itself would fail the second writer with "Could not set lock
on file"). DuckLake takes concurrent writers: a transaction that conflicts
with another's commit is retried with bounded back-off.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import importlib
import os
import random
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import duckdb
import pyarrow as pa

# One definition per table: column -> DuckDB type. The order is the table's column order.
TABLES: dict[str, dict[str, str]] = {
    "raw.files": {
        "partition_date": "DATE NOT NULL",
        "source_path": "VARCHAR NOT NULL",
        "sha256": "VARCHAR",
        "size_bytes": "BIGINT",
        "status": "VARCHAR NOT NULL",
        "reason": "VARCHAR",
        "encoding": "VARCHAR",
        "format": "VARCHAR",
        "modified_at": "TIMESTAMP",
        "records": "INTEGER",
        "records_loaded": "INTEGER",
    },
    "raw.articles": {
        "article_id": "VARCHAR",
        "partition_date": "DATE NOT NULL",
        "source_path": "VARCHAR NOT NULL",
        "locator": "VARCHAR NOT NULL",
        "format": "VARCHAR NOT NULL",
        "status": "VARCHAR NOT NULL",
        "reason": "VARCHAR",
        "content": "VARCHAR",
        "title": "VARCHAR",
        "published_date": "DATE",
        "byline": "VARCHAR",
        "url": "VARCHAR",
        "body": "VARCHAR",
        "boilerplate_removed": "VARCHAR[]",
    },
    "core.articles": {
        "article_id": "VARCHAR NOT NULL",
        "partition_date": "DATE NOT NULL",
        "source_path": "VARCHAR NOT NULL",
        "format": "VARCHAR",
        "title": "VARCHAR",
        "published_date": "DATE",
        "byline": "VARCHAR",
        "url": "VARCHAR",
        "body": "VARCHAR NOT NULL",
        "word_count": "INTEGER NOT NULL",
        "boilerplate_removed": "VARCHAR[]",
    },
    "core.entity_mentions": {
        "article_id": "VARCHAR NOT NULL",
        "partition_date": "DATE NOT NULL",
        "mention": "VARCHAR NOT NULL",
        "label": "VARCHAR NOT NULL",
        "entity": "VARCHAR NOT NULL",
        "article_entity": "VARCHAR",
        "article_label": "VARCHAR",
        "start_char": "INTEGER NOT NULL",
        "end_char": "INTEGER NOT NULL",
    },
    "core.quotes": {
        "article_id": "VARCHAR NOT NULL",
        "partition_date": "DATE NOT NULL",
        "quote_id": "VARCHAR NOT NULL",
        "quote": "VARCHAR NOT NULL",
        "kind": "VARCHAR NOT NULL",
        "speaker": "VARCHAR",
        "article_speaker": "VARCHAR",
        "speaker_mention": "VARCHAR",
        "cue": "VARCHAR",
        "start_char": "INTEGER NOT NULL",
        "end_char": "INTEGER NOT NULL",
    },
    # Which extraction version produced each article's mentions and quotes (the NER cache key).
    "meta.article_extractions": {
        "partition_date": "DATE NOT NULL",
        "article_id": "VARCHAR NOT NULL",
        "extraction_version": "VARCHAR NOT NULL",
    },
    # A partition's landing fingerprint and pipeline version, written with its rows; complete = false when
    # a removed file means the partition must rerun to load the next copy of an article (stale_duplicates).
    "meta.partition_state": {
        "partition_date": "DATE NOT NULL",
        "fingerprint": "VARCHAR NOT NULL",
        "pipeline_version": "VARCHAR NOT NULL",
        "complete": "BOOLEAN NOT NULL",
        "updated_at": "TIMESTAMP NOT NULL",
    },
    # Non-partitioned builds (the dbt project): what version was last built successfully.
    "meta.builds": {
        "name": "VARCHAR NOT NULL",
        "version": "VARCHAR NOT NULL",
        "built_at": "TIMESTAMP NOT NULL",
    },
    # One row per partition write: what the asset checks compare run to run.
    "meta.partition_loads": {
        "partition_date": "DATE NOT NULL",
        "table_name": "VARCHAR NOT NULL",
        "row_count": "BIGINT NOT NULL",
        "files_present": "BIGINT NOT NULL",
        "loaded_at": "TIMESTAMP NOT NULL",
        "run_id": "VARCHAR",
    },
}
# Written per partition, but history is appended, never replaced.
APPEND_ONLY = {"meta.partition_loads"}

_ARROW = {
    "DATE": pa.date32(),
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()),
}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(col, _ARROW[typ.replace(" NOT NULL", "")]) for col, typ in TABLES[table].items()])


def to_arrow(table: str, rows: list[Mapping]) -> pa.Table:
    """Rows (dicts) -> an Arrow table with exactly ``table``'s columns and types."""
    schema = arrow_schema(table)
    return pa.Table.from_pylist([{c: r.get(c) for c in schema.names} for r in rows], schema=schema)


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing schemas, tables and columns (only what is missing: on DuckLake every DDL is a snapshot)."""
    have = {(r[0], r[1], r[2]) for r in con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_catalog = current_database()").fetchall()}
    tables = {(s, t) for s, t, _ in have}
    ddl = []
    for schema in sorted({t.split(".")[0] for t in TABLES} - {s for s, _ in tables}):
        ddl.append(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    for table, cols in TABLES.items():
        schema, name = table.split(".")
        if (schema, name) not in tables:
            ddl.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{c} {t}' for c, t in cols.items())})")
            continue
        for c, t in cols.items():  # columns added after a warehouse was first built
            if (schema, name, c) not in have:
                ddl.append(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {c} {t.replace(' NOT NULL', '')}")
    if ddl:
        _retry_conflicts(lambda: [con.execute(d) for d in ddl])


def _retry_conflicts(fn: Callable[[], object], attempts: int = 8) -> None:
    """Run ``fn``; on a DuckLake commit conflict, retry with jittered exponential back-off (bounded)."""
    for attempt in range(1, attempts + 1):
        try:
            fn()
            return
        except (duckdb.TransactionException, duckdb.CatalogException) as err:
            msg = str(err).lower()
            if attempt == attempts or not ("conflict" in msg or "already exists" in msg):
                raise
            time.sleep(min(5.0, 0.1 * 2**attempt) * (0.5 + random.random()))


class WarehouseBusy(RuntimeError):
    pass


LAKE_ALIAS = "lake"
_EXTENSION_PACKAGES = {"ducklake": "duckdb_extension_ducklake", "postgres_scanner": "duckdb_extension_postgres_scanner"}


def _literal(value: str) -> str:
    """A SQL string literal, for ATTACH: it takes no ? parameters (DuckDB 1.5.5: "ATTACH ? AS x" is a parser
    error) and Python has no attach API. Only configuration (attach string, data path) goes through here."""
    return "'" + value.replace("'", "''") + "'"


def is_lake(target: str | Path) -> bool:
    """True for a DuckLake attach string, False for a DuckDB file path."""
    return str(target).startswith("ducklake:")


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckLake and the PostgreSQL scanner, installing them once from their PyPI packages (no network)."""
    installed = {r[0] for r in con.execute(
        "select extension_name from duckdb_extensions() where installed").fetchall()}
    for name, package in _EXTENSION_PACKAGES.items():
        if name not in installed:
            pkg_dir = os.path.dirname(importlib.import_module(package).__file__)
            (binary,) = glob.glob(os.path.join(pkg_dir, "extensions", f"v{duckdb.__version__}", f"{name}.duckdb_extension"))
            con.install_extension(binary)
        con.load_extension(name)


# One attached DuckLake per process and target: attaching (extensions, catalog
# round trips) costs ~0.5 s, and a lake, unlike a DuckDB file, needs no
# connection closed to let other writers in. Callers get cursors of it.
_LAKES: dict[tuple[str, str | None, bool], duckdb.DuckDBPyConnection] = {}


def _connect_lake(target: str, read_only: bool, data_path: str | None) -> duckdb.DuckDBPyConnection:
    key = (target, data_path, read_only)
    if key not in _LAKES:
        con = duckdb.connect()
        load_extensions(con)
        options = []
        if data_path:
            Path(data_path).mkdir(parents=True, exist_ok=True)
            options.append(f"DATA_PATH {_literal(str(Path(data_path).resolve()) + '/')}")
        if read_only:
            options.append("READ_ONLY")
        opts = f" ({', '.join(options)})" if options else ""
        con.execute(f"ATTACH {_literal(target)} AS {LAKE_ALIAS}{opts}")  # ATTACH takes no parameters
        if not read_only:
            con.execute(f"USE {LAKE_ALIAS}")
            create_tables(con)
        _LAKES[key] = con
    cursor = _LAKES[key].cursor()
    cursor.execute(f"USE {LAKE_ALIAS}")
    return cursor


@contextlib.contextmanager
def writer_lock(db_path: str | Path, on_wait: Callable[[str], None] | None = None, timeout_s: float = 3600) -> Iterator[None]:
    """Hold the warehouse's single-writer lock (``<db>.lock``), waiting for another writer if needed.

    A DuckLake target needs no lock: it takes concurrent writers.
    """
    if is_lake(db_path):
        yield
        return
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            if on_wait:
                on_wait(f"warehouse {db_path} is being written by {holder}; waiting for it to finish")
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise WarehouseBusy(f"gave up waiting {timeout_s:.0f}s for the writer lock on {db_path}") from None
                    time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def connect(db_path: str | Path, *, read_only: bool = False, on_wait: Callable[[str], None] | None = None,
            timeout_s: float = 60, data_path: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying while another process (a reader, an analyst's shell) holds a DuckDB file."""
    if is_lake(db_path):
        return _connect_lake(str(db_path), read_only, data_path)
    if not read_only:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    warned = False
    delay = 0.1
    while True:
        try:
            con = duckdb.connect(str(db_path), read_only=read_only)
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower() or time.monotonic() > deadline:
                raise WarehouseBusy(f"cannot open {db_path}: {str(err).splitlines()[0]}") from err
            if on_wait and not warned:
                on_wait(f"{db_path} is open in another process; retrying for up to {timeout_s:.0f}s")
                warned = True
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
    if not read_only:
        create_tables(con)
    return con


def in_transaction(con: duckdb.DuckDBPyConnection, fn: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    """Run ``fn(con)`` in one transaction; on a DuckLake commit conflict, roll back and run it again (bounded)."""

    def once() -> None:
        con.execute("BEGIN TRANSACTION")
        try:
            fn(con)
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # a failed COMMIT has already ended the transaction
                con.execute("ROLLBACK")
            raise

    _retry_conflicts(once)


def replace_partition(con: duckdb.DuckDBPyConnection, partition_date, tables: Mapping[str, pa.Table],
                      then: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> None:
    """Replace ``partition_date``'s rows in every table of ``tables`` in ONE transaction.

    ``then`` runs inside the same transaction after the inserts (warehouse-wide fix-ups).
    """

    def write(con: duckdb.DuckDBPyConnection) -> None:
        for i, (table, data) in enumerate(tables.items()):
            if table not in APPEND_ONLY:
                con.execute(f"DELETE FROM {table} WHERE partition_date = ?", [partition_date])
            if data.num_rows:
                name = f"_incoming_{i}"
                con.register(name, data)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
                con.unregister(name)
        if then is not None:
            then(con)

    in_transaction(con, write)


# Person names across the warehouse. Per-article canonical names
# (article_entity) are unified in two ways: spellings that differ only in
# accents or case become the most used one ("François Hollande" and
# "Francois Hollande"), and a bare surname becomes the full name when the full
# names ending in it agree (one person has 3 in 4 of their mentions): "Obama"
# in an article that never gives his first name is "Barack Obama". Built from
# the per-article values only, so the result depends on what the warehouse
# holds, not on the order partitions were written in.
_NAME_MAPS_SQL = """
create or replace temp table person_spelling as
    select strip_accents(lower(article_entity)) as name_key, arg_max(article_entity, n) as full_name,
           sum(n) as n, any_value(regexp_extract(article_entity, '(\\S+)$', 1)) as surname
    from (select article_entity, count(*) as n from core.entity_mentions
          where article_label = 'PERSON' and article_entity like '% %' group by all)
    group by all;
create or replace temp table surname_map as
with ranked as (
    select *, sum(n) over (partition by surname) as total,
           row_number() over (partition by surname order by n desc, full_name) as rank
    from person_spelling
), bare_labels as (
    -- how the model labels the bare surname across the warehouse
    select mention as surname,
           count(*) filter (where article_label = 'PERSON') as as_person,
           count(*) filter (where article_label = 'ORG') as as_org
    from core.entity_mentions where mention not like '% %' group by all
)
select r.surname, r.full_name, coalesce(l.as_person, 0) > coalesce(l.as_org, 0) as mostly_person
from ranked r left join bare_labels l using (surname)
where r.rank = 1 and r.n >= 0.75 * r.total;
create or replace temp table name_map as
    select article_entity as name, 'PERSON' as from_label, s.full_name, 'PERSON' as label
    from (select distinct article_entity from core.entity_mentions
          where article_label = 'PERSON' and article_entity like '% %') e
    join person_spelling s on s.name_key = strip_accents(lower(e.article_entity))
    union all
    select surname, 'PERSON', full_name, 'PERSON' from surname_map
    union all
    select surname, 'ORG', full_name, 'PERSON' from surname_map where mostly_person;
"""


def resolve_names(con: duckdb.DuckDBPyConnection) -> None:
    """Set entity/label/speaker from the per-article values through the warehouse-wide name map.

    Runs inside the caller's transaction. A bare surname the model tagged ORG
    becomes PERSON only when the warehouse tags that word PERSON more often
    than ORG ("Hollande" yes, "Ford" the carmaker no).
    """
    con.execute(_NAME_MAPS_SQL)
    con.execute("""
        with resolved as (
            select m.rowid as rid, coalesce(n.full_name, m.article_entity) as entity,
                   coalesce(n.label, m.article_label) as label
            from core.entity_mentions m
            left join name_map n on n.name = m.article_entity and n.from_label = m.article_label
            where m.article_label in ('PERSON', 'ORG')
        )
        update core.entity_mentions m set entity = r.entity, label = r.label
        from resolved r
        where m.rowid = r.rid and (m.entity is distinct from r.entity or m.label is distinct from r.label)
    """)
    con.execute("""
        with resolved as (
            select q.rowid as rid, coalesce(n.full_name, q.article_speaker) as speaker
            from core.quotes q
            left join (select distinct name, full_name from name_map where from_label = 'PERSON') n
              on n.name = q.article_speaker
            where q.article_speaker is not null
        )
        update core.quotes q set speaker = r.speaker
        from resolved r
        where q.rowid = r.rid and q.speaker is distinct from r.speaker
    """)


def demote_later_copies(con: duckdb.DuckDBPyConnection) -> None:
    """Keep one loaded copy per article id: the first by (partition_date, source_path, locator).

    Later copies still marked loaded (their partition ran first, or at the same
    time on DuckLake) become duplicates, their core rows go, and their files'
    status follows. Warehouse-wide and idempotent; runs inside the caller's
    transaction.
    """
    con.execute("""
        create or replace temp table demoted as
        with ranked as (
            select partition_date, source_path, locator, article_id,
                   first_value(source_path || locator) over w as winner,
                   row_number() over w as n
            from raw.articles where status = 'loaded'
            window w as (partition by article_id order by partition_date, source_path, locator)
        )
        select * from ranked where n > 1
    """)
    if not con.execute("select count(*) from demoted").fetchone()[0]:
        return
    con.execute("""
        update raw.articles a set status = 'duplicate', reason = 'same text as ' || d.winner
        from demoted d
        where a.partition_date = d.partition_date and a.source_path = d.source_path and a.locator = d.locator
    """)
    for table in ("core.articles", "core.entity_mentions", "core.quotes"):
        con.execute(f"delete from {table} t using demoted d "
                    f"where t.article_id = d.article_id and t.partition_date = d.partition_date")
    con.execute("""
        update raw.files f
        set records_loaded = c.loaded,
            status = case when c.loaded = 0 then 'duplicate' else f.status end,
            reason = case when c.loaded = 0 then c.reason else f.reason end
        from (
            select a.partition_date, a.source_path, count(*) filter (where a.status = 'loaded') as loaded,
                   any_value(a.reason) filter (where a.status = 'duplicate') as reason
            from raw.articles a
            join (select distinct partition_date, source_path from demoted) d using (partition_date, source_path)
            group by all
        ) c
        where f.partition_date = c.partition_date and f.source_path = c.source_path
    """)


def earlier_copies(con: duckdb.DuckDBPyConnection, partition_date) -> dict[str, tuple]:
    """article_id -> (partition_date, source_path, locator) of its first copy outside ``partition_date``.

    First by (partition_date, source_path, locator) among copies not rejected: the order
    ``demote_later_copies`` and ``stale_duplicates`` use too, so the copy loaded does not
    depend on the order partitions run in.
    """
    return {r[0]: (r[1], r[2], r[3]) for r in con.execute("""
        select article_id, arg_min(partition_date, (partition_date, source_path, locator)),
               arg_min(source_path, (partition_date, source_path, locator)),
               arg_min(locator, (partition_date, source_path, locator))
        from raw.articles
        where article_id is not null and status <> 'rejected' and partition_date <> ?
        group by article_id
    """, [partition_date]).fetchall()}


def stale_duplicates(con: duckdb.DuckDBPyConnection) -> dict:
    """Partitions holding an article's first copy marked 'duplicate' while no copy of it is loaded.

    That happens when the loaded copy's file was removed (its partition reran)
    or when an earlier copy vanished between a step's read and its write.
    Returns {partition_date: 'source_path#locator'} of one such copy each.
    """
    return dict(con.execute("""
        with first as (
            select article_id, arg_min(partition_date, (partition_date, source_path, locator)) as partition_date,
                   arg_min(source_path || locator, (partition_date, source_path, locator)) as copy,
                   count(*) filter (where status = 'loaded') as loaded
            from raw.articles where article_id is not null and status <> 'rejected' group by article_id
        )
        select partition_date, any_value(copy) from first where loaded = 0 group by partition_date
    """).fetchall())


def drop_orphans(con: duckdb.DuckDBPyConnection, partition_date=None) -> None:
    """Delete core rows whose article is not (or no longer) loaded in raw.articles for that partition.

    A partition's mentions are computed from the articles it had when the step
    started; if another partition demoted one of them meanwhile, its rows are
    orphans. With ``partition_date`` only that partition is checked.
    """
    where = "where t.partition_date = ?" if partition_date is not None else ""
    params = [partition_date] if partition_date is not None else []
    for table in ("core.articles", "core.entity_mentions", "core.quotes"):
        con.execute(f"""
            delete from {table} t
            where t.rowid in (
                select t.rowid from {table} t
                anti join (select article_id, partition_date from raw.articles where status = 'loaded') a
                  using (article_id, partition_date)
                {where})
        """, params)


def reconcile(con: duckdb.DuckDBPyConnection) -> None:
    """Warehouse-wide fix-ups that concurrent partition writers can leave undone: one copy per article, names."""
    demote_later_copies(con)
    drop_orphans(con)
    resolve_names(con)
