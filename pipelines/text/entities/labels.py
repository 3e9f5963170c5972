"""Labels from the tables, and the rules that make an article's labels agree.

``table_labels`` turns the spans into :data:`Labelled` spans: the alias table and the gazetteer decide first,
else the model's label (mended by the name's head word). The other rules here are label rules
(``(list[Labelled], Context) -> list[Labelled]``) that look at the whole article: one label per name, no
capitalised common word, no name inside a quoted title.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from pipelines.text.entities.mention import Context, Labelled, clean_name
from pipelines.text.vocab import NOT_ORG_HEADS, NOT_PERSON_HEADS, ORG_HEADS

_GROUP_SUFFIX = re.compile(r"\s+(group|militants|militant group|fighters|organisation|organization)$")


def table_labels(spans: list[Span], ctx: Context) -> list[Labelled]:
    """Label and canonical name from the alias table first ("ISIL" -> ORG "Islamic State"), then the
    gazetteer for a GPE ("VIENNA" -> "Vienna"), else the model's label through ``org_by_head``, undecided."""
    labelled: list[Labelled] = []
    for span in spans:
        name = clean_name(span.text)
        hit = alias_lookup(name, ctx.aliases)
        if hit is not None:
            labelled.append((span, hit[1], hit[0]))
        elif span.label_ == "GPE" and name in ctx.places:
            labelled.append((span, "GPE", ctx.places[name]))
        else:
            labelled.append((span, org_by_head(span), None))
    return labelled


