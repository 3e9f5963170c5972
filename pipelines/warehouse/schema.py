"""Table definitions: one per Python-written table, the single source of its columns and types.

``TABLES`` gives each table's columns in order with their DuckDB types and
what they mean; the Polars schemas of the frames handed to DuckDB, the DDL
that creates the tables and the column schemas of the Dagster assets all
come from it. Every table but ``meta.builds`` carries ``partition_date``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import duckdb
import polars as pl

from pipelines.warehouse.transactions import retry_conflicts


class Column(NamedTuple):
    """A column: its DuckDB type (with NOT NULL where required) and what its values mean."""

    type: str
    doc: str


C = Column
_PARTITION = C("DATE NOT NULL", "Landing date: the YYYY-MM-DD folder the file was dropped in (the partition).")
_ARTICLE = C("VARCHAR NOT NULL", "Content hash of the clean body (whitespace and case ignored): the article's identity.")
_SOURCE_PATH = C("VARCHAR NOT NULL", "File path relative to the landing root, '/'-separated.")

# One definition per table: column -> Column(type, doc). The order is the table's column order; the DDL,
# the Arrow schemas handed to DuckDB and the column schemas Dagster shows all come from here.
TABLES: dict[str, dict[str, Column]] = {
    "raw.files": {
        "partition_date": _PARTITION,
        "source_path": _SOURCE_PATH,
        "sha256": C("VARCHAR", "SHA-256 of the bytes read; NULL when the file could not be read."),
        "size_bytes": C("BIGINT", "Size in bytes."),
        "status": C("VARCHAR NOT NULL", "loaded / duplicate (of an earlier file of the same date) / rejected, "
                                        "as the file's own date sees it (analytics.files: across the warehouse)."),
        "reason": C("VARCHAR", "Why the file was rejected, a duplicate, or only partly loaded; NULL when loaded whole."),
        "encoding": C("VARCHAR", "Text encoding the bytes were decoded with (utf-8, cp1252, …)."),
        "format": C("VARCHAR", "text / html / json / jsonl / unsupported, from the file extension."),
        "modified_at": C("TIMESTAMP", "File modification time (UTC) when listed."),
        "records": C("INTEGER", "Article records found in the file (JSONL: one per line)."),
        "records_loaded": C("INTEGER", "Records loaded (not rejected, not a duplicate within the date)."),
    },
    "raw.articles": {
        "article_id": C("VARCHAR", "Content hash of the clean body; NULL for a rejected record."),
        "partition_date": _PARTITION,
        "source_path": _SOURCE_PATH,
        "locator": C("VARCHAR NOT NULL", "Where in the file: '#3' = JSONL line 3; '' for a one-article file."),
        "format": C("VARCHAR NOT NULL", "text / html / json of the record."),
        "status": C("VARCHAR NOT NULL", "loaded / duplicate (same text as an earlier record of the date) / rejected."),
        "reason": C("VARCHAR", "Why the record was not loaded."),
        "content": C("VARCHAR", "The record as landed: page HTML, JSON line, text."),
        "title": C("VARCHAR", "Headline."),
        "published_date": C("DATE", "Publication date the article states; NULL when unknown."),
        "byline": C("VARCHAR", "Author(s) or agency as the article gives them."),
        "url": C("VARCHAR", "Canonical URL when the record carries one."),
        "body": C("VARCHAR", "Clean article text (boilerplate, headline and byline removed)."),
        "boilerplate_removed": C("VARCHAR[]", "Lines removed from the body as boilerplate."),
    },
    "core.articles": {
        "article_id": _ARTICLE,
        "partition_date": _PARTITION,
        "source_path": C("VARCHAR NOT NULL", "File path relative to the landing root, with the record's locator."),
        "format": C("VARCHAR", "text / html / json of the record."),
        "title": C("VARCHAR", "Headline."),
        "published_date": C("DATE", "Publication date the article states; NULL when unknown."),
        "byline": C("VARCHAR", "Author(s) or agency as the article gives them."),
        "url": C("VARCHAR", "Canonical URL when known."),
        "body": C("VARCHAR NOT NULL", "Clean article text; every mention's and quote's offsets point into it."),
        "word_count": C("INTEGER NOT NULL", "Whitespace-separated words of the body."),
        "boilerplate_removed": C("VARCHAR[]", "Lines removed from the body as boilerplate."),
        "minhash": C("UINTEGER[]", "128 MinHash values of the body's 3-word shingles (story clustering)."),
        "shingles": C("INTEGER", "Distinct 3-word shingles of the body."),
    },
    "core.entity_mentions": {
        "article_id": _ARTICLE,
        "partition_date": _PARTITION,
        "mention": C("VARCHAR NOT NULL", "The text as written: body[start_char:end_char]."),
        "label": C("VARCHAR NOT NULL", "PERSON / ORG / GPE / NORP / LOC / … within the article."),
        "entity": C("VARCHAR NOT NULL", "Canonical name within the article ('Vladimir Putin' for 'Putin' when the "
                                        "article names him in full; 'Islamic State' for 'ISIL')."),
        "start_char": C("INTEGER NOT NULL", "Offset of the first character in core.articles.body (0-based)."),
        "end_char": C("INTEGER NOT NULL", "Offset after the last character in core.articles.body."),
    },
    "core.quotes": {
        "article_id": _ARTICLE,
        "partition_date": _PARTITION,
        "quote_id": C("VARCHAR NOT NULL", "Hash of the article id, offsets and kind (the same in every copy)."),
        "quote": C("VARCHAR NOT NULL", "The quotation without its marks: body[start_char:end_char]."),
        "kind": C("VARCHAR NOT NULL", "direct (a sentence or more) / partial (a fragment in the author's sentence) / "
                                      "reported (indirect speech)."),
        "speaker": C("VARCHAR", "Canonical speaker within the article; for an unnamed source the description "
                                "('insider'); NULL when the text does not say."),
        "speaker_kind": C("VARCHAR", "How the text names the speaker: named / pronoun / described / unnamed."),
        "speaker_mention": C("VARCHAR", "The speaker as written at the quote: 'he', 'Cameron', 'a spokeswoman'."),
        "cue": C("VARCHAR", "The speech verb: said, added, told, …"),
        "start_char": C("INTEGER NOT NULL", "Offset of the quote's first character in core.articles.body."),
        "end_char": C("INTEGER NOT NULL", "Offset after the quote's last character in core.articles.body."),
    },
    # Which extraction version produced each article's mentions and quotes (the NER cache key).
    "meta.article_extractions": {
        "partition_date": _PARTITION,
        "article_id": _ARTICLE,
        "extraction_version": C("VARCHAR NOT NULL", "Hash of the model, alias list and extraction code."),
    },
    # A partition's landing fingerprint and pipeline version, written with its rows: `news-warehouse run`
    # skips a partition whose files and pipeline are unchanged.
    "meta.partition_state": {
        "partition_date": _PARTITION,
        "fingerprint": C("VARCHAR NOT NULL", "Hash of the date folder's paths, sizes and mtimes."),
        "pipeline_version": C("VARCHAR NOT NULL", "Hash of the code and data that shape the rows."),
        "updated_at": C("TIMESTAMP NOT NULL", "When the partition was last written (UTC)."),
    },
    # Non-partitioned builds (the dbt project): what version was last built successfully.
    "meta.builds": {
        "name": C("VARCHAR NOT NULL", "What was built ('dbt')."),
        "version": C("VARCHAR NOT NULL", "Hash of the dbt project and its seeds."),
        "built_at": C("TIMESTAMP NOT NULL", "When (UTC)."),
    },
    # One row per partition write: what the asset checks compare run to run.
    "meta.partition_loads": {
        "partition_date": _PARTITION,
        "table_name": C("VARCHAR NOT NULL", "Table written."),
        "row_count": C("BIGINT NOT NULL", "Rows the partition has in it after the write."),
        "files_present": C("BIGINT NOT NULL", "Files (or loaded files) the rows came from."),
        "loaded_at": C("TIMESTAMP NOT NULL", "When (UTC)."),
        "run_id": C("VARCHAR", "Dagster run id of the write."),
    },
}
# Written per partition, but history is appended, never replaced.
APPEND_ONLY = {"meta.partition_loads"}

_POLARS = {
    "DATE": pl.Date,
    "VARCHAR": pl.String,
    "BIGINT": pl.Int64,
    "INTEGER": pl.Int32,
    "TIMESTAMP": pl.Datetime("us"),
    "BOOLEAN": pl.Boolean,
    "VARCHAR[]": pl.List(pl.String),
    "UINTEGER[]": pl.List(pl.UInt32),
}


def polars_schema(table: str) -> pl.Schema:
    """``table``'s columns and types as a Polars schema, from ``TABLES``."""
    return pl.Schema({col: _POLARS[c.type.replace(" NOT NULL", "")] for col, c in TABLES[table].items()})


