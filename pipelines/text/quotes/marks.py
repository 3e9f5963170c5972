"""Quote marks: find the stretches of a body between paired marks, drop non-speech, decide the kind.

In: a body string. Out: :class:`MarkSpan` offsets (the marks excluded), then
filters (subheads, titles and nicknames, scare quotes) and
:func:`quote_kind` (``direct`` / ``partial``). No parse needed except the
token before the quote for :func:`quote_kind`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from pipelines.text.vocab import SPEECH_VERBS

DOUBLE_OPEN = "\"“„«"
DOUBLE_CLOSE = "\"”»"
SINGLE_MARKS = "'‘’"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_MARKS
_MARK = re.compile(f"[{re.escape(ALL_MARKS)}]")
_OPEN_LEFT = set(" \t([{—–-/:") | set(ALL_MARKS)
_CLOSE_RIGHT = set(" \t.,;:!?)]}—–-…") | set(ALL_MARKS)
_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as vs v de la le du von van".split())


@dataclass(slots=True)
class MarkSpan:
    """A stretch of text between quote marks (offsets exclude the marks)."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when the paragraph ended first
    para: int
    continues: bool = False  # continues an unclosed quote of the previous paragraph


# --------------------------------------------------------------------------- marks


def _family(ch: str) -> str:
    return "s" if ch in SINGLE_MARKS else "d"


