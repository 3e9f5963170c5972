"""JSON / JSONL feed exports (pipelines.text.feeds)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pipelines.text.feeds import FeedError, FeedRecord, parse_feed

SEED = Path(__file__).resolve().parents[2] / "seeds" / "2015-11-28" / "wire-feed.jsonl"


def _feed(text: str, jsonl: bool) -> list[FeedRecord | FeedError]:
    return list(parse_feed(text, jsonl=jsonl))


def test_seed_feed_bad_line_is_rejected_and_neighbours_load():
    """The issue's contract: a malformed line 3 is reported by number, lines 1, 2 and 4 still load."""
    items = _feed(SEED.read_text(encoding="utf-8"), jsonl=True)
    assert [i.locator for i in items] == ["#1", "#2", "#3", "#4"]
    assert [type(i).__name__ for i in items] == ["FeedRecord", "FeedRecord", "FeedError", "FeedRecord"]
    assert items[2].reason.startswith("line 3: invalid JSON (Expecting ',' delimiter: column ")


def test_seed_feed_maps_each_field_spelling():
    """The three seed records use three different field vocabularies; all land in the same fields."""
    first, second, _, fourth = _feed(SEED.read_text(encoding="utf-8"), jsonl=True)
    # headline / articleBody / datePublished / author object
    assert first.title == "Cameron to put case for Syria air strikes to MPs next week"
    assert first.byline == "Harriet Lowe"
    assert first.published_date == dt.date(2015, 11, 28)
    assert first.url.endswith("/cameron-syria-vote")
    # title / body / RFC 2822 date / "By ..." byline / link
    assert second.byline == "Mehmet Aydin and Olga Petrenko"
    assert second.published_date == dt.date(2015, 11, 28)
    assert second.url.endswith("/turkey-russia-jet-row")
    # title / HTML content / published / author list of object and string
    assert fourth.byline == "Sophie Marchetti and Daniel Osei"
    assert fourth.published_date == dt.date(2015, 11, 28)


def test_html_content_becomes_paragraphs_of_plain_text():
    """The cleaner splits on blank lines, so <p> and <br><br> must become "\\n\\n" and entities characters."""
    fourth = _feed(SEED.read_text(encoding="utf-8"), jsonl=True)[3]
    paragraphs = fourth.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("PARIS (EWN) – Some 150 heads of state")
    assert "“The fight against terrorism and the fight against climate change are not competing priorities,”" in paragraphs[1]
    assert "made the meeting more important" in paragraphs[1]  # inline <em> does not break the sentence
    assert paragraphs[3] == "About 2,800 police and gendarmes will guard the conference site at Le Bourget."
    assert "<" not in fourth.body and "&" not in fourth.body


def test_plain_text_body_keeps_its_paragraphs():
    """A non-HTML body must come through unchanged apart from newline normalisation."""
    body = 'First paragraph, "quoted," he said.\r\n\r\nSecond paragraph.'
    (rec,) = _feed(json.dumps({"title": "T", "text": body}), jsonl=False)
    assert rec.locator == ""
    assert rec.body == 'First paragraph, "quoted," he said.\n\nSecond paragraph.'


def test_single_object_list_and_wrapper_locators():
    """Each record must be addressable: "" for one object, "#n" (1-based) for list items."""
    art = {"title": "A", "body": "Body text."}
    assert _feed(json.dumps(art), jsonl=False)[0].locator == ""
    items = _feed(json.dumps([art, art, art]), jsonl=False)
    assert [i.locator for i in items] == ["#1", "#2", "#3"]
    wrapped = _feed(json.dumps({"version": "https://jsonfeed.org/version/1", "items": [art, art]}), jsonl=False)
    assert [i.locator for i in wrapped] == ["#1", "#2"]


def test_whole_file_syntax_error_is_one_error_with_empty_locator():
    """A broken .json cannot be split into records; one error for the file, with where it broke."""
    items = _feed('[{"title": "A", "body": "x"},\n {"title": "B" "body": "y"}]', jsonl=False)
    assert items == [FeedError("", "invalid JSON (Expecting ',' delimiter: line 2 column 16)")]


def test_bad_list_item_is_rejected_by_index():
    """A list item that is not an article gets its own error; the others still parse."""
    items = _feed(json.dumps([{"body": "ok"}, "just a string", {"title": "no body"}]), jsonl=False)
    assert isinstance(items[0], FeedRecord)
    assert items[1] == FeedError("#2", "item 2: a string, expected a JSON object")
    assert items[2] == FeedError("#3", "item 3: no body field (expected one of body/text/content/articleBody)")


def test_jsonl_line_numbers_count_blank_lines():
    """Locators are physical line numbers, so source_path#n opens at the right line in an editor."""
    text = '{"body": "one"}\n\n{"title": "missing body"}\n{"body": "four"}\n'
    items = _feed(text, jsonl=True)
    assert [i.locator for i in items] == ["#1", "#3", "#4"]
    assert items[1].reason == "line 3: no body field (expected one of body/text/content/articleBody)"


def test_description_is_only_a_last_resort():
    """A description is a teaser: used when nothing else exists, never preferred over the body."""
    both = {"description": "Teaser.", "content": "Full article."}
    only = {"description": "Only a summary."}
    assert _feed(json.dumps(both), jsonl=False)[0].body == "Full article."
    assert _feed(json.dumps(only), jsonl=False)[0].body == "Only a summary."


def test_empty_or_non_text_body_is_an_error_not_an_empty_article():
    """An empty article would pollute core.articles; the reason says which field was wrong."""
    assert _feed('{"body": "   "}', jsonl=True)[0].reason.startswith("line 1: no body field")
    assert _feed('{"body": 42}', jsonl=True)[0].reason == "line 1: field 'body' is a number, expected text"


def test_date_variants_and_unparseable_dates():
    """Feeds use many date fields and formats; a bad date is not a reason to drop the article."""
    recs = _feed(
        "\n".join(
            json.dumps(r)
            for r in [
                {"body": "x", "pubDate": "Thu, 26 Nov 2015 10:00:00 GMT"},
                {"body": "x", "published_at": 1448532000},  # Unix seconds, 2015-11-26T10:00Z
                {"body": "x", "published_at": 1448532000000},  # milliseconds
                {"body": "x", "date": "sometime last week"},
            ]
        ),
        jsonl=True,
    )
    assert [r.published_date for r in recs] == [dt.date(2015, 11, 26)] * 3 + [None]
    assert isinstance(recs[3], FeedRecord)


def test_author_shapes():
    """author may be a string, an object with name, or a list of both; bylines join with " and "."""
    recs = _feed(
        "\n".join(
            json.dumps(r)
            for r in [
                {"body": "x", "creator": "By Jane Roe"},
                {"body": "x", "author": {"name": "Jane Roe", "url": "https://x.example"}},
                {"body": "x", "authors": [{"name": "Jane Roe"}, "John Doe", {"name": "Jane Roe"}]},
            ]
        ),
        jsonl=True,
    )
    assert [r.byline for r in recs] == ["Jane Roe", "Jane Roe", "Jane Roe and John Doe"]


def test_line_separator_characters_inside_strings_do_not_split_records():
    """U+2028 is legal inside a JSON string; splitting on it would corrupt a valid line."""
    (rec,) = _feed('{"body": "before\u2028after"}', jsonl=True)
    assert rec.locator == "#1" and "before" in rec.body and "after" in rec.body
