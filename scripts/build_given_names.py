#!/usr/bin/env python3
"""Derive pipelines/data/given_names.txt (one first name a line) from names-dataset, once.

    pip install names-dataset==3.3.1     # MIT; not a project dependency
    python scripts/build_given_names.py [OUT]

``first_names.csv`` (scripts/build_first_names.py) keeps names with a clear gender and stops at 10,000 names
ranked across 100 countries, so common US and British first names with a mixed gender ("Hillary" 78% F,
"Bernie", "Terry") or ranked past the cut ("Ted", "Jill", "Chuck", "Lindsey") are not in it. The entity rules
only ask whether a word is a first name, so this list adds, whatever their gender split, the names that:

- rank in the top ``TOP_RANK`` first names of at least two countries whose press the pipeline reads most
  (``CORE``; "Hillary" ranks 1115 in Canada and 1356 in the US; "Irish", 783 in Ireland alone, is out);
- rank at least twice as well as a first name as they do as a surname there ("Lindsey" 400 vs 939 is in;
  "Blair" 424 vs 472, "Cameron" 189 vs 154, "Clinton" 1000 vs 618 are surnames as much);
- are not a place of the gazetteer (``pipelines/data/places.tsv``: "Austin", "Chelsea"), a weekday or month,
  nor a word the news writes in lower case (at least ``LOWER_MIN`` times in PolNeAR train and BBC text under
  ``<shared>/corpora``: "hope", "joy", "van", "will"; <shared> is <repo>/../shared unless NEWS_WAREHOUSE_SHARED
  is set);
- are alphabetic (hyphen allowed), capitalised, at least two letters, and not in ``first_names.csv`` already.

Out: the names, sorted, one a line, under a comment header.
"""

from __future__ import annotations

import collections
import csv
import gzip
import importlib.util
import os
import pathlib
import pickle
import re
import sys

CORE = {"US", "GB", "CA", "AU", "IE"}
TOP_RANK = 1400
MIN_COUNTRIES = 2
NAME = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
DATA = pathlib.Path(__file__).resolve().parent.parent / "pipelines" / "data"
OUT = DATA / "given_names.txt"
SHARED = pathlib.Path(os.environ.get("NEWS_WAREHOUSE_SHARED") or (DATA.parent.parent.parent / "shared"))
LOWER_MIN = 2
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
CALENDAR = set("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
               "july august september october november december".split())


def core_ranks(info: dict | None) -> list[int]:
    """The ranks of a names-dataset entry in the ``CORE`` countries, best first."""
    ranks = (info or {}).get("rank") or {}
    return sorted(r for c, r in ranks.items() if c in CORE and r)


def lowercase_words() -> collections.Counter[str]:
    """How often each all-lowercase word occurs in the PolNeAR train and BBC texts."""
    corpora = SHARED / "corpora"
    files = [*(corpora / "polnear" / "train" / "text").glob("*.txt"), *(corpora / "bbc").glob("*/*.txt")]
    if not files:
        sys.exit(f"no corpus text under {corpora}")
    counts: collections.Counter[str] = collections.Counter()
    for f in files:
        counts.update(LOWER_WORD.findall(f.read_text(encoding="utf-8", errors="replace")))
    return counts


def main() -> int:
    # the package's data files only: importing it would need its own dependencies (pycountry)
    spec = importlib.util.find_spec("names_dataset")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("names-dataset is not installed: pip install names-dataset==3.3.1")
    folder = pathlib.Path(spec.submodule_search_locations[0]) / "v3"
    with gzip.open(folder / "first_names.pkl.gz", "rb") as f:
        first = pickle.load(f)
    with gzip.open(folder / "last_names.pkl.gz", "rb") as f:
        last = pickle.load(f)
    gendered = {row["first_name"] for row in csv.DictReader((DATA / "first_names.csv").open(encoding="utf-8"))}
    places = {line.split("\t")[0] for line in (DATA / "places.tsv").open(encoding="utf-8") if not line.startswith("#")}
    words = lowercase_words()
    kept = []
    for name, info in first.items():
        if name in gendered or len(name) < 2 or not NAME.fullmatch(name) or name != name.capitalize():
            continue
        ranks = core_ranks(info)
        if len([r for r in ranks if r <= TOP_RANK]) < MIN_COUNTRIES:
            continue
        surname = core_ranks(last.get(name))
        if surname and surname[0] <= 2 * ranks[0]:
            continue
        if name in places or name.lower() in CALENDAR or words[name.lower()] >= LOWER_MIN:
            continue
        kept.append(name)
    kept.sort()
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    header = ("# First names the entity rules read beside first_names.csv, made by scripts/build_given_names.py\n"
              "# from names-dataset 3.3.1 (MIT): common in US/GB/CA/AU/IE, any gender split.\n")
    out.write_text(header + "".join(f"{name}\n" for name in kept), encoding="utf-8")
    print(f"{len(kept)} names -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
