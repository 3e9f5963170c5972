"""The DuckDB warehouse: table definitions, one writer at a time, atomic partition replace.

Every Python-written table carries ``partition_date``; writing a partition
deletes that partition's rows and inserts the new ones in one transaction,
so a rerun gives the same rows and a killed run leaves the previous state.
Writers serialise on an advisory file lock next to the database (DuckDB
itself would fail the second writer with "Could not set lock on file").
"""

from __future__ import annotations

import contextlib
import fcntl
import os
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
    "VARCHAR[]": pa.list_(pa.string()),
}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(col, _ARROW[typ.replace(" NOT NULL", "")]) for col, typ in TABLES[table].items()])


def to_arrow(table: str, rows: list[Mapping]) -> pa.Table:
    """Rows (dicts) -> an Arrow table with exactly ``table``'s columns and types."""
    schema = arrow_schema(table)
    return pa.Table.from_pylist([{c: r.get(c) for c in schema.names} for r in rows], schema=schema)


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for schema in sorted({t.split(".")[0] for t in TABLES}):
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    for table, cols in TABLES.items():
        ddl = ", ".join(f"{c} {t}" for c, t in cols.items())
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl})")
        for c, t in cols.items():  # columns added after a warehouse was first built
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {c} {t.replace(' NOT NULL', '')}")


class WarehouseBusy(RuntimeError):
    pass


@contextlib.contextmanager
def writer_lock(db_path: str | Path, on_wait: Callable[[str], None] | None = None, timeout_s: float = 3600) -> Iterator[None]:
    """Hold the warehouse's single-writer lock (``<db>.lock``), waiting for another writer if needed."""
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
            timeout_s: float = 60) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, retrying while another process (a reader, an analyst's shell) holds it."""
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


def replace_partition(con: duckdb.DuckDBPyConnection, partition_date, tables: Mapping[str, pa.Table],
                      then: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> None:
    """Replace ``partition_date``'s rows in every table of ``tables`` in ONE transaction.

    ``then`` runs inside the same transaction after the inserts (warehouse-wide fix-ups).
    """
    con.execute("BEGIN TRANSACTION")
    try:
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
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


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
