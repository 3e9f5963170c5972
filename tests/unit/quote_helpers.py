"""Shared setup of the quote tests (tests/test_quotes.py, tests/test_text_quote_rules.py, tests/test_quote_rules_web.py).

:func:`quotes_in` parses a snippet with the project's pipeline, extracts its
entities and quotes as the assets do, and checks that every quote's offsets
reproduce its text before handing the quotes back.
"""

from __future__ import annotations

from pipelines.text.entities import extract_entities
from pipelines.text.nlp import load_nlp
from pipelines.text.quotes import Quote, extract_quotes


def quotes_in(text: str, *, reported: bool = True) -> list[Quote]:
    """Every quote of ``text`` (without the ``reported`` ones when ``reported=False``), offsets checked."""
    doc = load_nlp()(text)
    found = extract_quotes(doc, extract_entities(doc))
    for q in found:
        assert text[q.start_char : q.end_char] == q.quote
    return [q for q in found if reported or q.kind != "reported"]
