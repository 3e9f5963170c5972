"""Asset checks: the warehouse's invariants, checked after every materialization."""


import dagster as dg

from pipelines import landing
from pipelines.defs.assets import CORE_ARTICLES, ENTITY_MENTIONS, QUOTES, RAW_FILES
from pipelines.defs.resources import Landing, Warehouse

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


@dg.asset_check(asset=RAW_FILES, description="Every file under the landing folder has a raw.files row in its partition.")
def every_landed_file_recorded(landing_folder: Landing, warehouse_db: Warehouse) -> dg.AssetCheckResult:
    with warehouse_db.reader() as con:
        recorded = set(con.execute("select partition_date, source_path from raw.files").fetchall())
        loaded_partitions = {r[0] for r in recorded}
    # Only partitions that have been materialized are expected to be complete.
    missing = [f"{f.partition_date} {f.source_path}" for f in landing.scan(landing_folder.path)
               if f.partition_date in loaded_partitions and (f.partition_date, f.source_path) not in recorded]
    return dg.AssetCheckResult(
        passed=not missing,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"files_recorded": len(recorded), "files_missing": len(missing), "missing": ", ".join(missing[:20])},
    )


# For each partition and table, the latest load and the one before it.
_LOAD_HISTORY_SQL = """
with ranked as (
    select *, row_number() over (partition by partition_date, table_name order by loaded_at desc) as n
    from meta.partition_loads where table_name in ('raw.articles', 'core.articles')
)
select cur.partition_date, cur.table_name, cur.row_count, cur.files_present,
       prev.row_count as prev_rows, prev.files_present as prev_files
from ranked cur left join ranked prev
  on prev.partition_date = cur.partition_date and prev.table_name = cur.table_name and prev.n = 2
where cur.n = 1
"""


@dg.asset_check(asset=CORE_ARTICLES, description=(
    "No partition lost articles it had before unless files were removed, "
    "and no partition with loaded files has zero articles."))
def partitions_keep_their_articles(warehouse_db: Warehouse) -> dg.AssetCheckResult:
    with warehouse_db.reader() as con:
        rows = con.execute(_LOAD_HISTORY_SQL).fetchall()
    problems = []
    for pdate, table, count, files, prev_rows, prev_files in rows:
        if count == 0 and files > 0:
            problems.append(f"{pdate} {table}: 0 rows with {files} loaded files")
        elif prev_rows is not None and count < prev_rows and files >= prev_files:
            problems.append(f"{pdate} {table}: {prev_rows} -> {count} rows while loaded files went {prev_files} -> {files}")
    return dg.AssetCheckResult(
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"partitions_checked": len({r[0] for r in rows}), "problems": "; ".join(problems[:20])},
    )
