"""Named-entity mentions with canonical names, from a parsed spaCy ``Doc``.

In: a ``Doc`` made by :func:`pipelines.text.nlp.load_nlp` (its ``doc.text`` is
the article body). Out: one :class:`EntityMention` per kept entity, in text
order, with ``doc.text[start_char:end_char] == mention``.

Canonical names are decided per article: a surname or a titled surname
("Putin", "Mr Putin") becomes the full name found in the same article
("Vladimir Putin"); a form in ``pipelines/data/aliases.csv`` becomes its
canonical name and label ("ISIL" -> "Islamic State", ORG). Numeric and date
labels are dropped.

Rules that fix small-model errors (counts measured on the two seed articles,
000_fd20b0775c6aaf20 and 003_aeb0b849679dcb8d, with en_core_web_sm 3.8):

* ``_relabel_surnames``: a mention equal to the surname of a PERSON in the same
  article but labelled ORG/GPE/NORP/FAC/LOC becomes PERSON ("Hollande" ORG x6,
  "Cameron" ORG x3 in the seeds: 9 fixes, 0 regressions).
* ``_merge_particles``: a PERSON ending in / followed by a lowercase name
  particle (von, van, der, al, ...) absorbs the rest of the name
  ("Ursula von" PERSON + "Leyen" GPE -> "Ursula von der Leyen": 1 fix).
* ``_org_by_head``: FAC/LOC/GPE/NORP whose last word is an organisation head
  noun (Foundation, Institute, Council, ...) becomes ORG ("the Asia-Pacific
  Foundation" FAC: 1 fix).
* ``_is_title_fragment``: an ORG/GPE that is part of a job title ("Defense" in
  "German Defense Minister", "State" in "Secretary of State") is dropped
  (2 false entities removed).
* alias_ruler (in nlp.py): "Isis" missed, "Daesh" GPE x2, "ISIL" GPE,
  "Islamic" NORP inside "Islamic State" -> ORG "Islamic State".

Later rules, measured on the 30-article BBC dev gold (entity F1 scored on the
10 articles with gold entities: 0.735 before these three -> 0.749 after) with
the seeds unchanged (seed entity_f1 0.954 before and after):

* ``_which_is_not_a_person``: a PERSON followed by ", which" is an ORG, with
  every same-text mention ("Laura Ashley, which floated …": 6 mentions, 1 gold
  entity fixed; and through quotes.py 1 speaker + 2 reported speakers, since
  "the company"/"it" now find it). 0 regressions.
* ``_parenthesised_acronyms``: "Name (ACR)" makes every "ACR" of the article
  that name, tagged or not, when ACR's letters are the name's initials in
  order, or for any all-capitals ACR after an ORG ("Greek Athletics
  Federation (SEGAS)"). BPI x2, IFF x2, SEGAS: alias/speaker fixes (BPI
  reported speech now matches "British Phonographic Industry"); 0 regressions.
* ``_untagged_acronyms``: an untagged all-capitals PROPN of 3+ letters, not in
  a capitals run, not after "as" ("his predecessor as CEO"), is an ORG. IAAF
  x6 (1 gold entity), IDC; 1 doubtful ("CFA" of "CFA francs").

Issue 15 (html-dev gold / BBC dev gold, entity F1):

* ``_place_gazetteer`` (nlp.py, data from pipelines/data/places.tsv) plus
  ``_gazetteer_canonical`` here (an all-capitals dateline "VIENNA" is
  "Vienna"): html-dev 0.611 -> 0.613 (core level), BBC unchanged (0.377 core /
  0.378 analytics). Most html-dev places the gazetteer would add (a
  Billboard tour list) are not in the extracted body at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from pipelines.text.lexicons import places
from pipelines.text.nlp import load_aliases

DROP_LABELS = frozenset({"DATE", "CARDINAL", "MONEY", "PERCENT", "TIME", "ORDINAL", "QUANTITY"})

# Words that precede a name but are not part of it. Stripped from PERSON
# mentions (and used by quotes.py to recognise "Mr Frydenberg").
TITLES = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady
    president vice prime minister chancellor senator sen. sen rep. rep gov. gov governor
    general gen. gen secretary king queen prince princess pope judge justice
    chairman chairwoman chief executive analyst coach captain capt. mayor deputy
    ambassador spokesman spokeswoman director manager boss striker midfielder
    defender goalkeeper singer actor actress star rev. rev reverend father
    foreign defence defense home finance economy trade health interior
    shadow state leader chief-executive commissioner inspector officer
    """.split()
)
MALE_TITLES = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "spokesman", "chairman", "actor"})
FEMALE_TITLES = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman", "actress"}
)
PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "al", "el", "bin",
                       "ben", "ibn", "dos", "das"})
