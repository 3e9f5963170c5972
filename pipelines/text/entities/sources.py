"""Organisations the sentence introduces: "the journal X", "according to X", "X, a mobile marketing company".

Label rules (``(list[Labelled], Context) -> list[Labelled]``): the words around a name say it is an
organisation (a publication, a news source, a company), whatever label the model gave it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipelines.text.entities.mention import Context, Labelled, clean_name
from pipelines.text.vocab import (
    CALENDAR,
    COMPANY_NOUNS,
    COMPANY_PLURALS,
    EPITHETS,
    HONORIFICS,
    MEDIA_NOUNS,
    NAME_LINKS,
    SOURCE_CUES,
    WIRE_DASHES,
)


def named_by_medium(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """"the journal Nature Astronomy", "the fact-checking website Full Fact" (PERSON for the model), "Indian
    film journal Trade Guide", "the news agency Apcom": capitalised words right after a lowercase publication
    noun (``MEDIA_NOUNS``) are that organisation's name (with "of"/"the"/"and" inside it: "Monthly Notices of
    the Royal Astronomical Society"), an ORG whatever the model said. Not after a title ("website Mr
    Molyneux").
    """
    tokens = ctx.tokens
    n = len(tokens)
    found: list[tuple[int, int]] = []
    for tok in tokens:
        if not (tok.is_lower and tok.lower_ in MEDIA_NOUNS) or "\n" in tok.whitespace_:
            continue
        i = tok.i + 1
        if i >= n or not tokens[i].is_title or tokens[i].lower_ in EPITHETS or tokens[i].lower_ in HONORIFICS:
            continue
        end = i
        j = i
        while j < n and j - i < 10:
            if tokens[j].is_title or tokens[j].is_upper:
                end = j = j + 1  # the name reaches its last capitalised word so far
            elif tokens[j].lower_ in NAME_LINKS:
                j += 1  # "of the" inside a name counts only when a capitalised word follows
            else:
                break
            if "\n" in tokens[j - 1].whitespace_:
                break
        found.append((i, end))
    if not found:
        return labelled
    doc = ctx.doc
    for start, end in found:
        kept = [(span, label, c) for span, label, c in labelled if span.end <= start or span.start >= end]
        labelled = kept + [(Span(doc, start, end, label="ORG"), "ORG", None)]
    labelled.sort(key=lambda x: x[0].start)
    return labelled


_SOURCE_CUE_WORDS = frozenset(first for first, _ in SOURCE_CUES)


def named_as_source(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """The news outlet or company a fact comes from: "according to the Intelligencer, the Wheeling
    News-Register" (PERSON for the model), "according to the Sioux Falls Argus Leader" (ORG cut before
    "Leader"), "analysis from Poynter" (GPE), "told the Argus Leader Monday" (untagged), "originally published
    by Futurism", "Originally published on Live Science", "owned by Alibaba": the capitalised words after such
    a cue (``SOURCE_CUES``; with "of"/"the"/"&" inside, as ``named_by_medium``) are an ORG. After "the" always
    (people do not take "the"); without it only when the first word is not a known first name, the name is
    not a gazetteer place or an alias-table name, and it is not the surname of a person the article names in
    full ("according to Noem"). "told" needs the "the".
    """
    tokens, given = ctx.tokens, ctx.first_names
    n = len(tokens)
    found: list[tuple[int, int]] = []
    for tok in tokens:
        i = tok.i
        low = tok.lower_
        if low not in _SOURCE_CUE_WORDS or i + 2 >= n:
            continue
        nxt = tokens[i + 1].lower_
        if not any(a == low and (b is None or b == nxt) for a, b in SOURCE_CUES):
            continue
        j = i + 1 if low == "told" else i + 2
        has_the = tokens[j].lower_ == "the"
        if has_the:
            j += 1
        elif low == "told":
            continue
        if j >= n or not (tokens[j].is_title or tokens[j].is_upper) or not tokens[j].is_alpha:
            continue
        end = k = j
        while k < n and k - j < 8:
            if (tokens[k].is_title or tokens[k].is_upper) and (tokens[k].is_alpha or "-" in tokens[k].text):
                end = k = k + 1
            elif tokens[k].lower_ in NAME_LINKS or tokens[k].lower_ == "for" or tokens[k].text == "-":
                k += 1  # "Centre for Disease Control", "News-Register"
            else:
                break
            if "\n" in tokens[k - 1].whitespace_:
                break
        found.append((j, end) if has_the else (-j - 1, end))
    if not found:
        return labelled
    doc = ctx.doc
    surnames = {span[-1].text for span, label, _ in labelled if label == "PERSON" and len(span) > 1}
    for j, end in found:
        has_the = j >= 0
        j = j if has_the else -j - 1
        while end > j and tokens[end - 1].lower_ in CALENDAR:
            end -= 1  # "told the Argus Leader Monday afternoon", "published in October 2018"
        if end == j:
            continue
        name = Span(doc, j, end, label="ORG")
        text = clean_name(name.text)
        overlap = [(span, label, c) for span, label, c in labelled if span.start < end and span.end > j]
        if any(c is not None for _, _, c in overlap) or text in ctx.aliases or text in ctx.places:
            continue
        if any(label == "ORG" and (span.start < j or span.end > end) for span, label, _ in overlap):
            continue  # the model's ORG reaches further: "the Centre for Disease Control (CDC)"
        if not has_the and (tokens[j].text in given or tokens[j].lower_ in HONORIFICS or tokens[j].lower_ in EPITHETS
                            or text in surnames):
            continue
        labelled = [x for x in labelled if x not in overlap] + [(name, "ORG", None)]
    labelled.sort(key=lambda x: x[0].start)
    return labelled


def _listed_after(tok: Token, tokens: list[Token]) -> list[tuple[int, int]]:
    """The name (1-3 capitalised words, a lowercase company noun before it skipped) after "<plural company noun>
    such as / like / including": "companies such as oil giant Yukos" -> the span of "Yukos"."""
    i, n = tok.i + 1, len(tokens)
    if i + 1 < n and tokens[i].lower_ == "such" and tokens[i + 1].lower_ == "as":
        i += 2
    elif i < n and tokens[i].lower_ in ("like", "including"):
        i += 1
    else:
        return []
    while i < n and tokens[i].is_lower and i - tok.i < 6 and (tokens[i].pos_ in ("NOUN", "ADJ")):
        i += 1  # "oil giant"
    end = i
    while end < n and end - i < 3 and tokens[end].text[:1].isupper() and tokens[end].is_alpha:
        end += 1
    return [(i, end)] if end > i else []


