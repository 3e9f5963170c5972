#!/usr/bin/env python3
"""Learn from PolNeAR train which verbs report speech in a clause: pipelines/data/report_verbs.tsv.

    .venv/bin/python scripts/build_report_verbs.py [--data ../shared/corpora/polnear] [--out pipelines/data/report_verbs.tsv]

PolNeAR (Newell, Margolin, Ruths, LREC 2018) marks every attribution in 840 train articles: a source, a cue
and the content. This script parses each train article's body (cleaned as the pipeline cleans a .txt file)
with the project's spaCy model, and for every verb whose clause the reported-speech rule would read
(:func:`pipelines.text.quotes.clauses.clause_of`, whatever the verb: ``X said (that) CLAUSE``, ``CLAUSE, X
argued``, ``Now, he said, CLAUSE``, ``As X reported, CLAUSE``, ``urged X to …``, ``reported spending …``,
``noted the …``, ``asked about …``, ``warned of …``, ``… was first reported by X``, ``The deal, announced Friday``;
and for every noun of vocab.REPORT_NOUNS or speech verb tagged a noun,
:func:`pipelines.text.quotes.clauses.noun_clause_of`: ``his promise to …``) asks whether an
annotator marked it: a gold attribution whose cue covers the verb and whose content the span covers at least
30% of (polnear.py's match rule). Per (lemma, shape) it writes how often the shape was seen and how often it
was such an attribution.

It also counts, per lemma, how often the verb was the cue of a quotation in double marks: what says it is a
speech verb at all (PolNeAR marks beliefs and intentions too, "wants", "believes", which never introduce a
quotation). Columns: ``lemma  shape  seen  attributed  share  quoted  verbs`` (share = attributed / seen;
verbs = every use of the lemma as a verb), sorted. The rule keeps a pair of a speech verb (``quoted`` at
least ``REPORT_MIN_QUOTED`` of its ``verbs``) seen at least
``REPORT_MIN_SEEN`` times with a share of at least ``REPORT_MIN_SHARE``
(:func:`pipelines.text.lexicons.report_verb_shapes`). Only counts leave the corpus, never its text. Dev is
not read.
"""
from __future__ import annotations

import argparse
import collections
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = pathlib.Path(os.environ.get("NEWS_WAREHOUSE_SHARED", ROOT.parent / "shared")).resolve()
sys.path.insert(0, str(ROOT))


MARKS = set("\"“”„«»‘’'`")
DOUBLE_MARKS = set("\"“”„«»")


