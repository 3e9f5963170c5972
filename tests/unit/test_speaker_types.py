"""Speaker types (pipelines/text/quotes/speaker_types.py) on real sentences from ../shared/corpora/bbc/business.

The organisations are the speakers issue 30 found ranked as people in analytics.speakers (OECD, Nestle, Yukos,
WPP, Umbro, UK Coal); each case keeps the sentences that carry the evidence and says which. The people are the
named speakers of the same files, one of them (Jean-Philippe Cotis) tagged ORG by the model.
"""

from __future__ import annotations

import pytest

from pipelines.text.quotes.speaker_types import description_type, named_type, unnamed_type
from tests.unit.quote_helpers import quotes_in

CASES = [
    # bbc/business/050: the name alone, tagged ORG; "giant" before it, "it" after "said"
    pytest.param(
        "A combination of bad weather, rising raw material costs and the sluggish European economy has hit sales "
        "at Swiss food and drink giant Nestle.\n\n"
        "Elsewhere, Nestle said it had enjoyed an \"exceptional\" year in North America, outperforming the market "
        "in terms of sales growth. Nestle added that it had performed strongly in Africa and Asia despite the "
        "impact of high oil prices and political instability.\n\n"
        "\"The option of selling is Perrier is still on the table,\" chief executive Peter Brabeck-Letmathe "
        "confirmed on Thursday.",
        {"Nestle": "organisation", "Peter Brabeck-Letmathe": "person"}, id="nestle-050"),
    # bbc/business/025: the model tags Yukos PERSON; "oil giant Yukos", "Yukos boss", "Yukos claimed it"
    pytest.param(
        "A judge has dismissed an attempt by Russian oil giant Yukos to gain bankruptcy protection in the US.\n\n"
        "Separately, former Yukos boss Mikhail Khodorkovsky began testimony on Friday in his trial for fraud and "
        "tax evasion.\n\n"
        "Texas Judge Letitia Clark said Yukos did not have enough of a US presence to establish US jurisdiction. "
        "Yukos claimed it sought help in the US because other forums - Russian courts and the European Court of "
        "Human Rights - were either unfriendly or offered less protection.",
        {"Yukos": "organisation", "Letitia Clark": "person"}, id="yukos-025"),
    # bbc/business/030: "the OECD said"; Cotis is tagged ORG, his apposition makes him a person
    pytest.param(
        "US growth would reach 4.4% in 2004, but fall to 3.3% next year from a previous estimate of 3.7%, the "
        "OECD said. \"There are nonetheless good reasons to believe that despite recent oil price turbulence the "
        "world economy will regain momentum in a not-too-distant future,\" said Jean-Philippe Cotis, the OECD's "
        "chief economist.\n\n"
        "\"The oil shock is not enormous by historical standards - we have seen worse in the seventies,\" Vincent "
        "Koen, a senior economist with the OECD, told the BBC's World Business Report.",
        {"OECD": "organisation", "Jean-Philippe Cotis": "person", "Vincent Koen": "person"}, id="oecd-030"),
    # bbc/business/035: "UK advertising giant WPP" as the speaker's own words
    pytest.param(
        "UK advertising giant WPP has posted larger-than-expected annual profits and predicted that it will "
        "outperform the market in 2005.\n\n"
        "Chief Executive Martin Sorrell on Friday told Reuters news agency that WPP had submitted a proposal for "
        "United Business Media's NOP World market research unit.",
        {"WPP": "organisation", "Martin Sorrell": "person"}, id="wpp-035"),
    # bbc/business/040: "UK sportswear firm Umbro"; "It said" after the firm
    pytest.param(
        "UK sportswear firm Umbro has posted a 222% rise in annual profit after sales of replica England football "
        "kits were boosted by the Euro 2004 tournament.\n\n"
        "In January, Umbro announced its sponsorship agreement with Chelsea, which gave Umbro the lucrative right "
        "to make replica shirts, would end in 2006, five years earlier than expected. Chief executive Peter "
        "McGuigan said the firm plans to grow sales both in the UK and internationally.",
        {"Umbro": "organisation", "Peter McGuigan": "person"}, id="umbro-040"),
    # bbc/business/042 (its headline keeps "UK" in the name): "Shares in UK Coal", "UK Coal said it"; "Mr Spindler"
    pytest.param(
        "UK Coal plunges into deeper loss\n\n"
        "Shares in UK Coal have fallen after the mining group reported losses had deepened to £51.6m in 2004 "
        "from £1.2m.\n\n"
        "UK Coal said it was making \"significant progress\" in shaking up the business. \"We have a long "
        "journey ahead to fix these issues. We continue to make progress "
        "and great strides have already been made,\" said Mr Spindler.",
        {"UK Coal": "organisation", "Spindler": "person"}, id="ukcoal-042"),
]


@pytest.mark.parametrize("text, want", CASES)
def test_named_speaker_types(nlp, text, want):
    # keyed by the name as written, so the case does not hang on how the entity pass draws a name's bounds
    typed = {name: q.speaker_type for q in quotes_in(nlp, text) for name in want if name in (q.speaker_mention or "")}
    assert typed == want


@pytest.mark.parametrize("description, kind", [
    ("Officials in Cojedes state", "group"),  # bbc/business/029
    ("Analysts", "group"),  # bbc/business/025
    ("Legal experts", "group"),  # bbc/business/003
    ("a spokesman", "unnamed"),  # bbc/business/029
    ("The BBC's correspondent", "unnamed"),  # bbc/business/012
    ("the mining group", "organisation"),  # bbc/business/042
    ("the Paris-based economics think tank", "organisation"),  # bbc/business/030
    ("The tobacco companies", "organisation"),  # bbc/business/010
    ("Reports", "unnamed"),  # bbc/business/005: documents, no one named
    ("a group of residents", "group"),
    ("MPs", "group"),  # bbc/entertainment/202: "MPs have urged the BBC …", a plural acronym
    ("South Dakotans", "group"),  # html-dev 156770: every word capitalised, still a description
    ("prime minister's office", "organisation"),  # bbc/business/133: "It added" goes on with the office
])
def test_description_type(description, kind):
    assert description_type(description) == kind


@pytest.mark.parametrize("written, kind", [
    ("She", "person"), ("it", "organisation"), ("They", "group"), (None, None),
    ("Officials in Cojedes state", "group"),  # bbc/business/029: a description with a place in it
    ("Recep Tayyip Erdogan", None),  # seeds/2015-11-28/wire-feed.jsonl: a name left unresolved, type unknown
])
def test_unnamed_type_of_unresolved_speakers(written, kind):
    assert unnamed_type(written) == kind


def test_a_plural_acronym_is_a_group():
    """bbc/politics/048: "MPs" kept as a named speaker; several people, not one."""
    assert named_type("MPs", "MPs", [], "MPs said the plan was flawed.") == "group"
