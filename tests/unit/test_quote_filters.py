"""Mark filters for titles, headings and coined terms (issue 29), on the marks alone: no parse.

Every sentence is copied from ../shared/corpora/polnear/train/text/<file> (the train split, never dev) or from
the seeds; each case names the filter of pipelines/text/quotes/filters.py it pins down and fails without it.
"""

from __future__ import annotations

import pytest

from pipelines.text.quotes import MARK_FILTERS
from pipelines.text.quotes.filters import is_coined_term, is_heading, is_title_or_nickname
from pipelines.text.quotes.marks import find_quote_spans


def kept(text: str) -> list[str]:
    """The texts of the spans no mark filter drops."""
    return [text[s.start : s.end] for s in find_quote_spans(text) if not any(drop(text, s) for drop in MARK_FILTERS)]


def dropped_by(text: str, quote: str):
    """The first filter (in MARK_FILTERS order) that drops the span holding ``quote``, or None."""
    span = next(s for s in find_quote_spans(text) if text[s.start : s.end].rstrip(",") == quote)
    return next((drop for drop in MARK_FILTERS if drop(text, span)), None)


DROPPED = [
    # filters._title_with_stop: a show's title ends the sentence and takes its full stop
    pytest.param("politico_2016-05-22_mark-cuban-i-d-consider-a-future.txt",
                 '"Well, it\'s certainly more of a consideration than it was," Cuban said in an interview airing Sunday '
                 'on NBC\'s "Meet the Press."', "Meet the Press.", is_title_or_nickname, id="show-title-with-full-stop"),
    # filters._title_with_stop after "with" (TITLE_LEAD_WORDS): a show's title ends the sentence
    pytest.param("huff-post_2016-07-31_clinton-says-russians-hacked-dnc.txt",
                 "“We know that Russian intelligence services hacked into the DNC and we know that they arranged for a "
                 "lot of those emails to be released and we know that Donald Trump has shown a very troubling "
                 "willingness to back up Putin, to support Putin,” Clinton said in an interview with “Fox News Sunday.”",
                 "Fox News Sunday.", is_title_or_nickname, id="show-title-after-with"),
    # filters._title_with_stop after "book" in NYT's doubled marks
    pytest.param("nyt_2016-04-25_trump-s-aging-air-fleet-gives-hi.txt",
                 "from a financially troubled Texas company, Diamond Shamrock, according to his book ''The Art of the "
                 "Deal.''", "The Art of the Deal.", is_title_or_nickname, id="book-title-with-full-stop-nyt-marks"),
    # marks (_doubled_single open and close): the title's opening mark is the first ' of '', not the second, so
    # the title is read mid-sentence, not as a quote opening a sentence after a mark
    pytest.param("nyt_2016-03-12_protesting-at-trump-rallies-a-ri.txt",
                 "''He deserved it,'' the assailant, John McGraw, told the television program ''Inside Edition'' after "
                 "the confrontation, which was captured on video from several angles.", "Inside Edition",
                 is_title_or_nickname, id="nyt-doubled-marks-title"),
    pytest.param("nyt_2016-07-05_a-rush-for-books-on-trump.txt",
                 "the author of several nonfiction books, self-published ''Lost Tycoon'' on Amazon and quickly sold 60 "
                 "copies.", "Lost Tycoon", is_title_or_nickname, id="nyt-doubled-marks-book-title"),
    # filters.is_coined_term: "known as the" names a facility, "the phrase" a phrase, "what is called" a thing
    pytest.param("politico_2016-08-23_top-senate-candidates-pointing-f.txt",
                 "Scott had cut mosquito-control programs, including eliminating state money for a pesticide-testing "
                 "facility that was known as the “mosquito lab.”", "mosquito lab.", is_coined_term, id="known-as"),
    pytest.param("breitbart_2016-04-12_mexican-anchor-crosses-swords-wi.txt",
                 "a play on words with the phrase “anchor baby,” which backers of tougher immigration laws use to "
                 "refer to children born on US soil to illegal migrants.", "anchor baby", is_coined_term,
                 id="the-phrase"),
    pytest.param("huff-post_2015-11-11_a-meaningful-exchange-actually-h.txt",
                 "debated tax credits and military spending at Tuesday’s Republican debate, shaking up what is called "
                 "a “debate” but usually turns into isolated questions asked of the candidates.", "debate",
                 is_coined_term, id="what-is-called"),
    # filters.is_heading (_numbered_heading): the seed's subhead, numbered as a listicle numbers it
    pytest.param("seeds/000 (subhead 'Mutual enemy', numbered)",
                 "2. 'Mutual enemy'\n\nPutin said Moscow was ready to unite with France.", "Mutual enemy", is_heading,
                 id="numbered-heading"),
    # filters.is_heading (_title_case_heading): the same subhead in NYT title case with a full stop
    pytest.param("seeds/000 (subhead 'Mutual enemy', NYT style)",
                 "'Mutual Enemy of the West.'\n\nPutin said Moscow was ready to unite with France.",
                 "Mutual Enemy of the West.", is_heading, id="title-case-heading-with-full-stop"),
]


@pytest.mark.parametrize("source, text, quote, rule", DROPPED)
def test_marks_dropped_as_titles_headings_and_terms(source, text, quote, rule):
    assert dropped_by(text, quote) is rule


KEPT = [
    # someone's calling is speech, not a coined term
    pytest.param("wash-post_2016-06-09_party-aims-to-heal-primary-wound.txt",
                 "Clinton said Wednesday that she called Sanders after Tuesday night's primaries, which secured her the "
                 'nomination, to congratulate him on what she called "an extraordinary campaign."',
                 ["an extraordinary campaign."], id="what-she-called-is-speech"),
    # a one-paragraph quotation that is not in title case stays a quotation, full stop and all
    pytest.param("nyt (PolNeAR train: a paragraph of its own)", "'Totally pro-Israel.'\n\nHe said it twice.",
                 ["Totally pro-Israel."], id="sentence-paragraph-not-title-case"),
    # a quoted sentence after a speech verb is not a title, though every word is capitalised
    pytest.param("seeds/000 (Hollande's 'mutual enemy', capitalised)", "Putin said, 'Mutual Enemy.' Then he left.",
                 ["Mutual Enemy."], id="title-case-after-a-speech-verb"),
]


@pytest.mark.parametrize("source, text, expect", KEPT)
def test_quotations_the_new_filters_keep(source, text, expect):
    assert kept(text) == expect


SPANS = [
    # marks (_doubled_single_pair): the second ' of a closing '' used to open a quote of its own, ") Then DuPont, …"
    pytest.param("nyt_2015-12-30_roasts-and-toasts-for-dealbook.txt",
                 "First, Ellen Kullman, DuPont's longtime chief executive, was shown the door. (She claimed to "
                 "''retire.'') Then DuPont, only two months later, announced plans to merge with Dow Chemical.",
                 ["retire."], id="doubled-close"),
    # marks: one single mark inside a '' quote opens a quote in the quote, not a new quote
    pytest.param("nyt_2015-11-24_world-war-ii-haunts-our-terror-d.txt",
                 "in the face of conquest (''This is less a 'refugee crisis' and more an occupation,'' Monica Crowley "
                 "wrote in The Washington Times last week)", ["This is less a 'refugee crisis' and more an occupation"],
                 id="single-inside-doubled"),
]


@pytest.mark.parametrize("source, text, expect", SPANS)
def test_doubled_single_marks_pair_as_one_mark(source, text, expect):
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == expect
