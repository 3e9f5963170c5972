"""The partitioned Python tables: landing files -> raw.files/raw.articles -> core.articles -> mentions and quotes.

One Dagster step per landing date computes all five tables with the pure core
in ``pipelines.text`` (the lineage between them is declared, so the asset
graph shows it) and replaces the partition in all of them in ONE transaction:
a reader sees a date wholly as before or wholly as after, never raw rows of
one run next to core rows of another, and a kill anywhere leaves the last
committed state.
"""


import datetime as dt
import hashlib
import re
import time
from collections.abc import Iterator

import dagster as dg
import pyarrow as pa
import pyarrow.compute as pc

from pipelines import landing, warehouse
from pipelines.defs.checks import articles_kept_check, files_recorded_check
from pipelines.defs.keys import CORE_ARTICLES, ENTITY_MENTIONS, QUOTES, RAW_ARTICLES, RAW_FILES
from pipelines.defs.partitions import daily
from pipelines.defs.resources import Landing, Warehouse
from pipelines.malloc import keep_freed_memory
from pipelines.text.clean import clean_article, clean_body
from pipelines.text.decode import NotText, decode_bytes
from pipelines.text.extract import extract_all
from pipelines.text.formats import Record, file_format, parse_records
from pipelines.versions import extraction_version, pipeline_version


WRITER_POOL = "warehouse_writer"
RETRY = dg.RetryPolicy(max_retries=2, delay=5, backoff=dg.Backoff.EXPONENTIAL)


def article_id(text: str) -> str:
    """Content identity of an article: whitespace- and case-insensitive hash of its text."""
    norm = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def _preview(rows: list[dict], cols: list[str], n: int = 5) -> dg.MetadataValue:
    if not rows:
        return dg.MetadataValue.md("_no rows_")
    head = "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n"
    body = "".join(
        "| " + " | ".join(str(r.get(c, ""))[:60].replace("|", "\\|").replace("\n", " ") for c in cols) + " |\n"
        for r in rows[:n]
    )
    return dg.MetadataValue.md(head + body)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _load_row(partition_date, table: str, rows: int, files: int, run_id: str) -> dict:
    return dict(partition_date=partition_date, table_name=table, row_count=rows, files_present=files,
                loaded_at=_now(), run_id=run_id)


