"""What the entity rules pass along: spans, labelled spans, the finished mentions, and one article's context.

Four shapes, in the order :func:`pipelines.text.entities.extract_entities` makes them:

- ``Span``: a spaCy span with the model's label (``span.label_``), before any table decided it;
- :data:`Labelled`: ``(span, label, canonical name or None)``, where a canonical name says the alias table, the
  gazetteer or a rule decided the mention (it outvotes the model in ``one_label_per_name``);
- :class:`EntityMention`: the row ``core.entity_mentions`` stores;
- :class:`Context`: what every rule may read about the article (its tokens, text) and the lexicons, built once
  per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipelines.text.lexicons import (
    ap_states,
    big_places,
    companies,
    given_names,
    load_aliases,
    places,
    platforms,
    us_states,
)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One entity mention: ``mention == body[start_char:end_char]``; ``entity`` is the canonical name."""

    mention: str
    label: str
    entity: str
    start_char: int
    end_char: int


# One kept span, its label and its canonical name when the alias table, the gazetteer or a rule decided it.
Labelled = tuple[Span, str, str | None]

# Surname key -> [(char offset, full name)] of every person the article names in full (see ``people.full_names``).
FullNames = dict[str, list[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class Context:
    """One article as the rules read it, and the lexicons, each looked up once per document.

    ``tokens`` is ``list(doc)``: ``doc[i]`` and iterating a ``Doc`` make a new ``Token`` object every time.
    ``full_names`` is empty until the rules that label people have run (``extract_entities`` fills it in).
    """

    doc: Doc
    tokens: list[Token]
    text: str
    aliases: dict[str, tuple[str, str]]
    places: dict[str, str]
    big_places: frozenset[str]
    first_names: frozenset[str]  # lexicons.given_names: any first name, whatever its gender split
    companies: frozenset[str]
    platforms: dict[str, str]
    us_states: dict[str, str]
    ap_states: dict[str, str]
    full_names: FullNames = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> Context:
        """The context of ``doc``, with every lexicon loaded (cached per process)."""
        return cls(doc=doc, tokens=list(doc), text=doc.text, aliases=load_aliases(), places=places(),
                   big_places=big_places(), first_names=given_names(), companies=companies(), platforms=platforms(),
                   us_states=us_states(), ap_states=ap_states())


_SPACES = re.compile(r"\s+")


def clean_name(text: str) -> str:
    """A mention's text with its runs of whitespace made one space: "Kristi\\nNoem " -> "Kristi Noem"."""
    return _SPACES.sub(" ", text).strip()


def covered(labelled: list[Labelled]) -> set[int]:
    """Token indices inside any kept span."""
    return {i for span, _, _ in labelled for i in range(span.start, span.end)}

