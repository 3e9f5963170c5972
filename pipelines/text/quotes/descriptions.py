"""Speakers the article describes instead of naming: "an ntl spokesman", "the judge", "several lawmakers".

In: the :class:`~pipelines.text.quotes.resolver.Resolver` of the article and the speaker
:func:`pipelines.text.quotes.attribution.speaker_of` read off a cue. Out: that speaker, or a better one when one of
the :data:`pipelines.text.quotes.DESCRIPTION_RULES` applies. A described speaker resolves to the person or
organisation the article names for it (the resolver does that: "the company" -> "Laura Ashley"); where the article
names none, the speaker is the description itself, typed ``unnamed``, never a wrong name. The rules here catch the
ways a description ends up with a wrong name or a wrong description:

- a pronoun whose antecedent is a description, not the last name ("… according to an ntl spokesman … "…?" he
  asked", bbc/tech/352);
- a name that only modifies a description's noun ("Legitimate Bollywood film distributors have hailed", "Clinton
  aides said");
- an outsider's role that is not the story's subject ("the sentencing judge" in a story about the accused);
- a quantity noun before the people it counts ("a series of South Dakotans — … — declaring");
- a bare quantifier that goes on with the previous description ("one user on Weibo … posted … Another said");
- the person a speech is attributed to by a third party ("Apcom quoted several lawmakers as saying");
- a masked handle that signs a review ("– Man**"), which is how the page names its writer.

Every rule has one signature, ``(descriptions, verb, found) -> Found | None``: the article's
:class:`Descriptions`, the cue token and the speaker found so far; None leaves it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spacy.symbols import nsubj, nsubjpass, pobj
from spacy.tokens import Token

from pipelines.text.quotes.attribution import speaker_of
from pipelines.text.quotes.cues import CUE_VERBS, is_signature_dash
from pipelines.text.quotes.marks import paragraph_bounds
from pipelines.text.quotes.quote import described_speaker
from pipelines.text.quotes.resolver import Resolver
from pipelines.text.quotes.speaker_types import description_type
from pipelines.text.quotes.syntax import subject
from pipelines.text.vocab import (
    ELLIPTICAL_SPEAKERS,
    FEMALE_NOUNS,
    FEMALE_TITLES,
    MALE_NOUNS,
    MALE_TITLES,
    OUTSIDER_ROLES,
    PERSON_ROLE_NOUNS,
    QUANTITY_NOUNS,
    SOURCE_NOUNS,
    SPEAKER_DETERMINERS,
)

_SUBJECT_DEPS = (nsubj, nsubjpass)


class Found(NamedTuple):
    """A quote's speaker as a cue gives it: canonical name (or the description, when ``unnamed``), the speaker as
    written, the cue's text."""

    speaker: str | None
    written: str | None
    cue: str | None
    unnamed: bool = False


@dataclass(frozen=True, slots=True)
class Description:
    """A speaker the article describes without a name: where, as written, normalised, and what it can be
    referred back to by (``person`` with a gender, ``organisation`` or ``group``)."""

    at: int
    written: str
    speaker: str
    kind: str
    gender: str | None


class Descriptions:
    """The article's resolver and, built on first use, its described speakers in text order.

    A described speaker is a noun subject outside the quote marks (or the object of "according to") that the
    resolver names nobody for: "an ntl spokesman", "The prime minister's office",
    "Officials". They are what a later "he", "it", "they" or "Another" may refer back to.
    """

    def __init__(self, res: Resolver) -> None:
        self.res = res
        self._found: list[Description] | None = None
        self._starts: list[int] = []

    @property
    def found(self) -> list[Description]:
        if self._found is None:
            self._found = [d for tok in self.res.tokens if (d := self._describe(tok)) is not None]
            self._starts = [d.at for d in self._found]
        return self._found

    def _describe(self, tok: Token) -> Description | None:
        if tok.dep not in _SUBJECT_DEPS and tok.dep != pobj:
            return None
        if tok.pos_ != "NOUN" or not _speaker_position(tok) or self.res.in_quote(tok.idx):
            return None
        sp, written = self.res.resolve(tok)
        if sp is not None:
            return None
        speaker = described_speaker(written)
        if speaker is None:
            return None
        head = tok.lower_
        kind = description_type(written)
        if kind == "unnamed":
            if tok.tag_ != "NN" or not (head in PERSON_ROLE_NOUNS or head in SOURCE_NOUNS):
                return None
            indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in tok.children)
            if not (indefinite or head in OUTSIDER_ROLES or head in SOURCE_NOUNS):
                return None  # "the candidate", "the businessman": an epithet of someone named, not a new speaker
            kind = "person"
        male, female = head in MALE_TITLES or head in MALE_NOUNS, head in FEMALE_TITLES or head in FEMALE_NOUNS
        gender = "m" if male else "f" if female else None
        return Description(tok.idx, written, speaker, kind, gender)

    def latest(self, after: int, before: int, kinds: Sequence[str], gender: str | None = None) -> Description | None:
        """The latest described speaker in ``(after, before)`` of one of ``kinds`` (and not of another gender)."""
        found = self.found
        for d in reversed(found[: bisect.bisect_left(self._starts, before)]):
            if d.at <= after:
                return None
            if d.kind in kinds and not (gender and d.gender and d.gender != gender):
                return d
        return None


