"""Reported speech, fourth round (issue 29): the shapes ``participle`` and ``modifier`` (the thing said named by a
past participle), ``object_name`` (a named object), ``noun_ccomp`` (a speech verb tagged a noun) and the speech-act
nouns of vocab.REPORT_NOUNS, read off the parse by clauses.clause_of / noun_clause_of (which verb or noun reports in
which shape is learned, pipelines/data/report_verbs.tsv); a that-clause across a paragraph break
(_clause_across_paragraphs). Fifth round: "by name" with a named object (_by_name), and the rest of a clause
the parser hung on a parenthetical verb (_aside_tail).

Every sentence is copied from ../shared/corpora/polnear/train/text/<file> (the train split, never dev).
"""

from __future__ import annotations

import pytest

from pipelines.text.quotes.clauses import clause_of, noun_clause_of
from tests.unit.quote_helpers import case, check, quotes_in, reported

SHAPES = [
    # participle: a deal announced is what was announced
    case("deal-announced-friday", "wash-post_2016-05-29_verizon-striking-unions-reach-fo.txt",
         "The tentative deal, announced Friday, would last four years and must be approved by union members.",
         cue="announced", shape="participle", quote="The tentative deal"),
    case("campaign-first-reported-by", "wash-post_2016-01-13_democratic-tensions-escalate-ove.txt",
         "The nationwide campaign, first reported by The Washington Post, is a key element of the administration's "
         "response to the wave of Central American migrants fleeing drug and gang-related violence, along with "
         "poverty.", cue="reported", shape="participle", quote="The nationwide campaign"),
    # modifier: "repeated accusations" (the parser took the verb for a modifier of its object)
    case("repeated-accusations", "breitbart_2016-02-08_the-latest-nh-towns-cast-first-v.txt",
         "Christie, New Jersey’s sitting governor, repeated accusations that Rubio recites the same campaign points.",
         cue="repeated", shape="modifier", starts="accusations that Rubio recites"),
    # object_name: a named object is the content when no preposition follows; it does not run on
    case("mentioned-cnn", "huff-post_2016-02-07_the-latest-gop-debate-kicked-off.txt",
         "In a two-minute response on the issue, Cruz mentioned CNN five times and seemed to blame the network for "
         "its reporting more than his own campaign for spreading false information.", cue="mentioned",
         shape="object_name", quote="CNN"),
    # noun_ccomp: "predicts" tagged a plural noun, its clause a complement
    case("trump-predicts-that", "breitbart_2016-02-20_the-latest-hillary-clinton-tells.txt",
         "Trump predicts that as Jeb Bush and other Republican candidates eventually drop out, many of their "
         "supporters will switch to his side.", cue="predicts", shape="noun_ccomp",
         starts="as Jeb Bush and other Republican candidates eventually drop out"),
    # noun_of of a speech-act noun: "made no mention of"
    case("no-mention-of", "breitbart_2016-02-20_the-latest-hillary-clinton-tells.txt",
         "But Trump notably made no mention of Jeb Bush, who announced he is suspending his campaign earlier in the "
         "evening.", cue="mention", shape="noun_of", starts="Jeb Bush"),
    # _by_name: "by name" goes with the named object (it was read as the verb's preposition: content "name")
    case("mentioned-trump-by-name", "wash-post_2016-01-17_cruz-glad-to-finish-fight-with-t.txt",
         "Cruz never mentioned Trump by name.", cue="mentioned", shape="object_name", quote="Trump by name"),
    # _aside_tail: the parser hung the rest of the interrupted clause on the parenthetical "say"
    case("plans-advisers-say-to-take-cues", "nyt_2016-06-27_britain-s-exit-looms-over-clinto.txt",
         "Nor does Mrs. Clinton have any plans, advisers say, to take cues from the Brexit campaign and start "
         "soft-pedaling her support for globalized markets, or denouncing porous borders, illegal immigrants and the "
         "lack of job protections in free-trade agreements.", cue="say", shape="aside",
         starts="Nor does Mrs. Clinton have any plans, advisers say, to take cues from the Brexit campaign"),
]


@pytest.mark.parametrize("source, text, expect", SHAPES)
def test_shape_read_off_the_parse(nlp, source, text, expect):
    doc = nlp(text)
    [tok] = [t for t in doc if t.text == expect["cue"]]
    found = noun_clause_of(doc, tok) if tok.pos_ == "NOUN" else clause_of(doc, tok)
    assert found is not None and found[2] == expect["shape"], found
    content = doc[found[0] : found[1]].text
    if "quote" in expect:
        assert content == expect["quote"]
    else:
        assert content.startswith(expect["starts"]), content


ACROSS_PARAGRAPHS = [
    # the parser hangs the next paragraph's quote on "he said"; the clause before the verb is what it reports
    case("populists-he-said", "nyt_2016-06-07_germany-pledges-to-expand-its-mi.txt",
         "Populists in such movements have little interest in knitting together trans-Atlantic interests and deploying "
         "Allied forces for common goals, he said.\n\n''These anti-establishment movements stand in contrast to "
         "everything which is NATO, and that is the only point which really worries me,'' Mr. Kamp said.",
         cue="said", starts="Populists in such movements", ends="for common goals"),
    case("justices-epstein-said", "nyt_2016-06-29_the-perfect-term-for-conservativ.txt",
         "In all, though, the justices are doing what they can to find common ground, Professor Epstein said.\n\n"
         "''Without Scalia, it's still the Kennedy Court, but Kagan and Breyer had a very good term,'' she said.",
         cue="said", speaker="Epstein", starts="In all, though, the justices", ends="to find common ground"),
]


@pytest.mark.parametrize("source, text, expect", ACROSS_PARAGRAPHS)
def test_clause_across_a_paragraph_break_is_not_the_verbs(nlp, source, text, expect):
    rows = [q for q in reported(quotes_in(nlp, text)) if q.cue == expect["cue"]]
    assert len(rows) == 1, rows
    check(rows[0], expect)



def test_learned_participle_writes_the_thing_announced(nlp):
    # wash-post_2016-05-29_verizon-striking-unions-reach-fo.txt (train): announce/participle is kept by what train
    # says (report_verbs.tsv); nobody is named as announcing
    [r] = reported(quotes_in(nlp, "The tentative deal, announced Friday, would last four years and must be approved "
                                  "by union members."))
    check(r, {"cue": "announced", "quote": "The tentative deal", "speaker": None})


COORDINATED_SAY = [
    # _coordinated_say: the second "said" is parsed as a conj of "working", inside the first report's clause; it was
    # dropped as part of that report, but PolNeAR (and the sense) make it a report of its own
    case("podesta-said-and-said", "politico_2016-08-17_ap-trump-chair-routed-ukrainian-.txt",
         "But Podesta said Gates was not working for Yanukovych's political party and said Manafort was not involved.",
         quote="Manafort was not involved", speaker="Podesta"),
    # _counted_say: a poll's second share, in a relative clause inside the first report
    case("four-in-10-who-said", "politico_2016-04-06_poll-trump-and-clinton-hold-narr.txt",
         "Among Kasich supporters, however, 61 percent said they have their minds made up compared to nearly four in "
         "10 — 38 percent — who said they could change their mind.", quote="they could change their mind", cue="said"),
]


@pytest.mark.parametrize("source, text, expect", COORDINATED_SAY)
def test_coordinated_or_counted_say_is_a_report_of_its_own(nlp, source, text, expect):
    rows = [q for q in reported(quotes_in(nlp, text)) if q.quote == expect["quote"]]
    assert len(rows) == 1, reported(quotes_in(nlp, text))
    check(rows[0], expect)