def ingest_partition(root, partition_date: dt.date, files: list[landing.LandedFile], max_bytes: int,
                     earlier_copies: dict[str, tuple]) -> tuple[list[dict], list[dict]]:
    """Read, decode, split and deduplicate one partition's files.

    ``earlier_copies`` maps an article id to the (partition_date, source_path,
    locator) of its first copy in another partition. The first copy in that
    order is the one loaded, whatever order partitions run in. Returns
    (raw.files rows, raw.articles rows); every file gets exactly one row.
    """
    files_rows: list[dict] = []
    article_rows: list[dict] = []
    seen: dict[str, str] = {}
    for f in files:
        row = dict(partition_date=partition_date, source_path=f.source_path, size_bytes=f.size_bytes,
                   modified_at=f.modified_at, format=file_format(f.source_path), records=0, records_loaded=0)
        files_rows.append(row)
        if f.problem:
            row.update(status="rejected", reason=f.problem)
            continue
        if row["format"] == "unsupported":
            row.update(status="rejected", reason=f"unsupported file type '{f.source_path.rsplit('.', 1)[-1]}'")
            continue
        try:
            data = landing.read_file(root, f, max_bytes)
        except (landing.FileChanged, ValueError, OSError) as err:
            row.update(status="rejected", reason=str(err))
            continue
        row["sha256"] = hashlib.sha256(data).hexdigest()
        row["size_bytes"] = len(data)
        try:
            decoded = decode_bytes(data)
        except NotText as err:
            row.update(status="rejected", reason=str(err))
            continue
        row["encoding"] = decoded.encoding
        try:
            records = parse_records(f.source_path, decoded.text)
        except Exception as err:  # a parser bug on one file must not stop the partition
            row.update(status="rejected", reason=f"could not parse {row['format']}: {type(err).__name__}: {err}")
            continue
        statuses = []
        for rec in records:
            art = dict(partition_date=partition_date, source_path=f.source_path, locator=rec.locator,
                       format=rec.format, content=rec.content, url=rec.url)
            if rec.error:
                art.update(status="rejected", reason=rec.error)
            else:
                art.update(clean_record(rec))
                if not art["body"]:
                    art.update(status="rejected", reason="no article text left after removing boilerplate")
                else:
                    aid = article_id(art["body"])
                    art["article_id"] = aid
                    earlier = earlier_copies.get(aid)
                    if aid in seen:
                        art.update(status="duplicate", reason=f"same text as {seen[aid]}")
                    elif earlier is not None and earlier < (partition_date, f.source_path, rec.locator):
                        art.update(status="duplicate", reason=f"same text as {earlier[1]}{earlier[2]}")
                    else:
                        seen[aid] = f.source_path + rec.locator
                        art.update(status="loaded")
            statuses.append(art["status"])
            article_rows.append(art)
        row["records"] = len(records)
        row["records_loaded"] = statuses.count("loaded")
        if "loaded" in statuses:
            row["status"] = "loaded"
            bad = [a for a in article_rows[-len(records):] if a["status"] != "loaded"]
            if bad:
                row["reason"] = f"{len(bad)} of {len(records)} records not loaded: " + "; ".join(
                    f"{a['locator']} {a['status']}: {a['reason']}" for a in bad[:5])
        elif "duplicate" in statuses:
            dup = next(a for a in article_rows[-len(records):] if a["status"] == "duplicate")
            row.update(status="duplicate", reason=dup["reason"])
        else:
            row.update(status="rejected", reason="; ".join(
                f"{a['locator'] or 'file'}: {a['reason']}" for a in article_rows[-len(records):][:5]) or "no records")
    return files_rows, article_rows


def clean_record(rec: Record) -> dict:
    """A parsed record -> title, published date, byline, clean body and what was removed."""
    if rec.format == "text":
        art = clean_article(rec.text)
        return dict(title=art.title, published_date=art.published_date, byline=art.byline,
                    body=art.body, boilerplate_removed=art.removed)
    body, removed = clean_body(rec.text)
    return dict(title=rec.title, published_date=rec.published_date, byline=rec.byline,
                body=body, boilerplate_removed=removed)


def core_rows(article_rows: list[dict]) -> list[dict]:
    """raw.articles rows -> core.articles rows: the loaded ones, by source path and locator."""
    return [dict(article_id=a["article_id"], partition_date=a["partition_date"],
                 source_path=a["source_path"] + a["locator"], format=a["format"], title=a["title"],
                 published_date=a["published_date"], byline=a["byline"], url=a["url"], body=a["body"],
                 word_count=len(a["body"].split()), boilerplate_removed=a["boilerplate_removed"])
            for a in sorted(article_rows, key=lambda a: (a["source_path"], a["locator"])) if a["status"] == "loaded"]