DescriptionRule = Callable[[Descriptions, Token, Found], "Found | None"]


def attribute(desc: Descriptions, verb: Token, rules: Sequence[DescriptionRule]) -> Found:
    """The speaker of cue ``verb``: :func:`~pipelines.text.quotes.attribution.speaker_of`, then the first of
    ``rules`` that gives another. One code path for quotes in marks and reported speech."""
    found = Found(*speaker_of(desc.res, verb))
    for rule in rules:
        better = rule(desc, verb, found)
        if better is not None:
            return better
    return found


def _speaker_position(tok: Token) -> bool:
    """Is ``tok`` where a speaker a pronoun refers back to stands: a subject or the X of "according to X"?"""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    # not a passive's agent: "Assange was accused of rape by a woman. He has always denied …" is about its subject
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _speaker_token(res: Resolver, verb: Token, found: Found) -> Token | None:
    """The token ``found`` was read from: the verb's subject, a passive's agent, the X of "according to X", or a
    word next to the verb, whichever the resolver writes as ``found.written``; None when none is."""
    if not found.written:
        return None
    doc = verb.doc
    cands = [subject(verb), *(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))]
    cands += [g for c in verb.children if c.dep_ in ("agent", "prep") for g in c.children if g.dep_ == "pobj"]
    cands += [doc[k] for k in (verb.i - 1, verb.i + 1) if 0 <= k < len(doc)]
    for tok in cands:
        if tok is not None and not res.in_quote(tok.idx) and res.resolve(tok)[1] == found.written:
            return tok
    return None


def _floor(text: str, at: int) -> int:
    """The start of the paragraph before the one holding offset ``at`` (how far back a pronoun reaches)."""
    p0, _ = paragraph_bounds(text, at)
    before = text[:p0].rstrip()
    return before.rfind("\n") + 1 if before else 0


def _unnamed(res: Resolver, first: Token, last: Token, written: str, cue: str | None) -> Found:
    """The description ``first``..``last`` as the speaker, without leading determiners; a capital that only starts
    the sentence is lowered ("Legitimate Bollywood film distributors" -> "legitimate …", not "South Dakotans")."""
    doc = first.doc
    i = first.i
    while i < last.i and doc[i].lower_ in SPEAKER_DETERMINERS:
        i += 1
    start = doc[i]
    phrase = res.text[start.idx : last.idx + len(last.text)]
    if start.is_sent_start and start.pos_ != "PROPN" and start.text[1:].islower():
        phrase = start.lower_ + phrase[len(start.text) :]
    return Found(phrase, written, cue, True)


