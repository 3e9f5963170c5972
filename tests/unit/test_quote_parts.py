"""Parts of one quotation (pipelines/text/quotes/continuation.py, issue 29): each part stays its own row, and every
part after the first points at the first through ``continues_char``.

Sentences come from the seeds (../shared/seeds) and PolNeAR train (../shared/corpora/polnear/train/text/<file>);
each case names the rule it pins down and fails without it.
"""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import in_marks, quotes_in

LINKED = [
    # continuation.interrupted: the attribution interrupts one speaker's quotation; the seed gold counts both
    # parts as quotes, so both rows stay
    pytest.param("seeds/000_fd20b0775c6aaf20.txt",
                 "'We have to deny a safe haven for ISIL in Syria,' Cameron said, using an acronym for the group. "
                 "'The longer ISIL is allowed to grow in Syria, the greater the threat it will pose.'",
                 ["We have to deny a safe haven for ISIL in Syria", "The longer ISIL is allowed to grow in Syria"],
                 id="interrupted-by-the-attribution"),
    # continuation.interrupted: two fragments under one verb are one attribution in PolNeAR
    pytest.param("breitbart_2016-03-01_the-latest-sanders-wins-minnesot.txt",
                 "Trump, in Kentucky, said Tuesday that March Rubio was “a total lightweight” while Ted Cruz is “a basket "
                 "case” and “a liar.”",
                 ["a total lightweight", "a basket case", "a liar."], id="fragments-under-one-verb"),
    # continuation.next_paragraph: the quote left open at the paragraph's end goes on in the next one
    pytest.param("west-journal_2016-01-23_watch-what-hillary-does-when-a-g.txt",
                 "“I spoke to a wide array of groups who wanted to hear what I thought about the world coming off of "
                 "my time as secretary of state,” said Clinton. “I happen to think we need more conversation about "
                 "what’s going on in the world.\n\n“I think groups that want to talk and ask questions and hear about "
                 "that are actually trying to educate themselves because we’re living in a really complicated world.”",
                 ["I spoke to a wide array of groups", "I happen to think we need more conversation",
                  "I think groups that want to talk"], id="carried-into-the-next-paragraph"),
]


@pytest.mark.parametrize("source, text, parts", LINKED)
def test_later_parts_point_at_the_first(nlp, source, text, parts):
    qs = in_marks(quotes_in(nlp, text))
    assert [q.quote[: len(part)] for q, part in zip(qs, parts)] == parts and len(qs) == len(parts)
    head = qs[0]
    assert head.continues_char is None
    assert all(q.continues_char == head.start_char for q in qs[1:])


APART = [
    # another speaker's quote after the interrupted one: Rubio's two parts link, Conant's quote stands alone
    pytest.param("huff-post_2016-02-02_don-t-let-the-media-and-marco-ru.txt",
                 "“This is the moment they told us would never happen,” Rubio said Monday night. “They told me we had "
                 "no chance.” His campaign manager, Alex Conant, struck a similar tune. “This is a big night for us,” "
                 "Conant said.", [None, 1, None], id="another-speaker"),
    # one speaker, a second speech verb: PolNeAR annotates two attributions (one cue each)
    pytest.param("huff-post_2016-07-18_so-long-grand-old-party-hello-wh.txt",
                 "But Trump campaign chairman Paul Manafort said the candidate’s appeal would transcend race and "
                 "ethnicity. “We think that the message that Donald Trump is talking about ― jobs, security, trying to "
                 "bring law and order to a community with no preference to any particular ethnic group ― we think those "
                 "messages will resonate,” he said at a Sunday news conference, and then predicted: “We do think that "
                 "our Hispanic support is growing.”", [None, None], id="second-speech-verb"),
]


@pytest.mark.parametrize("source, text, links", APART)
def test_separate_quotations_are_not_linked(nlp, source, text, links):
    assert [q.continues_char for q in in_marks(quotes_in(nlp, text))] == links