def _classify(text: str, i: int) -> tuple[bool, bool]:
    """(can_open, can_close) for the mark at ``text[i]`` from its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in SINGLE_MARKS and prev.isalnum() and nxt.isalpha():
        return False, False  # apostrophe inside a word: I'm, group's, Russia’s
    can_open = (prev in _OPEN_LEFT or prev.isspace()) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt in _CLOSE_RIGHT or nxt.isspace())
    if not can_close and prev in ".!?" and nxt.isupper():
        # _glued_close: scraped pages lose the space after a closing mark
        # ("… in the 'space-time continuum.'Click To Tweet"): after sentence
        # punctuation and before a capital the mark closes
        can_close = True
    if ch in "“‘„«":
        can_close = can_close and ch == "‘" and False
    if ch in "”»":
        # _closing_mark_opens: "Another said: ”Bird flu …”": a ” after a space or
        # colon and before a letter is used as an opening mark
        can_open = can_open and (prev.isspace() or prev in ":(") and nxt.isalnum()
    if ch == "’" and can_open and not can_close:
        can_open = True  # ’ used as an opening mark by some writers
    return can_open, can_close


def _later_closer(text: str, i: int, family: str) -> bool:
    """Is there a mark of ``family`` after ``i`` in ``text`` that can close a quote?"""
    for mark in _MARK.finditer(text, i + 1):
        j = mark.start()
        if _family(text[j]) == family and _classify(text, j)[1]:
            return True
    return False


def _scan_paragraph(text: str, base: int, para: int) -> tuple[list[MarkSpan], bool]:
    """Quote spans inside one paragraph; also whether a quote was still open at its end."""
    spans: list[MarkSpan] = []
    open_at: int | None = None
    family = ""
    nested: str | None = None  # family of a quote nested inside the open one
    skip = -1
    for mark in _MARK.finditer(text):  # only the marks matter: jump from one to the next
        i = mark.start()
        if i <= skip:
            continue
        ch = text[i]
        if (
            open_at is not None
            and family == "d"
            and nested is None
            and ch in "'’"
            and text[i + 1 : i + 2] == ch
            and not text[i - 1].isspace()
        ):
            # _doubled_single_close: AP's ’’ (two single marks) closes a double quote:
            # “It was an attempt to mislead voters,’’ Will Moy said
            spans.append(MarkSpan(base + open_at + 1, base + i, base + open_at, base + i + 1, para))
            open_at, skip = None, i + 1
            continue
        can_open, can_close = _classify(text, i)
        fam = _family(ch)
        if open_at is None:
            if can_open:
                open_at, family, nested = i, fam, None
            elif fam == "d" and can_close and text[i - 1] in ",.?!" and re.match(r"\s+[a-z]", text[i + 1 :]):
                # a closing mark whose opening mark is missing, followed by an
                # attribution ("… out of the blue," he said): the quote is the
                # sentence that ends here
                prev_end = max(text.rfind(p, 0, i - 1) for p in (". ", "? ", "! "))
                begin = prev_end + 2 if prev_end >= 0 else 0
                last = spans[-1].close_at - base if spans and spans[-1].close_at is not None else -1
                if begin > last and i - begin > 10:
                    spans.append(MarkSpan(base + begin, base + i, base + begin, base + i, para))
            continue
        if nested is not None:
            if fam == nested and can_close:
                nested = None
            elif fam == family and can_close and not can_open:
                # the nested quote was never closed; this closes the outer one
                spans.append(MarkSpan(base + open_at + 1, base + i, base + open_at, base + i, para))
                open_at, nested = None, None
            continue
        if fam == family:
            if can_close and not (can_open and text[i - 1] in " \t"):
                possessive = (
                    fam == "s"
                    and text[i - 1] in "sS"
                    and i + 2 < len(text)
                    and text[i + 1] == " "
                    and text[i + 2].isalpha()
                    and _later_closer(text, i, fam)
                )
                if not possessive:
                    spans.append(MarkSpan(base + open_at + 1, base + i, base + open_at, base + i, para))
                    open_at = None
            elif can_open:
                # an opening mark of the same family inside an open quote: the
                # first one was never closed (merged paragraphs). End it here.
                spans.append(MarkSpan(base + open_at + 1, base + i, base + open_at, None, para))
                open_at = i
        else:
            strong_close = can_close and text[i - 1] in ",.!?;"
            if strong_close and not _later_closer(text, i, family):
                # mismatched marks: opened with " and closed with ' (or the reverse)
                spans.append(MarkSpan(base + open_at + 1, base + i, base + open_at, base + i, para))
                open_at = None
            elif can_open and not can_close:
                nested = fam
    if open_at is not None:
        spans.append(MarkSpan(base + open_at + 1, base + len(text), base + open_at, None, para))
        return spans, True
    return spans, False


def trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding spaces and a trailing comma/colon/dash."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;:–—-"):
        end -= 1
    return start, end


def find_quote_spans(body: str) -> list[MarkSpan]:
    """Every stretch of ``body`` between paired quote marks, paragraph by paragraph (a paragraph is a line)."""
    spans: list[MarkSpan] = []
    offset = 0
    carried = False  # previous paragraph ended inside a quote
    for para, line in enumerate(body.split("\n")):
        found, still_open = _scan_paragraph(line, offset, para)
        if carried and found and line.lstrip()[:1] in ALL_MARKS and found[0].open_at == offset + len(line) - len(line.lstrip()):
            found[0].continues = True
        for s in found:
            s.start, s.end = trim_span(body, s.start, s.end)
            if s.end > s.start:
                spans.append(s)
        if line.strip():
            carried = still_open
        offset += len(line) + 1
    return spans


# --------------------------------------------------------------------------- filters and kind


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’.-]*", text)


def paragraph_bounds(body: str, pos: int) -> tuple[int, int]:
    start = body.rfind("\n", 0, pos) + 1
    end = body.find("\n", pos)
    return start, len(body) if end == -1 else end


def is_heading(body: str, s: MarkSpan) -> bool:
    """A paragraph that is only a short quoted phrase with no sentence punctuation (a subhead)."""
    p0, p1 = paragraph_bounds(body, s.open_at)
    outside = (body[p0 : s.open_at] + body[(s.close_at + 1 if s.close_at is not None else s.end) : p1]).strip()
    inner = body[s.start : s.end]
    return not outside and len(_words(inner)) <= 6 and not re.search(r"[.!?]$", inner.strip())


def is_title_or_nickname(body: str, s: MarkSpan) -> bool:
    """All words capitalised, mid-sentence, no sentence punctuation: a title, name or nickname, not speech."""
    inner = body[s.start : s.end].strip()
    words = _words(inner)
    if not words or len(words) > 8 or re.search(r"[.!?,;:]$", inner):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content or not (all(w[0].isupper() for w in content) or _mixed_case_name(words)):
        return False
    before = body[: s.open_at].rstrip()
    if len(before) >= 2 and before[-1] in "\"”'’" and before[-2] == ",":
        return True  # _quoted_title_list: the next item of a list of titles ("Black Water," "China Grove,")
    if not before or before[-1] in ".!?:\n\"”'’":
        return False  # starts a sentence: may be a one-word direct quote
    return True


def _mixed_case_name(words: list[str]) -> bool:
    """_mixed_case_name: one word with a capital right after a small letter ("factcheckUK", "iPhone", "eBay") is a name.

    In: the words of a quote. Out: True for a single camel-case word, which
    is an account, product or brand name, not speech (a one-word partial quote
    is an ordinary word: "pervasive", "moderate"). A capital after a hyphen
    is not camel case: the EU was "anti-Islamic", could no longer afford to
    remain "all-Australian" (BBC corpus) are speech. html-dev: 1 extra dropped
    (the Twitter account "factcheckUK"), 0 gold lost; BBC dev: no change.
    """
    return len(words) == 1 and re.search(r"[a-z][A-Z]", words[0]) is not None


def is_unclosed_single(body: str, s: MarkSpan) -> bool:
    """_unclosed_single: a single mark opened and never closed in its paragraph is a stray mark, not a quote.

    In: the body and a span. Out: True when the span opens with ``'``/``‘``/``’``,
    has no closing mark and the paragraph ends inside it, and it is not
    carried on by a quote mark at the start of the next paragraph
    (``the ‘black death - which affects lymph nodes, …``: a typo for a
    label, the "quote" runs to the end of the paragraph). A double mark left
    open is kept: that is how a quote continued in the next paragraph is
    written, and a missing closing double mark is common. html-dev: 1 extra
    dropped, 0 gold lost; BBC dev and seeds: no change.
    """
    if s.close_at is not None or body[s.open_at] not in SINGLE_MARKS:
        return False
    if body[s.open_at + 1 : s.open_at + 2] in SINGLE_MARKS or body[s.open_at - 1 : s.open_at] in SINGLE_MARKS:
        return False  # '' is a double mark ("''Personally, I would rather …", bbc/sport/130.txt)
    _, p1 = paragraph_bounds(body, s.open_at)
    nxt = body[p1:].lstrip()
    return not nxt[:1] or nxt[0] not in ALL_MARKS


def is_scare(body: str, s: MarkSpan) -> bool:
    before = body[max(0, s.open_at - 12) : s.open_at].lower()
    return bool(re.search(r"so[- ]called\s*$", before))


def term_key(text: str) -> str:
    """A quoted phrase compared case- and punctuation-blind: "Meth. We're On It." == "meth, we’re on it"."""
    return " ".join(re.findall(r"\w+", text.casefold().replace("’", "'")))


def repeated_terms(body: str, spans: list[MarkSpan]) -> set[str]:
    """_repeated_term: keys (see :func:`term_key`) of short phrases (<= 6 words) quoted twice or more in ``body``.

    In: the body and its quote spans (subheads already filtered out, so a
    subhead repeating a quote does not count). Out: the set of keys quoted
    more than once. A slogan, tagline or coined term is put in marks each
    time it is mentioned ("Meth. We're on it." twice in one article, the
    'meth, we're on it' campaign in a link line and “Meth, we’re on it.” in
    the text).

    The caller drops them unless a speech verb voices one of the copies
    (:func:`pipelines.text.quotes.speakers.is_voiced`): a speaker's key words
    are often quoted again ("Ferguson said his Arsenal counterpart was "a
    disgrace"" … "Reminded that Ferguson called him "a disgrace""; "an
    "attack mongrel"" twice in bbc/politics/408.txt). html-dev: 4 extras
    dropped (the slogans), 0 gold lost; BBC dev and seeds: no change.
    """
    counts: dict[str, int] = {}
    for s in spans:
        key = term_key(body[s.start : s.end])
        if key and len(key.split()) <= 6:
            counts[key] = counts.get(key, 0) + 1
    return {k for k, n in counts.items() if n > 1}


def is_repeated_term(body: str, s: MarkSpan, repeated: set[str]) -> bool:
    """Is the quote one of the :func:`repeated_terms` of its article?"""
    return bool(repeated) and term_key(body[s.start : s.end]) in repeated


def is_unspoken_term(body: str, s: MarkSpan) -> bool:
    """_unspoken_term: a quoted one- or two-word fragment ("phase one" deal, a "skinny" bill, "needed").

    Called only for a ``partial`` quote that the parse ties to nobody: no
    speech verb governs it and no verb above it has a named or he/she subject
    (``he stuck to his line that … "moderate" opposition groups`` stays). A
    short term in marks that nobody says is a scare quote, a coined term or a
    mentioned word, not a quotation. Longer fragments stay (``his "history of
    absconding"``).
    """
    return len(_words(body[s.start : s.end])) <= 2


def is_short_phrase(body: str, s: MarkSpan) -> bool:
    """A quote of three or four words ("put myself out there"): a term when nobody outside the marks could have said it.

    See :func:`pipelines.text.quotes.speakers.under_third_person` for the
    guard (_writers_phrase).
    """
    return len(_words(body[s.start : s.end])) <= 4


def is_phrase_in_sentence(body: str, s: MarkSpan) -> bool:
    """_phrase_in_sentence: a short quote that opens a sentence the writer goes on with is a mentioned phrase.

    In: the body and a span. Out: True for at most four words with no
    punctuation before the closing mark, followed by a space and a
    lowercase word ("“Become an online leader” sounds like a tall order",
    "4. “Veggie-fy” your chips ‘n’ dip"). Called only for a quote with no
    speech verb after, before or above it; a spoken utterance carries its own
    punctuation ("Please.", "We got her!") or an attribution. html-dev: 2
    extras dropped, 0 gold lost; BBC dev and seeds: no change.
    """
    if s.close_at is None or len(_words(body[s.start : s.end])) > 4 or not body[s.start : s.end].strip():
        return False
    if body[s.end - 1] in ".!?,;:…":
        return False
    return bool(re.match(r" [a-z]", body[s.close_at + 1 : s.close_at + 3]))


def quote_kind(body: str, s: MarkSpan, doc_tokens_before: Token | None) -> str:
    """``direct`` for a sentence or more, ``partial`` for a fragment inside the author's sentence."""
    inner = body[s.start : s.end]
    first = next((c for c in inner if c.isalnum()), "")
    if not first or not (first.isupper() or first.isdigit()):
        return "partial"
    before = body[: s.open_at].rstrip(" \t")
    if s.continues or not before or before[-1] in "\n.!?:,;—–-(\"”'’":
        return "direct"
    if doc_tokens_before is not None and doc_tokens_before.lemma_ in SPEECH_VERBS:
        return "direct"
    if len(_words(inner)) >= 4 and re.search(r"[.!?]$", inner):
        return "direct"
    return "partial"

