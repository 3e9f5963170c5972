"""Partitioned Python assets: landing files -> raw.files/raw.articles -> core.articles -> mentions and quotes.

Each asset reads its inputs from the warehouse, calls the pure core in
``pipelines.text`` and replaces its partition in one transaction.
"""


import datetime as dt
import hashlib
import re

import dagster as dg
import pyarrow as pa

from pipelines import landing, warehouse
from pipelines.defs.checks import articles_kept_check, files_recorded_check
from pipelines.defs.keys import CORE_ARTICLES, ENTITY_MENTIONS, QUOTES, RAW_ARTICLES, RAW_FILES
from pipelines.defs.partitions import daily
from pipelines.defs.resources import Landing, Warehouse
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


@dg.multi_asset(
    specs=[
        dg.AssetSpec(RAW_FILES, description="Every file seen under the landing folder, with status (loaded / duplicate / rejected) and reason."),
        dg.AssetSpec(RAW_ARTICLES, description="Each article record found in the landed files, decoded, with its content as landed; duplicates and bad records kept with a reason."),
    ],
    check_specs=[dg.AssetCheckSpec("every_landed_file_recorded", asset=RAW_FILES,
                                   description="Every file under the partition's landing folder has a raw.files row.")],
    partitions_def=daily,
    pool=WRITER_POOL,
    retry_policy=RETRY,
    group_name="ingest",
)
def raw_files_and_articles(context: dg.AssetExecutionContext, landing_folder: Landing, warehouse_db: Warehouse):
    """List, read, decode and deduplicate one landing date's files."""
    pdate = dt.date.fromisoformat(context.partition_key)
    with warehouse_db.writer(on_wait=context.log.info) as con:
        earlier = {r[0]: (r[1], r[2], r[3]) for r in con.execute(
            "SELECT article_id, arg_min(partition_date, (partition_date, source_path, locator)), "
            "arg_min(source_path, (partition_date, source_path, locator)), "
            "arg_min(locator, (partition_date, source_path, locator)) FROM raw.articles "
            "WHERE article_id IS NOT NULL AND status <> 'rejected' AND partition_date <> ? GROUP BY article_id",
            [pdate]).fetchall()}
        files = landing.files_for(landing_folder.path, pdate)
        files_rows, article_rows = ingest_partition(landing_folder.path, pdate, files, landing_folder.max_file_bytes,
                                                    earlier)
        kept = sum(1 for r in files_rows if r["status"] != "rejected")
        warehouse.replace_partition(con, pdate, {
            "raw.files": warehouse.to_arrow("raw.files", files_rows),
            "raw.articles": warehouse.to_arrow("raw.articles", article_rows),
            "meta.partition_loads": warehouse.to_arrow("meta.partition_loads", [
                _load_row(pdate, "raw.files", len(files_rows), len(files_rows), context.run.run_id),
                _load_row(pdate, "raw.articles", sum(a["status"] != "rejected" for a in article_rows), kept,
                          context.run.run_id),
            ]),
            # Complete once mentions and quotes commit; `news-warehouse run` skips complete, unchanged partitions.
            "meta.partition_state": warehouse.to_arrow("meta.partition_state", [dict(
                partition_date=pdate, fingerprint=landing.fingerprint(files), pipeline_version=pipeline_version(),
                complete=False, updated_at=_now())]),
        }, then=warehouse.demote_later_copies)
        check = files_recorded_check(con, landing_folder.path, pdate)
    by_status = {s: sum(r["status"] == s for r in files_rows) for s in ("loaded", "duplicate", "rejected")}
    yield dg.MaterializeResult(asset_key=RAW_FILES, metadata={
        "row_count": len(files_rows), **{f"files_{k}": v for k, v in by_status.items()},
        "preview": _preview(files_rows, ["source_path", "status", "reason", "encoding"]),
    })
    yield dg.MaterializeResult(asset_key=RAW_ARTICLES, metadata={
        "row_count": len(article_rows),
        "loaded": sum(a["status"] == "loaded" for a in article_rows),
        "preview": _preview(article_rows, ["source_path", "locator", "status", "format"]),
    })
    yield check


def clean_record(rec: Record) -> dict:
    """A parsed record -> title, published date, byline, clean body and what was removed."""
    if rec.format == "text":
        art = clean_article(rec.text)
        return dict(title=art.title, published_date=art.published_date, byline=art.byline,
                    body=art.body, boilerplate_removed=art.removed)
    body, removed = clean_body(rec.text)
    return dict(title=rec.title, published_date=rec.published_date, byline=rec.byline,
                body=body, boilerplate_removed=removed)