def frame(table: str, data: Mapping[str, Sequence] | Sequence[Mapping] = ()) -> pl.DataFrame:
    """A Polars frame with exactly ``table``'s columns and types.

    ``data`` is columns (name -> values, the fast path for big tables) or
    records (dicts; missing keys are NULL, keys outside the table ignored).
    """
    schema = polars_schema(table)
    if isinstance(data, Mapping):
        return pl.DataFrame({c: data.get(c, [None] * _length(data)) for c in schema}, schema=schema)
    return pl.DataFrame(list(data), schema=schema) if data else pl.DataFrame(schema=schema)


def _length(columns: Mapping[str, Sequence]) -> int:
    return len(next(iter(columns.values()))) if columns else 0


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
            ddl.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{c} {t.type}' for c, t in cols.items())})")
            continue
        for c, t in cols.items():  # columns added after a warehouse was first built
            if (schema, name, c) not in have:
                ddl.append(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {c} {t.type.replace(' NOT NULL', '')}")
        for s, n, c in sorted(have):  # columns a newer definition no longer has
            if (s, n) == (schema, name) and c not in cols:
                ddl.append(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {c}")
    if ddl:
        retry_conflicts(lambda: [con.execute(d) for d in ddl])


def column_docs(table: str) -> list[tuple[str, str, str]]:
    """(column, DuckDB type, description) of ``table``, in order: for catalogs (Dagster's column schema)."""
    return [(col, c.type.replace(" NOT NULL", ""), c.doc) for col, c in TABLES[table].items()]
