"""Table definitions: one per Python-written table, the single source of its columns and types.

``TABLES`` gives each table's columns in order with their DuckDB types and
what they mean; the Polars schemas of the frames handed to DuckDB, the DDL
that creates the tables and the column schemas of the Dagster assets all
come from it. Every table but ``meta.builds`` carries ``partition_date``.
What the columns of ``raw.*`` and ``core.*`` mean is written once, for dbt:
the doc block their dbt source (``sql/models/staging/sources.yml``) names in
``sql/models/docs.md``; ``meta.*`` tables are no dbt source and are described here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import duckdb
import polars as pl
import yaml

from pipelines.settings import DBT_DIR
from pipelines.warehouse.transactions import retry_conflicts

DOCS_FILE = DBT_DIR / "models" / "docs.md"
SOURCES_FILE = DBT_DIR / "models" / "staging" / "sources.yml"
_DOC_BLOCK = re.compile(r"{%-?\s*docs\s+(\w+)\s*-?%}(.*?){%-?\s*enddocs\s*-?%}", re.S)
_DOC_REF = re.compile(r"""^\{\{\s*doc\(\s*["'](\w+)["']\s*\)\s*\}\}$""")


class Column(NamedTuple):
    """A column: its DuckDB type (with NOT NULL where required) and what its values mean."""

    type: str
    doc: str


@functools.cache
def doc_blocks(path: Path = DOCS_FILE) -> dict[str, str]:
    """Every dbt doc block of ``path``: name -> text with its whitespace collapsed.

    In: a markdown file of ``{% docs sha256 %}SHA-256 (hex) of the bytes read…{% enddocs %}`` blocks.
    Out: ``{"sha256": "SHA-256 (hex) of the bytes read…", …}``.
    """
    text = re.sub(r"{#.*?#}", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {name: " ".join(body.split()) for name, body in _DOC_BLOCK.findall(text)}


def doc_reference(description: str) -> str | None:
    """The doc block a yml description refers to: ``'{{ doc("sha256") }}'`` -> ``"sha256"``; None for prose."""
    found = _DOC_REF.match(description.strip())
    return found.group(1) if found else None


@functools.cache
def source_docs(path: Path = SOURCES_FILE) -> dict[str, dict[str, str]]:
    """What each column of each dbt source table means, read where dbt reads it.

    In: the dbt sources file, whose column descriptions reference doc blocks of ``DOCS_FILE``.
    Out: ``{"raw.files": {"sha256": "SHA-256 (hex) of the bytes read…", …}, …}``; a description that is
    not a doc reference is taken as written.
    """
    blocks = doc_blocks()
    docs: dict[str, dict[str, str]] = {}
    for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
        for table in source["tables"]:
            docs[f"{source['name']}.{table['name']}"] = {
                c["name"]: blocks[ref] if (ref := doc_reference(c.get("description", ""))) else c.get("description", "")
                for c in table.get("columns", [])}
    return docs


def _described(table: str, types: Mapping[str, str]) -> dict[str, Column]:
    """``table``'s columns (column -> DuckDB type, in order) with the descriptions of its dbt source."""
    docs = source_docs()[table]
    missing = [c for c in types if c not in docs]
    if missing:
        raise KeyError(f"{table}: no description in {SOURCES_FILE} for {', '.join(missing)}")
    return {col: Column(type_, docs[col]) for col, type_ in types.items()}


C = Column
# meta.* tables are no dbt source; their partition and article columns mean what the sources' do.
_PARTITION = C("DATE NOT NULL", doc_blocks()["partition_date"])
_ARTICLE = C("VARCHAR NOT NULL", doc_blocks()["article_id"])

# One definition per table: column -> Column(type, doc). The order is the table's column order; the DDL,
# the Arrow schemas handed to DuckDB and the column schemas Dagster shows all come from here.
TABLES: dict[str, dict[str, Column]] = {
    "raw.files": _described("raw.files", {
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
    }),
    "raw.articles": _described("raw.articles", {
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
    }),
    "core.articles": _described("core.articles", {
        "article_id": "VARCHAR NOT NULL",
        "partition_date": "DATE NOT NULL",
        "source_path": "VARCHAR NOT NULL",
        "format": "VARCHAR",
        "source": "VARCHAR",
        "wire": "VARCHAR",
        "title": "VARCHAR",
        "published_date": "DATE",
        "byline": "VARCHAR",
        "url": "VARCHAR",
        "body": "VARCHAR NOT NULL",
        "word_count": "INTEGER NOT NULL",
        "boilerplate_removed": "VARCHAR[]",
        "minhash": "UINTEGER[]",
        "shingles": "INTEGER",
    }),
    "core.entity_mentions": _described("core.entity_mentions", {
        "article_id": "VARCHAR NOT NULL",
        "partition_date": "DATE NOT NULL",
        "mention": "VARCHAR NOT NULL",
        "label": "VARCHAR NOT NULL",
        "entity": "VARCHAR NOT NULL",
        "start_char": "INTEGER NOT NULL",
        "end_char": "INTEGER NOT NULL",
    }),
    "core.quotes": _described("core.quotes", {
        "article_id": "VARCHAR NOT NULL",
        "partition_date": "DATE NOT NULL",
        "quote_id": "VARCHAR NOT NULL",
        "quote": "VARCHAR NOT NULL",
        "kind": "VARCHAR NOT NULL",
        "speaker": "VARCHAR",
        "speaker_kind": "VARCHAR",
        "speaker_type": "VARCHAR",
        "speaker_mention": "VARCHAR",
        "cue": "VARCHAR",
        "start_char": "INTEGER NOT NULL",
        "end_char": "INTEGER NOT NULL",
        "continues_quote_id": "VARCHAR",
    }),
    # Which extraction version produced each article's mentions and quotes (the NER cache key).
    "meta.article_extractions": {
        "partition_date": _PARTITION,
        "article_id": _ARTICLE,
        "extraction_version": C("VARCHAR NOT NULL", "Hash of pipelines/text/, pipelines/data/ and the spaCy model."),
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
