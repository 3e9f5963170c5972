"""Clean text: boilerplate, headline, byline and date on the real seeds and BBC layout."""

import datetime as dt

from pipelines.text.clean import clean_article, clean_body, paragraphs, parse_byline
from tests.conftest import BBC, SHARED

VOA = (SHARED / "seeds" / "000_fd20b0775c6aaf20.txt").read_text(encoding="utf-8")
GUARDIAN_LIKE = (SHARED / "seeds" / "003_aeb0b849679dcb8d.txt").read_text(encoding="utf-8")


def test_voa_page_header_byline_and_footer():
    # A web copy: job-board banner and section label above the headline, "by VOA News <date>" under it,
    # a newsletter prompt and a book teaser after the last paragraph.
    art = clean_article(VOA)
    assert art.title == "Hollande Urges Russia to Join Forces to Defeat Islamic State"
    assert art.byline == "VOA News"
    assert art.published_date == dt.date(2015, 11, 26)
    assert art.body.startswith("French President Francois Hollande urged Russia")
    assert art.body.endswith("Some material for this report came from Reuters and AP.")
    for line in ("JOIN NOW", "Join the mailing list", "One Billion Americans", "Homeland Security", "by VOA News"):
        assert line not in art.body
    assert "'Mutual enemy'" in art.body  # a subhead inside the article stays


def test_no_byline_no_date_and_trailing_related_headline():
    # Starts with a blank line, has no byline or date, and ends with a related-story headline (no full stop).
    art = clean_article(GUARDIAN_LIKE)
    assert art.title == "Obama urges Russian Federation to focus attacks on IS"
    assert art.byline is None and art.published_date is None
    assert art.removed == ["Hollande says US, France to step up strikes in Syria, Iraq"]
    assert art.body.endswith("target ISIS sites in Raqqa, Syria.")


def test_bbc_layout_headline_first_line_nothing_else_removed():
    # BBC corpus layout: line 1 headline, blank line, paragraphs. Nothing is boilerplate.
    text = (BBC / "politics" / "001.txt").read_text(encoding="utf-8")
    art = clean_article(text)
    assert art.title == "Labour plans maternity pay rise"
    assert art.removed == []
    assert art.body.startswith("Maternity pay for new mothers is to rise by £1,400")
    assert len(paragraphs(art.body)) == len(paragraphs(text)) - 1


def test_byline_forms():
    assert parse_byline("By Claire Dubois, Brussels correspondent | 25 November 2015") == (
        "Claire Dubois, Brussels correspondent", dt.date(2015, 11, 25))
    assert parse_byline("Published: 26 Nov 2015") == (None, dt.date(2015, 11, 26))
    # An ordinary short sentence with a date is not a byline.
    assert parse_byline("The vote is on 5 May 2005.") is None


def test_clean_body_drops_only_calls_to_action():
    body, removed = clean_body("First paragraph of news.\n\nSign up for our newsletter\n\nSecond paragraph.")
    assert body == "First paragraph of news.\n\nSecond paragraph."
    assert removed == ["Sign up for our newsletter"]


def test_hard_wrapped_paragraphs_are_joined():
    text = "Headline here\n\nThe minister said the plan\nwould be published on Monday.\n\nSecond paragraph."
    art = clean_article(text)
    assert art.body == "The minister said the plan would be published on Monday.\n\nSecond paragraph."