def pronoun_to_description(desc: Descriptions, verb: Token, found: Found) -> Found | None:
    """_pronoun_description: "he", "she", "it" or "they" refers back to a description more recent than any name.

    Why: the resolver reads a pronoun as the latest named subject or mention, but news often introduces a speaker
    by a description and goes on with a pronoun. Example: "… and, according to an ntl spokesman, are in a better
    position than BT … "BT's network is limited …?" he asked." (bbc/tech/352) -> "ntl spokesman", not Wanadoo
    named two paragraphs up. The description must be of the pronoun's kind (he/she a person of that gender, it
    an organisation, they a group), in its paragraph or the one before, and later than every mention of the name
    the resolver chose.
    """
    res = desc.res
    low = (found.written or "").lower()
    if low not in ("he", "she", "it", "they"):
        return None
    tok = _speaker_token(res, verb, found)
    if tok is None or tok.lower_ != low:
        return None
    at = tok.idx
    after = _floor(res.text, at) - 1
    if found.speaker is not None:
        pool = res.persons if low in ("he", "she") else res.orgs
        seen = [off for off, name in pool if name == found.speaker and off < at]
        seen += [off for off, name, _ in res.subjects if name == found.speaker and off < at]
        after = max([after, *seen])
    kinds = {"he": ("person",), "she": ("person",), "it": ("organisation",), "they": ("group",)}[low]
    d = desc.latest(after, at, kinds, {"he": "m", "she": "f"}.get(low))
    return Found(d.speaker, found.written, found.cue, True) if d is not None else None


def name_modifies_description(desc: Descriptions, verb: Token, found: Found) -> Found | None:
    """_name_as_modifier: a name before a description's noun only says which kind of people or body it is.

    Why: "Legitimate Bollywood film distributors have hailed the conviction as "a major boost"" (bbc/entertainment/
    366) are distributors, not a person or body called "Legitimate Bollywood"; "Clinton aides said" are aides, not
    Hillary Clinton. Out: the description (the subject's noun with everything before it) when the subject is a
    plural common noun or a person's role that no mention covers, and the resolver gave either the name before it
    in its phrase or nobody (:func:`pipelines.text.quotes.quote.described_speaker` refuses a description with a
    capitalised word inside, which may be an unresolved name).
    """
    res = desc.res
    if found.unnamed or not found.written or " " not in found.written or found.written.lower() == found.written:
        return None  # one word, or no capital: no name before a noun
    tok = _speaker_token(res, verb, found)
    if tok is None or tok.pos_ != "NOUN" or tok.i in res.by_token:
        return None
    if tok.tag_ != "NNS" and tok.lower_ not in PERSON_ROLE_NOUNS and tok.lower_ not in SOURCE_NOUNS:
        return None  # "the Clinton campaign" may stand for her; a plural, a role or "one Obama insider" never does
    names = [t for t in tok.doc[tok.left_edge.i : tok.i] if t.i in res.by_token]
    if found.speaker is not None:
        if not names or any(res.by_token[t.i].entity != found.speaker for t in names):
            return None
    elif not names or described_speaker(found.written) is not None or any(res.by_token[t.i].label == "PERSON" for t in names):
        return None  # a person's name in the phrase is a name the resolver missed, not a description
    return _unnamed(res, tok.left_edge, tok, res.text[tok.left_edge.idx : tok.idx + len(tok.text)], found.cue)


def outsider_role(desc: Descriptions, verb: Token, found: Found) -> Found | None:
    """_outsider_role: "the judge", "a prosecutor", "the spokesman" are not the person the story is about.

    Why: the resolver reads a definite role noun as the salient person ("the singer and guitarist told the
    audience" -> Pat Simmons), which turns "The judge in the case … said that "a heavy penalty was called for …""
    into the accused (bbc/entertainment/366). Roles of :data:`pipelines.text.vocab.OUTSIDER_ROLES` name the
    person only when that person is written with the role ("Judge James Kleinberg" … "The Judge wrote"); else
    the speaker is the description.
    """
    res = desc.res
    if found.speaker is None or found.unnamed or not found.written:
        return None
    if found.written.split()[-1].lower() not in OUTSIDER_ROLES and " in " not in found.written:
        return None  # neither "the sentencing judge" nor "The judge in the case"
    tok = _speaker_token(res, verb, found)
    if tok is None or tok.pos_ != "NOUN" or tok.lower_ not in OUTSIDER_ROLES or tok.i in res.by_token:
        return None
    if tok.lower_ in res.roles.get(found.speaker, set()):
        return None
    if any(c.dep_ in ("appos", "compound", "flat") and c.i in res.by_token for c in tok.children):
        return None
    return _unnamed(res, tok.left_edge, tok, res.mention_text(tok), found.cue)


