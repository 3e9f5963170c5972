"""Quotations written in parts: which quote row goes on with an earlier one.

In: the article's quotes in marks (direct and partial :class:`Quote` rows, text order), their mark spans and the
body. Out: the same rows, each part after the first carrying ``continues_char``, the ``start_char`` of the
quotation's first part.

The rows stay one per pair of marks, as peers write them (textacy's ``direct_quotations``, the Gender Gap
Tracker, Quotebank's extractor all take one quotation per mark pair), so ``body[start_char:end_char] == quote``
holds and a gold that counts the parts one by one (BBC, html-dev, seeds) still finds each. The link lets an
analyst read ``"A," he said, "B."`` as one quotation (PolNeAR annotates it as one attribution):
``coalesce(continues_quote_id, quote_id)`` in ``analytics.quotes`` groups the parts.
"""

from __future__ import annotations

import dataclasses
import re

from pipelines.text.quotes.marks import MarkSpan
from pipelines.text.quotes.quote import Quote

# Words between the two parts of one quotation: the attribution that interrupts it (", said former Rep. George
# Miller (D-Calif.), one of the original negotiators. "). Longer stretches are the writer's own sentences; on a
# PolNeAR train sample, 319 same-speaker pairs within 20 words were one attribution and 25 two.
MAX_GAP_WORDS = 20


def link_parts(quotes: list[Quote], spans: list[MarkSpan], body: str) -> list[Quote]:
    """``quotes`` (text order) with ``continues_char`` set on every part that goes on with an earlier quote.

    A part continues the quote before it when it is the next quote in marks and either
    :func:`interrupted` (same paragraph, same speaker and cue, a short attribution between) or
    :func:`next_paragraph` (a quote left open at a paragraph's end that the next paragraph goes on with).
    The link always names the first part, so a quotation in three parts has one head.
    """
    carried = {s.start for s in spans if s.continues}
    out: list[Quote] = []
    prev: Quote | None = None
    for q in quotes:
        if q.kind not in ("direct", "partial"):
            out.append(q)
            continue
        if prev is not None and (interrupted(prev, q, body) or next_paragraph(prev, q, carried)):
            q = dataclasses.replace(q, continues_char=prev.continues_char if prev.continues_char is not None else prev.start_char)
        out.append(q)
        prev = q
    return out


def interrupted(prev: Quote, q: Quote, body: str) -> bool:
    """_interrupted_quote: two quotes of one paragraph, one speaker and one cue, with at most a short attribution
    between them, are parts of one quotation.

    In: the previous quote in marks and this one. Out: True when both have the same speaker, mention and cue (and a
    speaker or mention at all), no line break lies between them and at most :data:`MAX_GAP_WORDS` words do.
    Example: ``'We have to deny a safe haven for ISIL in Syria,' Cameron said, using an acronym for the group.
    'The longer ISIL is allowed to grow …'`` (seeds/000); ``Rubio was “a total lightweight” while Ted Cruz is “a
    basket case” and “a liar.”``, fragments under one verb (PolNeAR train, one attribution). ``“…,” Clinton
    said. Trump replied: “…”`` has two speakers, and ``“…,” he said. He added, “…”`` two cues: two quotations.
    """
    if prev.speaker is None and prev.speaker_mention is None:
        return False
    if (prev.speaker, prev.speaker_mention, prev.cue) != (q.speaker, q.speaker_mention, q.cue):
        return False
    gap = body[prev.end_char : q.start_char]
    return "\n" not in gap and len(re.findall(r"\w+", gap)) <= MAX_GAP_WORDS


def next_paragraph(prev: Quote, q: Quote, carried: set[int]) -> bool:
    """_continued_paragraph: a quote that goes on from an unclosed quote of the paragraph before is its next part.

    In: the previous quote in marks, this one, and the starts of the spans :func:`pipelines.text.quotes.marks.find_quote_spans`
    marks as ``continues``. Out: True when this quote is such a span. Example: ``…drugs.\\n\\n"Mr Conte is simply
    not credible…`` (bbc/sport/088: the first paragraph's closing mark is left out, as news style writes a quote
    of several paragraphs).
    """
    return q.start_char in carried and prev.end_char <= q.start_char
