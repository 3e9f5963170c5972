"""Article-level extraction: body texts in, entity mentions and quotes out.

The Dagster assets call :func:`extract_all` with an iterable of clean bodies;
it streams them through one ``nlp.pipe`` (spaCy batches internally) and yields
one :class:`Extraction` per text, in input order, without holding the corpus.
Each doc is parsed once; entities and quotes are linear passes over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from pipelines.text.entities import EntityMention, extract_entities
from pipelines.text.nlp import load_nlp
from pipelines.text.quotes import Quote, extract_quotes


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one article yields: its entity mentions and its quotes (offsets into the text given)."""

    mentions: list[EntityMention]
    quotes: list[Quote]


def extract_all(
    texts: Iterable[str],
    *,
    nlp: Language | None = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per text of ``texts``, in order.

    ``nlp`` defaults to :func:`pipelines.text.nlp.load_nlp`. ``n_process > 1``
    uses spaCy's multiprocessing (the pipeline is rebuilt in each worker).
    An empty or whitespace-only text yields an empty Extraction.
    """
    nlp = nlp or load_nlp()
    for doc in nlp.pipe((t or "" for t in texts), batch_size=batch_size, n_process=n_process):
        mentions = extract_entities(doc)
        yield Extraction(mentions=mentions, quotes=extract_quotes(doc, mentions))
