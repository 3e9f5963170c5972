"""JSON / JSONL feed exports -> one ``FeedRecord`` (or ``FeedError``) per article.

Accepted shapes:

* ``.json``: one article object (locator ``""``), a list of them (locator
  ``"#n"``, 1-based), or a wrapper object whose only job is to hold such a
  list under ``items``/``articles``/``entries``/``posts``/``data``/``results``
  (JSON Feed and most CMS exports), addressed like a list.
* ``.jsonl``: one article object per line; the locator is ``"#n"`` with ``n``
  the physical line number in ``text.split("\\n")`` (blank lines count but
  yield nothing), so ``source_path#n`` points at the line an editor shows.

Field names (first present, non-empty one wins; keys compared
case-insensitively):

* title: ``title``, ``headline``
* body: ``body``, ``text``, ``content``, ``articleBody``, ``content_html``,
  ``content_text``; ``description``/``summary`` only when none of those is
  present, because a description is usually a teaser, not the article.
  A body that looks like HTML (tags or entities) becomes plain text with
  block elements as paragraphs; a list of strings is a list of paragraphs.
* date: ``date``, ``published``, ``datePublished``, ``pubDate``,
  ``published_at``, ``date_published``, ``publishedAt``, ``pub_date``
  (string parsed by ``dates.parse_date``; a number is a Unix timestamp, UTC)
* byline: ``author``, ``byline``, ``creator``, ``authors``, ``dc:creator``
  (a string, an object with ``name``, or a list of those joined with " and ")
* url: ``url``, ``link``, ``permalink``, ``canonical_url`` (a string, or an
  object with ``href``)
* source (the outlet): ``source``, ``publisher``, ``site_name``, ``source_name``,
  ``outlet``, ``siteName`` (a string, or an object with ``name``/``title``:
  NewsAPI's ``{"id": "bbc-news", "name": "BBC News"}``)

Paragraphs in every returned body are separated by ``"\\n\\n"``. A record
without a usable body is a ``FeedError`` with a reason a person can act on;
an unparseable date is not an error (``published_date`` is just ``None``).

Pure: parses a decoded ``str``; no file I/O.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from pipelines.text.dates import parse_date
from pipelines.text.html import author_names

__all__ = ["FeedRecord", "FeedError", "parse_feed"]

TITLE_FIELDS = ("title", "headline")
BODY_FIELDS = ("body", "text", "content", "articleBody", "content_html", "content_text")
LAST_RESORT_BODY_FIELDS = ("description", "summary")
DATE_FIELDS = (
    "date", "published", "datePublished", "pubDate", "published_at",
    "date_published", "publishedAt", "pub_date",
)
BYLINE_FIELDS = ("author", "byline", "creator", "authors", "dc:creator")
URL_FIELDS = ("url", "link", "permalink", "canonical_url")
SOURCE_FIELDS = ("source", "publisher", "site_name", "source_name", "outlet", "siteName")
WRAPPER_FIELDS = ("items", "articles", "entries", "posts", "data", "results")


@dataclass(frozen=True, slots=True)
class FeedRecord:
    locator: str  # "" for a single-object .json; "#<n>" for list index n (1-based) or JSONL line n
    title: str | None
    body: str | None  # plain text, paragraphs separated by "\n\n"
    published_date: dt.date | None
    byline: str | None
    url: str | None
    source: str | None = None  # the outlet the record names


@dataclass(frozen=True, slots=True)
class FeedError:
    locator: str
    reason: str  # human-readable, prefixed with "line n:" / "item n:" when it concerns one record


def parse_feed(text: str, *, jsonl: bool) -> Iterator[FeedRecord | FeedError]:
    """Yield one ``FeedRecord`` or ``FeedError`` per article record in ``text``.

    ``jsonl=True`` reads one JSON object per line; a bad line yields a
    ``FeedError`` for that line and the next lines still parse. ``jsonl=False``
    reads the whole text as one JSON document; a syntax error there yields a
    single ``FeedError`` with locator ``""``.
    """
    text = (text or "").lstrip("\ufeff")
    if jsonl:
        yield from _parse_lines(text)
    else:
        yield from _parse_document(text)


def _parse_lines(text: str) -> Iterator[FeedRecord | FeedError]:
    # split("\n"), not splitlines(): JSON strings may legally hold U+2028 or
    # \x85, which splitlines() would treat as line ends.
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield FeedError(f"#{n}", f"{where}: invalid JSON ({err.msg}: column {err.colno})")
            continue
        yield _record(f"#{n}", where, obj)


def _parse_document(text: str) -> Iterator[FeedRecord | FeedError]:
    if not text.strip():
        yield FeedError("", "empty JSON file")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield FeedError("", f"invalid JSON ({err.msg}: line {err.lineno} column {err.colno})")
        return
    if isinstance(data, dict):
        items = _wrapped_list(data)
        if items is None:
            yield _record("", "article", data)
            return
        data = items
    if not isinstance(data, list):
        yield FeedError("", f"top-level JSON is {_kind(data)}, expected an article object or a list of them")
        return
    if not data:
        yield FeedError("", "JSON list holds no articles")
        return
    for n, obj in enumerate(data, start=1):
        yield _record(f"#{n}", f"item {n}", obj)


def _wrapped_list(obj: dict[str, Any]) -> list[Any] | None:
    """The article list of a wrapper object ({"items": [...]}), or None if ``obj`` is an article."""
    keys = {k.lower(): k for k in obj}
    if any(f.lower() in keys for f in BODY_FIELDS + LAST_RESORT_BODY_FIELDS):
        return None
    for field in WRAPPER_FIELDS:
        value = obj.get(keys.get(field, field))
        if isinstance(value, list):
            return value
    return None


def _record(locator: str, where: str, obj: Any) -> FeedRecord | FeedError:
    if not isinstance(obj, dict):
        return FeedError(locator, f"{where}: {_kind(obj)}, expected a JSON object")
    fields = {k.lower(): v for k, v in reversed(list(obj.items()))}  # first spelling wins

    body_field, raw_body = _first(fields, BODY_FIELDS)
    if body_field is None:
        body_field, raw_body = _first(fields, LAST_RESORT_BODY_FIELDS)
    if body_field is None:
        expected = "/".join(BODY_FIELDS[:4])
        return FeedError(locator, f"{where}: no body field (expected one of {expected})")
    body = _body_text(raw_body)
    if body is None:
        return FeedError(locator, f"{where}: field {body_field!r} is {_kind(raw_body)}, expected text")
    if not body:
        return FeedError(locator, f"{where}: field {body_field!r} is empty")

    _, raw_title = _first(fields, TITLE_FIELDS)
    _, raw_date = _first(fields, DATE_FIELDS)
    _, raw_byline = _first(fields, BYLINE_FIELDS)
    _, raw_url = _first(fields, URL_FIELDS)
    _, raw_source = _first(fields, SOURCE_FIELDS)
    return FeedRecord(
        locator=locator,
        title=_plain(raw_title),
        body=body,
        published_date=_date(raw_date),
        byline=author_names(raw_byline, _name),
        url=_url(raw_url),
        source=_outlet(raw_source),
    )


def _first(fields: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    """The first of ``names`` present with a non-empty value (None/""/[]/{} count as absent)."""
    for name in names:
        value = fields.get(name.lower())
        if value is None or value == "" or value == [] or value == {}:
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return name, value
    return None, None


def _kind(value: Any) -> str:
    return {
        dict: "an object", list: "a list", str: "a string", bool: "a boolean",
        int: "a number", float: "a number", type(None): "null",
    }.get(type(value), type(value).__name__)


# --- field values -----------------------------------------------------------

_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|ul|ol|li|h[1-6]|blockquote|q|figure|figcaption|"
    r"img|table|tr|td|th|section|article|pre|code|sup|sub|small|hr)\b[^<>]*/?>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "header", "footer", "aside", "figure", "figcaption", "pre",
    "table", "tr", "dl", "dt", "dd", "hr", "main",
}
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed")
_PARA_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")


def _body_text(value: Any) -> str | None:
    """A body field value -> plain text with "\\n\\n" paragraphs ("" if blank, None if not text)."""
    if isinstance(value, list):
        parts = [_body_text(v) for v in value]
        if any(p is None for p in parts):
            return None
        return "\n\n".join(p for p in parts if p)
    if isinstance(value, dict):  # {"type": "html", "value": "..."} and similar
        for key in ("value", "html", "text", "content", "body"):
            if key in value:
                return _body_text(value[key])
        return None
    if not isinstance(value, str):
        return None
    if _TAG.search(value) or _ENTITY.search(value):
        return _markup_to_text(value)
    return _normalise_paragraphs(value)


def _normalise_paragraphs(text: str) -> str:
    """Unify newlines and blank-line runs; leave the paragraphs' own text alone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (p.strip() for p in _PARA_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _markup_to_text(markup: str) -> str:
    """An HTML fragment -> text, one paragraph per block element or <br><br>.

    Not trafilatura: a feed body is already the article, and the
    boilerplate heuristics drop short bodies whole.
    """
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _normalise_paragraphs(htmllib.unescape(re.sub(r"<[^>]+>", " ", markup)))
    for bad in list(root.iter(*_DROP_TAGS)):
        bad.drop_tree()  # keeps the tail text, which belongs to the article
    pieces: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not isinstance(node.tag, str):  # comments, processing instructions
            pieces.append(node.tail or "")
            return
        block = tag in _BLOCK_TAGS
        if block:
            pieces.append("\n\n")
        if tag == "br":
            pieces.append("\n")
        pieces.append(node.text or "")
        for child in node:
            walk(child)
        if block:
            pieces.append("\n\n")
        pieces.append(node.tail or "")

    # the created parent's own tail is None; walk its content
    pieces.append(root.text or "")
    for child in root:
        walk(child)
    paragraphs = []
    for para in _PARA_BREAK.split("".join(pieces)):
        para = " ".join(para.split())
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def _plain(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    if _TAG.search(value):
        value = _markup_to_text(value)
    value = " ".join(htmllib.unescape(value).split())
    return value or None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since epoch
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dict):
        for key in ("value", "date", "@value"):
            if key in value:
                return _date(value[key])
    return None


def _name(value: Any) -> str | None:
    """One author name from a feed: plain text, without a leading "By"."""
    name = _plain(value)
    if name is None:
        return None
    name = re.sub(r"^by\s+", "", name, flags=re.IGNORECASE).strip()
    return name or None


def _outlet(value: Any) -> str | None:
    """An outlet field: "Reuters", ``{"id": "bbc-news", "name": "BBC News"}`` -> "BBC News"; a list's first."""
    if isinstance(value, list):
        return _outlet(value[0]) if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    return _plain(value)


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("href") or value.get("url") or value.get("@id")
    if isinstance(value, list) and value:
        return _url(value[0])
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
