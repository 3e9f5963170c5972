"""The quote rules added for news unlike the BBC (issue 15), each on a snippet of the page it was measured on.

Snippets are copied from ../shared/corpora/html-dev/pages/<id>.json articleBody (the page id prefix is the
case's source), the seeds, or the BBC corpus. Each case says which rule it pins down and fails if that rule is
removed.
"""

from __future__ import annotations

import pytest

from pipelines.text.entities import extract_entities
from pipelines.text.lexicons import first_names, name_gender, places
from pipelines.text.quotes.quote import described_speaker, speaker_kind
from tests.unit.quote_helpers import case, check, in_marks, quotes_in

ONE_QUOTE = [
    # marks (_doubled_single_close): ’’ closes “…; before the rule the quote ran on over "Will Moy, … told the BBC."
    case("doubled-single-mark-closes-a-double-quote", "html-dev e7994d (AP)",
         "“It was an attempt to mislead voters,’’ Will Moy, chief executive of the London-based fact-checking "
         "website Full Fact, told the BBC.",
         quote="It was an attempt to mislead voters", speaker="Will Moy"),
    # marks._classify (_closing_mark_opens): ”Bird flu … coming.” opens with a right double mark
    case("closing-mark-used-as-opening", "html-dev ba4dfe (Express)",
         "Another reportedly said: ”Bird flu in the year of the rooster... swine fever in the year of the pig. "
         "Next year is the year of the rat...the plague is coming.”",
         starts="Bird flu in the year of the rooster", ends="the plague is coming."),
    # terms.unspoken_term keeps a short term attributed through the parse: "moderate" sits under "he stuck to
    # his earlier line that …"
    case("voiced-short-term-is-kept", "seeds/003_aeb0b849679dcb8d.txt",
         "But he stuck to his earlier line that Russia’s devastating air campaign was targeted at “moderate” "
         "opposition groups and not Isis.",
         quote="moderate", kind="partial"),
    # cues.under_speech_verb: "dirty tricks" is voiced by the "claims that …" around it (BBC gold keeps it)
    case("short-term-under-a-speech-noun", "bbc/politics/297.txt",
         "The European commissioner was speaking amid claims that Mr Campbell is part of a Labour "
         '"dirty tricks" campaign.',
         quote="dirty tricks"),
    # Mentions.apposed_name: the subject is the title, the name its apposition (the model tags it ORG)
    case("apposed-name-is-the-speaker", "html-dev dc7ccc (Al-Bawaba)",
         "“After conducting a comprehensive assessment, I then make the assessment that the evidence is not "
         "strong enough to form the basis for filing an indictment,” Sweden’s deputy director of public "
         "prosecutions, Eva-Marie Persson, said on Tuesday.",
         speaker="Eva-Marie Persson"),
]


@pytest.mark.parametrize("source, text, expect", ONE_QUOTE)
def test_one_quote(nlp, source, text, expect):
    [q] = in_marks(quotes_in(nlp, text))
    check(q, expect)


NOT_QUOTES = [
    # filters.is_title_or_nickname (_quoted_title_list): a comma-separated list of song titles
    case("list-of-quoted-titles", "html-dev 9cb822 (Billboard)",
         "expect to hear a wide range of the veteran band’s hits on the 2020 outing, including “Listen To The "
         "Music,” “Takin’ It To The Streets,” “Long Train Running,” “Black Water,” “China Grove” and others."),
    # terms.unspoken_term: a "phase one" deal is a label nobody says here
    case("unspoken-short-term", "html-dev 39d5c4 (Reuters)",
         'A "phase one" trade deal between the United States and China was supposed to be limited.'),
]


@pytest.mark.parametrize("source, text, expect", NOT_QUOTES)
def test_not_a_quote(nlp, source, text, expect):
    assert in_marks(quotes_in(nlp, text)) == []


# the flag the warehouse gets for each quote's speaker (Quote.speaker_kind); pairs from the seeds and BBC cases
@pytest.mark.parametrize(
    "speaker, written, kind",
    [
        pytest.param("David Cameron", "Mr Cameron", "named", id="name"),
        pytest.param("David Cameron", "he", "pronoun", id="pronoun"),
        pytest.param("Laura Ashley", "the company", "described", id="description-resolved"),
        pytest.param(None, "an insider", "unnamed", id="description-unresolved"),
    ],
)
def test_speaker_kind(speaker, written, kind):
    assert speaker_kind(speaker, written) == kind


@pytest.mark.parametrize(
    "written, speaker",
    [
        pytest.param("an insider", "insider", id="article-dropped"),
        pytest.param("Aviation analysts", "aviation analysts", id="sentence-capital-lowered"),
        pytest.param("A BBC spokeswoman", "BBC spokeswoman", id="acronym-kept"),
        pytest.param("what", None, id="not-a-description"),
        pytest.param("Downing Street", None, id="unresolved-name"),
    ],
)
def test_described_speaker(written, speaker):
    assert described_speaker(written) == speaker


# pipelines/data/first_names.csv (names-dataset), loaded once
@pytest.mark.parametrize(
    "name, gender",
    [
        pytest.param("Donald Trump", "m", id="clear-male"),
        pytest.param("Andrea Leadsom", None, id="ambiguous-across-countries"),  # F 0.45: no evidence
    ],
)
def test_name_gender(name, gender):
    assert name_gender(name) == gender


def test_lexicons_load_the_derived_tables():
    # pipelines/data/first_names.csv (names-dataset) and places.tsv (GeoNames)
    assert first_names()["Kristi"][0] == "f"
    assert places()["VIENNA"] == "Vienna"
    assert "Texas" in places()


def test_gazetteer_tags_an_untagged_place(nlp):
    # html-dev 5a8229 (NBC/Reuters): the small model leaves the dateline "VIENNA" untagged; the gazetteer
    # adds it as GPE and the canonicaliser names it "Vienna" (the gold's alias). It only fills gaps:
    # the PERSON the model found stays a person.
    text = (
        "VIENNA — The house where Adolf Hitler was born will be turned into a police station, Austria's "
        "interior minister said on Tuesday."
    )
    found = {(m.mention, m.label, m.entity) for m in extract_entities(nlp(text))}
    assert ("VIENNA", "GPE", "Vienna") in found
    assert ("Hitler", "PERSON", "Hitler") in found
