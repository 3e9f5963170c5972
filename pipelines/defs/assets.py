"""The partitioned Python tables: landing files -> raw.files/raw.articles -> core.articles -> mentions and quotes.

One Dagster step per landing date computes all five tables with
``pipelines.rows`` and the text core (the lineage between them is declared,
so the asset graph shows it) and replaces the partition in all of them in ONE
transaction: a reader sees a date wholly as before or wholly as after, and a
kill anywhere leaves the last committed state. The step reads and writes only
its own partition's rows; what spans partitions is the dbt models' work.
"""


import contextlib
import datetime as dt
import time
from collections.abc import Iterator

import dagster as dg
import polars as pl

from pipelines import landing, rows, settings, warehouse
from pipelines.defs import checks
from pipelines.defs.keys import CORE_ARTICLES, ENTITY_MENTIONS, QUOTES, RAW_ARTICLES, RAW_FILES
from pipelines.defs.partitions import landing_dates
from pipelines.defs.resources import Landing, NlpProcesses, Warehouse
from pipelines.malloc import keep_freed_memory
from pipelines.progress import PartitionProgress
from pipelines.versions import extraction_version, pipeline_version

RETRY = dg.RetryPolicy(max_retries=2, delay=5, backoff=dg.Backoff.EXPONENTIAL)
# What Dagster raises in a step on SIGINT or SIGTERM (it maps both to one handler), and Python's own.
INTERRUPTS = (dg.DagsterExecutionInterruptedError, KeyboardInterrupt)
EXTRACTED = ("core.entity_mentions", "core.quotes")


def _preview(rows: list[dict], cols: list[str], n: int = 5) -> dg.MetadataValue:
    if not rows:
        return dg.MetadataValue.md("_no rows_")
    head = "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n"
    body = "".join(
        "| " + " | ".join(str(r.get(c, ""))[:60].replace("|", "\\|").replace("\n", " ") for c in cols) + " |\n"
        for r in rows[:n]
    )
    return dg.MetadataValue.md(head + body)


def _column_schema(table: str) -> dict[str, dg.TableSchema]:
    """The asset's column schema for Dagster's catalog, from the one table definition (warehouse.TABLES)."""
    return {"dagster/column_schema": dg.TableSchema(columns=[
        dg.TableColumn(name, type_, description=doc) for name, type_, doc in warehouse.column_docs(table)])}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Stages:
    """Seconds per named stage of a step, reported as ``seconds_<stage>`` metadata."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t


def cached_extractions(warehouse_db: Warehouse, pdate: dt.date, version: str) -> tuple[set[str], dict[str, pl.DataFrame]]:
    """Articles of this partition already extracted by ``version``, and their mention and quote rows.

    An article whose content hash is unchanged keeps these rows instead of
    going through spaCy again. Reads the partition's own rows only.
    """
    with warehouse_db.reader() as con:
        ids = {r[0] for r in con.execute(
            "SELECT article_id FROM meta.article_extractions WHERE partition_date = ? AND extraction_version = ?",
            [pdate, version]).fetchall()}
        tables = {name: con.execute(f"SELECT * FROM {name} WHERE partition_date = ? AND article_id IN (SELECT unnest(?))",
                                    [pdate, sorted(ids)]).pl() for name in EXTRACTED}
    return ids, tables


def extract(pdate: dt.date, articles: list[dict], cached_ids: set[str], cached: dict[str, pl.DataFrame],
            nlp: NlpProcesses, log=None) -> tuple[dict[str, pl.DataFrame], int]:
    """Mentions and quotes of ``articles``: the cached rows of those in ``cached_ids``, spaCy for the rest.

    Returns ({table: rows}, number of articles that went through spaCy).
    """
    reused = sorted({a["article_id"] for a in articles} & cached_ids)
    todo = [(a["article_id"], a["body"]) for a in articles if a["article_id"] not in cached_ids]
    progress = PartitionProgress(f"{pdate} entities and quotes", len(todo), log, mode=nlp.progress)
    try:
        mentions, quotes = rows.extraction_rows(pdate, todo, nlp.extractor(), progress.advance)
    finally:
        progress.close()
    out = {}
    for name, new in (("core.entity_mentions", mentions), ("core.quotes", quotes)):
        fresh = warehouse.frame(name, new)
        old = cached[name].filter(pl.col("article_id").is_in(reused)).select(fresh.columns).cast(fresh.schema)
        out[name] = pl.concat([fresh, old])
    return out, len(todo)


def partition_rows(pdate: dt.date, files: list[landing.LandedFile], files_rows: list[dict], article_rows: list[dict],
                   articles: list[dict], extracted: dict[str, pl.DataFrame], version: str,
                   run_id: str) -> dict[str, pl.DataFrame]:
    """Every table's rows for the partition, ready for :func:`warehouse.replace_partition`."""
    kept_files = sum(1 for r in files_rows if r["status"] != "rejected")
    loads = [("raw.files", len(files_rows), len(files_rows)),
             ("raw.articles", sum(a["status"] != "rejected" for a in article_rows), kept_files),
             ("core.articles", len(articles), len(articles)),
             *((name, extracted[name].height, len(articles)) for name in EXTRACTED)]
    return {
        "raw.files": warehouse.frame("raw.files", files_rows),
        "raw.articles": warehouse.frame("raw.articles", article_rows),
        "core.articles": warehouse.frame("core.articles", articles),
        **extracted,
        "meta.article_extractions": warehouse.frame("meta.article_extractions", [
            dict(partition_date=pdate, article_id=aid, extraction_version=version)
            for aid in sorted({a["article_id"] for a in articles})]),
        "meta.partition_loads": warehouse.frame("meta.partition_loads", [
            dict(partition_date=pdate, table_name=t, row_count=n, files_present=f, loaded_at=_now(), run_id=run_id)
            for t, n, f in loads]),
        # `news-warehouse run` skips partitions whose landing fingerprint and pipeline version are unchanged.
        "meta.partition_state": warehouse.frame("meta.partition_state", [dict(
            partition_date=pdate, fingerprint=landing.fingerprint(files), pipeline_version=pipeline_version(),
            updated_at=_now())]),
    }


