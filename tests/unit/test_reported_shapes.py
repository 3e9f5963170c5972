"""Reported speech in the shapes learned from PolNeAR train (issue 29): which speech verb reports content in which
construction comes from pipelines/data/report_verbs.tsv (scripts/build_report_verbs.py), read by
clauses.clause_of and lexicons.report_verb_shapes.

Every sentence is copied from ../shared/corpora/polnear/train/text/<file> (the train split, never dev).
"""

from __future__ import annotations

import pytest

from pipelines.text.lexicons import learned_shapes, report_verb_shapes
from tests.unit.quote_helpers import case, check, quotes_in, reported

REPORTED = [
    # "to": an infinitive after a promise, with the addressee of an urging
    case("vowed-to", "huff-post_2016-07-18_so-long-grand-old-party-hello-wh.txt",
         "In the coming months, he vowed to ban Muslims from entering the United States as a response to terrorist "
         "attacks.", cue="vowed", starts="to ban Muslims from entering the United States"),
    case("urged-someone-to", "wash-post_2016-06-29_attempt-to-fund-zika-fight-dies-.txt",
         "But on Tuesday, Ryan stood with other GOP leaders and urged Democrats to vote for the Republican deal "
         "instead.", cue="urged", speaker="Ryan", starts="Democrats to vote for the Republican deal"),
    # "object": what was acknowledged is a noun phrase
    case("acknowledged-object", "huff-post_2016-07-14_fdic-accused-of-covering-up-chin.txt",
         "At the same time, Obama has acknowledged difficulties in keeping government information secure.",
         cue="acknowledged", speaker="Obama", quote="difficulties in keeping government information secure"),
    # "as": the clause an "as X reported" aside hangs on
    case("as-the-post-reported", "huff-post_2016-03-16_hillary-clinton-wins-missouri-de.txt",
         "As The Washington Post reported, even if Sanders managed to split delegates with Clinton in Tuesday’s "
         "contests, he would then need to win 55 percent of the remaining delegates in order to tie the front-runner.",
         cue="reported", speaker="The Washington Post", starts="even if Sanders managed to split delegates"),
    # a passive "as" with its agent: the agent speaks
    case("as-reported-by", "west-journal_2016-05-05_fbi-makes-final-preparations-to-.txt",
         "As reported by Western Journalism, investigators found over 2,200 emails from Clinton’s server containing "
         "classified information.", cue="reported", speaker="Western Journalism", starts="investigators found"),
    # "aside" splitting a clause's core: the whole clause
    case("it-was-he-said", "nyt_2016-07-29_obama-lays-out-stakes-for-a-divi.txt",
         "It was, he said, one of the bitterest failures of his presidency.",
         cue="said", quote="It was, he said, one of the bitterest failures of his presidency"),
    # a gerund's that-clause speaks for the subject that controls it
    case("pivoted-to-arguing", "huff-post_2016-02-07_the-latest-gop-debate-kicked-off.txt",
         "Cruz pivoted to arguing that the epidemic was one more reason to secure the border with Mexico, in order "
         "to prevent heroin traffickers from crossing into the U.S.",
         cue="arguing", starts="the epidemic was one more reason"),
    # "ing": a gerund clause is what was reported
    case("reported-spending", "nyt_2016-03-22_trump-s-success-finally-unites-t.txt",
         "Mr. Trump reported raising and spending about $9 million during the month, most of it money he lent to "
         "his campaign.", cue="reported", speaker="Trump", starts="raising and spending about $9 million"),
    # "noun_that": a learned speech noun's that-clause, by the subject of the verb it is the object of
    case("assertion-that", "breitbart_2016-02-08_former-mexico-leader-calderon-ca.txt",
         "Since launching his White House bid, Trump has taken a firm stance against illegal immigration — and last "
         "June stirred controversy with an assertion that the migrants crossing into the United States are largely "
         "the dregs of Mexico’s jails.", cue="assertion", speaker="Trump",
         starts="the migrants crossing into the United States"),
    # a passive speech verb that names no speaker keeps its row, with no speaker
    case("was-asked-what", "wash-post_2016-06-01_voters-skeptical-as-clinton-vows.txt",
         "In an interview with The Post last week, Trump was asked what he thought Clinton could do to persuade the "
         "angry voters now backing him to cast their ballots for her in November.", cue="asked", speaker=None,
         starts="what he thought Clinton could do"),
    # _speakerless_report: a poll's respondents the parser leaves unattached (or no resolver names) still report
    case("about-4-in-10-say", "breitbart_2016-02-20_the-latest-hillary-clinton-tells.txt",
         "About 4 in 10 say they want the next president to have more liberal policies.", cue="say", speaker=None,
         quote="they want the next president to have more liberal policies"),
    case("majorities-say", "breitbart_2016-03-15_the-latest-kasich-scores-all-del.txt",
         "Majorities of Democrats in five states going to the polls Tuesday say they would be satisfied with both "
         "candidates as the nominee.", cue="say", quote="they would be satisfied with both candidates as the nominee"),
    case("large-majorities-said", "breitbart_2016-03-01_the-latest-sanders-wins-minnesot.txt",
         "Large majorities of Republican primary voters in six states going to the polls on Super Tuesday said they "
         "support a proposal to temporarily ban all non-citizen Muslims from entering the United States.", cue="said",
         starts="they support a proposal to temporarily ban"),
    # a clause that runs into a direct quote ends where the quote begins
    case("said-and-added-quote", "wash-post_2016-05-26_hacker-who-revealed-private-clin.txt",
         "In a wide-ranging, in-prison interview with journalist Matei Rosca last year, Lazar said he welcomed "
         "extradition to the United States and added, \"I'll plead guilty, no problem.\"", cue="said", speaker="Lazar",
         quote="he welcomed extradition to the United States and added"),
    # "that_bare": the question of an "Asked …" with no subject; nobody is named as asking
    case("asked-what-with-no-subject", "breitbart_2016-02-20_the-latest-hillary-clinton-tells*.txt",
         "Asked specifically what should be done with illegal immigrants working in the United States, the voters "
         "were evenly divided.", cue="Asked", speaker=None,
         quote="what should be done with illegal immigrants working in the United States"),
]


