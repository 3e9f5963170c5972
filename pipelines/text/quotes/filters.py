"""Marks that are not speech, told by their shape alone: subheads, titles and names, scare quotes, stray marks.

Every filter has the signature of a mark filter, ``(body, span) -> bool``: True drops the span before any
speaker is looked for. They read only the text around the marks, no parse.
"""

from __future__ import annotations

import re

from pipelines.text.quotes.marks import ALL_MARKS, SINGLE_MARKS, MarkSpan, paragraph_bounds, words
from pipelines.text.vocab import TITLE_SMALL_WORDS


def is_heading(body: str, s: MarkSpan) -> bool:
    """A paragraph that is only a short quoted phrase with no sentence punctuation is a subhead.

    Why: news pages head a section with a phrase from it in marks; the phrase is spoken where the text quotes
    it, not in the heading. Example: the paragraph ``'Mutual enemy'`` above Putin's "mutual enemy" (seeds/000).
    """
    p0, p1 = paragraph_bounds(body, s.open_at)
    outside = (body[p0 : s.open_at] + body[(s.close_at + 1 if s.close_at is not None else s.end) : p1]).strip()
    inner = body[s.start : s.end]
    return not outside and len(words(inner)) <= 6 and not re.search(r"[.!?]$", inner.strip())


def is_title_or_nickname(body: str, s: MarkSpan) -> bool:
    """All words capitalised, mid-sentence, no sentence punctuation: a title, name or nickname, not speech.

    Why: marks also set off titles of works and nicknames. Example: ``the internet musings of the "Baghdad
    Blogger"`` (bbc/entertainment). A title-case quote right after another quote ended by a comma is the next
    item of a list of titles (``“Black Water,” “China Grove” and others``); one camel-case word is a name
    (:func:`_mixed_case_name`). A capitalised quote that starts a sentence may be a one-word direct quote and
    is kept.
    """
    inner = body[s.start : s.end].strip()
    found = words(inner)
    if not found or len(found) > 8 or re.search(r"[.!?,;:]$", inner):
        return False
    content = [w for w in found if w.lower() not in TITLE_SMALL_WORDS]
    if not content or not (all(w[0].isupper() for w in content) or _mixed_case_name(found)):
        return False
    before = body[: s.open_at].rstrip()
    if len(before) >= 2 and before[-1] in "\"”'’" and before[-2] == ",":
        return True  # _quoted_title_list: the next item of a list of titles ("Black Water," "China Grove,")
    if not before or before[-1] in ".!?:\n\"”'’":
        return False  # starts a sentence: may be a one-word direct quote
    return True


def _mixed_case_name(found: list[str]) -> bool:
    """One word with a capital right after a small letter ("factcheckUK", "iPhone", "eBay") is a name.

    In: the words of a quote. Out: True for a single camel-case word, an account, product or brand name, not
    speech (a one-word partial quote is an ordinary word: "pervasive", "moderate"). Example: the Twitter
    account “factcheckUK” (html-dev e7994d). A capital after a hyphen is not camel case: the EU was
    "anti-Islamic" (bbc/politics/161) is speech.
    """
    return len(found) == 1 and re.search(r"[a-z][A-Z]", found[0]) is not None


def is_scare(body: str, s: MarkSpan) -> bool:
    """A quote right after "so-called" is a scare quote: the writer distances from a term nobody is said to say.

    Example: ``California has so-called "shield" laws`` (bbc/tech/355).
    """
    before = body[max(0, s.open_at - 12) : s.open_at].lower()
    return bool(re.search(r"so[- ]called\s*$", before))


def is_unclosed_single(body: str, s: MarkSpan) -> bool:
    """A single mark opened and never closed in its paragraph is a stray mark, not a quote.

    In: the body and a span. Out: True when the span opens with ``'``/``‘``/``’``, has no closing mark and the
    paragraph ends inside it, and no quote mark at the start of the next paragraph carries it on. Example:
    ``otherwise known as the ‘black death - which affects lymph nodes, …`` (html-dev ba4dfe: a typo for a
    label; the "quote" ran to the end of the paragraph). A double mark left open is kept: that is how a quote
    continued in the next paragraph is written, and a missing closing double mark is common.
    """
    if s.close_at is not None or body[s.open_at] not in SINGLE_MARKS:
        return False
    if body[s.open_at + 1 : s.open_at + 2] in SINGLE_MARKS or body[s.open_at - 1 : s.open_at] in SINGLE_MARKS:
        return False  # '' is a double mark ("''Personally, I would rather …", bbc/sport/130.txt)
    _, p1 = paragraph_bounds(body, s.open_at)
    nxt = body[p1:].lstrip()
    return not nxt[:1] or nxt[0] not in ALL_MARKS
