"""Pick the story-clustering threshold by measurement: precision and recall of MinHash near-duplicate detection.

    .venv/bin/python -m bench.story_threshold [--copies 300] [--seed 7]

Pairs from ../shared/corpora/bbc (never copied into the repo), bodies cleaned
as the pipeline cleans them:
- positives: the corpus's byte-identical duplicates, and for ``--copies``
  sampled articles two made-up wire copies each: *light* (new headline, last
  paragraph dropped, 3 words changed, a credit line added) and *heavy* (new
  headline, last two paragraphs dropped, 8 words changed, a credit line and a
  one-sentence editor's note added);
- the corpus's own near-duplicates: same-section pairs whose estimated
  Jaccard similarity is at least ``--near`` (0.6), each the same story re-run
  with small edits (the list is printed: check it by eye; the README says what
  was checked);
- negatives: every other pair of distinct articles in the same BBC section
  (same topic, follow-ups included: the hardest unrelated pairs this corpus has).
A pair is found when the LSH bands (b bands of r rows, as analytics.story_pairs
uses them) make it a candidate and the estimated containment of the smaller
body's shingles in the larger reaches the threshold. Prints, per band setting
and threshold, recall on each kind of positive, false pairs among the
negatives and precision; writes bench/results/story-threshold.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

import numpy as np

from bench.common import ROOT
from pipelines.rows import article_id
from pipelines.text.clean import clean_article
from pipelines.text.decode import decode_bytes
from pipelines.text.similarity import containment, signature

BBC = Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")) / "corpora" / "bbc"
CREDITS = ["(Reporting by Staff Writers; editing by the Wire Desk)", "Copyright 2005 Wire Service. All rights reserved."]


def wire_copy(raw: str, rng: random.Random, vocab: list[str], drop: int, changes: int, note: bool) -> str:
    """A re-run of an article as a wire service might send it: new headline, paragraphs dropped, words changed."""
    lines = raw.strip().split("\n")
    paragraphs = [p for p in "\n".join(lines[1:]).split("\n\n") if p.strip()]
    kept = paragraphs[:-drop] if len(paragraphs) > drop + 1 else paragraphs[:1]
    words = "\n\n".join(kept).split(" ")
    for i in rng.sample(range(len(words)), min(changes, len(words))):
        words[i] = rng.choice(vocab)
    body = " ".join(words)
    if note:
        body = "Editor's note: this story was updated with new figures.\n\n" + body
    return f"WIRE: {lines[0]} (updated)\n\n{body}\n\n{rng.choice(CREDITS)}\n"


def bands(sig: np.ndarray, b: int, r: int) -> list[bytes]:
    return [sig[i * r:(i + 1) * r].tobytes() for i in range(b)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--near", type=float, default=0.6, help="Jaccard at which a corpus pair counts as the same story")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files = sorted(p for d in sorted(BBC.iterdir()) if d.is_dir() for p in sorted(d.glob("*.txt")))
    raws = [decode_bytes(p.read_bytes()).text for p in files]
    bodies = [clean_article(t).body for t in raws]
    sections = [p.parent.name for p in files]
    ids = [article_id(b) for b in bodies]
    signed = [signature(b) for b in bodies]
    sigs = np.array([s for s, _ in signed], dtype=np.uint32)
    sizes = [n for _, n in signed]
    vocab = sorted({w for b in bodies[:200] for w in b.split() if w.isalpha()})
    by_id: dict[str, list[int]] = {}
    for i, aid in enumerate(ids):
        by_id.setdefault(aid, []).append(i)
    exact = [(g[0], g[k]) for g in by_id.values() for k in range(1, len(g))]
    sample = rng.sample([g[0] for g in by_id.values()], args.copies)
    copies = {}
    for kind, drop, changes, note in (("light", 1, 3, False), ("heavy", 2, 8, True)):
        made = [signature(clean_article(wire_copy(raws[i], rng, vocab, drop, changes, note)).body) for i in sample]
        copies[kind] = [(np.array(s, dtype=np.uint32), n) for s, n in made]
    firsts = sorted(g[0] for g in by_id.values())
    near, negatives = [], []
    for k, i in enumerate(firsts):
        same = [j for j in firsts[k + 1:] if sections[j] == sections[i]]
        if not same:
            continue
        jac = (sigs[same] == sigs[i]).mean(axis=1)
        for j, v in zip(same, jac):
            (near if v >= args.near else negatives).append((i, j, float(v)))
    rows = []
    for b, r in ((16, 8), (21, 6), (25, 5), (32, 4), (42, 3)):
        for t in (0.6, 0.7, 0.8, 0.85, 0.9, 0.95):

            def found(x: np.ndarray, nx: int, y: np.ndarray, ny: int, b: int = b, r: int = r, t: float = t) -> bool:
                if not any(p == q for p, q in zip(bands(x, b, r), bands(y, b, r))):
                    return False
                return containment(float((x == y).mean()), nx, ny) >= t

            rec = {
                "exact": sum(found(sigs[i], sizes[i], sigs[j], sizes[j]) for i, j in exact) / len(exact),
                "corpus_near": sum(found(sigs[i], sizes[i], sigs[j], sizes[j]) for i, j, _ in near) / len(near),
                **{kind: sum(found(sigs[i], sizes[i], c, n) for i, (c, n) in zip(sample, made)) / len(sample)
                   for kind, made in copies.items()},
            }
            false = [(i, j) for i, j, v in negatives if v >= 0.1 and found(sigs[i], sizes[i], sigs[j], sizes[j])]
            tp = (rec["exact"] * len(exact) + rec["corpus_near"] * len(near)
                  + (rec["light"] + rec["heavy"]) * len(sample))
            rows.append({"bands": b, "rows": r, "threshold": t, "recall": rec, "false_pairs": len(false),
                         "precision": round(tp / (tp + len(false)), 4) if tp + len(false) else None,
                         "false_examples": [f"{files[i].relative_to(BBC)} ~ {files[j].relative_to(BBC)}"
                                            for i, j in false[:5]]})
    print(f"{len(files)} BBC files: {len(exact)} exact-duplicate pairs, {len(near)} near-duplicate pairs "
          f"(Jaccard >= {args.near}), {args.copies} light and {args.copies} heavy wire copies, "
          f"{len(negatives):,} same-section negative pairs")
    for i, j, v in sorted(near, key=lambda x: -x[2]):
        print(f"  near {v:.2f}  {files[i].relative_to(BBC)} ~ {files[j].relative_to(BBC)}")
    print(f"{'b x r':>7} {'contain>=':>9} {'exact':>6} {'near':>6} {'light':>6} {'heavy':>6} {'false':>6} {'precision':>9}")
    for row in rows:
        rc = row["recall"]
        print(f"{row['bands']:>3}x{row['rows']:<3} {row['threshold']:>9} {rc['exact']:>6.3f} {rc['corpus_near']:>6.3f} "
              f"{rc['light']:>6.3f} {rc['heavy']:>6.3f} {row['false_pairs']:>6} {row['precision']:>9}")
        for ex in row["false_examples"][:2]:
            print(f"{'':>18}false: {ex}")
    out = ROOT / "bench" / "results" / "story-threshold.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"negatives": len(negatives), "exact_pairs": len(exact), "near_pairs": len(near),
                               "copies": args.copies, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
