#!/usr/bin/env python3
"""Score a warehouse against a development gold strictly: every quote, exact speakers, mention strings.

    .venv/bin/python scripts/score_strict.py --warehouse W.duckdb --gold tests/fixtures/bbc_dev_gold.json [--json]

``../shared/acceptance/score.py`` (shared, lenient) skips a gold quote whose speaker is null, accepts any
prediction ending in the gold's last name ("Cherie Blair" for "Tony Blair") and never reads
``speaker_mention``. This scorer, run by ``scripts/eval.py`` after it, is as strict as a user reading the rows:

- **Quotes** (direct and partial): a prediction matches a gold quote when their texts are equal once case,
  whitespace and the marks and punctuation at the edges are set aside (score.py also takes overlaps);
  one-to-one, in gold order. P, R, F1.
- **Speakers**, on every matched gold quote: a named gold speaker is right only when the predicted speaker
  is that name or one of the article's alias forms for it; a quote whose gold speaker is null is scored
  against its ``strict_speaker`` list (the description the article gives, "BBC spokeswoman", and the
  organisation it names, "BBC"; an empty list: nobody is named or described, so the speaker must be NULL).
  Leading determiners are dropped on both sides ("a BBC spokeswoman" = "BBC spokeswoman"). Any other answer,
  NULL included, is wrong. A null gold speaker without a ``strict_speaker`` list (a gold made for
  score.py only, such as the shared seed gold) is not scored and is counted as ``unannotated``.
  ``speaker_accuracy`` is over matched quotes, ``speaker_end_to_end`` over all gold.
- **Mentions**, on every matched quote with a predicted speaker: ``speaker_mention`` must occur in the body
  as written and be the speaker's own words (share a word with the speaker), a pronoun, or the description.
- **Reported speech**: a gold entry is found when a ``reported`` row contains its clause and names its
  speaker by the rule above.

Prints one line per error, then ``strict: ...``. Exit 0 (a measurement). Needs the ``duckdb`` package only.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import unicodedata

QUOTE_MARKS = "\"'“”‘’«»„‚`´"
DETERMINERS = ("a", "an", "the", "one", "another", "some", "several", "this", "that", "these", "those")
PRONOUNS = frozenset("he she it they him her i we you them who his its their".split())


def norm(s: str | None) -> str:
    """Case-folded, NFKC, one space, without the marks and punctuation at the ends (score.py's ``norm``)."""
    s = unicodedata.normalize("NFKC", s or "").casefold().replace("’", "'").replace("‘", "'")
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(QUOTE_MARKS + " .,;:!?–—-")


def norm_speaker(s: str | None) -> str:
    """A speaker or description compared without its leading determiners: "A BBC spokeswoman" -> "bbc spokeswoman"."""
    words = norm(s).split()
    while len(words) > 1 and words[0] in DETERMINERS:
        words.pop(0)
    return " ".join(words)


def words(s: str | None) -> set[str]:
    return set(re.findall(r"\w+", norm(s)))


def accepted(gold_quote: dict, aliases: dict[str, list[str]]) -> set[str] | None:
    """The speakers a prediction may give for a gold quote (normalised), or None when only NULL is right."""
    if gold_quote.get("speaker"):
        name = gold_quote["speaker"]
        return {norm_speaker(name)} | {norm_speaker(a) for a in aliases.get(name, [])}
    forms = gold_quote.get("strict_speaker") or []
    return {norm_speaker(f) for f in forms} or None


def speaker_right(pred: str | None, forms: set[str] | None) -> bool:
    if forms is None:
        return not pred
    return bool(pred) and norm_speaker(pred) in forms


def mention_right(row: dict, body: str, forms: set[str] | None) -> bool:
    """``speaker_mention`` is in the body as written and names the speaker (a word of it), or is a pronoun or
    the gold description."""
    mention = row.get("speaker_mention")
    if not mention or mention not in body:
        return False
    if norm(mention) in PRONOUNS:
        return True
    if words(mention) & words(row.get("speaker")):
        return True
    return bool(forms) and norm_speaker(mention) in forms


def load(warehouse: str) -> tuple[dict[str, dict], list[dict]]:
    import duckdb

    con = duckdb.connect(warehouse, read_only=True)
    try:
        tables = {r[0] for r in con.execute("select table_schema || '.' || table_name from information_schema.tables").fetchall()}
        src = "analytics.quotes" if "analytics.quotes" in tables else "core.quotes"
        arts = {pathlib.PurePosixPath(str(sp).replace("\\", "/")).name: dict(article_id=aid, body=body or "")
                for aid, sp, body in con.execute("select article_id, source_path, body from core.articles").fetchall()}
        cur = con.execute(f"select article_id, quote, kind, speaker, speaker_mention, start_char from {src} "
                          "order by article_id, start_char")
        cols = [d[0] for d in cur.description]
        quotes = [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()
    return arts, quotes


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(warehouse: str, gold: dict) -> dict:
    arts, quotes = load(warehouse)
    c = dict(q_gold=0, q_pred=0, q_tp=0, sp_n=0, unannotated=0, sp_ok=0, sp_described=0, sp_described_ok=0,
             m_n=0, m_ok=0, rep_n=0, rep_ok=0)
    errors: list[str] = []
    for name, g in gold.items():
        aliases = g.get("aliases", {})
        gq = [q for q in g["quotes"] if q["kind"] in ("direct", "partial")]
        c["q_gold"] += len(gq)
        c["rep_n"] += len(g.get("reported_speech", []))
        art = arts.get(name)
        if art is None:
            errors.append(f"{name} missing")
            continue
        rows = [q for q in quotes if q["article_id"] == art["article_id"]]
        pq = [q for q in rows if q["kind"] in ("direct", "partial")]
        c["q_pred"] += len(pq)
        used: set[int] = set()
        for gqq in gq:
            hit = next((i for i, p in enumerate(pq) if i not in used and norm(p["quote"]) == norm(gqq["quote"])), None)
            if hit is None:
                errors.append(f"{name} quote_missed: {gqq['quote'][:70]!r}")
                continue
            used.add(hit)
            c["q_tp"] += 1
            if not gqq.get("speaker") and "strict_speaker" not in gqq:
                c["unannotated"] += 1
                continue
            c["sp_n"] += 1
            forms = accepted(gqq, aliases)
            row = pq[hit]
            described = not gqq.get("speaker")
            c["sp_described"] += described
            if speaker_right(row["speaker"], forms):
                c["sp_ok"] += 1
                c["sp_described_ok"] += described
            else:
                want = gqq.get("speaker") or (gqq.get("strict_speaker") or ["NULL"])
                errors.append(f"{name} speaker_wrong: {gqq['quote'][:45]!r}: gold {want!r}, got {row['speaker']!r} "
                              f"({row.get('speaker_mention')!r})")
            if row["speaker"]:
                c["m_n"] += 1
                if mention_right(row, art["body"], forms):
                    c["m_ok"] += 1
                else:
                    errors.append(f"{name} mention_wrong: {gqq['quote'][:45]!r}: speaker {row['speaker']!r}, "
                                  f"mention {row.get('speaker_mention')!r}")
        for i, p in enumerate(pq):
            if i not in used:
                errors.append(f"{name} quote_extra: {p['quote'][:70]!r}")
        reported = [q for q in rows if q["kind"] == "reported"]
        for rs in g.get("reported_speech", []):
            forms = {norm_speaker(rs["speaker"])} | {norm_speaker(a) for a in aliases.get(rs["speaker"], [])}
            if any(norm(rs["contains"]) in norm(r["quote"]) and speaker_right(r["speaker"], forms) for r in reported):
                c["rep_ok"] += 1
            else:
                errors.append(f"{name} reported_missed: {rs['contains'][:60]!r} ({rs['speaker']})")
    p, r, f = prf(c["q_tp"], c["q_pred"], c["q_gold"])
    return dict(
        errors=errors, counts=c, quote_f1=round(f, 3), quote_precision=round(p, 3), quote_recall=round(r, 3),
        speaker_accuracy=round(c["sp_ok"] / c["sp_n"], 3) if c["sp_n"] else 0.0,
        speaker_end_to_end=round(c["sp_ok"] / (c["q_gold"] - c["unannotated"]), 3) if c["q_gold"] > c["unannotated"] else 0.0,
        described_speaker_accuracy=round(c["sp_described_ok"] / c["sp_described"], 3) if c["sp_described"] else None,
        mention_accuracy=round(c["m_ok"] / c["m_n"], 3) if c["m_n"] else None,
        reported_speech_recall=round(c["rep_ok"] / c["rep_n"], 3) if c["rep_n"] else None,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warehouse", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    r = score(args.warehouse, json.loads(pathlib.Path(args.gold).read_text(encoding="utf-8")))
    if args.json:
        print(json.dumps(r, indent=1, ensure_ascii=False))
        return 0
    for e in r["errors"]:
        print(e)
    c = r["counts"]
    print(f"strict: quote_f1={r['quote_f1']} quote_precision={r['quote_precision']} quote_recall={r['quote_recall']} "
          f"speaker_accuracy={r['speaker_accuracy']} ({c['sp_ok']}/{c['sp_n']} matched"
          f"{', ' + str(c['unannotated']) + ' null speakers without strict_speaker not scored' if c['unannotated'] else ''}) "
          f"speaker_end_to_end={r['speaker_end_to_end']} described_speakers={r['described_speaker_accuracy']} "
          f"({c['sp_described_ok']}/{c['sp_described']}) mention_accuracy={r['mention_accuracy']} "
          f"reported_speech_recall={r['reported_speech_recall']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
