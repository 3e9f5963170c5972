"""People: honorifics, first names, surnames, and names the model calls people that are not.

Label rules (``(list[Labelled], Context) -> list[Labelled]``) that read the first-name lexicon
(``pipelines/data/first_names.csv``) and the article's own full names, and :func:`full_names`, which collects
those names once the people are labelled.
"""

from __future__ import annotations

from spacy.symbols import PROPN
from spacy.tokens import Span

from pipelines.text.entities.mention import Context, FullNames, Labelled, clean_name, covered
from pipelines.text.vocab import (
    CALENDAR,
    EPITHETS,
    HONORIFICS,
    NEWSPAPER_HEADS,
    ORG_HEADS,
    PARTICLES,
    PARTY_PLURALS,
    PLACE_PREPOSITIONS,
)


def plural_not_person(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A PERSON ending in a party's plural ("Virginia Democrats won a legislative majority") is the party's
    members, a NORP (a tag of NNPS alone is not enough: "Derek Scissors")."""
    out = []
    for span, label, canon in labelled:
        if label == "PERSON" and canon is None and len(span) > 1 and span[-1].lower_ in PARTY_PLURALS:
            label = "NORP"
        out.append((span, label, canon))
    return out


def honorific_person(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A name after Mr/Mrs/Ms/Dr is a person: an untagged one is added ("Mr Cable said"), an ORG/GPE/... one is
    relabelled PERSON ("Mr Cable" ORG), and then a 2-3 word ORG/GPE of capitalised words ending in such a
    surname is the same person's full name ("Vincent Cable" ORG -> PERSON)."""
    doc, tokens = ctx.doc, ctx.tokens
    taken = covered(labelled)
    for tok in tokens[1:]:
        if (tok.is_title and tok.pos == PROPN and tok.i not in taken and tokens[tok.i - 1].lower_ in HONORIFICS
                and tok.lower_ not in EPITHETS):  # "Miss Universe" is a title
            end = tok.i + 1
            while end < len(doc) and end not in taken and tokens[end].is_title and tokens[end].pos == PROPN:
                end += 1
            labelled.append((Span(doc, tok.i, end, label="PERSON"), "PERSON", None))
            taken.update(range(tok.i, end))
    labelled.sort(key=lambda x: x[0].start)
    titled: set[str] = set()
    for n, (span, label, canon) in enumerate(labelled):
        prev = tokens[span.start - 1].lower_ if span.start > 0 else ""
        if canon is None and label in ("ORG", "GPE", "NORP", "FAC", "LOC"):
            if span[0].lower_ in HONORIFICS and len(span) > 1:
                span = Span(doc, span.start + 1, span.end, label="PERSON")
                labelled[n] = (span, "PERSON", None)
            elif prev in HONORIFICS and span[0].is_title:
                labelled[n] = (span, "PERSON", None)
        if labelled[n][1] == "PERSON":
            titled.add(span[-1].text)
    for n, (span, label, canon) in enumerate(labelled):
        if (
            canon is None
            and label in ("ORG", "GPE")
            and 2 <= len(span) <= 3
            and span[-1].text in titled
            and all(t.is_title for t in span)
        ):
            labelled[n] = (span, "PERSON", None)
    return labelled


def first_name_person(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A 2-3 word ORG/GPE of capitalised words that starts with a known first name (``lexicons.given_names``,
    from names-dataset) is a person's name: "Sheryl Crow" GPE, "Sophie Dahl" ORG, "Eva-Marie Persson" ORG
    (a hyphen between first names) -> PERSON. Not when the alias table or gazetteer decided it, nor when
    its first word is a weekday or month ("Sunday Times") or a gazetteer place ("Washington Post": the model's
    ORG stands without better evidence), its last word is an organisation head ("Laura Ashley Foundation"),
    for the model's ORG a newspaper's ("Orlando Sentinel"), or a plural proper noun (NNPS: "Doobie
    Brothers"), nor when a word is not a proper noun, nor when the words after the first are an ORG/GPE/NORP
    of their own in the article ("Afghan Taliban" next to "Taliban"). ``which_is_not_a_person`` runs after
    it, so "Laura Ashley, which ..." stays a company. Known miss: "Beverly Hills" (a place starting with a
    first name, not in the gazetteer) becomes a PERSON.
    """
    given = ctx.first_names
    names = {clean_name(span.text) for span, label, _ in labelled if label in ("ORG", "GPE", "NORP")}
    out = []
    for span, label, canon in labelled:
        if (
            canon is None
            and label in ("ORG", "GPE")
            and 2 <= len([t for t in span if t.text != "-"]) <= 3
            and span[1:].text not in names  # "Afghan Taliban" where "Taliban" is an ORG of its own
            and span[0].text in given
            and span[0].lower_ not in CALENDAR  # "Sunday Times", "May Day"
            and span[0].text not in ctx.places  # "Washington Post", "Charlotte Observer": a place's name too
            and span[-1].lower_ not in ORG_HEADS
            and not (label == "ORG" and span[-1].lower_ in NEWSPAPER_HEADS)  # "Orlando Sentinel"
            and span[-1].tag_ != "NNPS"  # a plural is a group or a place: "Beverly Hills", "Doobie Brothers"
            and all(t.is_title and t.is_alpha and t.pos == PROPN for t in span if t.text != "-")  # "Afghan" (ADJ)
        ):
            label = "PERSON"
        out.append((span, label, canon))
    return out


def which_is_not_a_person(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A PERSON followed by ", which" is a thing (a company named after someone): every mention of the same text
    becomes ORG ("Laura Ashley, which floated on …")."""
    doc = ctx.doc
    not_people = {
        clean_name(span.text)
        for span, label, canon in labelled
        if label == "PERSON"
        and canon is None
        and span.end + 1 < len(doc)
        and doc[span.end].text == ","
        and doc[span.end + 1].lower_ == "which"
    }
    if not not_people:
        return labelled
    return [
        (span, "ORG", canon) if label == "PERSON" and clean_name(span.text) in not_people else (span, label, canon)
        for span, label, canon in labelled
    ]


def full_names(labelled: list[Labelled]) -> FullNames:
    """Surname key -> [(char offset, full name)] for every undecided PERSON of 2+ words the article names:
    "Ursula von der Leyen" at 120 -> {"Leyen": [(120, …)], "von der Leyen": [(120, …)]}."""
    found: FullNames = {}
    for span, label, canon in labelled:
        name = clean_name(span.text)
        if label == "PERSON" and canon is None and len(name.split()) >= 2:
            for key in surname_keys(name):
                found.setdefault(key, []).append((span.start_char, name))
    return found


def surname_keys(name: str) -> list[str]:
    """Surface forms that can stand for ``name`` alone: its last word, that word after a particle and a hyphen
    ("al-Baghdadi" -> also "Baghdadi"), and a surname with particles ("von der Leyen")."""
    words = name.split()
    if len(words) < 2:
        return []
    keys = [words[-1]]
    if "-" in words[-1]:
        head, _, tail = words[-1].partition("-")
        if head.lower() in PARTICLES and tail:
            keys.append(tail)
    # "von der Leyen": the particles plus the last word
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    if i < len(words) - 1:
        keys.append(" ".join(words[i:]))
    return keys


def untagged_surnames(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A capitalised token equal to the surname of a person named in full earlier, left untagged by the model, is
    that person ("says Adarsh" after "says Taran Adarsh")."""
    names = ctx.full_names
    taken = covered(labelled)
    single_keys = {k for k in names if " " not in k}
    for tok in ctx.tokens:
        if tok.is_title and tok.pos == PROPN and tok.i not in taken and tok.text in single_keys:
            first = min(off for off, _ in names[tok.text])
            if first < tok.idx:
                labelled.append((Span(tok.doc, tok.i, tok.i + 1, label="PERSON"), "PERSON", None))
    labelled.sort(key=lambda x: x[0].start)
    return labelled


def lone_first_names(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A one-word ORG/GPE/NORP that starts the full name of one person the article names (one surname) is that
    person called by the first name ("killed Trayvon in February" GPE after "Trayvon Martin" -> PERSON, which
    ``canonical_mentions`` names "Trayvon Martin"). Not a place: of the gazetteer, or a word the article writes
    after "in"/"at" ("in Orlando" beside an "Orlando Sentinel" taken for a person), nor a surname of the
    article ("Trump" beside a headline's "Trump May"), nor a word the article also puts before another
    capitalised word ("Breitbart Texas editor" beside a "Breitbart London" taken for a person: a brand, not a
    first name).
    """
    owners: dict[str, set[str]] = {}
    for keyed in ctx.full_names.values():
        for _, full in keyed:
            owners.setdefault(full.split()[0], set()).add(full.split()[-1])
    if not owners:
        return labelled
    tokens, n = ctx.tokens, len(ctx.tokens)
    out = []
    for span, label, canon in labelled:
        word = span.text
        if (canon is None and label in ("ORG", "GPE", "NORP") and len(span) == 1 and span[0].is_title
                and len(owners.get(word, ())) == 1 and word not in ctx.places and word not in ctx.full_names
                and all((tok.i + 1 >= n or not tokens[tok.i + 1].is_title or tokens[tok.i + 1].text in owners[word])
                        and (tok.i == 0 or tokens[tok.i - 1].lower_ not in PLACE_PREPOSITIONS)
                        for tok in tokens if tok.text == word)):
            label = "PERSON"
        out.append((span, label, canon))
    return out