def described_as_company(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A name the text calls a company is an ORG: "Hipcricket, a mobile marketing company which" (GPE for the
    model), "Google has bought CloudSimple, a startup that" (PRODUCT), "Developer Valve called" (untagged),
    "Turkish-based carrier SunExpress", "Russian oil giant Yukos", "companies such as Yukos". The name right before
    ", a/an ... <company noun>" (up to four words between), right after a lowercase company noun
    (``COMPANY_NOUNS``), or after "<plural company noun> such as/like/including" is an ORG, decided, so its other
    mentions follow (``one_label_per_name``). Not a PERSON of two words or more, nor a name starting with a
    known first name ("developer John Carmack"), nor a gazetteer place.
    """
    tokens, given = ctx.tokens, ctx.first_names
    n = len(tokens)
    found: list[tuple[int, int]] = []
    for tok in tokens:
        if tok.lower_ in COMPANY_PLURALS:
            found += _listed_after(tok, tokens)  # "companies such as Yukos", "firms like Yukos"
            continue
        if tok.lower_ not in COMPANY_NOUNS:
            continue
        i = tok.i
        if tok.lower_ == "giant" and not (i > 0 and tokens[i - 1].is_lower and tokens[i - 1].pos_ == "NOUN"):
            continue  # "oil giant Yukos", not "some giant CGI Soup Dragons"
        if not tok.is_lower:  # a sentence's first word: "Developer Valve called 'Half Life: Alyx'"
            if not (tok.is_title and (i == 0 or tokens[i - 1].text in (".", "!", "?", "-", "–", "—"))):
                continue
        # "X, a mobile marketing company"
        j = i - 1
        while j > 0 and i - j <= 4 and tokens[j].is_lower and tokens[j].lower_ not in ("a", "an"):
            j -= 1
        if j >= 2 and tokens[j].lower_ in ("a", "an") and tokens[j - 1].text == ",":
            end = j - 1
            start = end
            while start - 1 >= 0 and end - start < 3 and not tokens[start - 1].is_lower and tokens[start - 1].is_alpha:
                start -= 1
            if start < end:
                found.append((start, end))
        # "Developer Valve", "carrier SunExpress"
        k = i + 1
        end = k
        while end < n and end - k < 3 and (tokens[end].is_title or (tokens[end].text[:1].isupper()
                                                                    and tokens[end].is_alpha)):
            end += 1
        if end > k and "\n" not in tok.whitespace_:
            found.append((k, end))
    if not found:
        return labelled
    doc = ctx.doc
    for start, end in found:
        name = clean_name(doc[start:end].text)
        if tokens[start].text in given or name in ctx.places or tokens[start].lower_ in EPITHETS:
            continue
        overlap = [(sp, label, c) for sp, label, c in labelled if sp.start < end and sp.end > start]
        if any(c is not None or (label == "PERSON" and len(sp) > 1) for sp, label, c in overlap):
            continue
        if any(sp.start < start or sp.end > end for sp, _, _ in overlap):
            continue
        labelled = [x for x in labelled if x not in overlap] + [(Span(doc, start, end, label="ORG"), "ORG", name)]
    labelled.sort(key=lambda x: x[0].start)
    return labelled


# the paragraph's first tokens a dateline's wire credit can follow: "NEW YORK, Dec. 22 (UPI) —"
_DATELINE_TOKENS = 10


def wire_credit(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A wire credit after a dateline is the news agency: "FLINT, Mich., Oct. 4 (UPI) — Former President…"
    ("UPI" NORP for the model, or untagged), "Washington (AFP) –": one capitalised word in brackets followed
    by a dash, after the first words of a paragraph, none of them lowercase (a dateline; not "the Monetary
    Policy Committee (MPC) - Paul Tucker"), is an ORG. Not a name the tables decided.
    """
    tokens, n = ctx.tokens, len(ctx.tokens)
    found: list[int] = []
    line_start = 0
    for tok in tokens:
        i = tok.i
        if i > 0 and ("\n" in tokens[i - 1].whitespace_ or "\n" in tokens[i - 1].text):
            line_start = i
        if (tok.text == "(" and 0 < i - line_start <= _DATELINE_TOKENS and i + 3 < n and tokens[i + 2].text == ")"
                and tokens[i + 3].text in WIRE_DASHES and tokens[i + 1].is_alpha and tokens[i + 1].text[:1].isupper()
                and not any(t.text[:1].islower() for t in tokens[line_start:i])):  # a dateline has no lowercase word
            found.append(i + 1)
    if not found:
        return labelled
    decided = {span.start for span, _, canon in labelled if canon is not None}
    doc = ctx.doc
    for i in found:
        if i in decided:
            continue
        kept = [(span, label, c) for span, label, c in labelled if span.end <= i or span.start > i]
        labelled = kept + [(Span(doc, i, i + 1, label="ORG"), "ORG", None)]
    labelled.sort(key=lambda x: x[0].start)
    return labelled
