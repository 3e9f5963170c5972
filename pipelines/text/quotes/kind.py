"""Direct or partial: whether a quote is a sentence of its own or a fragment inside the writer's sentence."""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipelines.text.quotes.cues import CUE_VERBS
from pipelines.text.quotes.marks import MarkSpan, words


def quote_kind(body: str, s: MarkSpan, token_before: Token | None) -> str:
    """``direct`` for a sentence or more, ``partial`` for a fragment inside the writer's sentence.

    In: the body, a span and the last word token before its opening mark (None when there is none). Out:
    ``direct`` when the quote starts with a capital or digit and follows a sentence boundary, a colon, comma or
    dash, a speech verb, or is itself a sentence of four words or more; else ``partial``. Why: a partial quote
    is attributed by the verb of the sentence it sits in, a direct one by the verb next to it (the order of
    :data:`pipelines.text.quotes.CUE_FINDERS`). Example: ``Ms Hewitt said: "We have already doubled …"`` is
    direct, ``described it as the “most serious incident …”`` partial.
    """
    inner = body[s.start : s.end]
    first = next((c for c in inner if c.isalnum()), "")
    if not first or not (first.isupper() or first.isdigit()):
        return "partial"
    before = body[: s.open_at].rstrip(" \t")
    if s.continues or not before or before[-1] in "\n.!?:,;—–-(\"”'’":
        return "direct"
    if token_before is not None and token_before.lemma_ in CUE_VERBS:
        return "direct"
    if len(words(inner)) >= 4 and re.search(r"[.!?]$", inner):
        return "direct"
    return "partial"


def token_before(doc_tokens: list[Token]) -> Token | None:
    """The last token of ``doc_tokens`` that is neither punctuation nor space, or None."""
    found = [t for t in doc_tokens if not t.is_punct and not t.is_space]
    return found[-1] if found else None
