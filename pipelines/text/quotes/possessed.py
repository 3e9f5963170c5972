"""Quotes held by a possessed speech noun: "Trump's claim that there have been “thousands of shootings”".

A cue finder (one signature with :mod:`pipelines.text.quotes.cues`): the noun for someone's words that the quote
hangs on, when a name owns it. :func:`pipelines.text.quotes.attribution.speaker_of` reads the owner.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipelines.text.quotes.cues import CUE_VERBS
from pipelines.text.quotes.marks import MarkSpan
from pipelines.text.quotes.syntax import paragraph_ancestors, quote_root
from pipelines.text.vocab import SPEECH_NOUNS


def possessed_speech_noun(doc: Doc, body: str, s: MarkSpan, lo: int, hi: int) -> Token | None:
    """_possessed_words: the speech noun with a named possessor that a partial quote hangs on, nearest first.

    Why: the writer's verb in "Politifact seized on Trump's claim that there have been “thousands of shootings”"
    (PolNeAR train has "Clinton's assertion of a "claim of right"", "Obama's "if you like your plan …" promise")
    is somebody else's act; the words are the possessor's. Out: the first ancestor of the quote's root (in its
    paragraph) that is a noun of :data:`pipelines.text.vocab.SPEECH_NOUNS` with a ``poss`` child naming someone
    (a PERSON or ORG entity, or a capitalised proper noun); None before reaching a speech verb with a subject,
    or when there is none; None for a quoted modifier (``amod``: "called Clinton's assertion … “significant and
    disturbing”" is Fitton's).
    """
    found = quote_root(doc, s)
    if found is None:
        return None
    root, inside = found
    if root.dep_ in ("amod", "advmod", "acomp"):
        return None  # a quoted modifier is an evaluation of the words ("called X's assertion … “disturbing”")
    for tok in paragraph_ancestors(root, body):
        if tok.i in inside:
            continue
        if tok.pos_ == "NOUN" and tok.lower_ in SPEECH_NOUNS and _named_owner(tok) is not None:
            return tok
        if tok.pos_ == "VERB" and tok.lemma_ in CUE_VERBS and any(c.dep_ == "nsubj" for c in tok.children):
            return None
    return None


def _named_owner(noun: Token) -> Token | None:
    """The possessor of ``noun`` when it names someone ("Trump's", "the IMF's"), else None."""
    for child in noun.children:
        if child.dep_ == "poss" and (
            child.ent_type_ in ("PERSON", "ORG") or child.pos_ == "PROPN" and child.text[:1].isupper()
        ):
            return child
    return None
