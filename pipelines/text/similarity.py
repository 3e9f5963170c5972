"""Near-duplicate articles: MinHash signatures of an article body's word shingles (datasketch, MIT).

In: a clean body. Out: ``NUM_PERM`` 32-bit MinHash values and the number of
distinct shingles. Two bodies' signatures agree in about the share of
positions that is the Jaccard similarity J of their shingle sets; with both
set sizes, J gives the containment of the smaller set in the larger
(:func:`containment`), which stays high when a copy drops paragraphs: a wire
re-run with a new headline, its last paragraph dropped, a few words changed
and a credit line is ~0.95 contained in its original while unrelated articles,
even follow-ups on the same story, are far below. The SQL model
``analytics.story_pairs`` bands the signatures (locality-sensitive hashing) to
find candidate pairs within a window of landing dates and keeps those whose
estimated containment reaches the threshold. ``SHINGLE_WORDS``, the bands and
the threshold were chosen by measurement (bench/story_threshold.py, docs/internals.md).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datasketch imports scipy (~1 s): loaded on the first signature, not by every process that imports this
    from datasketch import MinHash

NUM_PERM = 128
SHINGLE_WORDS = 3
SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of ``k``-word shingles of ``text`` (lower-cased words, punctuation ignored), UTF-8 encoded.

    A text shorter than ``k`` words is one shingle of all its words; an empty text has none.
    """
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


@functools.cache
def _template() -> MinHash:
    """One MinHash whose permutations every signature reuses (drawing them costs more than hashing a body)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED)


def signature(text: str) -> tuple[list[int], int]:
    """(``NUM_PERM`` MinHash values of the body's shingles, number of distinct shingles).

    An empty body has no shingles: its values are all datasketch's maximum and match nothing real.
    """
    template = _template()
    m = type(template)(num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, scheme=template.scheme)
    grams = shingles(text)
    m.update_batch(grams)
    return [int(v) for v in m.hashvalues], len(grams)


def estimated_jaccard(a: list[int], b: list[int]) -> float:
    """The share of positions where two signatures agree: an estimate of their bodies' Jaccard similarity."""
    return sum(x == y for x, y in zip(a, b)) / len(a)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller shingle set found in the larger, from their Jaccard similarity and sizes.

    |A∩B| = J (|A| + |B|) / (1 + J); divided by min(|A|, |B|), capped at 1. The SQL model computes the same.
    """
    if not size_a or not size_b:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / (1 + jaccard) / min(size_a, size_b))
