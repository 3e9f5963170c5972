"""Shared setup of the quote tests (test_quotes.py, test_text_quote_rules.py, test_quote_rules_web.py).

A case is ``pytest.param(source, text, expect, id=...)``: ``source`` names where the sentence comes from
(a file of ../shared/seeds, ../shared/corpora/bbc or ../shared/corpora/html-dev/pages/<id>.json), ``expect``
what the quote must hold (see :func:`check`).
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from pipelines.text.entities import extract_entities
from pipelines.text.quotes import Quote, extract_quotes


def case(name: str, source: str, text: str, **expect: Any):
    """One row of a table of cases: the sentence, where it comes from, and what is expected of its quote."""
    return pytest.param(source, text, expect, id=name)


def quotes_in(nlp: Language, text: str) -> list[Quote]:
    """Every quote of ``text`` as the assets extract it (entities first), each one's offsets checked."""
    doc = nlp(text)
    found = extract_quotes(doc, extract_entities(doc))
    for q in found:
        assert text[q.start_char : q.end_char] == q.quote
    return found


def in_marks(qs: list[Quote]) -> list[Quote]:
    """The direct and partial quotes (those in quote marks)."""
    return [q for q in qs if q.kind != "reported"]


def reported(qs: list[Quote]) -> list[Quote]:
    """The reported (indirect) speech."""
    return [q for q in qs if q.kind == "reported"]


def check(q: Quote, expect: dict[str, Any]) -> None:
    """Assert ``q`` matches ``expect``: a field name is compared for equality; ``starts``, ``ends`` and ``contains``
    test the quote text."""
    for key, want in expect.items():
        if key == "starts":
            assert q.quote.startswith(want), (q.quote, want)
        elif key == "ends":
            assert q.quote.endswith(want), (q.quote, want)
        elif key == "contains":
            assert want in q.quote, (q.quote, want)
        else:
            assert getattr(q, key) == want, (key, getattr(q, key), want)
