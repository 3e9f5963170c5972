"""A partition's rows, built from its files alone: raw.files, raw.articles, core.articles, mentions, quotes.

Everything here depends only on the partition's own files (and the code and
model that read them), never on other partitions: the same files give the
same rows whatever else the warehouse holds or in which order partitions run.
Duplicates are settled within the partition (the first copy by path and
locator loads, later ones are ``duplicate``); which copy counts across
partitions is a dbt model (``analytics.article_copies``). No Dagster here and
no warehouse connection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import landing
from pipelines.text.clean import clean_article, clean_body
from pipelines.text.decode import NotText, decode_bytes
from pipelines.text.formats import Record, file_format, parse_records
from pipelines.text.outlets import outlet, wire_credit
from pipelines.text.similarity import signature

if TYPE_CHECKING:  # spaCy is imported where a text is parsed, not by every process that makes rows
    from pipelines.text.extract import Extraction


def article_id(text: str) -> str:
    """Content identity of an article: whitespace- and case-insensitive hash of its text."""
    norm = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def quote_id(article: str, start: int, end: int, kind: str) -> str:
    """Identity of a quote within its article (the same in every copy of the article)."""
    return hashlib.sha256(f"{article}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


MAX_ARTICLE_CHARS = 300_000
"""Default longest article text (characters, before cleaning). News articles are under ~100 kB (the BBC
corpus's longest is 25,485 characters, html-dev's 53,372); the cost of spaCy and the quote rules grows with an
article's length on one core, so a pathological file (a log, a dump, a paragraph repeated for 20 MB) is
rejected instead of holding a partition for minutes."""


def ingest_partition(root: Path, partition_date: dt.date, files: list[landing.LandedFile],
                     max_bytes: int, max_chars: int = MAX_ARTICLE_CHARS) -> tuple[list[dict], list[dict]]:
    """Read, decode, split and deduplicate one partition's files.

    Returns (raw.files rows, raw.articles rows); every file gets exactly one
    row. Within the partition the first copy of an article by (source_path,
    locator) is ``loaded`` and later ones are ``duplicate`` with the first's
    name as reason. A file over ``max_bytes`` is rejected unread; a record whose
    text is over ``max_chars`` characters is rejected uncleaned (and its file,
    when no other record of it loads).
    """
    files_rows: list[dict] = []
    article_rows: list[dict] = []
    seen: dict[str, str] = {}
    for f in files:
        row = dict(partition_date=partition_date, source_path=f.source_path, size_bytes=f.size_bytes,
                   modified_at=f.modified_at, format=file_format(f.source_path), records=0, records_loaded=0)
        files_rows.append(row)
        records = _read_records(root, f, row, max_bytes)
        if records is None:
            continue
        arts = [_article_row(partition_date, f.source_path, rec, seen, max_chars) for rec in records]
        article_rows.extend(arts)
        row.update(_file_status(arts))
    return files_rows, article_rows


def _read_records(root: Path, f: landing.LandedFile, row: dict, max_bytes: int) -> list[Record] | None:
    """The file's records, or None after setting ``row``'s status to rejected with the reason."""
    if f.problem:
        row.update(status="rejected", reason=f.problem)
        return None
    if row["format"] == "unsupported":
        row.update(status="rejected", reason=f"unsupported file type '{f.source_path.rsplit('.', 1)[-1]}'")
        return None
    try:
        data = landing.read_file(root, f, max_bytes)
    except (landing.FileChanged, ValueError, OSError) as err:
        row.update(status="rejected", reason=str(err))
        return None
    row["sha256"] = hashlib.sha256(data).hexdigest()
    row["size_bytes"] = len(data)
    try:
        decoded = decode_bytes(data)
    except NotText as err:
        row.update(status="rejected", reason=str(err))
        return None
    row["encoding"] = decoded.encoding
    try:
        return parse_records(f.source_path, decoded.text)
    except Exception as err:  # noqa: BLE001 - a parser bug on one file must not stop the partition
        row.update(status="rejected", reason=f"could not parse {row['format']}: {type(err).__name__}: {err}")
        return None


def _article_row(partition_date: dt.date, source_path: str, rec: Record, seen: dict[str, str],
                 max_chars: int = MAX_ARTICLE_CHARS) -> dict:
    """One raw.articles row for a record; ``seen`` (article id -> first copy) is updated for loaded ones.

    A record whose text is over ``max_chars`` is rejected before cleaning, e.g. with ``max_chars=1000`` a
    1,500-character text gets "article too long (1,500 characters > limit 1,000)".
    """
    art = dict(partition_date=partition_date, source_path=source_path, locator=rec.locator,
               format=rec.format, content=rec.content, url=rec.url,
               source=outlet(rec.url, rec.outlet) or landing.outlet_folder(source_path), wire=wire_credit(rec.text))
    if rec.error:
        return dict(art, status="rejected", reason=rec.error)
    if rec.text is not None and len(rec.text) > max_chars:
        return dict(art, status="rejected", reason=f"article too long ({len(rec.text):,} characters > limit {max_chars:,})")
    art.update(clean_record(rec))
    if not art["body"]:
        return dict(art, status="rejected", reason="no article text left after removing boilerplate")
    aid = art["article_id"] = article_id(art["body"])
    if aid in seen:
        return dict(art, status="duplicate", reason=f"same text as {seen[aid]}")
    seen[aid] = source_path + rec.locator
    return dict(art, status="loaded")


def _file_status(arts: list[dict]) -> dict:
    """A file's status, reason and record counts from its records' rows."""
    statuses = [a["status"] for a in arts]
    out = dict(records=len(arts), records_loaded=statuses.count("loaded"))
    if "loaded" in statuses:
        bad = [a for a in arts if a["status"] != "loaded"]
        reason = None
        if bad:
            reason = f"{len(bad)} of {len(arts)} records not loaded: " + "; ".join(
                f"{a['locator']} {a['status']}: {a['reason']}" for a in bad[:5])
        return dict(out, status="loaded", reason=reason)
    if "duplicate" in statuses:
        dup = next(a for a in arts if a["status"] == "duplicate")
        return dict(out, status="duplicate", reason=dup["reason"])
    return dict(out, status="rejected",
                reason="; ".join(f"{a['locator'] or 'file'}: {a['reason']}" for a in arts[:5]) or "no records")


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
    """raw.articles rows -> core.articles rows: the loaded ones, by source path and locator, with their MinHash."""
    out = []
    for a in sorted(article_rows, key=lambda a: (a["source_path"], a["locator"])):
        if a["status"] != "loaded":
            continue
        minhash, shingles = signature(a["body"])
        out.append(dict(article_id=a["article_id"], partition_date=a["partition_date"],
                        source_path=a["source_path"] + a["locator"], format=a["format"], source=a.get("source"),
                        wire=a.get("wire"),
                        title=a["title"],
                        published_date=a["published_date"], byline=a["byline"], url=a["url"], body=a["body"],
                        word_count=len(a["body"].split()), boilerplate_removed=a["boilerplate_removed"],
                        minhash=minhash, shingles=shingles))
    return out


MENTION_COLUMNS = ("article_id", "partition_date", "mention", "label", "entity", "start_char", "end_char")
QUOTE_COLUMNS = ("article_id", "partition_date", "quote_id", "quote", "kind", "speaker", "speaker_kind",
                 "speaker_type", "speaker_mention", "cue", "start_char", "end_char", "continues_quote_id")


def extraction_rows(pdate: dt.date, articles: list[tuple[str, str]],
                    extract: Callable[[Iterable[str]], Iterator[Extraction]] | None = None,
                    on_article: Callable[[], None] | None = None) -> tuple[dict[str, list], dict[str, list]]:
    """Run spaCy and the rules over (article_id, body) pairs: core.entity_mentions and core.quotes, as columns.

    Returns two {column: values} mappings (``MENTION_COLUMNS``, ``QUOTE_COLUMNS``),
    built column by column so the write path makes its frames without a row
    of dicts per mention. ``extract`` is ``extract_all`` or a drop-in for it
    (``NlpPool.extract``: the same results from several processes); None is ``extract_all``.
    ``entity`` and ``speaker`` are canonical within the article; names across
    articles are resolved by the dbt models. ``on_article`` is called after
    each article (progress).
    """
    if extract is None:
        from pipelines.text.extract import extract_all as extract
    mentions: dict[str, list] = {c: [] for c in MENTION_COLUMNS}
    quotes: dict[str, list] = {c: [] for c in QUOTE_COLUMNS}
    for (aid, _), ex in zip(articles, extract(body for _, body in articles)):
        n = len(ex.mentions)
        mentions["article_id"] += [aid] * n
        mentions["partition_date"] += [pdate] * n
        for m in ex.mentions:
            mentions["mention"].append(m.mention)
            mentions["label"].append(m.label)
            mentions["entity"].append(m.entity)
            mentions["start_char"].append(m.start_char)
            mentions["end_char"].append(m.end_char)
        n = len(ex.quotes)
        quotes["article_id"] += [aid] * n
        quotes["partition_date"] += [pdate] * n
        heads = {q.start_char: quote_id(aid, q.start_char, q.end_char, q.kind) for q in ex.quotes if q.kind != "reported"}
        for q in ex.quotes:
            quotes["quote_id"].append(quote_id(aid, q.start_char, q.end_char, q.kind))
            for c in QUOTE_COLUMNS[3:-1]:
                quotes[c].append(getattr(q, c))
            quotes["continues_quote_id"].append(heads.get(q.continues_char) if q.continues_char is not None else None)
        if on_article is not None:
            on_article()
    return mentions, quotes
