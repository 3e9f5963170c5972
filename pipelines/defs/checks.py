"""Asset checks: the invariants of the partition just written, checked inside its write step.

Each check reads only the partition written (its rows carry ``partition_date``),
so checking costs the same on a small warehouse and a huge one. What holds
across the whole warehouse is tested once per run by the dbt tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import landing
from pipelines.defs.keys import CORE_ARTICLES, ENTITY_MENTIONS, QUOTES, RAW_FILES

PARTITION_CHECKS = [
    dg.AssetCheckSpec("every_landed_file_recorded", asset=RAW_FILES,
                      description="Every file under the partition's landing folder has a raw.files row."),
    dg.AssetCheckSpec("partition_keeps_its_articles", asset=CORE_ARTICLES, description=(
        "The partition did not lose articles it had before unless files were removed, "
        "and has articles when it has loaded files.")),
    dg.AssetCheckSpec("mention_offsets_reproduce_text", asset=ENTITY_MENTIONS,
                      description="Every mention's offsets reproduce its text in core.articles.body."),
    dg.AssetCheckSpec("quote_offsets_reproduce_text", asset=QUOTES,
                      description="Every quote's offsets reproduce its text in core.articles.body."),
]


def partition_checks(con: duckdb.DuckDBPyConnection, root: Path, pdate: dt.date) -> list[dg.AssetCheckResult]:
    """Every check of :data:`PARTITION_CHECKS` on partition ``pdate``, inside the writer's connection."""
    return [
        files_recorded_check(con, root, pdate),
        articles_kept_check(con, pdate),
        offsets_check(con, pdate, ENTITY_MENTIONS, "mention_offsets_reproduce_text", "core.entity_mentions", "mention"),
        offsets_check(con, pdate, QUOTES, "quote_offsets_reproduce_text", "core.quotes", "quote"),
    ]


# DuckDB's substr counts characters (code points) from 1, as Python's str indexing does from 0.
_OFFSET_SQL = """
select count(*) as total,
       count(*) filter (where substr(a.body, t.start_char + 1, t.end_char - t.start_char) is distinct from t.{column}),
       any_value(t.article_id) filter (
           where substr(a.body, t.start_char + 1, t.end_char - t.start_char) is distinct from t.{column})
from {table} t join core.articles a on a.article_id = t.article_id and a.partition_date = t.partition_date
where t.partition_date = ? and a.partition_date = ?
"""


def offsets_check(con: duckdb.DuckDBPyConnection, pdate: dt.date, asset: dg.AssetKey, name: str, table: str,
                  column: str) -> dg.AssetCheckResult:
    """``body[start_char:end_char] == column`` for every row of ``table`` in the partition."""
    total, bad, example = con.execute(_OFFSET_SQL.format(table=table, column=column), [pdate, pdate]).fetchone()
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=name,
        passed=bad == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"rows": total, "rows_not_reproduced": bad, "example_article": example or ""},
        description=f"body[start_char:end_char] == {column} for every row of the partition",
    )


def files_recorded_check(con: duckdb.DuckDBPyConnection, root: Path, pdate: dt.date) -> dg.AssetCheckResult:
    """Every file now under the partition's landing folder has a raw.files row."""
    recorded = {r[0] for r in con.execute(
        "select source_path from raw.files where partition_date = ?", [pdate]).fetchall()}
    missing = [f.source_path for f in landing.files_for(root, pdate) if f.source_path not in recorded]
    return dg.AssetCheckResult(
        asset_key=RAW_FILES,
        check_name="every_landed_file_recorded",
        passed=not missing,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"files_recorded": len(recorded), "files_missing": len(missing), "missing": ", ".join(missing[:20])},
    )


# The partition's latest load of each table and the one before it.
_LOAD_HISTORY_SQL = """
with ranked as (
    select *, row_number() over (partition by table_name order by loaded_at desc) as n
    from meta.partition_loads
    where partition_date = ? and table_name in ('raw.articles', 'core.articles')
)
select cur.table_name, cur.row_count, cur.files_present, prev.row_count as prev_rows, prev.files_present as prev_files
from ranked cur left join ranked prev on prev.table_name = cur.table_name and prev.n = 2
where cur.n = 1
"""


def articles_kept_check(con: duckdb.DuckDBPyConnection, pdate: dt.date) -> dg.AssetCheckResult:
    """The partition did not lose articles it had before unless files went, and has articles if it has files."""
    problems = []
    for table, count, files, prev_rows, prev_files in con.execute(_LOAD_HISTORY_SQL, [pdate]).fetchall():
        if count == 0 and files > 0:
            problems.append(f"{table}: 0 rows with {files} loaded files")
        elif prev_rows is not None and count < prev_rows and files >= prev_files:
            problems.append(f"{table}: {prev_rows} -> {count} rows while loaded files went {prev_files} -> {files}")
    return dg.AssetCheckResult(
        asset_key=CORE_ARTICLES,
        check_name="partition_keeps_its_articles",
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"problems": "; ".join(problems) or "none"},
    )