@pytest.mark.parametrize("source, text, expect", REPORTED)
def test_learned_shapes_report_speech(nlp, source, text, expect):
    [r] = [q for q in reported(quotes_in(nlp, text)) if q.cue == expect["cue"]]
    check(r, expect)


NOT_REPORTED = [
    # "want" and "seem" head attributions of intention and belief in PolNeAR, never of a quotation: not speech
    case("wants-is-not-speech", "breitbart_2016-07-10_ok-gov-fallin-trump-is-trying-to.txt",
         "People are scared. They want safe homes. They want safe streets. They want safe communities."),
    case("seems-to-is-not-speech", "huff-post_2016-06-02_israel-not-all-doom-and-gloom.txt",
         "Israel seems to be undergoing a protracted period of gloom and doom."),
    # a naming, not a report: the clause opens with a reflexive
    case("declared-himself", "usa-today_2016-02-18_bleak-outlook-for-bloomberg-inde.txt",
         "Initially a Democrat, he ran in 2001 for mayor as a Republican and declared himself an independent in 2007."),
]


@pytest.mark.parametrize("source, text, expect", NOT_REPORTED)
def test_verbs_of_belief_and_intention_are_not_reported_speech(nlp, source, text, expect):
    assert reported(quotes_in(nlp, text)) == []


@pytest.mark.parametrize(("verb", "shape", "kept"), [
    ("vow", "to", True), ("urge", "to", True), ("note", "object", True), ("say", "that", True),
    ("want", "to", False), ("seem", "to", False), ("have", "object", False), ("tell", "object", False),
])
def test_learned_table(verb, shape, kept):
    # what train says (counts in pipelines/data/report_verbs.tsv): "told reporters" names an audience, not content
    assert (shape in report_verb_shapes().get(verb, ())) is kept


