"""Who a quote's tag line or lead-in names (issue 29, second speaker round), each case a passage of PolNeAR train.

Passages are copied from ../shared/corpora/polnear/train/text/<file>.txt (the case's source; a lead-in sentence
added for context or a passage shortened says so). Each case names the rule it checks and fails without it:
before it, the quote had a wrong name (an earlier speaker, a role instead of the name, the object of the verb) or
none. The last cases guard limits (they fail if a rule reaches too far, or if the convention changes).
"""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import case, check, in_marks, quotes_in

CASES = [
    # tagline.colon_lead_in stops at the sentence's root: a colon after a phrase without a verb names nobody
    # (before the root check, this passage made the climb loop forever)
    case("colon-after-a-verbless-phrase", "polnear train huff-post_2016-05-02_huffpollster-indiana-s-gop-pr",
         "What the report does mean - Not all web panels are created equal. From the report: “In general, samples "
         "with more elaborate sampling and weighting procedures and longer field periods produced more accurate "
         "results.”",
         index=0, speaker=None),
    # Mentions.name_before: the name before "the chairwoman of …", which the parser made the subject
    case("name-before-its-role", "polnear train politico_2016-08-08_inside-the-swing-state-trench-",
         "“He looked me right in the eye and said you need to tell me what does it take to win in this county,” "
         "Deborah Tamargo, the chairwoman of Florida’s Hillsborough County GOP, recalled of a June conversation she "
         "had with Trump at the Tampa Convention Center.",
         index=0, speaker="Deborah Tamargo"),
    # tagline.tag_line_verb: a verb no cue list holds, in the tag line right after the quote
    case("tag-line-verb-questioned", "polnear train west-journal_2016-01-20_wow-glenn-beck-just-respon (lead-in added)",
         "Glenn Beck was not convinced. “What was the massive pivot point to make him change so fundamentally?” Beck "
         "questioned.",
         index=0, speaker="Glenn Beck", cue="questioned"),
    case("tag-line-verb-barked", "polnear train breitbart_2016-04-12_mexican-anchor-crosses-swords",
         "The jaw-dropping scene played out on live television in August, when White House hopeful Donald Trump threw "
         "famous Mexican-American reporter Jorge Ramos out of a news conference.\n\n“Go back to Univision,” Trump "
         "barked and a security guard escorted Ramos out.",
         index=0, speaker="Donald Trump", cue="barked"),
    # tagline.colon_lead_in: the subject of the clause a colon ends, not an earlier speech verb's subject
    case("colon-after-a-clause", "polnear train politico_2016-03-10_trump-s-rivals-pull-their-punc",
         "When Trump suggested that Cuba would sue the U.S. for reneging on the Obama administration’s deal, Rubio "
         "fired back forcefully: “If they sue us in a court in Miami, they’re going to lose,” referencing the large "
         "number of Cuban immigrants in the region.",
         index=0, speaker="Rubio", cue="fired"),
    case("colon-after-an-apposed-name", "polnear train nyt_2016-06-09_ryan-calls-trump-line-racist-but",
         "Mr. Trump has told his supporters that they should respond by suggesting that reporters who raise questions "
         "about his statements are racists. One early supporter, Representative Lee Zeldin, Republican of New York, "
         "gave the technique a whirl in an interview with CNN on Tuesday: ''You can easily argue that the president "
         "of the United States is a racist with his policies and his rhetoric.''",
         index=0, speaker="Lee Zeldin"),
    case("colon-ends-the-previous-paragraph", "polnear train breitbart_2015-12-04_bellwether-county-says-trump-",
         "17-year-old Jared Potts echoed:\n\n“He speaks his mind, and I think that might be what the country needs. "
         "Marco Rubio is paid for. Donald Trump is a self-made person.”",
         index=0, speaker="Jared Potts"),
    case("colon-after-a-copula", "polnear train huff-post_2016-02-02_ted-cruz-is-a-natural-born-ci",
         "As if addressing the magnate directly, the Illinois Board of Elections was conclusive in its findings: "
         "“Further discussion on this issue is unnecessary.”",
         index=0, speaker="Illinois Board of Elections"),
    # attribution._after_closing_mark: the name after a verb that follows an aside's comma is its object
    case("aside-comma-is-not-an-inversion", "polnear train breitbart_2016-04-12_mexican-anchor-crosses-swords",
         "The jaw-dropping scene played out on live television in August, when White House hopeful Donald Trump "
         "threw famous Mexican-American reporter Jorge Ramos out of a news conference.\n\n“We were tremendously "
         "wrong to not have confronted him from the beginning,” Ramos, 58, told AFP in an interview in Mexico City "
         "on Monday.",
         index=0, speaker="Jorge Ramos"),
    # subjectless.speech_participle_speaker: "adding" goes on the speaker, not the reported clause's subject
    case("adding-after-a-reported-clause", "polnear train breitbart_2016-05-24_in-two-front-war-clinton-targ",
         "In an AP interview Monday, Sanders said the process of crafting the party’s platform and holding its "
         "convention could be “messy,” adding, “Democracy is messy.”",
         index=1, speaker="Sanders", cue="adding"),
    # cues.subordinate_speech: "after de Blasio stated" dates the telling; the next quote is still Lieberman's
    case("speech-verb-in-an-adverbial-clause", "polnear train politico_2015-12-11_politico-new-york-s-culture-bu",
         "“They’re not terminable at will,” Trump spokesperson Ron Lieberman told the Wall Street Journal in July, "
         "after de Blasio stated an interest in ending business with Trump. “These contracts are fully binding.”",
         index=1, speaker="Ron Lieberman"),
    # cues.outer_speech: a partial quote in what a named source reports is that source's account
    case("partial-in-a-reported-clause", "polnear train huff-post_2016-06-22_hillary-clinton-reassures-hou",
         "Rep. Steve Israel (D-N.Y) said Clinton called on members to be “closely coordinated.”",
         index=0, speaker="Steve Israel"),
    case("second-verb-hung-on-the-reported-clause", "polnear train wash-post_2016-03-30_trump-sticking-by-his-campaig",
         "Democratic front-runner Hillary Clinton, also campaigning in Wisconsin, said Trump is ultimately responsible "
         "for what happens at his events and accused him of \"inciting violent behavior, aggressive behavior, that I "
         "think is very dangerous.\"",
         index=0, speaker="Hillary Clinton"),
    # limits: a tag line with a speech verb is read as before; the person who said it is the speaker even when an
    # outlet is credited for the report (html-dev's convention; PolNeAR's annotators name the outlet instead)
    case("said-according-to-an-outlet", "html-dev 9e8c9f",
         "In October, Rep. David McKinley, R-W.Va., visited the U.S.-Mexico border near McAllen, Texas, and argued that "
         "the United States needs stronger border security. A major part of the reason that additional resources are needed, McKinley said, is the flow of drugs into "
         "the country. Border agents \"say you’ve got to pay attention to this — $53 million a week is coming across "
         "the border in drugs,\" he said, according to the Intelligencer, the Wheeling News-Register.",
         index=0, speaker="David McKinley"),
    case("speech-verb-tag-line-unchanged", "bbc/politics/001",
         "Ms Hewitt said: \"We have already doubled the number of apprentices.\"",
         index=0, speaker="Hewitt", cue="said"),
]


@pytest.mark.parametrize("source,text,expect", CASES)
def test_quote_source(nlp, source, text, expect):
    expect = dict(expect)
    index = expect.pop("index")
    check(in_marks(quotes_in(nlp, text))[index], expect)
