"""One landed file's text -> the article records it holds.

``.txt`` (and anything without a known extension) is one plain-text article;
``.html``/``.htm`` is one web page; ``.json`` is an article object or a list
of them; ``.jsonl``/``.ndjson`` is one article a line. Each record carries
the text still to be cleaned plus whatever metadata the format gave.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from pipelines.text.feeds import FeedError, parse_feed
from pipelines.text.html import extract_html

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Clearly not articles even if the bytes happen to decode.
UNSUPPORTED_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".gz", ".zip", ".bz2", ".xz", ".tar",
    ".doc", ".docx", ".xls", ".xlsx", ".mp3", ".mp4", ".exe", ".so", ".bin",
}


@dataclass(frozen=True, slots=True)
class Record:
    locator: str  # "" for a whole file, "#n" for the n-th record of a feed
    format: str  # text / html / json / jsonl
    content: str  # the record as landed (page HTML, record JSON, text)
    text: str | None  # article text to clean; None when rejected
    title: str | None = None
    published_date: dt.date | None = None
    byline: str | None = None
    url: str | None = None
    error: str | None = None  # why the record was rejected
    outlet: str | None = None  # the outlet the record names: a page's site name, a feed's source field


def file_format(source_path: str) -> str:
    """The format a file is read as, from its extension; ``unsupported`` for known non-text types."""
    suffix = PurePosixPath(source_path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in UNSUPPORTED_SUFFIXES:
        return "unsupported"
    return "text"


def parse_records(source_path: str, text: str) -> list[Record]:
    """Split a decoded file into article records (rejected ones carry ``error``)."""
    fmt = file_format(source_path)
    if fmt == "html":
        page = extract_html(text)
        if not page.body.strip():
            return [Record("", fmt, text, None, error="no article text found in the HTML page")]
        return [Record("", fmt, text, page.body, page.title, page.published_date, page.byline, page.url,
                       outlet=page.site_name)]
    if fmt in ("json", "jsonl"):
        out = []
        lines = text.split("\n") if fmt == "jsonl" else None
        for item in parse_feed(text, jsonl=fmt == "jsonl"):
            if isinstance(item, FeedError):
                out.append(Record(item.locator, fmt, _raw_record(text, lines, item.locator), None, error=item.reason))
            elif not (item.body or "").strip():
                out.append(Record(item.locator, fmt, _raw_record(text, lines, item.locator), None,
                                  error="record has an empty body"))
            else:
                out.append(
                    Record(
                        item.locator, fmt, _raw_record(text, lines, item.locator), item.body,
                        item.title, item.published_date, item.byline, item.url, outlet=item.source,
                    )
                )
        return out
    return [Record("", "text", text, text)]


def _raw_record(text: str, lines: list[str] | None, locator: str) -> str:
    """The landed form of one record: its JSONL line, its list element, or the whole file."""
    if not locator:
        return text
    n = int(locator.lstrip("#"))
    if lines is not None:
        return lines[n - 1] if 0 < n <= len(lines) else ""
    try:
        return json.dumps(json.loads(text)[n - 1], ensure_ascii=False)
    except (ValueError, IndexError, TypeError, KeyError):
        return ""
