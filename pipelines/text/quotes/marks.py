"""Quote marks: the stretches of a body between paired marks.

In: a body string. Out: :class:`MarkSpan` offsets, the marks excluded, paragraph by paragraph (a paragraph is
a line). No parse is needed: whether a mark opens or closes is read from its neighbours. Which of these
stretches are speech is decided later (:mod:`pipelines.text.quotes.filters`, :mod:`pipelines.text.quotes.terms`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "\"“„«"
DOUBLE_CLOSE = "\"”»"
SINGLE_MARKS = "'‘’"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_MARKS
_MARK = re.compile(f"[{re.escape(ALL_MARKS)}]")
_OPEN_LEFT = set(" \t([{—–-/:") | set(ALL_MARKS)
_CLOSE_RIGHT = set(" \t.,;:!?)]}―—–-…") | set(ALL_MARKS)


@dataclass(slots=True)
class MarkSpan:
    """A stretch of text between quote marks (offsets exclude the marks)."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when the paragraph ended first
    para: int
    continues: bool = False  # continues an unclosed quote of the previous paragraph


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
    if not can_close and ch in "\"”" and prev == " " and i >= 3 and text[i - 2] in "'’" and text[i - 3] in ",.!?":
        # _spaced_nested_close: "…political community,' " Reeves wrote": a double mark set off by a space after a
        # nested quote's closing single mark closes the outer quote (PolNeAR train wash-post_2016-07-02)
        can_close = True
    if ch in "“‘„«":
        # _left_mark_closes: "…here,“ said Jim Clyburn": a left double mark right after sentence punctuation and
        # before a space is a typo for the closing mark (PolNeAR train)
        can_close = ch == "“" and prev in ",.!?" and nxt.isspace()
    if ch in "”»":
        # _closing_mark_opens: "Another said: ”Bird flu …”": a ” after a space or
        # colon and before a letter is used as an opening mark
        can_open = can_open and (prev.isspace() or prev in ":(") and nxt.isalnum()
    if ch == "’" and can_open and not can_close:
        can_open = True  # ’ used as an opening mark by some writers
    return can_open, can_close


def _doubled_single(text: str, i: int) -> bool:
    """Is the mark at ``text[i]`` a single mark doubled (``''``), the double mark of NYT copy?"""
    return text[i] in SINGLE_MARKS and text[i + 1 : i + 2] == text[i]


def _later_closer(text: str, i: int, family: str) -> bool:
    """Is there a mark of ``family`` after ``i`` in ``text`` that can close a quote?"""
    for mark in _MARK.finditer(text, i + 1):
        j = mark.start()
        if _family(text[j]) == family and _classify(text, j)[1]:
            return True
    return False


def _scan_paragraph(text: str, base: int, para: int) -> tuple[list[MarkSpan], bool]:
    """Quote spans inside one paragraph ``text`` (at offset ``base`` of the body); also whether a quote was still open at its end.

    The rules, each for a way real copy writes its marks:

    - an apostrophe between letters never closes a quote (``I'm``, ``group's``); a plural possessive
      (``terrorists’ financial``) is an apostrophe when a later closing mark exists;
    - AP's doubled single mark closes a double quote (``“It was an attempt to mislead voters,’’ Will Moy said``);
    - a closing mark whose opening mark is missing, after punctuation and before a lowercase attribution, closes
      the sentence it ends (``It's come completely out of the blue," he said``);
    - a quote opened with one family and closed with the other after punctuation is one quote
      (``"… a homeland security issue,' Stephens said``);
    - an opening mark of the open quote's family ends that quote first (a missing close, or paragraphs merged
      into one line).
    """
    spans: list[MarkSpan] = []
    open_at: int | None = None
    width = 1  # characters of the opening mark: 2 for a doubled single mark ('' in NYT copy)
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
            spans.append(MarkSpan(base + open_at + width, base + i, base + open_at, base + i + 1, para))
            open_at, skip = None, i + 1
            continue
        can_open, can_close = _classify(text, i)
        fam = _family(ch)
        if open_at is None:
            if can_open:
                open_at, family, nested = i, fam, None
                width = 2 if _doubled_single(text, i) else 1
                skip = i + width - 1
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
                spans.append(MarkSpan(base + open_at + width, base + i, base + open_at, base + i, para))
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
                    # _doubled_single_pair: a quote opened with '' closes with '' (''carried interest''): both
                    # marks close it, so the second never opens a quote of its own
                    last = i + 1 if width == 2 and _doubled_single(text, i) else i
                    spans.append(MarkSpan(base + open_at + width, base + i, base + open_at, base + last, para))
                    open_at, skip = None, last
            elif can_open and width == 2 and not _doubled_single(text, i):
                nested = fam  # one single mark inside a '' quote opens a quote in the quote: ''it's 'fine' with me''
            elif can_open:
                # an opening mark of the same family inside an open quote: the
                # first one was never closed (merged paragraphs). End it here.
                spans.append(MarkSpan(base + open_at + width, base + i, base + open_at, None, para))
                open_at = i
                width = 2 if _doubled_single(text, i) else 1
                skip = i + width - 1
        else:
            strong_close = can_close and text[i - 1] in ",.!?;"
            if strong_close and not _later_closer(text, i, family):
                # mismatched marks: opened with " and closed with ' (or the reverse)
                spans.append(MarkSpan(base + open_at + width, base + i, base + open_at, base + i, para))
                open_at = None
            elif can_open and not can_close:
                nested = fam
    if open_at is not None:
        spans.append(MarkSpan(base + open_at + width, base + len(text), base + open_at, None, para))
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
    """Every stretch of ``body`` between paired quote marks, paragraph by paragraph (a paragraph is a line).

    A quote left open at the end of a paragraph runs to the paragraph's end and, when the next paragraph opens
    with a mark, goes on there (``continues``): a quote of several paragraphs is one row per paragraph, with
    one speaker ("…drugs.\n\n"Mr Conte is simply not credible…", bbc/sport/088).
    """
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



def is_mark_text(text: str) -> bool:
    """_doubled_mark_token: is ``text`` (a token's text) quote marks only: ``"``, ``”``, or NYT's doubled ``''``?

    Why: the tokenizer keeps NYT's doubled single mark as one token ``''``, which ``text in ALL_MARKS`` (a substring
    test) misses, so ``…,'' said Richard L. Trumka`` read as if no quote closed before "said" (PolNeAR train
    nyt_2016-01-30) and the name after the verb was never taken as its subject.
    """
    return bool(text) and all(c in ALL_MARKS for c in text)


def paragraph_bounds(body: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` offsets of the paragraph (line) of ``body`` holding offset ``pos``."""
    start = body.rfind("\n", 0, pos) + 1
    end = body.find("\n", pos)
    return start, len(body) if end == -1 else end


def words(text: str) -> list[str]:
    """The words of ``text`` (letters first; digits, apostrophes, dots and hyphens inside): how quotes are counted."""
    return re.findall(r"[^\W\d_][\w'’.-]*", text)