@dg.asset(
    key=CORE_ARTICLES,
    deps=[RAW_ARTICLES],
    check_specs=[dg.AssetCheckSpec("partition_keeps_its_articles", asset=CORE_ARTICLES, description=(
        "The partition did not lose articles it had before unless files were removed, "
        "and has articles when it has loaded files."))],
    partitions_def=daily,
    pool=WRITER_POOL,
    retry_policy=RETRY,
    group_name="core",
    description="One row per distinct article: clean body (boilerplate, headline and byline removed), title, published date, byline.",
)
def core_articles(context: dg.AssetExecutionContext, warehouse_db: Warehouse):
    pdate = dt.date.fromisoformat(context.partition_key)
    with warehouse_db.writer(on_wait=context.log.info) as con:
        cur = con.execute(
            "SELECT article_id, partition_date, source_path || locator AS source_path, format, title, published_date, "
            "byline, url, body, boilerplate_removed FROM raw.articles "
            "WHERE partition_date = ? AND status = 'loaded' ORDER BY source_path, locator", [pdate])
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
        for r in rows:
            r["word_count"] = len(r["body"].split())
        warehouse.replace_partition(con, pdate, {
            "core.articles": warehouse.to_arrow("core.articles", rows),
            "meta.partition_loads": warehouse.to_arrow("meta.partition_loads", [
                _load_row(pdate, "core.articles", len(rows), len(rows), context.run.run_id)]),
        })
        check = articles_kept_check(con, pdate)
    yield dg.MaterializeResult(metadata={
        "row_count": len(rows),
        "words": sum(r["word_count"] for r in rows),
        "preview": _preview(rows, ["title", "published_date", "byline", "word_count"]),
    })
    yield check


def quote_id(article: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha256(f"{article}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(ENTITY_MENTIONS, deps=[CORE_ARTICLES], description="Each named-entity mention with its label and canonical name; offsets into core.articles.body."),
        dg.AssetSpec(QUOTES, deps=[CORE_ARTICLES], description="Each quotation (direct, partial, reported) with its speaker and speech verb; offsets into core.articles.body."),
    ],
    partitions_def=daily,
    pool=WRITER_POOL,
    retry_policy=RETRY,
    group_name="core",
)
def mentions_and_quotes(context: dg.AssetExecutionContext, warehouse_db: Warehouse):
    """Run spaCy once over the partition's new or changed articles and write both tables in one transaction.

    Articles already extracted by the same extraction version (same content
    hash, same model, aliases and code) keep their rows: no spaCy for them.
    """
    pdate = dt.date.fromisoformat(context.partition_key)
    version = extraction_version()
    with warehouse_db.reader() as con:
        articles = con.execute(
            "SELECT article_id, body FROM core.articles WHERE partition_date = ? ORDER BY article_id", [pdate]).fetchall()
        cached = {r[0] for r in con.execute(
            "SELECT article_id FROM meta.article_extractions WHERE partition_date = ? AND extraction_version = ?",
            [pdate, version]).fetchall()} & {aid for aid, _ in articles}
        kept = {name: con.execute(
            f"SELECT * FROM {name} WHERE partition_date = ? AND article_id IN (SELECT unnest(?))",
            [pdate, sorted(cached)]).fetch_arrow_table() for name in ("core.entity_mentions", "core.quotes")}
    todo = [(aid, body) for aid, body in articles if aid not in cached]
    mentions: list[dict] = []
    quotes: list[dict] = []
    for (aid, _), ex in zip(todo, extract_all(body for _, body in todo)):
        mentions.extend(dict(article_id=aid, partition_date=pdate, mention=m.mention, label=m.label, entity=m.entity,
                             article_entity=m.entity, article_label=m.label,
                             start_char=m.start_char, end_char=m.end_char) for m in ex.mentions)
        quotes.extend(dict(article_id=aid, partition_date=pdate, quote_id=quote_id(aid, q.start_char, q.end_char, q.kind),
                           quote=q.quote, kind=q.kind, speaker=q.speaker, article_speaker=q.speaker,
                           speaker_mention=q.speaker_mention, cue=q.cue,
                           start_char=q.start_char, end_char=q.end_char) for q in ex.quotes)
    new = {"core.entity_mentions": warehouse.to_arrow("core.entity_mentions", mentions),
           "core.quotes": warehouse.to_arrow("core.quotes", quotes)}
    tables = {name: pa.concat_tables([new[name], kept[name].select(new[name].schema.names).cast(new[name].schema)])
              for name in new}
    n_mentions, n_quotes = tables["core.entity_mentions"].num_rows, tables["core.quotes"].num_rows

    def finish(con) -> None:
        warehouse.drop_orphans(con, pdate)
        warehouse.resolve_names(con)
        con.execute("UPDATE meta.partition_state SET complete = true, updated_at = ? WHERE partition_date = ?",
                    [_now(), pdate])

    with warehouse_db.writer(on_wait=context.log.info) as con:
        warehouse.replace_partition(con, pdate, {
            **tables,
            "meta.article_extractions": warehouse.to_arrow("meta.article_extractions", [
                dict(partition_date=pdate, article_id=aid, extraction_version=version) for aid, _ in articles]),
            "meta.partition_loads": warehouse.to_arrow("meta.partition_loads", [
                _load_row(pdate, "core.entity_mentions", n_mentions, len(articles), context.run.run_id),
                _load_row(pdate, "core.quotes", n_quotes, len(articles), context.run.run_id)]),
        }, then=finish)
    context.log.info(f"{len(todo)} articles through spaCy, {len(cached)} unchanged articles kept their rows")
    yield dg.MaterializeResult(asset_key=ENTITY_MENTIONS, metadata={
        "row_count": n_mentions, "articles": len(articles), "articles_extracted": len(todo),
        "articles_cached": len(cached), "preview": _preview(mentions, ["mention", "label", "entity"]),
    })
    yield dg.MaterializeResult(asset_key=QUOTES, metadata={
        "row_count": n_quotes, "preview": _preview(quotes, ["speaker", "kind", "quote"]),
    })
