#!/usr/bin/env python3
"""Derive pipelines/data/companies.tsv, the listed-company names the entity rules read, once.

    pip install --target /tmp/ptk pytickersymbols==1.17.10    # MIT; not a project dependency
    PYTHONPATH=/tmp/ptk python scripts/build_companies.py [OUT]

Source: pytickersymbols 1.17.10 (MIT, https://pypi.org/project/pytickersymbols/), the constituents of
20 stock indices (S&P 500/100/600, NASDAQ 100, Dow Jones, FTSE 100, DAX, CAC 40, Nikkei 225, ...)
with their company names, about 1,800 companies. The package ships the table as Python data; the
pipeline needs only the names, so it reads this small table and has no new dependency.

Names are cut to the short form news writes: legal suffixes and share classes go ("Apple Inc." ->
"Apple", "Lockheed Martin Corporation" -> "Lockheed Martin", "T-Mobile US" -> "T-Mobile", "Block, Inc."
-> "Block"), and so does a leading "The". Dropped, because news uses them as ordinary words or names
more often than as the company:
- a name of fewer than 3 letters, or one without a capital letter;
- a one-word name that is also a first name (``pipelines/data/first_names.csv``: "Dell" stays
  out if it is one);
- a one-word name that is a place of the gazetteer (``pipelines/data/places.tsv``: "Orange", "Dover") or
  in ``NOT_COMPANIES``: English surnames and words that a sports or politics page capitalises more
  often than it writes the company ("Williams", "Cooper", "City", "Universal", "Continental");
- a name whose lowercase form is commoner in the BBC corpus (``../shared/corpora/bbc``, 2,225 news
  texts of 2004-05) than its capitalised form inside a sentence: "Target", "Visa", "Block",
  "Match" are words there; "Apple", "Boeing", "Uber" are not. Counted at build time only.

Out: ``name<TAB>full name`` (the index table's own name, for the record), sorted, after ``#``
header lines. Not a .csv: every pipelines/data/*.csv is a dbt seed.
"""

from __future__ import annotations

import csv
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# one-word names that are an English surname or a word capitalised in other senses (read off the list by hand)
NOT_COMPANIES = set("""
    Brady Buckle City Continental Cooper Deluxe Diodes Enact Energizer Gates Griffon Harmonic Hawkins Hexagon
    Indus Integer Interface Kone Matson Moog Mosaic Orion Pearson Plexus Puma Rogers Rollins Sto Tennant Toto
    Universal Whitestone Wiley Williams Hartford Dover Travelers Parker Hilltop Wendel Brown Andersons Chubb Hella
    Orange Hayward Cummins Graham Lennar Loews Hubbell Hershey Wendy's Campbell's Lowe's Kohl's Carter's Moody's
""".split())
OUT = ROOT / "pipelines" / "data" / "companies.tsv"
BBC = ROOT.parent / "shared" / "corpora" / "bbc"
# legal forms, share classes and listing tags at the end of a name, removed repeatedly
SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corporation|Corp\.?|Company|Companies|Co\.?|plc|PLC|Ltd\.?|Limited|"
    r"Holdings?|AG|SE|SA|S\.A\.|N\.V\.|NV|ASA|AB|Oyj|SpA|S\.p\.A\.|KGaA|& Co\.?|REIT|L\.P\.|LP|US|"
    r"\(Class [A-Z]\)|Class [A-Z]|\([A-Z]+\))|\s*\(.*?\))$"
)


def short_name(name: str) -> str:
    """The name news uses: without legal suffixes, share classes and a leading "The"."""
    name = " ".join(name.split())
    while True:
        cut = SUFFIX.sub("", name).rstrip(" ,")
        if cut == name:
            break
        name = cut
    if name.startswith("The "):
        name = name[4:]
    return name


def word_counts(names: set[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Lowercase occurrences and capitalised occurrences inside a sentence (not after . ! ? or a line
    start) of each name in the BBC corpus."""
    lower = dict.fromkeys(names, 0)
    capital = dict.fromkeys(names, 0)
    text = "\n".join(p.read_text(encoding="latin-1") for p in sorted(BBC.glob("*/*.txt")))
    by_lower: dict[str, list[str]] = {}
    for n in names:
        by_lower.setdefault(n.lower(), []).append(n)
    words = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, by_lower), key=len, reverse=True))
                       + r")(?![\w-])", re.IGNORECASE)
    for m in words.finditer(text):
        found = m.group(0)
        before = text[max(0, m.start() - 3):m.start()].strip()
        for name in by_lower.get(found.lower(), ()):
            if found == name.lower():
                lower[name] += 1
            elif found == name and before and before[-1] not in ".!?\"'":
                capital[name] += 1
    return lower, capital


def main() -> int:
    from pytickersymbols import PyTickerSymbols  # imported here: only this script needs the package

    first_names = {
        row["first_name"] for row in csv.DictReader((ROOT / "pipelines" / "data" / "first_names.csv").open(encoding="utf-8"))
    }
    places = {line.split("\t")[0] for line in (ROOT / "pipelines" / "data" / "places.tsv").open(encoding="utf-8")
              if not line.startswith("#")}
    rows: dict[str, str] = {}
    for stock in PyTickerSymbols().get_all_stocks():
        full = " ".join(str(stock.get("name") or "").split())
        name = short_name(full)
        if len(re.sub(r"\W", "", name)) < 3 or not any(c.isupper() for c in name):
            continue
        if " " not in name and (name in first_names or name in places or name in NOT_COMPANIES):
            continue
        rows.setdefault(name, full)
    lower, capital = word_counts(set(rows))
    common = {n for n in rows if lower[n] > capital[n]}
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# Listed-company names for pipelines.text.entities, made by scripts/build_companies.py.\n")
        f.write("# Data: pytickersymbols 1.17.10 (MIT), stock-index constituents; legal suffixes removed.\n")
        f.write("# name\tfull name\n")
        for name in sorted(set(rows) - common):
            f.write(f"{name}\t{rows[name]}\n")
    print(f"{len(rows) - len(common)} company names -> {out} ({len(common)} common words left out: "
          f"{', '.join(sorted(common)[:40])} ...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
