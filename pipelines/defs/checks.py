"""Asset checks: the warehouse's invariants, checked after every materialization."""


import dagster as dg

from pipelines import landing
from pipelines.defs.keys import CORE_ARTICLES, ENTITY_MENTIONS, QUOTES, RAW_FILES
from pipelines.defs.resources import Warehouse

# DuckDB's substr counts characters (code points) from 1, as Python's str indexing does from 0.
_OFFSET_SQL = """
select count(*) as bad, any_value(t.article_id) as example
from {table} t join core.articles a using (article_id)
where substr(a.body, t.start_char + 1, t.end_char - t.start_char) is distinct from t.{column}
"""


def _offsets_reproduce(warehouse_db: Warehouse, table: str, column: str) -> dg.AssetCheckResult:
    with warehouse_db.reader() as con:
        bad, example = con.execute(_OFFSET_SQL.format(table=table, column=column)).fetchone()
        total = con.execute(f"select count(*) from {table}").fetchone()[0]
    return dg.AssetCheckResult(
        passed=bad == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"rows": total, "rows_not_reproduced": bad, "example_article": example or ""},
        description=f"body[start_char:end_char] == {column} for every row",
    )


@dg.asset_check(asset=ENTITY_MENTIONS, description="Every mention's offsets reproduce its text in core.articles.body.")
def mention_offsets_reproduce_text(warehouse_db: Warehouse) -> dg.AssetCheckResult:
    return _offsets_reproduce(warehouse_db, "core.entity_mentions", "mention")


@dg.asset_check(asset=QUOTES, description="Every quote's offsets reproduce its text in core.articles.body.")
def quote_offsets_reproduce_text(warehouse_db: Warehouse) -> dg.AssetCheckResult:
    return _offsets_reproduce(warehouse_db, "core.quotes", "quote")


def files_recorded_check(con, root, partition_date) -> dg.AssetCheckResult:
    """Every file now under the partition's landing folder has a raw.files row (run inside the raw asset)."""
    recorded = {r[0] for r in con.execute(
        "select source_path from raw.files where partition_date = ?", [partition_date]).fetchall()}
    missing = [f.source_path for f in landing.files_for(root, partition_date) if f.source_path not in recorded]
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


def articles_kept_check(con, partition_date) -> dg.AssetCheckResult:
    """The partition did not lose articles it had before unless files went, and has articles if it has files."""
    problems = []
    for table, count, files, prev_rows, prev_files in con.execute(_LOAD_HISTORY_SQL, [partition_date]).fetchall():
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
