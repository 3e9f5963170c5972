"""Acronyms: untagged ones, ones a bracket defines ("British Phonographic Industry (BPI)"), stock tickers.

Label rules (``(list[Labelled], Context) -> list[Labelled]``).
"""

from __future__ import annotations

from spacy.symbols import PROPN
from spacy.tokens import Span, Token

from pipelines.text.entities.mention import Context, Labelled, clean_name, covered
from pipelines.text.vocab import ACRONYM_OWNERS, COMMON_ACRONYMS, EPITHETS, EXCHANGES


def untagged_acronyms(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """An untagged all-capitals proper noun of 3+ letters, not in a capitals run and not after "as" ("his
    predecessor as CEO"), nor a job title or a common noun's acronym, is an organisation ("ruling body the
    IAAF")."""
    tokens = ctx.tokens
    taken = covered(labelled)
    for tok in tokens:
        if (
            tok.is_upper  # the cheap flag tests first: most tokens fail them
            and tok.is_alpha
            and tok.pos == PROPN
            and len(tok.text) >= 3
            and tok.i not in taken
            and not in_capitals_line(tok)
            and not (tok.i > 0 and tokens[tok.i - 1].lower_ == "as")
            and tok.lower_ not in EPITHETS  # a job title: "its CEO"
            and tok.lower_ not in COMMON_ACRONYMS  # "healthcare ICT"
        ):
            labelled.append((Span(tok.doc, tok.i, tok.i + 1, label="ORG"), "ORG", None))
    labelled.sort(key=lambda x: x[0].start)
    return labelled


def acronyms_not_people(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A one-word PERSON in capitals of 3-5 letters that is no person the article names ("FBN has always been
    a gem", "the RNC speech", "ROTC program") is an organisation's acronym: ORG. Not a transcript's speaker
    ("FALLIN:"), a name the article writes in full ("TRUMP" after "Donald Trump"), nor one in a capitals run
    (a headline)."""
    in_names = {w.upper() for span, label, _ in labelled if label == "PERSON" and len(span) > 1
                for w in clean_name(span.text).split()}
    tokens, n = ctx.tokens, len(ctx.tokens)
    out = []
    for span, label, canon in labelled:
        tok = span[0]
        if (label == "PERSON" and canon is None and len(span) == 1 and tok.is_upper and tok.is_alpha
                and 3 <= len(tok.text) <= 5 and not in_capitals_line(tok)
                and not (tok.i + 1 < n and tokens[tok.i + 1].text == ":")
                and tok.text not in in_names and tok.text.title() not in ctx.full_names):
            label = "ORG"
        out.append((span, label, canon))
    return out


def parenthesised_acronyms(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """"British Phonographic Industry (BPI)" makes every "BPI" of the article that organisation, tagged or not,
    when the acronym's letters are the name's initials in order, or for any all-capitals acronym after an ORG
    ("Greek Athletics Federation (SEGAS)"). A product, event or law so named lends its acronym its label
    ("Hang Seng Index (HSI)", "Kospi Index (KOSPI)": PRODUCT, not the ORG the model says). An acronym the
    alias table knows is left to the table ("ISIL")."""
    doc = ctx.doc
    acronyms: dict[str, tuple[str, str | None, Span]] = {}
    for span, label, canon in labelled:
        e = span.end
        if label in ACRONYM_OWNERS and e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
            acr = doc[e + 1].text
            if (is_acronym_of(acr, span) or (label == "ORG" and is_acronym_of(acr, None))
                    or (acr.isupper() and acr == span[0].text.upper() and len(acr) > 2)) and acr not in ctx.aliases:
                acronyms.setdefault(acr, ("ORG" if label == "NORP" else label, canon, span))
    if not acronyms:
        return labelled
    taken = covered(labelled)
    for tok in ctx.tokens:
        if tok.text in acronyms and tok.i not in taken:
            labelled.append((Span(doc, tok.i, tok.i + 1, label="ORG"), "ORG", None))
    relabelled = []
    for span, label, canon in labelled:
        hit = acronyms.get(span.text)
        if hit is not None and canon is None:
            full_label, full_canon, full = hit
            relabelled.append((span, full_label, full_canon or clean_name(full.text)))
        else:
            relabelled.append((span, label, canon))
    return sorted(relabelled, key=lambda x: x[0].start)


def is_acronym_of(acr: str, span: Span | None) -> bool:
    """Is ``acr`` (2-8 capitals) the initials of ``span``'s capitalised words, in order, starting with the first?

    "BPI" for "British Phonographic Industry", "METI" for "Ministry of Economy,
    Trade and Industry", "SEC" for "US Securities Exchange Commission". With
    ``span`` None: is ``acr`` shaped like an acronym at all.
    """
    if not (2 <= len(acr) <= 8 and acr.isalpha() and acr.isupper()):
        return False
    if span is None:
        return True
    initials = [t.text[0] for t in span if t.text[:1].isupper()]
    if not initials:
        return False
    # the acronym's letters must appear in order among the initials, and its
    # first letter must be the first initial of one of the first two words
    i = 0
    for ch in initials:
        if i < len(acr) and ch == acr[i]:
            i += 1
    return i == len(acr) and acr[0] in initials[:2]


def ticker_symbols(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A stock ticker is not a name of its own: "Ascom registered shares (ASCN) are listed", "(NYSE: BA)",
    "(Nasdaq: AAPL)". A one-word mention in brackets right after "shares"/"stock", or after an exchange
    (``EXCHANGES``) and a colon, is dropped."""
    doc = ctx.doc
    out: list[Labelled] = []
    n = len(doc)
    for span, label, canon in labelled:
        s, e = span.start, span.end
        if e - s == 1 and s >= 2 and e < n and doc[e].text == ")" and (
                (doc[s - 1].text == "(" and doc[s - 2].lower_ in ("shares", "stock", "ticker"))
                or (doc[s - 1].text == ":" and doc[s - 2].lower_ in EXCHANGES)):
            continue
        out.append((span, label, canon))
    return out


def in_capitals_line(tok: Token) -> bool:
    """Is ``tok`` inside a stretch of all-capitals words (a shouted headline, "NEW YORK")?"""
    doc = tok.doc
    for j in (tok.i - 1, tok.i + 1):
        if 0 <= j < len(doc) and doc[j].is_alpha and doc[j].is_upper and len(doc[j]) > 1:
            return True
    return False
