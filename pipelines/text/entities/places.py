"""Places: datelines, "City, ST", AP state abbreviations, venues in listings, countries the model calls people.

Label rules (``(list[Labelled], Context) -> list[Labelled]``) that read the gazetteer
(``pipelines/data/places.tsv``) and the state tables, and one span rule, ``place_particles``.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from pipelines.text.entities.mention import Context, Labelled, clean_name
from pipelines.text.vocab import LISTING_DASHES, PLACE_LINKS, VENUE_LINKS


def place_particles(spans: list[Span], ctx: Context) -> list[Span]:
    """A place named with a river or region after a particle is one GPE: "Braunau am Inn" (GPE "Braunau" +
    PERSON "Inn" for the model), "Frankfurt am Main", "Newcastle upon Tyne", "Halle an der Saale". A GPE
    followed by such a lowercase particle (and "der"), then a capitalised word, absorbs them."""
    out: list[Span] = []
    skip_until = -1
    for span in spans:
        if span.start < skip_until:
            continue
        doc = span.doc
        e = span.end
        if span.label_ == "GPE" and e + 1 < len(doc) and doc[e].lower_ in PLACE_LINKS and doc[e].is_lower:
            j = e + 1
            if doc[j].lower_ == "der" and j + 1 < len(doc):
                j += 1
            if doc[j].is_title and doc[e].lower_ != "on" or (doc[e].text == "on" and "-" in doc[e - 1].whitespace_):
                span = Span(doc, span.start, j + 1, label="GPE")
                skip_until = j + 1
        out.append(span)
    return out


def country_not_person(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A PERSON that is exactly a country or US state of the gazetteer, and not also a first name, is that GPE
    ("the Democratic Republic of Congo (DRC), Madagascar, and Peru": "Madagascar" PERSON; "Argentina 3-0"
    PERSON in a results line), named as the gazetteer names it.
    """
    out = []
    for span, label, canon in labelled:
        if label == "PERSON" and canon is None:
            name = clean_name(span.text)
            if name in ctx.big_places:
                label, canon = "GPE", ctx.places.get(name, name)
        out.append((span, label, canon))
    return out