def attributions(ann: str, text: str) -> list[tuple[set[int], set[int], bool]]:
    """BRAT standoff -> (cue character offsets, content character offsets, content has quote marks) per
    attribution (E line); content without whitespace and quote marks, as polnear.py compares spans."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _typ, _, rng = parts[1].partition(" ")
            spans[parts[0]] = [tuple(map(int, r.split())) for r in rng.split(";") if len(r.split()) == 2]
    out = []
    for line in ann.splitlines():
        if not line.startswith("E"):
            continue
        roles: dict[str, set[int]] = collections.defaultdict(set)
        for arg in line.split("\t")[1].split()[1:]:
            role, _, tid = arg.partition(":")
            for s, e in spans.get(tid, []):
                roles[re.sub(r"\d+$", "", role)].update(range(s, e))
        content = {i for i in roles["Content"] if i < len(text) and not text[i].isspace() and text[i] not in MARKS}
        quoted = any(i < len(text) and text[i] in DOUBLE_MARKS for i in roles["Content"])
        if roles["Cue"] and content:
            out.append((roles["Cue"], content, quoted))
    return out


def body_offsets(text: str, body: str) -> list[int | None]:
    """Offset in ``text`` of every character of ``body`` (the cleaner only collapses whitespace and drops
    lines), found paragraph by paragraph with whitespace ignored; None where nothing maps."""
    tpos = [i for i, c in enumerate(text) if not c.isspace()]
    tstr = "".join(text[i] for i in tpos)
    out: list[int | None] = [None] * len(body)
    cursor = 0
    for m in re.finditer(r"[^\n]+", body):
        bpos = [m.start() + j for j, c in enumerate(m.group()) if not c.isspace()]
        k = tstr.find("".join(body[b] for b in bpos), cursor)
        if k < 0 or not bpos:
            continue
        for n, b in enumerate(bpos):
            out[b] = tpos[k + n]
        cursor = k + len(bpos)
    return out


def count_shapes(articles) -> tuple[collections.Counter, collections.Counter, collections.Counter, collections.Counter]:
    """Per (lemma, shape): how often :func:`clause_of` read that shape, and how often an annotator marked it;
    per lemma: how often it was the cue of a quotation in double marks.

    In: ``(text, body, ann, doc)`` per article: the corpus text, the body the pipeline made of it, its BRAT
    annotation, the parsed body. Out: ``(seen, attributed)`` counters keyed by ``(lemma, shape)``, and
    ``quoted`` and ``verbs`` (every use as a verb) keyed by lemma. A verb that introduces quotations is a
    speech verb: "said", "vowed", "tweeted" do, "wants", "believes", "seems" (beliefs and intentions, which
    PolNeAR also marks) hardly ever do.
    """
    from pipelines.text.quotes.clauses import clause_of, noun_clause_of
    from pipelines.text.vocab import REPORT_NOUNS, REPORT_VERBS, SPEECH_ACT_VERBS, SPEECH_VERBS

    # nouns counted: the speech nouns, and speech verbs the parser took for nouns ("Trump predicts that …")
    nouns = REPORT_NOUNS | SPEECH_VERBS | REPORT_VERBS | SPEECH_ACT_VERBS

    seen: collections.Counter[tuple[str, str]] = collections.Counter()
    hit: collections.Counter[tuple[str, str]] = collections.Counter()
    quoted: collections.Counter[str] = collections.Counter()
    verbs: collections.Counter[str] = collections.Counter()
    for text, body, ann, doc in articles:
        if doc.text != body:
            raise SystemExit(f"the parsed docs are not the train bodies in order (at {body[:60]!r})")
        gold = attributions(ann, text)
        where = body_offsets(text, body)
        verb_at = {where[t.idx]: t for t in doc if t.pos_ == "VERB" and where[t.idx] is not None}
        for cue, _content, marked in gold:
            if marked:
                quoted.update({verb_at[i].lemma_.lower() for i in cue if i in verb_at})
        for tok in doc:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in nouns:
                span = noun_clause_of(doc, tok)
            elif tok.pos_ == "VERB" and tok.lemma_.isalpha():
                verbs[tok.lemma_.lower()] += 1
                span = clause_of(doc, tok)
            else:
                continue
            if span is None or span[1] <= span[0]:
                continue
            key = (tok.lemma_.lower(), span[2])
            seen[key] += 1
            cue = {where[i] for i in range(tok.idx, tok.idx + len(tok.text)) if where[i] is not None}
            a, b = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
            clause = {where[i] for i in range(a, b) if where[i] is not None and not body[i].isspace()}
            if cue and clause and any(cue & c and len(clause & content) >= 0.3 * len(content) for c, content, _ in gold):
                hit[key] += 1
    return seen, hit, quoted, verbs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=pathlib.Path, default=SHARED / "corpora" / "polnear")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "pipelines" / "data" / "report_verbs.tsv")
    ap.add_argument("--docs", type=pathlib.Path,
                    help="a DocBin of the train bodies already parsed by this pipeline, in file-name order (skips parsing)")
    args = ap.parse_args(argv)
    import spacy

    from pipelines.text import nlp as project_nlp
    from pipelines.text.clean import clean_article

    # The stock pipeline (its lemmatizer on every token, so any verb's lemma is known) plus the alias ruler.
    nlp = spacy.load(project_nlp.MODEL)
    nlp.add_pipe("alias_ruler", after="ner")
    train = args.data / "train"
    items = []
    for path in sorted((train / "text").glob("*.txt")):
        anns = sorted((train / "attributions").glob(f"{path.stem}_*.ann"))
        if anns:
            text = path.read_text(encoding="utf-8")
            items.append((text, clean_article(text).body, anns[0].read_text(encoding="utf-8")))
    if args.docs:
        from spacy.tokens import DocBin

        docs = DocBin().from_disk(args.docs).get_docs(nlp.vocab)
    else:
        docs = nlp.pipe((b for _, b, _ in items), batch_size=32)
    seen, hit, quoted, verbs = count_shapes((text, body, ann, doc) for (text, body, ann), doc in zip(items, docs, strict=True))
    rows = sorted(seen)
    args.out.write_text(
        "# made by scripts/build_report_verbs.py from PolNeAR train (counts only)\n"
        "# lemma\tshape\tseen\tattributed\tshare\tquoted (times the verb was the cue of a quotation in marks)"
        "\tverbs (times the lemma was a verb)\n"
        + "".join(f"{lemma}\t{shape}\t{seen[lemma, shape]}\t{hit[lemma, shape]}\t{hit[lemma, shape] / seen[lemma, shape]:.3f}"
                  f"\t{quoted[lemma]}\t{verbs[lemma]}\n" for lemma, shape in rows),
        encoding="utf-8",
    )
    print(f"{len(items)} train articles, {len(rows)} (verb, shape) pairs -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