def counted_people(desc: Descriptions, verb: Token, found: Found) -> Found | None:
    """_counted_people: "a series of South Dakotans", "a group of residents" speak as the people counted.

    Why: the quantity noun is the parse's subject, so the description came out as "series" (html-dev 156770:
    "One campaign video featured a series of South Dakotans … declaring, "I'm on meth.""). Out: the object of
    "of" with its modifiers, for a subject noun of :data:`pipelines.text.vocab.QUANTITY_NOUNS` nobody is named for.
    """
    res = desc.res
    if found.speaker is not None or not found.written:
        return None
    tok = _speaker_token(res, verb, found)
    if tok is None or tok.lower_ not in QUANTITY_NOUNS:
        return None
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.i in res.by_token and res.by_token[obj.i].label == "PERSON":
        return None
    return _unnamed(res, obj.left_edge, obj, res.text[tok.left_edge.idx : obj.idx + len(obj.text)], found.cue)


def elliptical_speaker(desc: Descriptions, verb: Token, found: Found) -> Found | None:
    """_elliptical_speaker: "Another said", "Others wrote" go on with the description just before.

    Why: "one user on Weibo … posted: "…"\\n\\nAnother reportedly said: "…"" (html-dev ba4dfe) is another user;
    the bare quantifier names nobody by itself. Out: the latest described speaker in this paragraph or the one
    before (a person for "another"/"one", a group for "others"/"some"/"many").
    """
    res = desc.res
    if found.speaker is not None or not found.written or found.written.lower() not in ELLIPTICAL_SPEAKERS:
        return None
    tok = _speaker_token(res, verb, found)
    if tok is None or any(c.dep_ == "prep" for c in tok.children):
        return None  # "some of the officials": a description of its own
    kinds = ("person",) if tok.lower_ in ("another", "one") else ("group",)
    d = desc.latest(_floor(res.text, tok.idx) - 1, tok.idx, kinds)
    return Found(d.speaker, found.written, found.cue, True) if d is not None else None


def _cue_lemma(tok: Token, word: str) -> bool:
    """Whether ``tok``'s lemma is ``word``, a cue verb: the pipeline sets lemmas only of listed words."""
    return word in CUE_VERBS and tok.lemma_ == word


def quoted_as_saying(desc: Descriptions, verb: Token, found: Found) -> Found | None:
    """_quoted_as_saying: "X quoted Y as saying" is Y's speech, not X's.

    Why: a news agency or paper passes on what someone said: ""Bondi supplied us with …," Italian news agency
    Apcom quoted several lawmakers as saying in a statement" (bbc/business/048) -> "several lawmakers". Out: the
    speaker of "quoted"'s object (resolved, or the description).
    """
    res = desc.res
    quote = verb if _cue_lemma(verb, "quote") else verb.head if _cue_lemma(verb, "say") else None
    if quote is None or not _cue_lemma(quote, "quote") or quote.pos_ != "VERB":
        return None
    as_saying = any(c.lower_ == "as" and any(g.lemma_ in CUE_VERBS for g in c.children) for c in quote.children)
    if not as_saying:
        return None  # "The photo quotes Romans 8:31 – “…”" (PolNeAR train) passes on a text, not a speaker's words
    obj = next((c for c in quote.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    sp, written = res.resolve(obj)
    if sp is not None:
        return Found(sp, written, found.cue)
    if described_speaker(written) is None:
        return None
    return _unnamed(res, obj.left_edge, obj, written, found.cue)


# A signature's masked handle: capitalised words, at least one with masking stars ("Man**", "Dia**** Co** Ga****").
_MASKED_HANDLE = re.compile(r"[ \t]*([A-Z][\w'’.-]*\**(?:[ \t]+[A-Z][\w'’.-]*\**){0,3})")


def masked_handle(desc: Descriptions, verb: Token, found: Found) -> Found | None:
    """_masked_handle: a signature whose name is masked ("– Man**", "– An** Fe*******") names its writer so.

    Why: review sites print a reviewer's handle with stars for the hidden letters (html-dev 521118 lists eight
    reviews signed that way); the signature reader stops at the first star and would keep "Man". Out: the whole
    handle, as written, when it has a star.
    """
    if not is_signature_dash(verb):
        return None
    text = desc.res.text
    m = _MASKED_HANDLE.match(text, verb.idx + len(verb.text))
    if m is None or "*" not in m.group(1):
        return None
    return Found(m.group(1), m.group(1), found.cue)