def test_nested_report_is_one_row(nlp):
    # breitbart_2016-04-14_the-latest-trump-delivers-defens.txt (train): what Clinton had said is part of what Song
    # said, one attribution in PolNeAR; the inner clause alone is not a second row
    text = ("Song said Democratic presidential candidate Hillary Clinton had said Sanders’ Medicare for all plan "
            "wouldn’t happen.")
    [r] = reported(quotes_in(nlp, text))
    check(r, {"cue": "said", "speaker": "Song", "starts": "Democratic presidential candidate Hillary Clinton had said"})


@pytest.mark.parametrize(("row", "kept"), [
    (("mention", "object", 24, 19, 1, 88), True),  # a speech act, though its content is hardly ever quoted
    (("want", "to", 186, 140, 0, 900), False),  # often an attribution of intention, never a quotation's cue
    (("say", "object", 77, 25, 2740, 6264), False),  # "said no", "said the same": share 0.32
    (("argue", "prep_against", 2, 2, 31, 179), False),  # seen too seldom to learn from (REPORT_MIN_SEEN)
])
def test_learned_shapes_keep_speech_verbs_seen_often_enough(row, kept):
    assert (row[1] in learned_shapes([row]).get(row[0], ())) is kept


def test_inverted_speaker_is_not_the_reported_clause(nlp):
    # politico_2016-07-11_gay-republicans-push-for-pro-lgb.txt (train): the parser hangs "Jim Bopp, …, told POLITICO"
    # on "said" as its clause; the speaker is not what he said (the quote before is)
    text = ("\"ISIS murders gays regularly because they believe that’s part of their religion. We should oppose that,” "
            "said Jim Bopp, a conservative member of the convention’s Platform Committee, told POLITICO last month.")
    assert [q.quote for q in reported(quotes_in(nlp, text)) if q.quote.startswith("Jim Bopp")] == []


REST_OF_PHRASE = [
    # _rest_of_phrase: what the parser hangs on the verb after its content is still content
    case("refused-to-rule-out", "wash-post_2016-08-28_in-crazy-election-gary-johnson-s.txt",
         "After Johnson refused to rule out a tax on carbon - only if it were revenue-neutral and it replaced income "
         "taxes - he was criticized by libertarians on social media.", cue="refused",
         quote="to rule out a tax on carbon - only if it were revenue-neutral and it replaced income taxes"),
    case("told-that-and", "usa-today_2016-04-27_clinton-takes-pa-md-and-del-most.txt",
         "Shortly after Clinton was declared the winner in Maryland, Sanders told a cheering crowd in West Virginia "
         "that he expects to win that state's May 10 primary and he is doing better against Donald Trump in general "
         "election polls than Clinton is.", cue="told", speaker="Sanders",
         ends="he is doing better against Donald Trump in general election polls than Clinton is"),
    # ... up to a later speech verb of the phrase, which reports for itself
    case("acknowledged-but-noted", "huff-post_2015-12-20_hillary-clinton-s-claim-that-don.txt",
         "Clinton campaign communications director Jennifer Palmieri acknowledged that the candidate misspoke but "
         "noted that experts say that ISIS has mentioned Trump on social media.", cue="acknowledged",
         speaker="Jennifer Palmieri", quote="the candidate misspoke"),
    case("said-and-she-accused", "huff-post_2016-07-31_clinton-says-russians-hacked-dnc.txt",
         "WASHINGTON (Reuters) - U.S. Democratic presidential candidate Hillary Clinton said Russian intelligence "
         "services hacked into Democratic National Committee computers and she accused Republican contender Donald "
         "Trump of showing support for Russian President Vladimir Putin.", cue="said", speaker="Hillary Clinton",
         quote="Russian intelligence services hacked into Democratic National Committee computers"),
]


@pytest.mark.parametrize("source, text, expect", REST_OF_PHRASE)
def test_content_runs_to_the_end_of_the_verbs_phrase(nlp, source, text, expect):
    [r] = [q for q in reported(quotes_in(nlp, text)) if q.cue == expect["cue"]]
    check(r, expect)
