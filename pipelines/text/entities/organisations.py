"""Organisations from the lexicons and from the article's other names: platforms, listed companies, lists.

Label rules (``(list[Labelled], Context) -> list[Labelled]``) that read the platform and company tables
(``pipelines/data/platforms.tsv``, ``companies.tsv``) and the organisations the article already names; and
one span rule (``(list[Span], Context) -> list[Span]``), ``name_tails``, that runs a body's name to its end.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipelines.text.entities.acronyms import in_capitals_line
from pipelines.text.entities.mention import Context, Labelled, clean_name, covered
from pipelines.text.lexicons import companies_by_first_word
from pipelines.text.vocab import (
    CALENDAR,
    CORPORATE_NOUNS,
    DEMONYM_ENDINGS,
    HONORIFICS,
    LIST_LINKS,
    ORG_HEADS,
    POSSESSIVES,
    TAIL_LINKS,
    TOPIC_BODY_HEADS,
)

_TAIL_INNER_LINKS = frozenset({"of", "the"})


def name_tails(spans: list[Span], ctx: Context) -> list[Span]:
    """The model stops a body's name at "of"/"for"/"on": "House Select Committee" + "on Benghazi", "American
    Civil Liberties Union" + "of Ohio", "Northeast Ohio Coalition" + "for the Homeless", "U.S. Court of
    Appeals" + "for the District of Columbia Circuit". An ORG holding an organisation head word (``ORG_HEADS``)
    runs on through "of"/"for" (``TAIL_LINKS``; "on" after a committee, commission or council only,
    ``TOPIC_BODY_HEADS``: a university "on Long Island" is a place), an optional "the" and the capitalised words after it (with
    "of"/"the" inside), swallowing the spans there; not into a weekday or month ("Labor Department on
    Wednesday"), across a line break, nor past "and" ("Union of Ohio and Demos" are two bodies).
    """
    tokens, n = ctx.tokens, len(ctx.tokens)
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue  # swallowed by the previous name's tail
        j = span.end
        heads = TOPIC_BODY_HEADS if j < n and tokens[j].lower_ == "on" else ORG_HEADS
        if (span.label_ == "ORG" and j + 1 < n and tokens[j].lower_ in TAIL_LINKS and tokens[j].is_lower
                and "\n" not in tokens[j - 1].whitespace_ and any(t.lower_ in heads for t in span)):
            k = j + 1 + (tokens[j + 1].lower_ == "the")
            end = k
            while k < n and k - j <= 8 and "\n" not in tokens[k - 1].whitespace_:
                if tokens[k].text[:1].isupper() and tokens[k].lower_ not in CALENDAR and tokens[k].is_alpha | (
                        tokens[k].text.endswith(".")):
                    end = k = k + 1
                elif tokens[k].lower_ in _TAIL_INNER_LINKS and k > end - 1 and end > j + 1:
                    k += 1
                else:
                    break
            if end > j + 1 + (tokens[j + 1].lower_ == "the"):
                span = Span(span.doc, span.start, end, label="ORG")
        out.append(span)
    return out


def platform_names(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A capitalised single word that names a social platform (``pipelines/data/platforms.tsv``: Twitter,
    Facebook, Weibo, WeChat, ...) is that ORG: a one-word model entity of any label is relabelled ("across
    Twitter" PERSON, "one user on Weibo" GPE) and an untagged one is added. Not when the word is the surname
    of a person the article names in full.
    """
    names = ctx.platforms
    hits = [t for t in ctx.tokens if t.lower_ in names and not t.is_lower and t.text not in ctx.full_names]
    if not hits:
        return labelled
    starts = {span.start: n for n, (span, _, _) in enumerate(labelled)}
    taken = covered(labelled)
    for tok in hits:
        canon = names[tok.lower_]
        n = starts.get(tok.i)
        if n is not None and labelled[n][0].end == tok.i + 1:
            labelled[n] = (labelled[n][0], "ORG", canon)
        elif tok.i not in taken:
            labelled.append((Span(tok.doc, tok.i, tok.i + 1, label="ORG"), "ORG", canon))
    labelled.sort(key=lambda x: x[0].start)
    return labelled


_WORD = re.compile(r"\w+")


def company_names(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A listed company (``pipelines/data/companies.tsv``, from stock-index constituents: "Apple", "Boeing",
    "T-Mobile", "Lockheed Martin") is an ORG, as a weak pass: a model entity of exactly its span labelled
    NORP/FAC/PRODUCT/... is relabelled, an untagged one is added ("- T-Mobile CEO John Legere", "Uber got
    into"), and ``one_label_per_name`` then carries that decision to the model's GPE mentions of the same
    name. A GPE alone stays ("a station in Hayward": a city and a company). Never a PERSON, nor a span that
    overlaps another entity or runs on into a capitalised word ("Verizon Amphitheatre"); a one-word name is
    skipped where it is the surname of a person the article names in full, follows a first name, sits in an
    all-capitals line, or is a word the article also writes in lowercase.
    """
    tokens, given, full_names = ctx.tokens, ctx.first_names, ctx.full_names
    table = companies_by_first_word()
    doc = ctx.doc
    text = ctx.text
    hits: list[tuple[int, int, str]] = []
    for tok in tokens:
        if tok.is_lower or tok.is_punct or tok.is_space:
            continue
        first = tok.text[:1]
        if not (first.isupper() or first.isdigit()):
            continue
        m = _WORD.match(tok.text)
        for name in table.get(m.group(0), ()) if m else ():
            end_char = tok.idx + len(name)
            if text.startswith(name, tok.idx) and not text[end_char:end_char + 1].isalnum():
                span = doc.char_span(tok.idx, end_char)
                if span is not None:
                    hits.append((span.start, span.end, name))
                break
    if not hits:
        return labelled
    lower_words = {t.lower_ for t in tokens if t.is_lower and t.is_alpha}
    by_span = {(span.start, span.end): n for n, (span, _, _) in enumerate(labelled)}
    taken = covered(labelled)
    for start, end, name in hits:
        n = by_span.get((start, end))
        if n is not None:
            if labelled[n][1] not in ("PERSON", "GPE") and labelled[n][2] is None:
                labelled[n] = (labelled[n][0], "ORG", name)
            continue
        if any(i in taken for i in range(start, end)):
            continue
        if end < len(tokens) and tokens[end].is_title and tokens[end].is_alpha and "\n" not in tokens[end - 1].whitespace_:
            continue  # a longer name: "Verizon Amphitheatre", "Apple Music"
        if end - start == 1 and (name in full_names or name.lower() in lower_words or in_capitals_line(tokens[start])
                                 or (start > 0 and tokens[start - 1].text in given)):
            continue
        labelled.append((Span(doc, start, end, label="ORG"), "ORG", name))
        taken.update(range(start, end))
    labelled.sort(key=lambda x: x[0].start)
    return labelled


def names_sharing_an_org_word(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A PERSON that shares its first word with an organisation of the article is that organisation:
    a one-word PERSON that starts exactly one longer ORG ("Goddard planetary scientist Avi Mandell" after
    "NASA's Goddard Space Flight Center") is an ORG (its short name); a longer PERSON whose first
    word is a one-word ORG the article names three times or more ("President Ascom North America" next to
    "Ascom") is an ORG. Not when the word is a known first name or a word of a person the article names in
    full.
    """
    given = ctx.first_names
    orgs = [(clean_name(span.text), canon) for span, label, canon in labelled if label == "ORG"]
    counts: dict[str, int] = {}
    for name, _ in orgs:
        counts[name] = counts.get(name, 0) + 1
    one_word = {name for name, n in counts.items() if " " not in name and n >= 3}  # a firm the article is about
    starts: dict[str, set[str]] = {}
    for name, canon in orgs:
        if " " in name:
            starts.setdefault(name.split()[0], set()).add(canon or name)
    person_words = {w for span, label, _ in labelled if label == "PERSON" and len(span) > 1
                    for w in clean_name(span.text).split()}
    person_words |= confident_people(labelled)
    out: list[Labelled] = []
    for span, label, canon in labelled:
        if label == "PERSON" and canon is None:
            name = clean_name(span.text)
            first = name.split()[0]
            if " " not in name and first not in given and first not in person_words and len(starts.get(name, ())) == 1:
                label = "ORG"  # undecided, so "Border agents" next to "border" still goes (common_word_names)
            elif " " in name and first not in given and first in one_word:
                label = "ORG"
        out.append((span, label, canon))
    return out


def listed_with_orgs(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A list of names is a list of one kind: in "names like Chime, Varo, SoFi, Current, GoBank" or "driving
    for Uber or Lyft or Postmates", or "Enter Lugg, Instacart, DoorDash, GrubHub", where ORGs are more than
    twice the other tagged items and there are two of them or one the tables decided ("Uber", a listed
    company), the other items are ORGs too (a team sheet, where the model calls a few surnames ORG among
    many PERSONs, stays as it is): untagged ones are added, a one-word PERSON or a GPE is relabelled. An item
    is 1-3 capitalised words; items (three or more) are joined by commas, "and", "or". Not an item that starts
    with a known first name or is a gazetteer place.
    """
    tokens, given, gazetteer = ctx.tokens, ctx.first_names, ctx.places
    n = len(tokens)
    by_span = {(span.start, span.end): k for k, (span, _, _) in enumerate(labelled)}
    taken = covered(labelled)

    if not any(label == "ORG" for _, label, _ in labelled):
        return labelled  # a list needs an ORG in it

    runs: list[list[tuple[int, int]]] = []
    items: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if _is_capitalised(tokens[i]):
            j = i + 1
            while j < n and j - i < 3 and _is_capitalised(tokens[j]) and "\n" not in tokens[j - 1].whitespace_:
                j += 1
            if j - i > 1 and (i, j) not in by_span and (i + 1, j) in by_span:
                items.append((i + 1, j))  # "Enter Lugg": a sentence's first word before the item
            else:
                items.append((i, j))
            k = j
            while k < n and tokens[k].text in LIST_LINKS:
                k += 1
            if k > j and k < n and _is_capitalised(tokens[k]):
                i = k
                continue
            i = j
        else:
            i += 1
        if len(items) >= 3:
            runs.append(items)
        items = []
    if not runs:
        return labelled
    doc = ctx.doc
    for run in runs:
        found = [labelled[by_span[item]] if item in by_span else None for item in run]
        orgs = [x for x in found if x is not None and x[1] == "ORG"]
        others = [x for x in found if x is not None and x[1] != "ORG"]
        if not orgs or len(orgs) <= 2 * len(others) or (len(orgs) < 2 and all(x[2] is None for x in orgs)):
            continue
        for (a, b), x in zip(run, found):
            name = clean_name(doc[a:b].text)
            if tokens[a].text in given or name in gazetteer or (x is not None and x[1] == "ORG"):
                continue
            if x is not None:
                k = by_span[(a, b)]
                span, old, canon = x
                if canon is None and (old == "GPE" or (old == "PERSON" and b - a == 1)):
                    labelled[k] = (span, "ORG", None)
            elif not any(y in taken for y in range(a, b)):
                labelled.append((Span(doc, a, b, label="ORG"), "ORG", None))
    labelled.sort(key=lambda x: x[0].start)
    return labelled


def _is_capitalised(tok: Token) -> bool:
    """Can ``tok`` be a word of a listed name? "Lyft", "SoFi", "iPad", "3D"; not "my6sense", "2019", punctuation."""
    return not (tok.is_lower or tok.is_punct or tok.is_space or tok.is_digit) and tok.text[:1].isalnum()


def demonym_before_org(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A nationality word before an organisation the article names on its own is not part of the name: "The
    Afghan Taliban, however, claimed" next to "Taliban" -> canonical "Taliban". An ORG of two or more words
    whose first word looks like a demonym ("Afghan", "Pakistani", "Chinese", "Turkish") and whose rest is an
    ORG of the article takes the rest as its canonical name, unless the rest ends in an organisation head
    ("Chinese Communist Party" is a name of its own)."""
    orgs = {clean_name(span.text) for span, label, _ in labelled if label == "ORG"}
    out = []
    for span, label, canon in labelled:
        if label == "ORG" and canon is None and len(span) > 1 and span[0].is_title and span[0].lower_.endswith(
                DEMONYM_ENDINGS) and clean_name(span[1:].text) in orgs and span[-1].lower_ not in ORG_HEADS:
            canon = clean_name(span[1:].text)
        out.append((span, label, canon))
    return out


def owner_of_company_things(labelled: list[Labelled], ctx: Context) -> list[Labelled]:
    """A one-word name the model calls a person (or a place the gazetteer does not know: "Gazprom shares" GPE),
    written before a noun only a company has (``CORPORATE_NOUNS``),
    directly or through its possessive and up to two modifiers, is an ORG: "Yukos' key production unit",
    "Yukos shares", "Yukos' largest shareholder" (the BBC's Yukos stories: the small model says PERSON for
    almost every "Yukos"). Decided, so ``one_label_per_name`` carries it to the name's other mentions. Not a
    known first name, the surname of a person the article names in full, or a name after Mr/Mrs/Dr.
    """
    tokens, given, n = ctx.tokens, ctx.first_names, len(ctx.tokens)
    titled = {tokens[i + 1].text for i, t in enumerate(tokens[:-1]) if t.lower_ in HONORIFICS}
    companies: set[str] = set()
    for span, label, canon in labelled:
        name = span.text
        if not (label == "PERSON" or (label == "GPE" and name not in ctx.places)) or canon is not None or len(span) != 1:
            continue
        if name in given or name in ctx.full_names or name in titled or not name[:1].isupper():
            continue
        j = span.end
        if j < n and tokens[j].text in POSSESSIVES:
            j += 1
        k = j
        while (k < n and k - j < 3 and tokens[k].is_lower and tokens[k].lower_ not in CORPORATE_NOUNS
               and tokens[k].lower_ != "chief" and tokens[k].pos_ in ("ADJ", "NOUN")):
            k += 1  # "Yukos' key production unit", "Yukos' largest shareholder"
        chief_executive = k + 1 < n and tokens[k].lower_ == "chief" and tokens[k + 1].lower_ == "executive"
        if chief_executive or (k < n and tokens[k].lower_ in CORPORATE_NOUNS and (k == j or tokens[k].pos_ == "NOUN")):
            companies.add(name)
    if not companies:
        return labelled
    return [(span, "ORG", span.text) if label in ("PERSON", "GPE") and canon is None and span.text in companies
            else (span, label, canon) for span, label, canon in labelled]


def confident_people(labelled: list[Labelled]) -> set[str]:
    """Names the model labels PERSON in every one of their mentions, two or more: a confident label, which a rule
    without evidence of its own (a shared word, a list) leaves alone."""
    seen: dict[str, set[str]] = {}
    count: dict[str, int] = {}
    for span, _, _ in labelled:
        name = clean_name(span.text)
        seen.setdefault(name, set()).add(span.label_)
        count[name] = count.get(name, 0) + 1
    return {name for name, labels in seen.items() if labels == {"PERSON"} and count[name] >= 2}