def quote_id(article: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha256(f"{article}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


def extraction_rows(pdate: dt.date, articles: list[tuple[str, str]]) -> tuple[list[dict], list[dict]]:
    """Run spaCy and the rules over (article_id, body) pairs: (core.entity_mentions rows, core.quotes rows)."""
    mentions: list[dict] = []
    quotes: list[dict] = []
    for (aid, _), ex in zip(articles, extract_all(body for _, body in articles)):
        mentions.extend(dict(article_id=aid, partition_date=pdate, mention=m.mention, label=m.label, entity=m.entity,
                             article_entity=m.entity, article_label=m.label,
                             start_char=m.start_char, end_char=m.end_char) for m in ex.mentions)
        quotes.extend(dict(article_id=aid, partition_date=pdate, quote_id=quote_id(aid, q.start_char, q.end_char, q.kind),
                           quote=q.quote, kind=q.kind, speaker=q.speaker, article_speaker=q.speaker,
                           speaker_mention=q.speaker_mention, cue=q.cue,
                           start_char=q.start_char, end_char=q.end_char) for q in ex.quotes)
    return mentions, quotes


class StaleDuplicate(RuntimeError):
    """An article was marked a duplicate of a copy that another writer removed meanwhile: the step retries."""


@dg.multi_asset(
    specs=[
        dg.AssetSpec(RAW_FILES, group_name="ingest", description=(
            "Every file seen under the landing folder, with status (loaded / duplicate / rejected) and reason.")),
        dg.AssetSpec(RAW_ARTICLES, group_name="ingest", description=(
            "Each article record found in the landed files, decoded, with its content as landed; duplicates "
            "and bad records kept with a reason.")),
        dg.AssetSpec(CORE_ARTICLES, deps=[RAW_ARTICLES], group_name="core", description=(
            "One row per distinct article: clean body (boilerplate, headline and byline removed), title, "
            "published date, byline.")),
        dg.AssetSpec(ENTITY_MENTIONS, deps=[CORE_ARTICLES], group_name="core", description=(
            "Each named-entity mention with its label and canonical name; offsets into core.articles.body.")),
        dg.AssetSpec(QUOTES, deps=[CORE_ARTICLES], group_name="core", description=(
            "Each quotation (direct, partial, reported) with its speaker and speech verb; offsets into "
            "core.articles.body.")),
    ],
    check_specs=[
        dg.AssetCheckSpec("every_landed_file_recorded", asset=RAW_FILES,
                          description="Every file under the partition's landing folder has a raw.files row."),
        dg.AssetCheckSpec("partition_keeps_its_articles", asset=CORE_ARTICLES, description=(
            "The partition did not lose articles it had before unless files were removed, "
            "and has articles when it has loaded files.")),
    ],
    partitions_def=daily,
    pool=WRITER_POOL,
    retry_policy=RETRY,
)
def partition_tables(context: dg.AssetExecutionContext, landing_folder: Landing,
                     warehouse_db: Warehouse) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """List, read, decode, clean and deduplicate one landing date's files, extract entities and quotes, publish.

    Articles already extracted by the same extraction version (same content
    hash, same model, aliases and code) keep their rows: no spaCy for them.
    Only the final write takes the writer lock (on a DuckDB file), so
    partitions can do their NLP in parallel.
    """
    keep_freed_memory()  # spaCy's batches reuse the heap instead of faulting in fresh pages each time
    pdate = dt.date.fromisoformat(context.partition_key)
    version = extraction_version()
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    with warehouse_db.reader() as con:
        earlier = warehouse.earlier_copies(con, pdate)
        cached = {r[0] for r in con.execute(
            "SELECT article_id FROM meta.article_extractions WHERE partition_date = ? AND extraction_version = ?",
            [pdate, version]).fetchall()}
        kept = {name: con.execute(
            f"SELECT * FROM {name} WHERE partition_date = ? AND article_id IN (SELECT unnest(?))",
            [pdate, sorted(cached)]).to_arrow_table() for name in ("core.entity_mentions", "core.quotes")}
    seconds["read_state"] = time.perf_counter() - t

    t = time.perf_counter()
    files = landing.files_for(landing_folder.path, pdate)
    files_rows, article_rows = ingest_partition(landing_folder.path, pdate, files, landing_folder.max_file_bytes,
                                                earlier)
    articles = core_rows(article_rows)
    seconds["ingest"] = time.perf_counter() - t

    t = time.perf_counter()
    ids = {a["article_id"] for a in articles}
    reused = ids & cached  # unchanged articles: their rows are kept, no spaCy
    todo = [(a["article_id"], a["body"]) for a in articles if a["article_id"] not in cached]
    mentions, quotes = extraction_rows(pdate, todo)
    new = {"core.entity_mentions": warehouse.to_arrow("core.entity_mentions", mentions),
           "core.quotes": warehouse.to_arrow("core.quotes", quotes)}
    extracted = {}
    for name, table in new.items():
        old = kept[name].filter(pc.is_in(kept[name]["article_id"], pa.array(sorted(reused), pa.string())))
        extracted[name] = pa.concat_tables([table, old.select(table.schema.names).cast(table.schema)])
    n_mentions, n_quotes = extracted["core.entity_mentions"].num_rows, extracted["core.quotes"].num_rows
    seconds["ner"] = time.perf_counter() - t

    kept_files = sum(1 for r in files_rows if r["status"] != "rejected")
    run_id = context.run.run_id

    def finish(con) -> None:
        warehouse.demote_later_copies(con)
        stale = warehouse.stale_duplicates(con)
        if pdate in stale:  # its earlier copy went away after this step read the warehouse
            raise StaleDuplicate(f"{stale[pdate]} was marked a duplicate of a copy that is gone; rerunning the step")
        if stale:  # a copy this run removed was the loaded one: the partition holding the next copy must load it
            con.execute("update meta.partition_state set complete = false, updated_at = ? "
                        "where partition_date in (select unnest(?))", [_now(), sorted(stale)])
        warehouse.drop_orphans(con, pdate)
        warehouse.resolve_names(con)

    t = time.perf_counter()
    with warehouse_db.writer(on_wait=context.log.info) as con:
        warehouse.replace_partition(con, pdate, {
            "raw.files": warehouse.to_arrow("raw.files", files_rows),
            "raw.articles": warehouse.to_arrow("raw.articles", article_rows),
            "core.articles": warehouse.to_arrow("core.articles", articles),
            **extracted,
            "meta.article_extractions": warehouse.to_arrow("meta.article_extractions", [
                dict(partition_date=pdate, article_id=aid, extraction_version=version) for aid in sorted(ids)]),
            "meta.partition_loads": warehouse.to_arrow("meta.partition_loads", [
                _load_row(pdate, "raw.files", len(files_rows), len(files_rows), run_id),
                _load_row(pdate, "raw.articles", sum(a["status"] != "rejected" for a in article_rows), kept_files,
                          run_id),
                _load_row(pdate, "core.articles", len(articles), len(articles), run_id),
                _load_row(pdate, "core.entity_mentions", n_mentions, len(articles), run_id),
                _load_row(pdate, "core.quotes", n_quotes, len(articles), run_id),
            ]),
            # `news-warehouse run` skips partitions whose landing fingerprint and pipeline version are unchanged.
            "meta.partition_state": warehouse.to_arrow("meta.partition_state", [dict(
                partition_date=pdate, fingerprint=landing.fingerprint(files), pipeline_version=pipeline_version(),
                complete=True, updated_at=_now())]),
        }, then=finish)
        checks = [files_recorded_check(con, landing_folder.path, pdate), articles_kept_check(con, pdate)]
    seconds["write"] = time.perf_counter() - t
    context.log.info(f"{len(todo)} articles through spaCy, {len(reused)} unchanged articles kept their rows")

    by_status = {s: sum(r["status"] == s for r in files_rows) for s in ("loaded", "duplicate", "rejected")}
    yield dg.MaterializeResult(asset_key=RAW_FILES, metadata={
        "row_count": len(files_rows), **{f"files_{k}": v for k, v in by_status.items()},
        "preview": _preview(files_rows, ["source_path", "status", "reason", "encoding"]),
        # Where the step's time went (read warehouse state, ingest, spaCy + rules, the one write transaction).
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
        "row_count": n_mentions, "articles": len(articles), "articles_extracted": len(todo),
        "articles_cached": len(reused), "preview": _preview(mentions, ["mention", "label", "entity"]),
    })
    yield dg.MaterializeResult(asset_key=QUOTES, metadata={
        "row_count": n_quotes, "preview": _preview(quotes, ["speaker", "kind", "quote"]),
    })
    yield from checks