ORG_HEADS = frozenset(
    """
    foundation institute institution council association party ministry department agency
    bank corporation company university college commission committee union organisation
    organization group inc inc. ltd ltd. plc corp corp. court authority office
    society trust club fund board network federation-of league
    """.split()
)
TITLE_NOUNS = frozenset({"minister", "secretary", "spokesman", "spokeswoman", "chief", "correspondent", "editor"})
# a name right after one of these is a person ("Mr Cable", "Dr Khoo")
HONORIFICS = MALE_TITLES | FEMALE_TITLES | {"dr", "dr."}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_TRIM_HEAD = {"the", "The"}


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One entity mention: ``mention == body[start_char:end_char]``; ``entity`` is the canonical name."""

    mention: str
    label: str
    entity: str
    start_char: int
    end_char: int


def _trim(span: Span) -> Span | None:
    """Drop leading "the", titles (PERSON only), trailing possessives/punctuation; None when nothing is left."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].text in _TRIM_HEAD or doc[start].is_space):
        start += 1
    if span.label_ == "PERSON":
        while end - start > 1 and doc[start].lower_ in TITLES:
            start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _split_on_newlines(span: Span) -> list[Span]:
    """A mention never crosses a line break ("Matthew Yglesias\\nObama" is two names)."""
    parts: list[Span] = []
    start = span.start
    for tok in span:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            end = tok.i if "\n" in tok.text else tok.i + 1
            if end > start:
                parts.append(Span(span.doc, start, end, label=span.label_))
            start = tok.i + 1
    if span.end > start:
        parts.append(Span(span.doc, start, span.end, label=span.label_))
    return parts


def _merge_particles(spans: list[Span]) -> list[Span]:
    """Extend a PERSON over lowercase name particles and the capitalised word after them."""
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue  # swallowed by the previous extension
        if span.label_ == "PERSON":
            doc = span.doc
            k = span.end
            while k - 1 > span.start and doc[k - 1].lower_ in PARTICLES and doc[k - 1].is_lower:
                k -= 1
            j = k
            while j < len(doc) and j - k < 3 and doc[j].lower_ in PARTICLES and doc[j].is_lower:
                j += 1
            if j > k and j < len(doc) and doc[j].is_title and j + 1 > span.end:
                span = Span(doc, span.start, j + 1, label="PERSON")
        out.append(span)
    return out


def _org_by_head(span: Span) -> str:
    """Relabel a FAC/LOC/GPE/NORP whose head word names an organisation to ORG."""
    if span.label_ in {"FAC", "LOC", "GPE", "NORP"} and len(span) > 1 and span[-1].lower_ in ORG_HEADS:
        return "ORG"
    return span.label_


def _is_title_fragment(span: Span) -> bool:
    """An ORG/GPE word that is part of a job title: "Defense" Minister, Secretary of "State"."""
    if span.label_ not in {"ORG", "GPE"} or len(span) > 2:
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in TITLE_NOUNS:
        return True
    if (span.start >= 2 and doc[span.start - 1].lower_ in {"of", "for"}
            and doc[span.start - 2].lower_ in {"secretary", "minister"}):
        return True
    return False


def _surname_keys(name: str) -> list[str]:
    """Surface forms that can stand for ``name`` alone: its last word, that word after "al-", particle surnames."""
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


_GROUP_SUFFIX = re.compile(r"\s+(group|militants|militant group|fighters|organisation|organization)$")
_SPACES = re.compile(r"\s+")


