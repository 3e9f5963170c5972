"""Part-of-speech, morphology and the lemmas the rules read, at a fraction of the model's cost.

``en_core_web_sm`` ends its tagging with two components: ``attribute_ruler``, a
``Matcher`` of 179 token patterns that maps the tagger's fine tags (and a few
words and dependency labels) to ``pos``/``morph``/``lemma``, and
``lemmatizer``, a Python loop over every token. Measured on 250 BBC texts in one
process they were 12% and 8% of the pipeline's time, yet the extraction rules
read ``lemma_`` only to test a word against three lists (speech verbs, report
verbs, document nouns; see :func:`lemma_words`).

:class:`TagAttributes` replaces both with the same answers:

* It compiles the model's own attribute-ruler patterns (no pattern is copied
  into code) into a table keyed on what they test (``LOWER``, ``TAG``, ``DEP``,
  ``IS_SPACE``), evaluates each distinct key once per process, and applies the
  matched patterns in the ruler's order (a later pattern overrides an earlier
  one, as ``AttributeRuler.set_annotations`` does), two-token patterns included.
  ``pos``, ``morph``, ``tag``, ``dep`` and ruler-set lemmas are identical to the
  model's on every token.
* It runs the model's own lemmatizer only on tokens whose lower-case form can
  lemmatize to a word of :func:`lemma_words` (the word itself, an exception
  form, or a suffix-rule inverse from the lemmatizer's tables). Those tokens get
  exactly the model's lemma; every other token keeps no lemma (``lemma_ ==
  ""``). A rule that reads the lemma of another word must add its list to
  :func:`lemma_words`.

``tests/unit/test_attributes.py`` checks both claims against the stock pipeline on
real articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from pipelines.text.lexicons import quote_cue_verbs, report_verb_shapes
from pipelines.text.vocab import DOCUMENT_NOUNS, REPORT_VERBS, SPEECH_VERBS

# What a pattern may test, in the order of the key tuple.
_KEY_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_ARRAY_ATTRS = [LOWER, TAG, DEP, IS_SPACE]


def lemma_words() -> frozenset[str]:
    """The lemmas the extraction rules compare against (lower case).

    Out: speech verbs, report verbs and document nouns of :mod:`pipelines.text.quotes`, and the verbs learned
    from data: the quote cue verbs (:func:`pipelines.text.lexicons.quote_cue_verbs`) and the report verbs
    (:func:`pipelines.text.lexicons.report_verb_shapes`).
    """
    return frozenset(w.lower() for w in SPEECH_VERBS | REPORT_VERBS | DOCUMENT_NOUNS | quote_cue_verbs()
                     | set(report_verb_shapes()))


def _condition_holds(condition: Any, value: str | bool) -> bool:
    """Whether one pattern condition (a value, or ``{"IN"|"NOT_IN"|"REGEX": ...}``) holds for ``value``."""
    if not isinstance(condition, dict):
        return value == condition
    if set(condition) - {"IN", "NOT_IN", "REGEX"}:
        raise ValueError(f"attribute-ruler predicate not supported: {condition}")
    if "IN" in condition and value not in condition["IN"]:
        return False
    if "NOT_IN" in condition and value in condition["NOT_IN"]:
        return False
    return not ("REGEX" in condition and not re.search(condition["REGEX"], str(value)))


def lemma_candidates(words: Iterable[str], lookups: Any) -> frozenset[str]:
    """Lower-case forms whose rule lemma can be one of ``words``.

    In: target lemmas and the lemmatizer's ``Lookups`` (``lemma_exc``, ``lemma_rules``). Out: each word, every
    exception form listing it, and every suffix-rule inverse (``old`` in place of ``new``) for every part of
    speech. A superset is harmless: the model's lemmatizer decides on each candidate.
    """
    targets = {w.lower() for w in words}
    forms = set(targets)
    exceptions = lookups.get_table("lemma_exc", {})
    for pos in exceptions:
        for form, lemmas in exceptions[pos].items():
            if targets.intersection(lemmas):
                forms.add(form.lower())
    rules = lookups.get_table("lemma_rules", {})
    for pos in rules:
        for old, new in rules[pos]:
            for word in targets:
                if word.endswith(new):
                    forms.add(word[: len(word) - len(new)] + old)
    return frozenset(forms)


class TagAttributes:
    """The attribute ruler and a selective lemmatizer in one pass; see the module docstring."""

    def __init__(self, nlp: Language, name: str, ruler: Any, lemmatizer: Any, words: frozenset[str]) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.lemmatizer = lemmatizer
        strings = self.vocab.strings
        # One entry per ruler pattern, in the ruler's order: (token patterns, token index, attrs to set).
        self._rules: list[tuple[list[list[dict[str, Any]]], int, dict[int, int | str]]] = []
        for pattern, attrs, index in zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True):
            self._rules.append((pattern["patterns"], index, dict(attrs)))
        self._single = [i for i, (pats, _, _) in enumerate(self._rules) if all(len(p) == 1 for p in pats)]
        single = set(self._single)
        self._pairs = [i for i in range(len(self._rules)) if i not in single]
        self._pair_set = frozenset(self._pairs)
        if any(len(self._rules[i][0]) != 1 or len(self._rules[i][0][0]) != 2 for i in self._pairs):
            raise ValueError("attribute-ruler patterns of more than two tokens or alternatives are not supported")
        # Every token pattern is a slot (rule, position in the rule's pattern, conditions); a token matches a
        # slot when each attribute's condition holds, so a key's slots are the AND of one mask per attribute.
        self._slots = [(i, pos, tok) for i, (pats, _, _) in enumerate(self._rules) for p in pats
                       for pos, tok in enumerate(p)]
        unknown = {attr for _rule, _pos, tok in self._slots for attr in tok} - set(_KEY_ATTRS)
        if unknown:
            raise ValueError(f"attribute-ruler patterns test {sorted(unknown)}, which TagAttributes does not read")
        self._attr_index = [self._index_attr(name) for name in _KEY_ATTRS]
        self._attr_masks: list[dict[int, int]] = [{} for _ in _KEY_ATTRS]
        self._cache: dict[tuple[int, int, int, int], tuple[tuple, list[tuple[int, int]], list[int]]] = {}
        self._strings = strings
        candidates = lemma_candidates(words, lemmatizer.lookups)
        self._candidate_ids = np.array(sorted(strings.add(f) for f in candidates), dtype=np.uint64)

    def _attr_mask(self, attr: int, value_id: int) -> int:
        """Bit mask of the slots whose condition on attribute ``_KEY_ATTRS[attr]`` holds for this value
        (slots that do not test the attribute hold)."""
        mask = self._attr_masks[attr].get(value_id)
        if mask is None:
            name = _KEY_ATTRS[attr]
            value: str | bool = bool(value_id) if name == "IS_SPACE" else (self._strings[value_id] if value_id else "")
            free, equal, predicates = self._attr_index[attr]
            mask = free | equal.get(value, 0)
            for bit, condition in predicates:
                if _condition_holds(condition, value):
                    mask |= bit
            self._attr_masks[attr][value_id] = mask
        return mask

    def _index_attr(self, name: str) -> tuple[int, dict[str | bool, int], list[tuple[int, Any]]]:
        """For one attribute: the mask of slots not testing it, slots testing equality by value, and the
        slots with an IN/NOT_IN/REGEX predicate."""
        free, equal, predicates = 0, {}, []
        for bit, (_rule, _pos, tok) in enumerate(self._slots):
            if name not in tok:
                free |= 1 << bit
            elif isinstance(tok[name], dict):
                predicates.append((1 << bit, tok[name]))
            else:
                equal[tok[name]] = equal.get(tok[name], 0) | 1 << bit
        return free, equal, predicates

    def _describe(self, key_ids: tuple[int, int, int, int]) -> tuple[tuple, list[tuple[int, int]], list[int]]:
        """What the ruler does to a token with this key (lower, tag, dep, is_space ids): the resolved
        single-token result (see :meth:`_resolve`), the (rule, position) parts of two-token rules it can fill,
        and the single-token rules it matches."""
        found = self._cache.get(key_ids)
        if found is None:
            mask = -1
            for attr, value_id in enumerate(key_ids):
                mask &= self._attr_mask(attr, value_id)
            hits = [self._slots[bit] for bit in range(len(self._slots)) if mask >> bit & 1]
            singles = sorted({rule for rule, _pos, _tok in hits if rule not in self._pair_set})
            parts = [(rule, pos) for rule, pos, _tok in hits if rule in self._pair_set]
            found = self._cache[key_ids] = (self._resolve(singles), parts, singles)
        return found

    def _resolve(self, rules: list[int]) -> tuple[int | None, int | None, int | None, tuple]:
        """Apply rules in order, a later one overriding: ``(pos, morph, lemma, ((attr, value) for tag/dep))``,
        ``None`` where no rule sets the attribute."""
        pos = morph = lemma = None
        other: dict[int, int] = {}
        for rule in rules:
            for attr, value in self._rules[rule][2].items():
                if attr == POS:
                    pos = value if isinstance(value, int) else POS_IDS[value]
                elif attr == MORPH:
                    morph = value
                elif attr == LEMMA:
                    lemma = value
                elif attr in (TAG, DEP):
                    other[attr] = value
                else:
                    raise ValueError(f"attribute-ruler sets attribute {attr}, which TagAttributes does not write")
        return pos, morph, lemma, tuple(other.items())

    def __call__(self, doc: Doc) -> Doc:
        """Set pos, morph, tag, dep and ruler lemmas as the attribute ruler would, then the rule lemmas of
        candidate tokens as the model's lemmatizer would."""
        if len(doc) == 0:
            return doc
        keys = doc.to_array(_ARRAY_ATTRS)
        described = [self._describe((a, b, c, d)) for a, b, c, d in keys.tolist()]
        values = doc.to_array([POS, MORPH, LEMMA])
        for i, (resolved, parts, singles) in enumerate(described):
            if parts:
                pairs = self._pair_matches(described, i, parts)
                if pairs:
                    resolved = self._resolve(sorted(singles + pairs))
            pos, morph, lemma, other = resolved
            if pos is not None:
                values[i, 0] = pos
            if morph is not None:
                values[i, 1] = morph
            if lemma is not None:
                values[i, 2] = lemma
            for attr, value in other:
                setattr(doc[i], "tag" if attr == TAG else "dep", value)
        doc.from_array([POS, MORPH, LEMMA], values)
        self._lemmatize(doc, keys[:, 0])
        return doc

    def _pair_matches(self, described: list, i: int, parts: list[tuple[int, int]]) -> list[int]:
        """Two-token rules whose target token is ``i`` (a rule's index ``0`` targets the first token, ``1``
        the second), given what each neighbour can fill."""
        out = []
        for rule, pos in parts:
            index = self._rules[rule][1]
            if pos != (index if index >= 0 else 2 + index):
                continue
            other = i + 1 if pos == 0 else i - 1
            if 0 <= other < len(described) and (rule, 1 - pos) in described[other][1]:
                out.append(rule)
        return out

    def _lemmatize(self, doc: Doc, lowers: np.ndarray) -> None:
        """The model lemmatizer's first lemma for every candidate token that has no lemma yet."""
        for i in np.flatnonzero(np.isin(lowers, self._candidate_ids)).tolist():
            token = doc[i]
            if token.lemma == 0:
                token.lemma_ = self.lemmatizer.lemmatize(token)[0]


@Language.factory("tag_attributes")
def make_tag_attributes(nlp: Language, name: str) -> TagAttributes:
    """spaCy factory: a :class:`TagAttributes` built from the pipeline's own ``attribute_ruler`` and
    ``lemmatizer``, which the caller then removes."""
    return TagAttributes(nlp, name, nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"), lemma_words())