def dateline_place(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A dateline is a place: 1-3 all-capitals words that open a paragraph and are followed by "," or "("
    ("SIOUX FALLS, S.D. –" PERSON, "BAAR, SWITZERLAND" ORG, "HANOI, Vietnam (AP)") are a GPE named in title
    case ("Sioux Falls"), tagged or not.
    """
    tokens = ctx.tokens
    found: list[tuple[int, int]] = []
    for tok in tokens:
        i = tok.i
        if not (tok.is_upper and tok.is_alpha and len(tok) > 1) or (i > 0 and "\n" not in tokens[i - 1].text
                                                                     and "\n" not in tokens[i - 1].whitespace_):
            continue
        j = i
        while j < len(tokens) and j - i < 3 and tokens[j].is_upper and tokens[j].is_alpha and len(tokens[j]) > 1:
            j += 1
        if j < len(tokens) and tokens[j].text in (",", "("):
            found.append((i, j))
    if not found:
        return labelled
    doc = ctx.doc
    for i, j in found:
        canon = " ".join(t.text.capitalize() for t in tokens[i:j])
        kept = [(span, label, c) for span, label, c in labelled if span.end <= i or span.start >= j]
        labelled = kept + [(Span(doc, i, j, label="GPE"), "GPE", canon)]
    labelled.sort(key=lambda x: x[0].start)
    return labelled


def city_state_places(tokens: list[Token], states: dict[str, str]) -> list[tuple[int, int, int]]:
    """(city start, comma, code) token indices of every "City, ST" of ``tokens`` (see ``city_state_code``):
    "St. Louis, MO" -> (start of "St.", the comma, "MO")."""
    n = len(tokens)
    found: list[tuple[int, int, int]] = []
    for tok in tokens:
        i = tok.i
        if not (tok.is_upper and len(tok.text) == 2 and tok.text in states and i >= 2 and tokens[i - 1].text == ","):
            continue
        nxt = tokens[i + 1] if i + 1 < n else None
        if nxt is not None and not (nxt.is_punct or nxt.is_space or nxt.is_lower or "\n" in tok.whitespace_):
            continue
        start = i - 1
        while start - 1 >= 0 and i - 1 - start < 3 and tokens[start - 1].is_title and (
                tokens[start - 1].is_alpha or tokens[start - 1].text in ("St.", "Ft.", "Mt.")):
            start -= 1  # "St. Louis, MO"
        if start < i - 1:
            found.append((start, i - 1, i))
    return found


def city_state_code(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """"City, ST": a US postal state code (``pipelines/data/us_states.tsv``) right after "<Capitalised
    words>," and before punctuation, a line break or a lowercase word is that state, and the 1-3 capitalised
    words before the comma are a city ("Shoreline Amphitheatre at Mountain View, CA for a hometown show",
    "New York, NY –"): both GPE, whatever the model said ("NY" ORG).
    """
    tokens, states = ctx.tokens, ctx.us_states
    found = city_state_places(tokens, states)
    if not found:
        return labelled
    doc = ctx.doc
    for start, comma, code in found:
        city = Span(doc, start, comma, label="GPE")
        kept = [(span, label, c) for span, label, c in labelled if span.end <= start or span.start > code]
        labelled = kept + [(city, "GPE", clean_name(city.text)), (Span(doc, code, code + 1, label="GPE"), "GPE",
                                                                states[tokens[code].text])]
    labelled.sort(key=lambda x: x[0].start)
    return labelled


@functools.cache
def _ap_pattern(abbreviations: frozenset[str]) -> re.Pattern:
    """One regex for every AP abbreviation after ", ", "(" or a party letter and a hyphen."""
    names = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    return re.compile(r"(?:, |\(|\b[DRI]-)(" + names + r")(?![\w])")


def ap_state_abbreviation(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """AP style abbreviates a state after a city or a party letter: "Orange County, Calif., sheriff's office",
    "Rep. David McKinley, R-W.Va., visited", "Sen. Rand Paul (R-Ky.)", "SIOUX FALLS, S.D. –". Such an
    abbreviation (``pipelines/data/ap_states.tsv``) after ", ", "(" or a party letter and a hyphen is that
    state, a GPE named in full, tagged or not ("W.Va" is split from its period and left untagged).
    """
    doc, states = ctx.doc, ctx.ap_states
    found: list[tuple[Span, str]] = []
    for m in _ap_pattern(frozenset(states)).finditer(ctx.text):
        start, end = m.start(1), m.end(1)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.text.rstrip(".") == m.group(1).rstrip("."):
            found.append((span, states[m.group(1)]))
    if not found:
        return labelled
    for span, state in found:
        kept = [(s, label, c) for s, label, c in labelled if s.end <= span.start or s.start >= span.end]
        labelled = kept + [(Span(doc, span.start, span.end, label="GPE"), "GPE", state)]
    labelled.sort(key=lambda x: x[0].start)
    return labelled


def venue_before_city(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A listing line names a venue before its "City, ST": "June 10 -- MIDFLORIDA Credit Union Amphitheatre,
    Tampa, FL", "July 2 -- Mohegan Sun Arena, Uncasville, CT" (tour dates, event listings). The name
    between the line's start (after a date and a dash) and the ", City, ST" is a building, a FAC: the
    model's ORG/GPE/PERSON there ("Jiffy Lube Live" PERSON, "PPL" ORG, "Walnut Creek" GPE) give way to one
    FAC of the whole stretch, so no later rule tags a word of it ("MIDFLORIDA" as an acronym); a gazetteer
    place inside it stays ("Hollywood Casino Amphitheatre - Chicago"), and the stretch ends at a bracket
    ("(Formerly Verizon Amphitheatre)"). Only when that stretch holds capitalised words and links (at, of,
    &) alone; a person's name (first word a known first name) stays: "Jane Doe, Austin, TX".
    """
    tokens, given = ctx.tokens, ctx.first_names
    found = city_state_places(tokens, ctx.us_states)
    if not found:
        return labelled
    segments: list[tuple[int, int]] = []
    for start, _comma, _code in found:
        end = start - 1  # the comma before the city
        if end < 1 or tokens[end].text != ",":
            continue
        first = end
        while first > 0 and "\n" not in tokens[first - 1].whitespace_ and "\n" not in tokens[first - 1].text:
            first -= 1
        j = first
        for k in range(first, end):  # after the last dash of the line's head: "June 10 --"
            if tokens[k].text in LISTING_DASHES and k < end - 1 and not tokens[k - 1].is_title:
                j = k + 1
                break
        paren = next((k for k in range(j, end) if tokens[k].text == "("), None)
        end = paren if paren is not None else end  # "Ameris Bank Amphitheatre (Formerly Verizon Amphitheatre)"
        segment = tokens[j:end]
        if segment and segment[0].is_alpha and segment[0].text[:1].isupper() and all(
                t.text[:1].isupper() or t.like_num or t.lower_ in VENUE_LINKS for t in segment):
            segments.append((j, end))
    if not segments:
        return labelled
    doc = ctx.doc
    out: list[Labelled] = []
    for span, label, canon in labelled:
        inside = any(j <= span.start and span.end <= end for j, end in segments)
        if not inside or (label == "GPE" and canon is not None) or (label == "PERSON" and span[0].text in given):
            out.append((span, label, canon))  # a gazetteer place inside the name stays: "Amphitheatre - Chicago"
    out += [(Span(doc, j, end, label="FAC"), "FAC", None) for j, end in segments]
    out.sort(key=lambda x: x[0].start)
    return out


_DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){3,}")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish)")


def not_a_place_shape(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A one-word GPE the tables do not know is not a place when its shape says what it is: a dotted acronym
    of three letters or more is an organisation ("I.R.S.", "F.B.I." GPE -> ORG; "D.C.", "N.Y." are places), a
    nationality word is a NORP ("Virginian", "Ukrainian" GPE; PolNeAR train). Undecided mentions only."""
    out: list[Labelled] = []
    for span, label, canon in labelled:
        if label == "GPE" and canon is None and len(span) == 1:
            name = span.text
            known = name in ctx.places or name in ctx.aliases or name in ctx.ap_states
            if not known and _DOTTED_ACRONYM.fullmatch(name):
                label = "ORG"
            elif not known and _DEMONYM.fullmatch(name):
                label = "NORP"
        out.append((span, label, canon))
    return out
