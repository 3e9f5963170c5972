"""Canonical names within an article, and the mention rules that mend the finished mentions.

``canonical_mentions`` turns the labelled spans into :class:`EntityMention` rows: a surname becomes the full
name the article gives ("Putin" -> "Vladimir Putin"). The mention rules
(``(list[EntityMention], Context) -> list[EntityMention]``) then make the article's spellings of one name agree
and cut what page furniture glued to a name.
"""

from __future__ import annotations

import dataclasses
import re

from pipelines.text.entities.mention import Context, EntityMention, Labelled, clean_name


def canonical_mentions(labelled: list[Labelled], ctx: Context) -> list[EntityMention]:
    """One :class:`EntityMention` per span. A mention equal to the surname of a person the article names in full
    is that person whatever its label ("Hollande" ORG -> PERSON), and a PERSON's canonical name is the
    article's full name for its surname ("Putin" -> "Vladimir Putin": the one named last before it when
    several share it), or for a lone word that starts the full names of one person only ("Dr Khoo" -> "Khoo
    Kay Peng"; "Hillary" next to "Hillary Clinton" and "Hillary Rodham Clinton" -> the first named). An
    all-capitals surname ("PENCE" in a transcript) is that person too."""
    full_names = ctx.full_names
    owners_by_first_word: dict[str, set[str]] = {}
    for keyed in full_names.values():
        for _, full in keyed:
            owners_by_first_word.setdefault(full.split()[0], set()).add(full)

    def person_name(name: str, at: int) -> str:
        cands = full_names.get(name)
        if not cands:
            owners = owners_by_first_word.get(name, set())
            if " " in name or not owners or len({o.split()[-1] for o in owners}) > 1:
                return name
            # one person under two full names ("Hillary Clinton", "Hillary Rodham Clinton"): the first given
            return min(owners, key=lambda o: min(off for keyed in full_names.values() for off, n in keyed if n == o))
        distinct = {n for _, n in cands}
        if len(distinct) == 1:
            return cands[0][1]
        before = [n for off, n in cands if off <= at]
        return before[-1] if before else cands[0][1]

    out: list[EntityMention] = []
    for span, label, canon in labelled:
        mention = span.text  # Span.text joins the tokens again on every access
        name = clean_name(mention)
        if canon is None and name.isupper() and len(name) > 2 and name.title() in full_names:
            name, label = name.title(), "PERSON"  # a transcript's "PENCE:" or "WALLACE:" after "Mike Pence"
        if canon is None and label != "PERSON" and name in full_names:
            label = "PERSON"
        if canon is None:
            canon = person_name(name, span.start_char) if label == "PERSON" else name
        out.append(EntityMention(mention, label, canon, span.start_char, span.end_char))
    return out


def possessive_names_agree(mentions: list[EntityMention], ctx: Context) -> list[EntityMention]:
    """When the article names a company with its 's ("Macy’s", "McDonald's", kept by ``name_possessive``),
    its mentions trimmed before a possessed noun ("McDonald's restaurants" -> "McDonald") are the same ORG;
    unless the article also writes the bare name with nothing possessed ("Apple is holding an event"): then
    the name is "Apple", and "Apple’s." is "Apple" too.
    """
    text = ctx.text
    full = {m.entity[:-2]: m.entity for m in mentions if m.label == "ORG" and m.entity[-2:] in ("'s", "’s")}
    if not full:
        return mentions
    bare = {m.entity for m in mentions if m.label == "ORG" and m.entity in full
            and text[m.end_char:m.end_char + 2] not in ("'s", "’s")}
    out = []
    for m in mentions:
        if m.label == "ORG":
            if m.entity in full and m.entity not in bare:
                m = dataclasses.replace(m, entity=full[m.entity])
            elif m.entity[-2:] in ("'s", "’s") and m.entity[:-2] in bare:
                m = dataclasses.replace(m, entity=m.entity[:-2])
        out.append(m)
    return out


def the_names_agree(mentions: list[EntityMention], ctx: Context) -> list[EntityMention]:
    """When the article writes an ORG with its capital "The" (``capital_the``: "The Doobie Brothers"), its
    mentions where "The" was cut (a line's or sentence's first word: "The Doobie Brothers 50th Anniversary Tour
    2020 dates:") are the same ORG."""
    full = {m.entity[4:]: m.entity for m in mentions if m.label == "ORG" and m.entity.startswith("The ")}
    if not full:
        return mentions
    return [dataclasses.replace(m, entity=full[m.entity]) if m.label == "ORG" and m.entity in full else m
            for m in mentions]


