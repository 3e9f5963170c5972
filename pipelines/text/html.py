"""A decoded HTML page -> its article: body text, title, date, byline, URL.

Body: trafilatura with ``favor_precision=True, include_comments=False``
(tables kept, no deduplication, fallbacks on). Chosen by measurement on
``../shared/corpora/html-dev`` with ``bench/html_dev.py`` (numbers in that
module's docstring): precision mode drops the "related stories", share
prompts and teasers that default mode keeps, at almost no cost in recall;
comments are never article text. If precision mode finds nothing we retry
in default mode before giving up, so a short page is not lost to the stricter
thresholds. A first block that only repeats the headline is dropped (the
headline is metadata).

An article its layout cuts into sibling chunks (Wired) is taken whole: the
containers of the same class after trafilatura's last paragraph are appended
(``_later_chunks``).

Scores on html-dev against plain ``trafilatura.extract``: ``docs/quality/quotes.md``
("Text cleaning and HTML bodies").

Note: trafilatura returns whatever text a page has, so a near-empty page
(navigation only) can give a one-word body such as "Home"; only a page with
no text at all gives ``""``. A minimum-length rule, if wanted, belongs to
the caller.

Metadata: the page's own declarations win over trafilatura's guesses, since
the publisher states them deliberately:

* title: JSON-LD ``headline`` -> ``og:title`` -> ``twitter:title`` -> trafilatura
* date: JSON-LD ``datePublished`` -> ``article:published_time`` and common
  date ``<meta>`` tags -> ``<time datetime>`` -> trafilatura (htmldate)
* byline: JSON-LD ``author`` -> ``<meta name=author>`` -> trafilatura
* url: ``<link rel=canonical>`` -> ``og:url`` -> JSON-LD ``url``

Pure: takes an already decoded ``str``, does no network and no file I/O.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from pipelines.text.dates import parse_date

__all__ = ["PageArticle", "extract_html", "EXTRACT_SETTINGS"]

# The settings measured best on html-dev (see bench/html_dev.py).
EXTRACT_SETTINGS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,
}
_FALLBACK_SETTINGS: dict[str, Any] = {"include_comments": False, "include_tables": True}

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
    "askpublicnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "scholarlyarticle", "techarticle", "report",
}
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished",
    "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime",
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
_BLANK_RUN = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class PageArticle:
    title: str | None
    body: str  # article text, paragraphs separated by "\n\n"; "" when nothing found
    published_date: dt.date | None
    byline: str | None
    url: str | None
    site_name: str | None = None  # the outlet the page names itself: og:site_name, else JSON-LD publisher.name


def extract_html(html: str) -> PageArticle:
    """Extract the article of one web page.

    ``html`` is the decoded page. Returns a ``PageArticle`` whose ``body`` is
    plain text with one paragraph (or list item, heading, table row) per
    block, blocks separated by a blank line; ``""`` when the page has no
    extractable article (the caller decides how to reject it).
    """
    html = _XML_DECL.sub("", html or "", count=1)
    tree = _parse(html)
    doc = None
    if tree is not None:
        doc = _trafilatura(html, EXTRACT_SETTINGS)
        if doc is None or not (doc.text or "").strip():
            doc = _trafilatura(html, _FALLBACK_SETTINGS) or doc
    meta = _page_metadata(tree) if tree is not None else {}
    title = meta.get("title") or _clean(getattr(doc, "title", None))
    body = _drop_leading_title(
        _paragraphs(doc.text if doc is not None else ""),
        (title, _clean(getattr(doc, "title", None))),
    )
    if tree is not None and body:
        body = _later_chunks(tree, body)
    published = meta.get("date")
    if published is None and doc is not None and doc.date:
        published = parse_date(doc.date)
    byline = meta.get("byline") or _clean_byline(getattr(doc, "author", None))
    url = meta.get("url") or _clean(getattr(doc, "url", None))
    return PageArticle(title=title, body=body, published_date=published, byline=byline, url=url,
                       site_name=meta.get("site_name"))


def _parse(html: str) -> lxml.html.HtmlElement | None:
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _trafilatura(html: str, settings: dict[str, Any]):
    # Hand trafilatura the string, not our lxml tree: its own loader parses
    # differently, and on html-dev a pre-parsed tree lost body text (NYT and
    # Gizmodo pages: docs/quality/quotes.md). It also prunes what it
    # is given, which would spoil our metadata pass.
    try:
        return trafilatura.bare_extraction(
            html, with_metadata=True, output_format="python", **settings
        )
    except Exception:  # noqa: BLE001 - a library crash on one odd page must not stop a run
        return None


_CHUNK_BLOCKS = ("p", "h2", "h3", "h4")
_CHUNK_SCOPE = 3  # levels above the first chunk where its siblings are looked for


def _later_chunks(tree: lxml.html.HtmlElement, body: str) -> str:
    """Body text -> the same, with the rest of an article its page cut into chunks.

    Some layouts (Wired, other Conde Nast sites) split one article into sibling containers of one class,
    with an ad or a pull quote between them; trafilatura returns the first chunk only (a Wired story
    stopped after 3,573 of its 7,995 characters). When the ``<p>`` holding the body's last block sits
    in a classed container, the paragraphs and subheads of the containers of the same tag and class
    that follow it, under an ancestor at most three levels up, are appended (blocks already in the
    body are not repeated). In: the parsed page and trafilatura's body; out: the body.
    """
    blocks = body.split("\n\n")
    last = _block_key(blocks[-1])
    host = next((p for p in tree.iter("p") if last and _block_key(p.text_content()) == last), None)
    box = host.getparent() if host is not None else None
    if box is None or not (box.get("class") or "").strip():
        return body
    later: list = []
    scope = box
    for _ in range(_CHUNK_SCOPE):
        scope = scope.getparent()
        if scope is None:
            break
        same = [el for el in scope.iter(box.tag) if el.get("class") == box.get("class")]
        later = same[same.index(box) + 1:] if box in same else []
        if later:
            break
    seen = {_block_key(b) for b in blocks}
    for chunk in later:
        for el in chunk.iter(*_CHUNK_BLOCKS):
            text = _BLANK_RUN.sub(" ", " ".join(el.text_content().split())).strip()
            if text and _block_key(text) not in seen:
                seen.add(_block_key(text))
                blocks.append(text)
    return "\n\n".join(blocks)


def _block_key(text: str) -> str:
    """A block's words, case-folded: trafilatura's text and lxml's text_content() of one paragraph agree on it."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _paragraphs(text: str | None) -> str:
    """trafilatura's one-block-per-line text -> blocks separated by blank lines."""
    if not text:
        return ""
    blocks = (_BLANK_RUN.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(b for b in blocks if b)


def _drop_leading_title(body: str, titles: tuple[str | None, ...]) -> str:
    """Remove a first block that only repeats the headline.

    trafilatura drops an in-article ``<h1>`` when it can tell it is the title,
    but not always (no ``<title>``, or a headline outside ``<header>``); the
    headline is metadata, not body text, and would be counted twice downstream.
    """
    first, sep, rest = body.partition("\n\n")
    key = _title_key(first)
    if rest and key and any(t and _title_key(t) == key for t in titles):
        return rest
    return body


def _title_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    # Publishers often entity-encode inside attributes and JSON-LD a second
    # time ("&#8216;The Medium&#8217;"), so unescape what lxml/json left.
    value = " ".join(htmllib.unescape(value).split())
    return value or None


def _clean_byline(value: Any) -> str | None:
    value = _clean(value)
    if value is None or value.lower().startswith(("http://", "https://", "www.")):
        return None
    value = _BY_PREFIX.sub("", value).strip()
    return value or None


# --- the page's own metadata -------------------------------------------------


def _page_metadata(tree: lxml.html.HtmlElement) -> dict[str, Any]:
    meta = _meta_tags(tree)
    ld = _json_ld_article(tree)
    out: dict[str, Any] = {}

    out["title"] = _strip_site_name(
        _clean(ld.get("headline"))
        or _clean(meta.get("og:title"))
        or _clean(meta.get("twitter:title")),
        _clean(meta.get("og:site_name")),
    )

    date = None
    for raw in (ld.get("datePublished"), ld.get("dateCreated")):
        if isinstance(raw, str) and (date := parse_date(raw)):
            break
    if date is None:
        for key in _DATE_META:
            if key in meta and (date := parse_date(meta[key])):
                break
    if date is None:
        for node in tree.iter("time"):
            if (raw := node.get("datetime")) and (date := parse_date(raw)):
                break
    out["date"] = date

    out["byline"] = author_names(ld.get("author"), _clean_byline) or _clean_byline(meta.get("author"))

    canonical = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href").strip()
            break
    ld_url = ld.get("url") if isinstance(ld.get("url"), str) else None
    out["url"] = _clean(canonical) or _clean(meta.get("og:url")) or _clean(ld_url)
    publisher = ld.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    out["site_name"] = _clean(meta.get("og:site_name")) or _clean(
        publisher.get("name") if isinstance(publisher, dict) else publisher)
    return out


def _strip_site_name(title: str | None, site: str | None) -> str | None:
    """"Story | The Site" -> "Story" when the suffix is the page's declared og:site_name."""
    if not title or not site:
        return title
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        head, found, tail = title.rpartition(sep)
        if found and head.strip() and tail.strip().lower() == site.lower():
            return head.strip()
    return title


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """First non-empty content per lower-cased ``name``/``property``/``itemprop``."""
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = (node.get(attr) or "").strip().lower()
            if key and key not in found:
                found[key] = content.strip()
    return found


def _json_ld_article(tree: lxml.html.HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (NewsArticle, Article, BlogPosting, ...)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", raw)
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # broken JSON-LD is common; the other sources still apply
        for obj in _walk_ld(data):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                return obj
    return {}


def _walk_ld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk_ld(data[key], depth + 1)


def author_names(value: Any, clean: Callable[[Any], str | None]) -> str | None:
    """An author field (JSON-LD, feeds): "A", ``{"name": "A"}``, ``["A", {"name": "B"}]`` -> "A" / "A and B".

    ``clean`` tidies one name (or returns None to drop it).
    """
    if isinstance(value, list):
        names: list[str] = []
        for item in value:
            name = author_names(item, clean)
            if name and name not in names:
                names.append(name)
        return " and ".join(names) or None
    if isinstance(value, dict):
        return author_names(value.get("name") or value.get("Name"), clean)
    return clean(value)
