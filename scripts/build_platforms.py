#!/usr/bin/env python3
"""Derive pipelines/data/platforms.tsv, the social-platform names the entity rules read, from trafilatura.

    python scripts/build_platforms.py [OUT]

Source: trafilatura 2.3.1 (Apache-2.0, https://pypi.org/project/trafilatura/, already a project
dependency, pinned in requirements.lock), ``trafilatura.utils.RE_FILTER``: the share-button labels
of social platforms that trafilatura strips from page text ("Facebook", "Twitter", "WeChat", ...).
Its alternatives are read from the regex; the ones that are not platform names (print/mail
buttons and German/English "more on this" labels: ``NOT_PLATFORMS``) are dropped.

Why: the small model tags these names PERSON ("across Twitter on Monday") or GPE ("one user on
Weibo") in most articles, and they are some of the commonest organisations in web news.

Out: ``name<TAB>canonical`` (the canonical spelling, e.g. "Linkedin" -> "LinkedIn" where the
source writes it otherwise; lookups are case-insensitive), after ``#`` header lines. Not a .csv:
every pipelines/data/*.csv is a dbt seed.
"""

from __future__ import annotations

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "pipelines" / "data" / "platforms.tsv"
# RE_FILTER alternatives that label a button, not a platform
NOT_PLATFORMS = {"drucken", "e-?mail", "mail", "pdf", "print", "pocket"}
# the platforms' own spelling where trafilatura's regex (case-insensitive) writes it otherwise
SPELLING = {"Linkedin": "LinkedIn", "WeiBo": "Weibo", "Whatsapp": "WhatsApp"}


def main() -> int:
    import trafilatura
    from trafilatura.utils import RE_FILTER

    body = re.search(r"\((.*)\)", RE_FILTER.pattern).group(1)
    names = []
    for alt in body.split("|"):
        if alt.lower() in NOT_PLATFORMS or not re.fullmatch(r"[A-Za-z]+", alt):
            continue  # button labels and the "Mehr zum Thema:?" / "More on this.{,8}$" patterns
        names.append(SPELLING.get(alt, alt))
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# Social-platform names for pipelines.text.entities, made by scripts/build_platforms.py.\n")
        f.write(f"# Data: trafilatura {trafilatura.__version__} (Apache-2.0), trafilatura.utils.RE_FILTER.\n")
        f.write("# name\tcanonical\n")
        for name in sorted(set(names)):
            f.write(f"{name.lower()}\t{name}\n")
    print(f"{len(set(names))} platform names -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
