"""Clean text: boilerplate, headline, byline and date on the real seeds and BBC layout."""

import datetime as dt

import pytest

from pipelines.text.clean import clean_article, clean_body, paragraphs, parse_byline
from tests.helpers import BBC, SHARED

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


def test_a_list_at_the_end_of_an_article_is_kept_and_teasers_still_go():
    # html-dev billboard.com (9cb8224b66): the article ends with "... Tour 2020 dates:" and one line per date;
    # html-dev cbssports.com (9a440270bf) with bulleted "- Wales (Group E): ..." items. The trailing-teaser
    # rule dropped both lists (their lines are short non-sentences); the last line of a story list is still a
    # teaser when nothing announced it.
    story = "Live Nation is producing the tour, tickets for which go on sale Friday, Dec. 6 at LiveNation.com."
    dates = ["The Doobie Brothers 50th Anniversary Tour 2020 dates:",
             "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
             "June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL"]
    body, removed = clean_body("\n\n".join([story, *dates]))
    assert body.endswith("Tampa, FL") and removed == []
    bullets = ["- Wales (Group E): Second appearance", "- Portugal (Group B): Eighth appearance"]
    body, removed = clean_body("\n\n".join([story, *bullets]))
    assert body.endswith("Eighth appearance") and removed == []
    body, removed = clean_body("\n\n".join([story, "Doobie Brothers Announce Tour", "Watch Now"]))
    assert body == story and removed == ["Watch Now", "Doobie Brothers Announce Tour"]
    # bbc/sport/419: one bulleted line alone is a promotion, not a list
    promo = "- For the full interview with Mike Tindall tune into this Sunday's Rugby Special, 2340 on BBC Two"
    assert clean_body("\n\n".join([story, promo])) == (story, [promo])


def test_japanese_paragraphs_are_sentences():
    # html-dev lhpat-tm.com / note100yen.com: Japanese has no spaces between words and ends sentences with
    # "。", so every paragraph looked like a short teaser and the stored body was empty.
    text = "今日は東京で会議が開かれました。\n\n参加者は百人を超えました。"
    assert clean_body(text) == (text, [])


def test_web_promotions_go_from_web_bodies():
    # html-dev 04a6 (NYT opinion footer), 686b (Space.com author box), ba4d (Express teasers): promotions the
    # call-to-action words miss (clean_body only: BBC text files never pass here)
    body, removed = clean_body(
        "I don’t see the downside. A long inquiry keeps impeachment out of Mitch McConnell’s hands.\n\n"
        "DON'T MISS\n\n"
        "Plane passengers quarantined after BUBONIC PLAGUE outbreak [NEWS]\n\n"
        "Still, he said, it was \"a dark moment\" for the party.\n\n"
        "The Times is committed to publishing a diversity of letters to the editor. We’d like to hear what you "
        "think about this or any of our articles. Here are some tips. And here's our email: letters@nytimes.com.\n\n"
        "Mike Wall's book about the search for alien life, \"Out There\" (Grand Central Publishing, 2018; "
        "illustrated by Karl Tate), is out now. Follow him on Twitter @michaeldwall. Follow us on Twitter "
        "@Spacedotcom or Facebook."
    )
    assert body == ("I don’t see the downside. A long inquiry keeps impeachment out of Mitch McConnell’s hands.\n\n"
                    "Still, he said, it was \"a dark moment\" for the party.")
    assert len(removed) == 4


def test_other_stories_headlines_above_a_web_body():
    # html-dev 9cb8 (Billboard): a section label and four headlines above the story; c81e (Florida Today):
    # a roundup headline with lowercase words opens real results and stays
    body, removed = clean_body(
        "2019 American Music Awards\n\n"
        "Post Malone, Ariana Grande & Billie Eilish Lead 2019 American Music Awards Nominations: See Full List\n\n"
        "Jonas Brothers Added to 2019 American Music Awards Performance Lineup\n\n"
        "Ciara to Host 2019 American Music Awards, Plus New Performers Announced\n\n"
        "A half century on, The Doobie Brothers are still smoking."
    )
    assert body == "A half century on, The Doobie Brothers are still smoking." and len(removed) == 4
    text = ("High School Roundup: Viera defeats Rockledge to remain undefeated\n\nGIRLS BASKETBALL\n\n"
            "Palm Bay d. Rockledge 70-44\n\nPalm Bay scored early and never trailed in the game.")
    assert clean_body(text)[0] == text


POLNEAR_TRAIN = SHARED / "corpora" / "polnear" / "train" / "text"


@pytest.mark.parametrize(
    ("path", "title", "body_start"),
    [
        # PolNeAR train: a headline written as a sentence, full stop and all; a byline-like "From …" line under it.
        (POLNEAR_TRAIN / "breitbart_2016-04-07_ny-post-megyn-kelly-is-no-differ.txt",
         "NY Post: Megyn Kelly Is No Different Than Kim Kardashian.", None),
        # PolNeAR train (USA Today): the deck on the line under the headline, same paragraph, stays in the body.
        (POLNEAR_TRAIN / "usa-today_2015-11-09_carson-on-defense-attacking-crit.txt",
         "Carson on defense, attacking critics as scrutiny heats up;",
         "Republican presidential candidate's biography questioned."),
        # PolNeAR train: a first line that a byline parser read as "From <who>".
        (POLNEAR_TRAIN / "nyt_2016-07-11_from-failed-hopefuls-bold-ideas-.txt",
         "From failed hopefuls, bold ideas worth another look;", "Your Money."),
        # BBC: a headline ending in an ellipsis was left in the body.
        (BBC / "tech" / "301.txt", "Rivals of the £400 Apple...", None),
    ],
)
def test_first_line_of_a_text_file_is_its_headline(path, title, body_start):
    art = clean_article(path.read_text(encoding="utf-8"))
    assert art.title == title
    assert title not in art.body
    if body_start:
        assert art.body.startswith(body_start)


def test_a_hard_wrapped_first_sentence_is_not_cut_into_a_headline():
    # The first line runs on in lower case: one sentence wrapped, with no headline above it.
    text = "The minister said the plan\nwould be published on Monday.\n\nSecond paragraph."
    assert clean_article(text).title is None