_GLUED_NAME = re.compile(r"_([A-Z][a-z]+)$")


def underscore_labels(mentions: list[EntityMention], ctx: Context) -> list[EntityMention]:
    """Credits lists glue a role to a name with an underscore ("Choreographer_Jeong Hye Jin", "Art
    Director_Park Dong Woo"): the model tags "Hye Jin" PERSON (or ORG) without the glued first word, or the
    whole "Art Director_Park Dong Woo". The mention becomes the name after the underscore, a PERSON. Names
    never hold an underscore.
    """
    text = ctx.text
    if "_" not in text:
        return mentions
    out: list[EntityMention] = []
    for m in mentions:
        start = m.start_char
        if m.label in ("PERSON", "ORG"):
            if "_" in m.mention:
                start = m.start_char + m.mention.rfind("_") + 1
            else:
                glued = _GLUED_NAME.search(text, max(0, start - 40), max(0, start - 1))
                if glued is not None and text[start - 1] == " ":
                    start = glued.start(1)
        if start != m.start_char and text[start:start + 1].isupper():
            name = text[start:m.end_char]
            m = EntityMention(name, "PERSON", clean_name(name), start, m.end_char)
        out.append(m)
    return out


def cut_at_brackets(mentions: list[EntityMention], ctx: Context) -> list[EntityMention]:
    """A name holds no unbalanced bracket: a bracket glued to the next word makes one token of "Business)A"
    ("Hong Kong (CNN Business)A muddled view" -> ORG "CNN Business)A"), and the model runs a name into its
    bracketed ticker ("Shanghai Composite (SHCOMP"). The mention is cut before its first unbalanced bracket
    (and dropped if nothing is left).
    """
    out: list[EntityMention] = []
    for m in mentions:
        text = m.mention
        if ("(" in text or ")" in text) and text.count("(") != text.count(")"):
            cut = min(i for i in (text.find("("), text.find(")")) if i >= 0)
            name = text[:cut].rstrip()
            if not name:
                continue
            entity = clean_name(name) if m.entity == clean_name(text) else m.entity
            m = EntityMention(name, m.label, entity, m.start_char, m.start_char + len(name))
        out.append(m)
    return out


_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def glued_surnames(mentions: list[EntityMention], ctx: Context) -> list[EntityMention]:
    """Page widgets glue a name to the next line's first word ("South Dakota Gov. Kristi NoemKristi Lynn
    NoemSouth Dakota governor": "Kristi NoemKristi" PERSON, "NoemSouth Dakota" GPE). Where a mention holds a
    word whose lowercase-to-capital joint follows a surname of a PERSON the article names in full, or a
    one-word PERSON of the article ("Noem said"; not "Mac" of "MacBook"), the mention is cut there: the part
    before the joint when the joint is in a later word ("Kristi Noem"), the part after it when it is in the
    first word ("South Dakota", a GPE when the gazetteer knows it). Surnames of three letters or more;
    "McDonald", "DeSantis" have no such surname before their joint.
    """
    surnames = {m.entity.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.entity}
    surnames |= {m.mention for m in mentions if " " not in m.mention and m.label == "PERSON"}  # "Noem said"
    surnames = {w for w in surnames if len(w) >= 3 and w.isalpha()}
    if not surnames:
        return mentions
    gazetteer = ctx.places
    out: list[EntityMention] = []
    for m in mentions:
        text = m.mention
        for joint in _GLUE.finditer(text):
            p = joint.start()
            word_start = max(text.rfind(" ", 0, p) + 1, 0)
            if text[word_start:p] not in surnames:
                continue
            if word_start > 0:  # "Kristi NoemKristi" -> "Kristi Noem"
                name = text[:p]
                m = EntityMention(name, m.label, clean_name(name), m.start_char, m.start_char + p)
            else:  # "NoemSouth Dakota" -> "South Dakota"
                name = text[p:]
                label = "GPE" if clean_name(name) in gazetteer else m.label
                entity = gazetteer.get(clean_name(name), clean_name(name))
                m = EntityMention(name, label, entity, m.start_char + p, m.end_char)
            break
        out.append(m)
    return out