def alias_lookup(text: str, aliases: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The alias-table entry for ``text`` or for it without a trailing "group"/"militants" ("Islamic State
    militants" -> the entry of "Islamic State")."""
    if text in aliases:
        return aliases[text]
    stripped = _GROUP_SUFFIX.sub("", text)
    if stripped != text and stripped in aliases:
        return aliases[stripped]
    return None


def org_by_head(span: Span) -> str:
    """The label a name's head word gives it: a FAC/LOC/GPE/NORP whose head word names an organisation
    (``ORG_HEADS``) is an ORG ("the Asia-Pacific Foundation" FAC), an ORG whose head word names a law, an event,
    a product or a building (``NOT_ORG_HEADS``) is that ("Consumer Credit Bill" LAW, "Dubai Air Show" EVENT,
    "Hang Seng Index" PRODUCT, "PNC Music Pavilion" FAC), and a PERSON/GPE whose head word names an event or a
    building (``NOT_PERSON_HEADS``) is that ("US Open" PERSON EVENT, "Javits Center" GPE FAC); else the model's
    label."""
    if span.label_ in {"FAC", "LOC", "GPE", "NORP"} and len(span) > 1 and span[-1].lower_ in ORG_HEADS:
        return "ORG"
    if span.label_ == "ORG" and len(span) > 1 and span[-1].lower_ in NOT_ORG_HEADS:
        return NOT_ORG_HEADS[span[-1].lower_]
    if span.label_ in ("PERSON", "GPE") and len(span) > 1 and span[-1].lower_ in NOT_PERSON_HEADS:
        return NOT_PERSON_HEADS[span[-1].lower_]  # "Wimbledon Championships" PERSON, "Javits Center" GPE
    return span.label_


# A decided mention (alias table, gazetteer, dateline, platform...) counts as this many of the model's votes.
_DECIDED_VOTE = 100


def one_label_per_name(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """One label per name within an article: the small model tags the same word differently from sentence to
    sentence ("Trump" PERSON x6 and ORG x3, "Freeview" GPE, ORG and PERSON). Mentions the alias table or the
    gazetteer did not decide take the label most of that name's mentions have; a decided mention (alias
    table, gazetteer, dateline, "City, ST", platform, a company the text describes) outvotes the model's,
    under its text and its canonical name (a "BAAR" dateline GPE makes "in Baar" ORG a GPE); a tie goes to
    the first mention's label. The other name labels vote too, and win when more than half of the mentions
    have them ("Latinos" NORP x3 and ORG x1 -> NORP, "Medicare" PRODUCT x2 and ORG x1 -> PRODUCT): a product,
    an event, a building or a group is never made a person, an organisation or a place by one odd mention.
    """
    votes: dict[str, dict[str, int]] = {}
    for span, label, canon in labelled:
        if label in _NAME_LABELS:
            # a mention the table decided votes under its canonical name too ("BAAR" dateline -> "Baar")
            for key in {clean_name(span.text), canon} if canon else (clean_name(span.text),):
                counts = votes.setdefault(key, {})
                # a decided mention outvotes the model's ones; dicts keep insertion order: a tie goes first-seen
                counts[label] = counts.get(label, 0) + (_DECIDED_VOTE if canon else 1)
    winner = {name: _majority(counts) for name, counts in votes.items() if len(counts) > 1}
    if not winner:
        return labelled
    out: list[Labelled] = []
    for span, label, canon in labelled:
        new = winner.get(clean_name(span.text)) if canon is None else None
        # the majority of PERSON/ORG/GPE relabels only those; a product/event/group majority relabels any
        if new and (label in ("PERSON", "ORG", "GPE") or new not in ("PERSON", "ORG", "GPE")):
            label = new
        out.append((span, label, canon))
    return out


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


def _majority(counts: dict[str, int]) -> str | None:
    """The label a name's mentions agree on: the most votes among PERSON/ORG/GPE (a tie: the first seen), unless
    another label has more than half of all the votes. None when PERSON/ORG/GPE have no vote and no label has
    a majority (the mentions keep their labels)."""
    best = max(counts, key=counts.__getitem__)
    if best not in ("PERSON", "ORG", "GPE") and 2 * counts[best] > sum(counts.values()):
        return best
    names = {label: n for label, n in counts.items() if label in ("PERSON", "ORG", "GPE")}
    return max(names, key=names.__getitem__) if names else None


def common_word_names(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A one-word mention the tables did not decide, whose lowercase form the same article also uses as an
    ordinary word, is that word capitalised (a heading, a button, a shouted line, a sentence start): "BUILD" /
    "PLAN" ORG next to "build" and "plan", "Meth" PERSON next to "meth", "Border" PERSON next to "border".
    Dropped.
    """
    words = {t.lower_ for t in ctx.tokens if t.is_lower and t.is_alpha}
    return [
        (span, label, canon) for span, label, canon in labelled
        if canon is not None or len(span) != 1 or span[0].lower_ not in words
    ]


# an opening mark after a space, a bracket or a line start, a closing one before a space or punctuation: with
# straight quotes, the stretch between one quotation's end and the next one's start is not a title
_QUOTED = re.compile(r"(?:^|(?<=[\s(\[]))[“\"](\S[^”“\"\n]{1,78}\S)[”\"](?=[\s,.;:!?)]|$)", re.MULTILINE)


def inside_quoted_title(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A title in quotation marks (a song, a film, a book, a slogan: "“China Grove”", "“Takin’ It To the
    Streets”", "“CCHQ Press”") is a work, not the names inside it: a mention that lies inside such a title
    and is shorter than it is dropped. A title is 2-8 words, most of them capitalised, with no sentence
    inside it; a quoted name as a whole ("“The Guardian”") stays.
    """
    text = ctx.text
    titles: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip(" ,.")
        words = [w for w in inner.split() if w[:1].isalpha()]
        if (2 <= len(inner.split()) <= 8 and words and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)
                and not any(c in inner for c in ".!?;")):
            titles.append((m.start(1), m.end(1)))
    if not titles:
        return labelled
    return [(span, label, canon) for span, label, canon in labelled
            if not any(a <= span.start_char and span.end_char <= b and span.end_char - span.start_char
                       < len(text[a:b].strip(" ,.")) for a, b in titles)]
