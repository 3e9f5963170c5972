"""Who speaks, third speaker round (issue 29): constructions counted on a fresh 199-article PolNeAR train sample.

Passages are copied from ../shared/corpora/polnear/train/text/<file>.txt (the case's source; a lead-in sentence
added for context or a passage shortened says so). Each case names the rule it checks and fails without it: before
it, the quote had a wrong name (an earlier speaker, the object of a verb, a thing) or none.
"""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import case, check, in_marks, quotes_in

CASES = [
    # marks.is_mark_text: NYT's doubled '' before an inverted "said NAME" is a closing mark
    case("doubled-mark-then-said-name", "polnear train nyt_2016-03-21_factory-workers-feel-sting-of-gl",
         "''I'm more skilled with my hands than I am with my brain,'' said Robin Maynard, half joking. He holds two "
         "associate degrees, oversees a team of 15 and has worked at Carrier almost 24 years.",
         index=0, speaker="Robin Maynard", cue="said"),
]


@pytest.mark.parametrize("source,text,expect", CASES)
def test_quote_speaker_third(nlp, source, text, expect):
    expect = dict(expect)
    index = expect.pop("index")
    check(in_marks(quotes_in(nlp, text))[index], expect)
