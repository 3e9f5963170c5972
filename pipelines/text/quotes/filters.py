"""Marks that are not speech, told by their shape alone: subheads, titles and names, scare quotes, stray marks.

Every filter has the signature of a mark filter, ``(body, span) -> bool``: True drops the span before any
speaker is looked for. They read only the text around the marks, no parse.
"""

from __future__ import annotations

import re

from pipelines.text.quotes.marks import ALL_MARKS, SINGLE_MARKS, MarkSpan, paragraph_bounds, words
from pipelines.text.vocab import NAMING_PHRASES, TITLE_LEAD_WORDS, TITLE_SMALL_WORDS

_LIST_NUMBER = re.compile(r"^(?:\(?\d{1,3}[.):]|#\d{1,3}\.?|no\.\s*\d{1,3}\.?)$", re.IGNORECASE)


def is_heading(body: str, s: MarkSpan) -> bool:
    """A paragraph that is only a short quoted phrase with no sentence punctuation is a subhead.

    Why: news pages head a section with a phrase from it in marks; the phrase is spoken where the text quotes
    it, not in the heading. Example: the paragraph ``'Mutual enemy'`` above Putin's "mutual enemy" (seeds/000).
    A list number before the marks is part of the heading (_numbered_heading: ``2. "Mutual enemy"``), and a
    phrase in title case is a heading even with a full stop (_title_case_heading: the paragraph ``'Coal Isn't
    the Villain.'`` between sections of a PolNeAR train article, NYT style).
    """
    p0, p1 = paragraph_bounds(body, s.open_at)
    outside = (body[p0 : s.open_at] + body[(s.close_at + 1 if s.close_at is not None else s.end) : p1]).strip()
    outside = outside.strip(ALL_MARKS).strip()
    inner = body[s.start : s.end].strip()
    if outside and not _LIST_NUMBER.match(outside):
        return False
    found = words(inner)
    if len(found) <= 6 and not re.search(r"[.!?]$", inner):
        return True
    return 2 <= len(found) <= 8 and inner.endswith(".") and _title_case(found)


def _title_case(found: list[str]) -> bool:
    """Every word capitalised but the small words a title keeps lower case ("Coal Isn't the Villain")."""
    content = [w for w in found if w.lower() not in TITLE_SMALL_WORDS]
    return bool(content) and found[0][0].isupper() and all(w[0].isupper() for w in content)


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
    if not found or len(found) > 8 or re.search(r"[.!?,;:]$", inner) and not _title_with_stop(body, s, found):
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


def _title_with_stop(body: str, s: MarkSpan, found: list[str]) -> bool:
    """_title_with_stop: a title that ends its sentence takes the sentence's full stop inside the marks (US style).

    In: the body, the span and its words. Out: True for two words or more in title case, ending in a full stop,
    right after "on"/"in"/"with", a word for a show or book (:data:`pipelines.text.vocab.TITLE_LEAD_WORDS`), or a
    possessive: ``said on CNN's "State of the Union."``, ``the anchor of NBC's "Nightly News."``, ``in an
    interview with “Fox News Sunday.”``, ``according to his book ''The Art of the Deal.''`` (PolNeAR train). A
    quoted sentence after a speech verb (``she said, "Thank You."``) or a slogan (``proclaimed a goal of "Peace
    Through Strength."``) follows none of these.
    """
    inner = body[s.start : s.end].strip()
    if len(found) < 2 or not inner.endswith(".") or inner.endswith("..") or not _title_case(found):
        return False
    before = body[max(0, s.open_at - 40) : s.open_at].rstrip(ALL_MARKS + " ,")
    last = before.split()[-1] if before.split() else ""
    return last.lower() in TITLE_LEAD_WORDS or last.endswith(("'s", "’s"))


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


def is_coined_term(body: str, s: MarkSpan) -> bool:
    """_coined_term: a short phrase the text names a thing by, not words someone said.

    In: the body and a span. Out: True for at most four words (no "!" or "?") after a naming
    phrase (:data:`pipelines.text.vocab.NAMING_PHRASES`): ``what has become known as the ''Buffett rule''``,
    ``what doctors call "white coat syndrome"``, ``the term "alt-right"`` (PolNeAR train). Someone's calling is
    not naming: ``called him a "liar"``, ``what he called a "brazen breach"`` are speech.
    """
    inner = body[s.start : s.end].strip()
    if len(words(inner)) > 4 or re.search(r"[!?]$|\.\.$", inner):
        return False  # a full stop may be the sentence's, inside the marks (US style: known as the "mosquito lab.")
    before = body[max(0, s.open_at - 60) : s.open_at].rstrip(ALL_MARKS + " ").lower()
    return any(re.search(pattern + r"$", before) for pattern in NAMING_PHRASES)


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
