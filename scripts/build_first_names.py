#!/usr/bin/env python3
"""Derive pipelines/data/first_names.csv (first_name,gender,share) from names-dataset, once.

    pip install names-dataset==3.3.1     # MIT; not a project dependency
    python scripts/build_first_names.py [OUT]

names-dataset 3.3.1 (MIT, https://pypi.org/project/names-dataset/) holds
727,556 first names with a per-name gender split (``{'F': 0.019, 'M': 0.981}``)
and a per-country popularity rank. Loading it through ``NameDataset()`` costs
1.9 GB RSS and 9 s, so the pipeline never does: this script reads the package's
first-name pickle directly and keeps a small table.

A name is kept when it has clear evidence:
- it ranks in the top ``TOP_RANK`` of at least one country whose press the
  pipeline reads in English (``WIDE``) or in the top ``TOP_RANK_OTHER`` of any
  other country (so "Xi", "Vladimir", "Angela" are in, and rare spellings out);
- one gender holds at least ``MIN_SHARE`` of it (Kristi 0.82 is in; Jessie 0.78, Andrea 0.55
  and Jamie are out: an ambiguous name says nothing);
- it is alphabetic (hyphen allowed) and at least two letters.
Kept names are ordered by their best rank and cut at ``MAX_ROWS``.

Out: ``first_name,gender,share`` with ``first_name`` capitalised as the
dataset writes it ("John", "Mary-Jane"), ``gender`` ``F``/``M``, ``share`` the
probability of that gender (0.8..1, three decimals), sorted by name. The same
CSV is a dbt seed (``pipelines/data/*.csv``) for speaker gender in SQL.
"""

from __future__ import annotations

import csv
import gzip
import pathlib
import pickle
import re
import sys

WIDE = {"US", "GB", "CA", "AU", "IE", "NZ", "ZA", "IN", "NG", "PH", "SG", "JM", "MY", "KE", "GH"}
TOP_RANK = 2500
TOP_RANK_OTHER = 300
MIN_SHARE = 0.8
MAX_ROWS = 10_000
NAME = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
OUT = pathlib.Path(__file__).resolve().parent.parent / "pipelines" / "data" / "first_names.csv"


def main() -> int:
    import names_dataset  # imported here: only this script needs the package

    pkl = pathlib.Path(names_dataset.__file__).parent / "v3" / "first_names.pkl.gz"
    with gzip.open(pkl, "rb") as f:
        table = pickle.load(f)
    rows: list[tuple[int, str, str, float]] = []
    for name, info in table.items():
        gender = info.get("gender") or {}
        if not gender or len(name) < 2 or not NAME.fullmatch(name) or name != name.capitalize():
            continue
        g, share = max(gender.items(), key=lambda kv: kv[1] or 0.0)
        if share is None or share < MIN_SHARE:
            continue
        ranks = info.get("rank") or {}
        best = min(
            (r for c, r in ranks.items() if r is not None and r <= (TOP_RANK if c in WIDE else TOP_RANK_OTHER)),
            default=None,
        )
        if best is None:
            continue
        rows.append((best, name, g, share))
    rows.sort()
    kept = sorted(rows[:MAX_ROWS], key=lambda r: r[1])
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["first_name", "gender", "share"])
        for _, name, g, share in kept:
            w.writerow([name, g, f"{share:.3f}"])
    print(f"{len(kept)} names (of {len(rows)} with clear evidence) -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
