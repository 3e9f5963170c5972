"""Table definitions: one per Python-written table, the single source of its columns and types.

``TABLES`` gives each table's columns in order with their DuckDB types; the
Arrow schemas handed to DuckDB and the DDL that creates the tables both come
from it. Every table but ``meta.builds`` carries ``partition_date``.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import pyarrow as pa

from pipelines.warehouse.transactions import retry_conflicts

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
        # MinHash of the body's 3-word shingles and their number (pipelines.text.similarity): story clustering.
        "minhash": "UINTEGER[]",
        "shingles": "INTEGER",
    },
    "core.entity_mentions": {
        "article_id": "VARCHAR NOT NULL",
        "partition_date": "DATE NOT NULL",
        "mention": "VARCHAR NOT NULL",
        "label": "VARCHAR NOT NULL",
        "entity": "VARCHAR NOT NULL",
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
        # How the text names the speaker: named / pronoun / described / unnamed (speaker = the description).
        "speaker_kind": "VARCHAR",
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
    # A partition's landing fingerprint and pipeline version, written with its rows: `news-warehouse run`
    # skips a partition whose files and pipeline are unchanged.
    "meta.partition_state": {
        "partition_date": "DATE NOT NULL",
        "fingerprint": "VARCHAR NOT NULL",
        "pipeline_version": "VARCHAR NOT NULL",
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
    "UINTEGER[]": pa.list_(pa.uint32()),
}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(col, _ARROW[typ.replace(" NOT NULL", "")]) for col, typ in TABLES[table].items()])


def to_arrow(table: str, rows: list[Mapping]) -> pa.Table:
    """Rows (dicts) -> an Arrow table with exactly ``table``'s columns and types."""
    schema = arrow_schema(table)
    return pa.Table.from_pylist([{c: r.get(c) for c in schema.names} for r in rows], schema=schema)


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Bring the warehouse's schemas, tables and columns to ``TABLES``: create what is missing, drop what is gone.

    Every table here is rebuilt from the landing folder, so a column no longer
    defined is dropped rather than left to fail a NOT NULL. Only what differs
    is changed: on DuckLake every DDL statement is a snapshot.
    """
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
        for s, n, c in sorted(have):  # columns a newer definition no longer has
            if (s, n) == (schema, name) and c not in cols:
                ddl.append(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {c}")
    if ddl:
        retry_conflicts(lambda: [con.execute(d) for d in ddl])
