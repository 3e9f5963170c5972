"""The outlet of an article (core.articles.source): URL host, the outlet the record names, the landing folder.

Issue 30: "sources is 0 for every .txt article". The pieces are pure functions; ``rows._article_row`` puts them
together in that order, which the last test checks on a landed text file and the seed page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines import landing, rows
from pipelines.text.feeds import parse_feed
from pipelines.text.formats import parse_records
from pipelines.text.html import extract_html
from pipelines.text.outlets import outlet, url_host, wire_credit

ROOT = Path(__file__).resolve().parents[2]
SEED_PAGE = ROOT / "seeds" / "2015-11-27" / "hollande-merkel-meeting.html"


@pytest.mark.parametrize("url, host", [
    ("https://www.continental-ledger.example/europe/2015/11/27/x", "continental-ledger.example"),
    ("http://news.BBC.co.uk/1/hi/business/4183219.stm", "news.bbc.co.uk"),
    ("https://www.reuters.com:443/world?x=1#top", "reuters.com"),
    ("https://www.com/", "www.com"),  # "www." is only dropped before a name that has a dot of its own
    ("/news/a-story", None),  # relative: no host
    ("mailto:desk@example.com", None),
    (None, None),
])
def test_url_host(url, host):
    assert url_host(url) == host


def test_the_url_host_comes_before_the_name_the_record_gives():
    assert outlet("https://www.reuters.com/a", "Reuters") == "reuters.com"
    assert outlet(None, " BBC\n News ") == "BBC News"
    assert outlet("/relative", None) is None


@pytest.mark.parametrize("path, folder", [
    ("2024-05-01/bbc-news/001.txt", "bbc-news"),  # the acceptance landing
    ("dt=2024-05-01/reuters/world/a.json", "reuters"),  # deeper folders: the first under the date
    ("2024-05-01/001.txt", None),  # directly in the date folder
    ("loose.txt", None),
    ("archive/x.txt", None),  # a folder, but no date folder above it
])
def test_outlet_folder(path, folder):
    assert landing.outlet_folder(path) == folder


def test_feed_outlet_fields():
    """NewsAPI's source object, a plain publisher string, a site_name; the first field of SOURCE_FIELDS present wins."""
    text = "\n".join([
        '{"title": "a", "body": "Text one.", "source": {"id": "bbc-news", "name": "BBC News"}}',
        '{"title": "b", "body": "Text two.", "publisher": "Reuters"}',
        '{"title": "c", "body": "Text three.", "outlet": "Ignored", "site_name": "The Continental Ledger"}',
        '{"title": "d", "body": "Text four."}',
    ])
    assert [r.source for r in parse_feed(text, jsonl=True)] == ["BBC News", "Reuters", "The Continental Ledger", None]


def test_page_site_name_from_og_site_name_or_json_ld_publisher():
    assert extract_html(SEED_PAGE.read_text(encoding="utf-8")).site_name == "The Continental Ledger"
    page = ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"x\", "
            "\"publisher\": {\"@type\": \"Organization\", \"name\": \"Example Gazette\"}}</script></head>"
            "<body><article><p>" + "The council met on Tuesday to vote on the budget for next year. " * 6
            + "</p></article></body></html>")
    assert extract_html(page).site_name == "Example Gazette"


def test_article_rows_take_host_then_named_outlet_then_folder():
    """A landed .txt has only its folder; the seed page has a canonical URL, whose host wins over its site name."""
    (txt,) = parse_records("2024-05-01/bbc-news/001.txt", "Ad sales boost Time Warner profit\n\nQuarterly profits rose.")
    row = rows._article_row(dt.date(2024, 5, 1), "2024-05-01/bbc-news/001.txt", txt, {})
    assert row["source"] == "bbc-news"
    (page,) = parse_records("2015-11-27/ledger/p.html", SEED_PAGE.read_text(encoding="utf-8"))
    row = rows._article_row(dt.date(2015, 11, 27), "2015-11-27/ledger/p.html", page, {})
    assert row["source"] == "continental-ledger.example"


@pytest.mark.parametrize("text, wire", [
    ("LONDON (AP) — Britain's Conservative Party …", "AP"),  # html-dev e7994d's dateline
    ("WASHINGTON (Reuters) - The U.S. Senate on Tuesday …", "Reuters"),
    ("… the ministry said.\n\nReporting by Jane Doe in Paris; Editing by John Roe", "Reuters"),
    ("… the court said.\n\nCopyright 2019 The Associated Press. All rights reserved.", "AP"),
    ("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%", None),
    ("He told Reuters news agency that WPP had submitted a proposal", None),  # bbc/business/035: a source, no credit
])
def test_wire_credit(text, wire):
    assert wire_credit(text) == wire
