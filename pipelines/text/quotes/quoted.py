"""Quotes in marks: the kind, the cue and speaker, or a drop as a mentioned term, of each span in text order.

The rules come in as arguments (:data:`pipelines.text.quotes.CUE_FINDERS`,
:data:`pipelines.text.quotes.MENTION_RULES`), so the order they run in is written in one place, the package's
``__init__``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from spacy.tokens import Doc, Token

from pipelines.text.quotes.cues import attributed_by_name_only
from pipelines.text.quotes.descriptions import DescriptionRule, Descriptions, Found, attribute
from pipelines.text.quotes.kind import quote_kind, token_before
from pipelines.text.quotes.marks import MarkSpan, paragraph_bounds, words
from pipelines.text.quotes.quote import Quote, quote_row
from pipelines.text.quotes.resolver import Resolver
from pipelines.text.quotes.syntax import tokens_between

# (doc, body, span, lo, hi) -> the cue token or None; lo/hi: end of the previous quote, start of the next
CueFinder = Callable[[Doc, str, MarkSpan, int, int], Token | None]
# (doc, body, span, kind) -> True when the quote is a mentioned term, not speech
MentionRule = Callable[[Doc, str, MarkSpan, str], bool]


def quotes_in_marks(
    doc: Doc,
    body: str,
    spans: list[MarkSpan],
    res: Resolver,
    cue_finders: Mapping[str, Sequence[CueFinder]],
    mention_rules: Sequence[MentionRule],
    desc: Descriptions,
    description_rules: Sequence[DescriptionRule],
) -> list[Quote]:
    """A :class:`Quote` for each span that is speech, in text order.

    For each span: its kind (:func:`pipelines.text.quotes.kind.quote_kind`); the cue finders of that kind in
    order, the first cue with a speaker winning (read by :func:`pipelines.text.quotes.descriptions.attribute`
    with ``description_rules``); with no cue, or a cue that only names the sentence's subject
    (:func:`pipelines.text.quotes.cues.attributed_by_name_only`), the mention rules may drop it; still without a
    speaker, :func:`_paragraph_speaker` gives the paragraph's (a later sentence of the same speaker, or a
    paragraph that goes on quoting whoever spoke at the end of the previous one).
    """
    prev_para, line_starts = _paragraph_index(body)
    person_names = {name for _, name in res.persons}
    out: list[Quote] = []
    last_by_para: dict[int, Found] = {}
    prev_close = 0
    for n, s in enumerate(spans):
        next_open = spans[n + 1].open_at if n + 1 < len(spans) else len(body)
        kind = quote_kind(body, s, token_before(tokens_between(doc, max(0, s.open_at - 40), s.open_at)))
        found: Found | None = None
        voiced = False
        for find in cue_finders[kind]:
            verb = find(doc, body, s, prev_close, next_open)
            if verb is not None:
                got = attribute(desc, verb, description_rules)
                if got.written is not None:
                    found = got
                    # a named person's own verb voices the quote even when the subject token carries no PERSON
                    # tag ("Hollande denounced Trump's remarks as “hurtful and humiliating”", PolNeAR train); a copula
                    # does not ("Mr Campbell is part of a Labour "dirty tricks" campaign", bbc/politics/297)
                    voiced = not attributed_by_name_only(verb) or (got.speaker in person_names and verb.pos_ == "VERB")
                    break
        close = (s.close_at + 1) if s.close_at is not None else s.end
        if not voiced and any(rule(doc, body, s, kind) for rule in mention_rules):
            prev_close = close
            continue
        if not voiced and len(words(body[s.start : s.end])) <= 3:
            # a short term under a verb that only names the sentence's subject ("Mr Campbell is part of a Labour
            # "dirty tricks" campaign") is not that subject's words: read it as before, without that cue
            found = None
        if found is None:
            found = _paragraph_speaker(body, s, res, prev_para, line_starts)
        if found is None and s.para in last_by_para:
            found = last_by_para[s.para]  # a later sentence of the same speaker's paragraph
        if found is None and kind == "direct":
            found = _paragraph_subject(body, s, res)
        if found is None:
            found = Found(None, None, None)
        if found.speaker is not None or found.written is not None:
            last_by_para[s.para] = found
        out.append(quote_row(body[s.start : s.end], kind, *found[:3], s.start, s.end, unnamed=found.unnamed))
        prev_close = close
    return out


def _paragraph_index(body: str) -> tuple[dict[int, int], list[int]]:
    """``({line: previous non-blank line, or -1}, [offset of each line])`` for the non-blank lines of ``body``."""
    prev_para: dict[int, int] = {}
    last_nonblank = -1
    line_starts: list[int] = []
    pos = 0
    for i, line in enumerate(body.split("\n")):
        line_starts.append(pos)
        pos += len(line) + 1
        if line.strip():
            prev_para[i] = last_nonblank
            last_nonblank = i
    return prev_para, line_starts


def _paragraph_subject(body: str, s: MarkSpan, res: Resolver) -> Found | None:
    """The named person the quote's paragraph is about before it (:meth:`Resolver.paragraph_subject`), or None."""
    p0, _ = paragraph_bounds(body, s.open_at)
    name = res.paragraph_subject(s.open_at, p0)
    return Found(name, name, None) if name is not None else None


def _paragraph_speaker(
    body: str, s: MarkSpan, res: Resolver, prev_para: dict[int, int], line_starts: list[int]
) -> Found | None:
    """The latest speech event with a named speaker in the quote's paragraph before it, or None.

    A quote that opens its paragraph (or continues one from the previous paragraph) may take the previous
    paragraph's speaker too. Example: ``… Mr Howard said.\\n\\n"Britain is …"``: the second paragraph goes on
    quoting Mr Howard.
    """
    p0, _ = paragraph_bounds(body, s.open_at)
    floor = p0
    if s.continues or not body[p0 : s.open_at].strip():
        pp = prev_para.get(s.para, -1)
        floor = line_starts[pp] if pp >= 0 else p0
    event = res.last_event(s.open_at, floor)
    return Found(*event) if event is not None else None