@dg.multi_asset(
    specs=[
        dg.AssetSpec(RAW_FILES, metadata=_column_schema("raw.files"), group_name="ingest", description=(
            "Every file seen under the landing folder, with status (loaded / duplicate / rejected) and reason, "
            "as its own partition sees it (analytics.files has the warehouse-wide status).")),
        dg.AssetSpec(RAW_ARTICLES, deps=[RAW_FILES], metadata=_column_schema("raw.articles"), group_name="ingest", description=(
            "Each article record found in the landed files, decoded, with its content as landed; duplicates "
            "within the partition and bad records kept with a reason.")),
        dg.AssetSpec(CORE_ARTICLES, metadata=_column_schema("core.articles"), deps=[RAW_ARTICLES], group_name="core",
                     description=(
            "One row per distinct article of a partition: clean body (boilerplate, headline and byline removed), "
            "title, published date, byline.")),
        dg.AssetSpec(ENTITY_MENTIONS, metadata=_column_schema("core.entity_mentions"), deps=[CORE_ARTICLES],
                     group_name="core", description=(
            "Each named-entity mention with its label and canonical name within the article; offsets into "
            "core.articles.body.")),
        dg.AssetSpec(QUOTES, metadata=_column_schema("core.quotes"), deps=[CORE_ARTICLES], group_name="core", description=(
            "Each quotation (direct, partial, reported) with its speaker (canonical within the article) and "
            "speech verb; offsets into core.articles.body.")),
    ],
    check_specs=checks.PARTITION_CHECKS,
    partitions_def=landing_dates,
    # No concurrency pool: partitions parse in parallel (--workers, several runs from the UI) and only the
    # final write takes turns, through the warehouse's writer lock (a DuckLake takes them all at once).
    retry_policy=RETRY,
)
def partition_tables(context: dg.AssetExecutionContext, landing_folder: Landing, warehouse_db: Warehouse,
                     nlp: NlpProcesses) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """List, read, decode, clean and deduplicate one landing date's files, extract entities and quotes, publish.

    Articles already extracted by the same extraction version (same content
    hash, same model, aliases and code) keep their rows: no spaCy for them.
    Only the final write takes the writer lock (on a DuckDB file), so
    partitions can do their NLP in parallel.
    """
    with stop_on_interrupt(nlp):
        yield from _partition_tables(context, landing_folder, warehouse_db, nlp)