def _alias_lookup(text: str, aliases: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The alias-table entry for ``text`` or for it without a trailing "group"/"militants"."""
    if text in aliases:
        return aliases[text]
    stripped = _GROUP_SUFFIX.sub("", text)
    if stripped != text and stripped in aliases:
        return aliases[stripped]
    return None


def _clean_name(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def extract_entities(doc: Doc) -> list[EntityMention]:
    """Entity mentions of ``doc`` with canonical names (see the module docstring for the rules)."""
    aliases = load_aliases()
    gazetteer = places()
    tokens = list(doc)  # doc[i] and iterating a Doc make a new Token object every time
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in DROP_LABELS:
            continue
        for part in _split_on_newlines(ent):
            trimmed = _trim(part)
            if trimmed is not None and not _is_title_fragment(trimmed):
                spans.append(trimmed)
    spans = _merge_particles(spans)

    # Alias table first: it decides label and name for the forms it lists.
    labelled: list[tuple[Span, str, str | None]] = []  # span, label, canonical from table
    for span in spans:
        hit = _alias_lookup(_clean_name(span.text), aliases)
        if hit is not None:
            labelled.append((span, hit[1], hit[0]))
        elif span.label_ == "GPE" and _clean_name(span.text) in gazetteer:
            # _gazetteer_canonical: "VIENNA" -> Vienna
            labelled.append((span, "GPE", gazetteer[_clean_name(span.text)]))
        else:
            labelled.append((span, _org_by_head(span), None))

    # _honorific_person: "Mr Cable" ORG -> PERSON (a name after Mr/Mrs/Ms/Dr is a
    # person), then a 2-3 word ORG/GPE ending in such a surname is the same
    # person's full name ("Vincent Cable" ORG -> PERSON).
    taken = {i for span, _, _ in labelled for i in range(span.start, span.end)}
    for tok in tokens[1:]:
        # an untagged capitalised name right after Mr/Ms/Dr ("Mr Cable said")
        if tok.is_title and tok.pos == PROPN and tok.i not in taken and tokens[tok.i - 1].lower_ in HONORIFICS:
            end = tok.i + 1
            while end < len(doc) and end not in taken and tokens[end].is_title and tokens[end].pos == PROPN:
                end += 1
            labelled.append((Span(doc, tok.i, end, label="PERSON"), "PERSON", None))
            taken.update(range(tok.i, end))
    labelled.sort(key=lambda x: x[0].start)
    titled: set[str] = set()
    for n, (span, label, canon) in enumerate(labelled):
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
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

    # _which_is_not_a_person: "Laura Ashley, which floated on …": a relative
    # "which" after a PERSON says it is a thing (a company named after someone).
    not_people = {
        _clean_name(span.text)
        for span, label, canon in labelled
        if label == "PERSON"
        and canon is None
        and span.end + 1 < len(doc)
        and doc[span.end].text == ","
        and doc[span.end + 1].lower_ == "which"
    }
    if not_people:
        labelled = [
            (span, "ORG", canon) if label == "PERSON" and _clean_name(span.text) in not_people else (span, label, canon)
            for span, label, canon in labelled
        ]

    # Full names of people in this article, and what their surnames stand for.
    full_names: dict[str, list[tuple[int, str]]] = {}  # surname key -> [(char offset, full name)]
    for span, label, canon in labelled:
        name = _clean_name(span.text)
        if label == "PERSON" and canon is None and len(name.split()) >= 2:
            for key in _surname_keys(name):
                full_names.setdefault(key, []).append((span.start_char, name))

    first_names: dict[str, set[str]] = {}
    for keyed in full_names.values():
        for _, full in keyed:
            first_names.setdefault(full.split()[0], set()).add(full)

    def person_name(name: str, at: int) -> str:
        cands = full_names.get(name)
        if not cands:
            # surname-first names ("Dr Khoo" for "Khoo Kay Peng"): a lone word
            # that starts exactly one full name in the article
            owners = first_names.get(name, set())
            return next(iter(owners)) if " " not in name and len(owners) == 1 else name
        distinct = {n for _, n in cands}
        if len(distinct) == 1:
            return cands[0][1]
        before = [n for off, n in cands if off <= at]
        return before[-1] if before else cands[0][1]

    # _untagged_surnames: a capitalised token equal to the surname of a person
    # named in full earlier but left untagged by the model is that person
    # ("says Adarsh" after "says Taran Adarsh", "Mr Cable" after "Vincent Cable").
    covered = {i for span, _, _ in labelled for i in range(span.start, span.end)}
    single_keys = {k for k in full_names if " " not in k}
    for tok in tokens:
        if tok.is_title and tok.pos == PROPN and tok.i not in covered and tok.text in single_keys:
            first = min(off for off, _ in full_names[tok.text])
            if first < tok.idx:
                labelled.append((Span(doc, tok.i, tok.i + 1, label="PERSON"), "PERSON", None))
    labelled.sort(key=lambda x: x[0].start)

    # _untagged_acronyms: an all-capitals proper noun of 3+ letters the model
    # left untagged ("ruling body the IAAF") is an organisation; countries and
    # the like come from the alias table, which already ran.
    covered = {i for span, _, _ in labelled for i in range(span.start, span.end)}
    for tok in tokens:
        if (
            tok.is_upper  # the cheap flag tests first: most tokens fail them
            and tok.is_alpha
            and tok.pos == PROPN
            and len(tok.text) >= 3
            and tok.i not in covered
            and not _in_capitals_line(tok)
            and not (tok.i > 0 and tokens[tok.i - 1].lower_ == "as")  # a role: "his predecessor as CEO"
        ):
            labelled.append((Span(doc, tok.i, tok.i + 1, label="ORG"), "ORG", None))
    labelled.sort(key=lambda x: x[0].start)

    # _parenthesised_acronyms: "British Phonographic Industry (BPI)" makes every
    # "BPI" of the article that organisation, tagged or not.
    acronyms: dict[str, tuple[str, str | None, Span]] = {}
    for span, label, canon in labelled:
        e = span.end
        if label in ("ORG", "GPE", "FAC", "NORP") and e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
            acr = doc[e + 1].text
            # an organisation's own acronym need not match its English
            # initials ("Greek Athletics Federation (SEGAS)")
            if (_is_acronym_of(acr, span) or (label == "ORG" and _is_acronym_of(acr, None))) and acr not in aliases:
                acronyms.setdefault(acr, ("ORG" if label == "NORP" else label, canon, span))
    if acronyms:
        covered = {i for span, _, _ in labelled for i in range(span.start, span.end)}
        for tok in tokens:
            if tok.text in acronyms and tok.i not in covered:
                labelled.append((Span(doc, tok.i, tok.i + 1, label="ORG"), "ORG", None))
        relabelled = []
        for span, label, canon in labelled:
            hit = acronyms.get(span.text)
            if hit is not None and canon is None:
                full_label, full_canon, full = hit
                relabelled.append((span, full_label, full_canon or _clean_name(full.text)))
            else:
                relabelled.append((span, label, canon))
        labelled = sorted(relabelled, key=lambda x: x[0].start)

    out: list[EntityMention] = []
    for span, label, canon in labelled:
        mention = span.text  # Span.text joins the tokens again on every access
        name = _clean_name(mention)
        if canon is None and label != "PERSON" and name in full_names:
            label = "PERSON"  # _relabel_surnames: "Hollande" ORG -> PERSON
        if canon is None:
            canon = person_name(name, span.start_char) if label == "PERSON" else name
        out.append(EntityMention(mention, label, canon, span.start_char, span.end_char))
    return out


def _in_capitals_line(tok) -> bool:
    """Is ``tok`` inside a stretch of all-capitals words (a shouted headline, "NEW YORK")?"""
    doc = tok.doc
    for j in (tok.i - 1, tok.i + 1):
        if 0 <= j < len(doc) and doc[j].is_alpha and doc[j].is_upper and len(doc[j]) > 1:
            return True
    return False


def _is_acronym_of(acr: str, span: Span | None) -> bool:
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
