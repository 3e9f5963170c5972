"""Quoted words nobody says: slogans, coined terms, the writer's own phrases, words the reader is told to say.

Two passes:

- :func:`drop_slogans` (article-wide, before any speaker is looked for): a short phrase quoted twice or more
  and never voiced by a speech verb is a slogan or term.
- The mention rules, one signature ``(doc, body, span, kind) -> bool``, run on a quote no cue was found for
  (:data:`pipelines.text.quotes.MENTION_RULES`): True drops it as a mentioned term rather than a quotation.
  A quote under a speech verb or noun is kept by all of them (:func:`pipelines.text.quotes.cues.under_speech_verb`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipelines.text.quotes.cues import is_voiced, under_speech_verb
from pipelines.text.quotes.marks import MarkSpan, words
from pipelines.text.quotes.syntax import paragraph_ancestors, quote_root
from pipelines.text.vocab import ORG_PRONOUNS, PERSON_PRONOUNS, READER_WORDS, SPEECH_VERBS, WRITER_OR_READER

# --------------------------------------------------------------------------- slogans (article-wide)


def term_key(text: str) -> str:
    """A quoted phrase compared case- and punctuation-blind: "Meth. We're On It." == "meth, we’re on it"."""
    return " ".join(re.findall(r"\w+", text.casefold().replace("’", "'")))


def repeated_terms(body: str, spans: list[MarkSpan]) -> set[str]:
    """Keys (see :func:`term_key`) of short phrases (<= 6 words) quoted twice or more in ``body``.

    In: the body and its quote spans, subheads already filtered out (so a subhead repeating a quote, ``'Mutual
    enemy'`` over Putin's "mutual enemy", does not count). Out: the keys quoted more than once. A slogan,
    tagline or coined term is put in marks each time it is mentioned ("Meth. We're on it." twice in one
    article, html-dev 776a1c).
    """
    counts: dict[str, int] = {}
    for s in spans:
        key = term_key(body[s.start : s.end])
        if key and len(key.split()) <= 6:
            counts[key] = counts.get(key, 0) + 1
    return {k for k, n in counts.items() if n > 1}


def drop_slogans(doc: Doc, body: str, spans: list[MarkSpan]) -> list[MarkSpan]:
    """``spans`` without the :func:`repeated_terms` that no copy of is voiced (_repeated_term).

    Why: a slogan is quoted each time it is named, but a speaker's key words are often quoted again too, so a
    phrase stays when a speech verb voices one of its copies (:func:`pipelines.text.quotes.cues.is_voiced`).
    Example: the tagline "Meth. We're on it." goes (html-dev 776a1c); Hain's "attack mongrel", quoted twice
    under "a claim by Peter Hain" and "accused" (bbc/politics/408), stays.
    """
    repeated = repeated_terms(body, spans)
    if not repeated:
        return spans
    voiced = {term_key(body[s.start : s.end]) for s in spans if _is_repeated(body, s, repeated) and is_voiced(doc, body, s)}
    return [s for s in spans if not _is_repeated(body, s, repeated - voiced)]


def _is_repeated(body: str, s: MarkSpan, repeated: set[str]) -> bool:
    return bool(repeated) and term_key(body[s.start : s.end]) in repeated


# --------------------------------------------------------------------------- mention rules


def unspoken_term(doc: Doc, body: str, s: MarkSpan, kind: str) -> bool:
    """A partial quote of one or two words that no speech verb or noun governs is a scare quote or coined term.

    Why: a short term in marks that nobody is said to say is a label, not a quotation; longer fragments stay
    (his "history of absconding"). Example: ``A "phase one" trade deal …`` (html-dev 39d5c4) is dropped; the
    seed's "moderate" under "he stuck to his earlier line that …" was attributed through the parse and never
    gets here. Under a speech verb the reader is the subject of (:func:`said_by_reader`), it is dropped too.
    """
    if kind != "partial" or len(words(body[s.start : s.end])) > 2:
        return False
    return not under_speech_verb(doc, s, body) or said_by_reader(doc, s, body)


def writers_phrase(doc: Doc, body: str, s: MarkSpan, kind: str) -> bool:
    """A partial quote of three or four words under the writer's or reader's subject only is the writer's term.

    Why: a blog puts its own turns of phrase in marks. Example: ``And I’d need to “put myself out there” on
    teleclasses`` (html-dev c582d3) is dropped; ``a judge ruled that … because of his "history of absconding"``
    (html-dev c7e39a) is kept: a third-person subject above it (:func:`under_third_person`).
    """
    if kind != "partial" or len(words(body[s.start : s.end])) > 4:
        return False
    return not under_third_person(doc, s, body) and not under_speech_verb(doc, s, body)


def mentioned_phrase(doc: Doc, body: str, s: MarkSpan, kind: str) -> bool:
    """A short direct quote that opens a sentence the writer goes on with is a mentioned phrase (_phrase_in_sentence).

    In: a direct quote with no cue. Out: True for at most four words with no punctuation before the closing
    mark, followed by a space and a lowercase word, under no speech verb. Why: a spoken utterance carries its
    own punctuation ("Please.", "We got her!") or an attribution. Example: ``“Become an online leader” sounds
    like a tall order`` (html-dev ec7fc4).
    """
    if kind != "direct" or s.close_at is None or len(words(body[s.start : s.end])) > 4 or not body[s.start : s.end].strip():
        return False
    if body[s.end - 1] in ".!?,;:…":
        return False
    return bool(re.match(r" [a-z]", body[s.close_at + 1 : s.close_at + 3])) and not under_speech_verb(doc, s, body)


def said_by_reader(doc: Doc, s: MarkSpan, body: str) -> bool:
    """Is the speech verb above the quote one the reader is told to say it with (_reader_speech)?

    In: the doc and a partial quote's span. Out: True when the nearest speech verb above the quote (in its
    paragraph) has "you"/"yourself" as subject, object or dative, itself or through the verbs it is the
    complement of. Why: a word the writer imagines the reader saying is mentioned, not quoted. Example:
    ``without having to tell yourself “no.”`` (html-dev ec3878).
    """
    found = quote_root(doc, s)
    if found is None:
        return False
    root, inside = found
    verb = next(
        (a for a in paragraph_ancestors(root, body) if a.i not in inside and a.lemma_ in SPEECH_VERBS and a.pos_ == "VERB"),
        None,
    )
    for _ in range(4):
        if verb is None:
            return False
        if any(c.lower_ in READER_WORDS and c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") for c in verb.children):
            return True
        verb = verb.head if verb.dep_ in ("xcomp", "acomp", "conj", "ccomp") and verb.head is not verb else None
    return False


def under_third_person(doc: Doc, s: MarkSpan, body: str) -> bool:
    """Does a verb above the quote have a third-person subject outside the marks, or no writer/reader subject?

    In: the doc and a partial quote's span. Out: True when some ancestor verb of the quote has a noun, proper
    noun or he/she/it/they subject ("a judge ruled that Assange should remain in jail because of his "history of
    absconding"": the judge's words), and when no subject is the writer or the reader (a bulleted summary of
    proposals: "- Encouraging … "all available means" …", bbc/politics/052). False when the subjects above
    it are I, you or we only ("I'd need to "put myself out there"").
    """
    found = quote_root(doc, s)
    if found is None:
        return True
    root, inside = found
    personal = False  # a subject that is the writer or the reader
    for anc in [root, *paragraph_ancestors(root, body)]:
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        for child in anc.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in inside:
                if child.pos_ in ("NOUN", "PROPN") or child.lower_ in PERSON_PRONOUNS or child.lower_ in ORG_PRONOUNS:
                    return True
                personal = personal or child.lower_ in WRITER_OR_READER
    return not personal