@contextlib.contextmanager
def stop_on_interrupt(nlp: NlpProcesses) -> Iterator[None]:
    """A signal (SIGINT, SIGTERM) inside the step stops it for good: the parsing workers are killed and the
    step fails with ``settings.INTERRUPTED``, bypassing the retry policy.

    Why: Dagster turns the signal into a step failure, and the retry policy would run the partition again
    from the start, so a run that was asked to stop went on. The partition's write is one transaction: an
    interrupted one is rolled back.
    """
    try:
        yield
    except INTERRUPTS as err:
        nlp.stop()
        raise dg.Failure(settings.INTERRUPTED, allow_retries=False) from err


def _partition_tables(context: dg.AssetExecutionContext, landing_folder: Landing, warehouse_db: Warehouse,
                      nlp: NlpProcesses) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    warehouse_db.tag_run(context, str(landing_folder.path))
    keep_freed_memory()  # spaCy's batches reuse the heap instead of faulting in fresh pages each time
    pdate = dt.date.fromisoformat(context.partition_key)
    version = extraction_version()
    stage = Stages()
    with stage("read_state"):
        cached_ids, cached = cached_extractions(warehouse_db, pdate, version)
    with stage("ingest"):
        files = landing.files_for(landing_folder.path, pdate)
        nlp.warm(len(files) - len(cached_ids))  # the parsing workers start while the files are read and cleaned
        files_rows, article_rows = rows.ingest_partition(landing_folder.path, pdate, files, landing_folder.max_file_bytes,
                                                         landing_folder.max_article_chars)
        articles = rows.core_rows(article_rows)
    with stage("ner"):
        extracted, n_spacy = extract(pdate, articles, cached_ids, cached, nlp, context.log.info)
    with stage("write"):
        tables = partition_rows(pdate, files, files_rows, article_rows, articles, extracted, version,
                                context.run.run_id)
        with warehouse_db.writer(on_wait=context.log.info) as con:
            warehouse.replace_partition(con, pdate, tables)
            results = checks.partition_checks(con, landing_folder.path, pdate)
    context.log.info(f"{n_spacy} articles through spaCy, {len(articles) - n_spacy} unchanged articles kept their rows")
    yield from materializations(files_rows, article_rows, articles, tables, n_spacy, stage.seconds)
    yield from results


def materializations(files_rows: list[dict], article_rows: list[dict], articles: list[dict],
                     tables: dict[str, pl.DataFrame], n_spacy: int,
                     seconds: dict[str, float]) -> Iterator[dg.MaterializeResult]:
    """One MaterializeResult per asset of the step: row counts, previews, where the time went."""
    by_status = {s: sum(r["status"] == s for r in files_rows) for s in ("loaded", "duplicate", "rejected")}
    mentions, quotes = tables["core.entity_mentions"], tables["core.quotes"]
    yield dg.MaterializeResult(asset_key=RAW_FILES, metadata={
        "row_count": len(files_rows), **{f"files_{k}": v for k, v in by_status.items()},
        "preview": _preview(files_rows, ["source_path", "status", "reason", "encoding"]),
        # Where the step's time went (read the partition's cached rows, ingest, spaCy + rules, the one write).
        **{f"seconds_{k}": round(v, 3) for k, v in seconds.items()},
    })
    yield dg.MaterializeResult(asset_key=RAW_ARTICLES, metadata={
        "row_count": len(article_rows),
        "loaded": sum(a["status"] == "loaded" for a in article_rows),
        "preview": _preview(article_rows, ["source_path", "locator", "status", "format"]),
    })
    yield dg.MaterializeResult(asset_key=CORE_ARTICLES, metadata={
        "row_count": len(articles),
        "words": sum(a["word_count"] for a in articles),
        "preview": _preview(articles, ["title", "published_date", "byline", "word_count"]),
    })
    yield dg.MaterializeResult(asset_key=ENTITY_MENTIONS, metadata={
        "row_count": mentions.height, "articles": len(articles), "articles_extracted": n_spacy,
        "articles_cached": len(articles) - n_spacy,
        "preview": _preview(mentions.head(5).to_dicts(), ["mention", "label", "entity"]),
    })
    yield dg.MaterializeResult(asset_key=QUOTES, metadata={
        "row_count": quotes.height, "preview": _preview(quotes.head(5).to_dicts(), ["speaker", "kind", "quote"]),
    })
