#!/usr/bin/env python3
"""Every entity mention and quote the text core extracts from a fixed sample, as JSON lines, for refactors.

    .venv/bin/python scripts/extraction_snapshot.py OUT.jsonl [--limit-bbc N]

The sample: every BBC file of ../shared/corpora/bbc whose number is a multiple of 5 (445 articles, cleaned as
the pipeline cleans a .txt file) and every PolNeAR dev text. One line per article: its key, its mentions
(mention, label, entity, offsets) and its quotes (every field of ``Quote``). A change that must not alter
extraction (a refactor) is checked by writing a snapshot before and after and comparing the two files
(``cmp`` or ``diff``); any difference names the article and the rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = pathlib.Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")).resolve()


def sample() -> list[tuple[str, str]]:
    """``(key, body)`` pairs of the sample, in a fixed order."""
    from pipelines.text.clean import clean_article
    from pipelines.text.decode import decode_bytes

    out = []
    for path in sorted((SHARED / "corpora" / "bbc").glob("*/*.txt")):
        if int(path.stem) % 5 == 0:
            out.append((f"bbc/{path.parent.name}/{path.name}", clean_article(decode_bytes(path.read_bytes()).text).body))
    for path in sorted((SHARED / "corpora" / "polnear" / "dev" / "text").glob("*")):
        out.append((f"polnear/{path.name}", path.read_text(encoding="utf-8")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    args = parser.parse_args(argv)
    from pipelines.text.extract import extract_all

    items = sample()
    with args.out.open("w", encoding="utf-8") as fh:
        for (key, _), ex in zip(items, extract_all(body for _, body in items)):
            fh.write(json.dumps({"key": key, "mentions": [dataclasses.asdict(m) for m in ex.mentions],
                                 "quotes": [dataclasses.asdict(q) for q in ex.quotes]}, ensure_ascii=False) + "\n")
    print(f"{len(items)} articles -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
