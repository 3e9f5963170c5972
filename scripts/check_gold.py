#!/usr/bin/env python3
"""Validate a hand-made gold file against the source articles it describes.

    python scripts/check_gold.py [GOLD ...]          # default: tests/fixtures/bbc_dev_gold.json
    python scripts/check_gold.py --selection         # reprint the seeded BBC sample (see bbc_dev_gold.md)

Checks, for every article of every gold file:
- the source file exists (BBC key `<folder>_<file>` -> corpora/bbc/<folder>/<file>,
  otherwise seeds/<key>) and decodes (UTF-8, falling back to cp1252);
- `title` equals line 1 of the decoded text (BBC; for other sources it must occur in the text);
- every quote's text equals text[start:end] of the decoded file, kind is direct/partial,
  speaker is a non-empty string or null, and a null speaker has a `strict_speaker` list (scripts/score_strict.py);
- every reported_speech `contains` occurs verbatim and has a speaker;
- every alias surface form occurs verbatim in the text, every alias key is a listed entity;
- keys/fields have the seed_gold.json shape.
Exit status 1 with one line per problem, 0 when everything holds. Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import random
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("NEWS_WAREHOUSE_SHARED", REPO.parent / "shared"))
BBC = SHARED / "corpora" / "bbc"
FOLDERS = ("business", "entertainment", "politics", "sport", "tech")
FIELDS = {"title", "published_date", "byline", "boilerplate_removed", "quotes", "reported_speech", "entities", "aliases"}


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def source_path(key: str) -> pathlib.Path:
    folder, _, rest = key.partition("_")
    if folder in FOLDERS and rest:
        return BBC / folder / rest
    return SHARED / "seeds" / key


def check(gold_path: pathlib.Path) -> list[str]:
    problems: list[str] = []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for key, g in gold.items():
        where = f"{gold_path.name}:{key}"
        p = source_path(key)
        if not p.is_file():
            problems.append(f"{where}: source file {p} not found")
            continue
        text = decode(p.read_bytes())
        if set(g) != FIELDS:
            problems.append(f"{where}: fields {sorted(set(g) ^ FIELDS)} missing or unexpected")
        bbc = BBC in p.parents
        if bbc and g.get("title") != text.split("\n", 1)[0].strip():
            problems.append(f"{where}: title {g.get('title')!r} != line 1 {text.splitlines()[0]!r}")
        elif not bbc and (not g.get("title") or g["title"] not in text):
            problems.append(f"{where}: title {g.get('title')!r} not in text")
        for i, q in enumerate(g.get("quotes", [])):
            s, e = q.get("start"), q.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                problems.append(f"{where}: quote {i} bad offsets {s},{e}")
            elif text[s:e] != q.get("quote"):
                problems.append(f"{where}: quote {i} {q.get('quote', '')[:40]!r} != text[{s}:{e}] {text[s:e][:40]!r}")
            if q.get("kind") not in ("direct", "partial"):
                problems.append(f"{where}: quote {i} kind {q.get('kind')!r}")
            if q.get("speaker") is not None and not (isinstance(q["speaker"], str) and q["speaker"].strip()):
                problems.append(f"{where}: quote {i} speaker {q.get('speaker')!r}")
            strict = q.get("strict_speaker")
            if q.get("speaker") is None and not (isinstance(strict, list) and all(isinstance(f, str) for f in strict)):
                problems.append(f"{where}: quote {i} has no speaker and no strict_speaker list (scripts/score_strict.py)")
        starts = [q.get("start") for q in g.get("quotes", [])]
        if len(set(starts)) != len(starts):
            problems.append(f"{where}: two quotes share a start offset")
        for i, r in enumerate(g.get("reported_speech", [])):
            if not r.get("speaker"):
                problems.append(f"{where}: reported {i} has no speaker (null speakers can never be scored)")
            if not r.get("contains") or r["contains"] not in text:
                problems.append(f"{where}: reported {i} contains-clause not in text: {r.get('contains', '')[:60]!r}")
        names = {n for v in g.get("entities", {}).values() for n in v}
        for label in g.get("entities", {}):
            if label not in ("PERSON", "ORG", "GPE"):
                problems.append(f"{where}: entity label {label!r}")
        for canon, forms in g.get("aliases", {}).items():
            if canon not in names:
                problems.append(f"{where}: alias key {canon!r} is not a listed entity")
            for f in forms:
                if f not in text:
                    problems.append(f"{where}: alias form {f!r} of {canon!r} not in text")
    return problems


def selection(per_folder: int = 5, max_words: int = 500) -> None:
    """Reprint the seeded sample described in tests/fixtures/bbc_dev_gold.md."""
    groups: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for f in FOLDERS:
        for p in sorted((BBC / f).glob("*.txt")):
            raw = p.read_bytes()
            groups.setdefault(hashlib.sha256(raw).hexdigest(), []).append(f"{f}/{p.name}")
            texts[f"{f}/{p.name}"] = decode(raw)
    dup = {k for v in groups.values() if len(v) > 1 for k in v}
    ok = lambda k: k not in dup and len(texts[k].split()) <= max_words  # noqa: E731
    for f in FOLDERS:
        pool = [k for k in sorted(texts) if k.startswith(f + "/") and ok(k) and '"' in texts[k]]
        random.Random(f"news-warehouse-dev-gold-{f}").shuffle(pool)
        print(f"{f}: pool {len(pool)}, sample {pool[:per_folder]}")
    pool = [k for k in sorted(texts) if ok(k) and '"' not in texts[k]]
    random.Random("news-warehouse-dev-gold-noquote").shuffle(pool)
    print(f"no-quote: pool {len(pool)}, sample {pool[:2]}")
    print(f"excluded as byte-identical duplicates: {len(dup)} files in {sum(len(v) > 1 for v in groups.values())} groups")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", default=[str(REPO / "tests" / "fixtures" / "bbc_dev_gold.json")])
    ap.add_argument("--selection", action="store_true", help="reprint the seeded sample and exit")
    args = ap.parse_args()
    if args.selection:
        selection()
        return 0
    bad = 0
    for g in args.gold:
        path = pathlib.Path(g)
        problems = check(path)
        gold = json.loads(path.read_text(encoding="utf-8"))
        quotes = [q for a in gold.values() for q in a["quotes"]]
        print(f"{path.name}: {len(gold)} articles, {len(quotes)} quotes "
              f"({sum(q['kind'] == 'direct' for q in quotes)} direct, {sum(q['kind'] == 'partial' for q in quotes)} partial; "
              f"{sum(q['speaker'] is None for q in quotes)} null speakers), "
              f"{sum(len(a['reported_speech']) for a in gold.values())} reported, "
              f"{sum(bool(a['entities']) for a in gold.values())} with entities: "
              f"{'OK' if not problems else f'{len(problems)} problems'}")
        for p in problems:
            print("  " + p)
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
