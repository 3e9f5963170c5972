"""Article-level extraction: body texts in, entity mentions and quotes out.

The Dagster assets call :func:`extract_all` with an iterable of clean bodies;
it streams them through one ``nlp.pipe`` (spaCy batches internally) and yields
one :class:`Extraction` per text, in input order, without holding the corpus.
Each doc is parsed once; entities and quotes are linear passes over it.

A body longer than ``MAX_CHUNK_CHARS`` (spaCy refuses texts over its
``max_length``, and the parser's memory grows with length) is cut at
paragraph breaks into chunks that are parsed as separate docs; their
mentions and quotes are shifted back to offsets in the whole body. Names are
then canonical per chunk, which only matters for such giant texts.

Peak memory follows the characters in the batch being parsed: tok2vec keeps
every layer's activations for the whole batch until it is done, about 3.2 kB
per character (measured on BBC bodies: +541 MB for a 64-text batch of 174k
characters, +165 MB for 50k, +81 MB for 25k; same speed). Batches are cut at
``MAX_BATCH_CHARS`` characters as well as at ``batch_size`` texts. Counted in
texts only, a partition smaller than one batch peaked lower than a large one
with full batches, so a partition's memory grew with its size.
"""

from __future__ import annotations

import dataclasses
import itertools
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
    max_batch_chars: int | None = None,
) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per text of ``texts``, in order.

    ``nlp`` defaults to :func:`pipelines.text.nlp.load_nlp`. A batch holds at
    most ``batch_size`` texts and ``max_batch_chars`` characters (default
    ``MAX_BATCH_CHARS``; one longer text is a batch by itself). ``n_process > 1``
    uses spaCy's multiprocessing (the pipeline is rebuilt in each worker) and
    batches by ``batch_size`` only. An empty or whitespace-only text yields an
    empty Extraction.
    """
    nlp = nlp or load_nlp()
    # (text index, chunk offset, chunk) for every chunk, lazily; results regrouped per text.
    pieces = ((i, start, chunk) for i, t in enumerate(texts) for start, chunk in chunks(t or ""))

    def results() -> Iterator[tuple[int, int, Extraction]]:
        # spaCy's vocabulary grows with every new word it sees, so a long run's memory would grow with
        # the corpus. Each block of texts is parsed inside a memory zone, which frees what the block
        # added; only plain strings and numbers leave the zone.
        while block := list(itertools.islice(pieces, MEMORY_ZONE_TEXTS)):
            with nlp.memory_zone():
                done = []
                if n_process > 1:  # one pool of workers per nlp.pipe call: do not call it per batch
                    groups, size = [block], batch_size
                else:  # one nlp.pipe call per batch, so its size is bounded in characters too
                    groups, size = batches(block, batch_size, max_batch_chars or MAX_BATCH_CHARS), None
                for group in groups:
                    docs = nlp.pipe((chunk for _, _, chunk in group), batch_size=size or len(group),
                                    n_process=n_process)
                    done += [(i, start, _extract(doc, chunk)) for (i, start, chunk), doc in zip(group, docs)]
            yield from done

    for _, group in itertools.groupby(results(), key=lambda r: r[0]):
        mentions: list[EntityMention] = []
        quotes: list[Quote] = []
        for _, start, ex in group:
            mentions += [_shift(m, start) for m in ex.mentions]
            quotes += [_shift(q, start) for q in ex.quotes]
        yield Extraction(mentions=mentions, quotes=quotes)


MAX_CHUNK_CHARS = 100_000
MAX_BATCH_CHARS = 25_000
MEMORY_ZONE_TEXTS = 256


def batches(pieces: list[tuple[int, int, str]], max_texts: int, max_chars: int) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive runs of ``(text index, offset, chunk)``: at most ``max_texts`` chunks and ``max_chars`` characters.

    A chunk longer than ``max_chars`` is a batch by itself.
    """
    group: list[tuple[int, int, str]] = []
    chars = 0
    for piece in pieces:
        if group and (len(group) >= max_texts or chars + len(piece[2]) > max_chars):
            yield group
            group, chars = [], 0
        group.append(piece)
        chars += len(piece[2])
    if group:
        yield group


def chunks(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """``text`` as (offset, chunk) pieces of at most ``limit`` characters, cut at paragraph breaks when possible."""
    limit = limit or MAX_CHUNK_CHARS
    if len(text) <= limit:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            # Keep the break with the chunk before it: a paragraph break, else a space, else a hard cut.
            for sep in ("\n\n", " "):
                cut = text.rfind(sep, start + limit // 2, end - len(sep) + 1)
                if cut != -1:
                    end = cut + len(sep)
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _extract(doc, text: str) -> Extraction:
    """Entities and quotes of ``doc``, parsed from ``text`` (spaCy keeps every character: ``doc.text == text``)."""
    mentions = extract_entities(doc)
    return Extraction(mentions=mentions, quotes=extract_quotes(doc, mentions, text))


def _shift(item, offset: int):
    if not offset:
        return item
    moved = dataclasses.replace(item, start_char=item.start_char + offset, end_char=item.end_char + offset)
    if getattr(item, "continues_char", None) is not None:
        moved = dataclasses.replace(moved, continues_char=item.continues_char + offset)
    return moved
