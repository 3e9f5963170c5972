#!/usr/bin/env python3
"""Build a throwaway warehouse for each gold file and print the scorer's lines.

    python scripts/eval.py [GOLD ...] [--keep]

Default gold files: <shared>/acceptance/seed_gold.json, tests/fixtures/bbc_dev_gold.json,
tests/fixtures/html_dev_gold.json and tests/fixtures/polnear_entity_gold.json (entities only).
<shared> is <repo>/../shared unless NEWS_WAREHOUSE_SHARED is set.

For each gold file, in a fresh temporary directory:
- copy every article it names into <tmp>/landing/<date>/<key>:
  seeds:    <shared>/seeds/<key>                        -> landing/2015-11-26/<key>
  BBC:      <shared>/corpora/bbc/<folder>/<file> (key "<folder>_<file>") -> landing/2005-01-01/<key>
  html-dev: <shared>/corpora/html-dev/pages/<key> (key "<64 hex>.html")  -> landing/2019-11-20/<key>
  PolNeAR:  <shared>/corpora/polnear/dev/text/<key> (key "<publisher>_<YYYY-MM-DD>_<slug>.txt")
            -> landing/<YYYY-MM-DD>/<key> (the date in the key)
- run  <repo>/.venv/bin/news-warehouse run --landing <tmp>/landing --warehouse <tmp>/w.duckdb
- run  <venv python> <shared>/acceptance/score.py --warehouse <tmp>/w.duckdb --gold <gold>
- print "== <gold file name>" and the scorer's output;
- if tests/fixtures/speaker_gender_gold.json exists ({speaker: {"gender": female|male|unknown,
  "evidence": ...}}, see its .md) and the warehouse has analytics.speakers, read
  `select speaker, gender from analytics.speakers` (plus gender_source when present; read-only,
  through the venv python) and, for this gold file's speakers (quotes and reported_speech) found
  there by canonical name, else by one of the gold's alias forms, print
  "gender: accuracy=<x> (<right>/<n> speakers with a known gold gender), coverage=<y> (<n>/<m>), wrong=[...]":
  m = those speakers whose gold gender is female/male, n = those of them the warehouse calls
  female/male (accuracy = right/n; an `unknown` answer is not wrong, it lowers coverage = n/m),
  wrong = "<speaker>: gold <g>, got <g> (<gender_source>)". Gold `unknown` speakers are not scored.
  A missing view or gender column prints "gender: skipped (...)" and does not change the exit code.
- run  <venv python> scripts/score_strict.py --warehouse <tmp>/w.duckdb --gold <gold> and print its lines: every
  gold quote scored, exact speakers (a null gold speaker against its `strict_speaker` list), mention strings
  (see that script and tests/fixtures/bbc_dev_gold.md), for a gold with quotes (not the entity-only PolNeAR gold);
Then, unless --no-polnear, PolNeAR dev: `<venv python> <shared>/acceptance/polnear.py --split dev` (its own
warehouse, about 2 minutes; its table and summary line printed under "== polnear dev").
Exits 1 if any step fails for any gold file (the others still run). Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("NEWS_WAREHOUSE_SHARED") or (REPO.parent / "shared")).resolve()
BBC_FOLDERS = ("business", "entertainment", "politics", "sport", "tech")
HTML_DEV_KEY = re.compile(r"[0-9a-f]{64}\.html")
POLNEAR_KEY = re.compile(r"[a-z-]+_(\d{4}-\d{2}-\d{2})_[^/]+\.txt")
VENV_BIN = REPO / ".venv" / "bin"
GENDER_GOLD = REPO / "tests" / "fixtures" / "speaker_gender_gold.json"


def venv_python() -> str:
    p = VENV_BIN / "python"
    return str(p) if p.exists() else sys.executable


def source_for(key: str) -> tuple[pathlib.Path, str]:
    """Source file and landing date folder for a gold key."""
    if HTML_DEV_KEY.fullmatch(key):
        return SHARED / "corpora" / "html-dev" / "pages" / key, "2019-11-20"
    polnear = POLNEAR_KEY.fullmatch(key)
    if polnear:
        return SHARED / "corpora" / "polnear" / "dev" / "text" / key, polnear.group(1)
    folder, _, rest = key.partition("_")
    if folder in BBC_FOLDERS and rest:
        return SHARED / "corpora" / "bbc" / folder / rest, "2005-01-01"
    return SHARED / "seeds" / key, "2015-11-26"


def run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)


# Run by the venv python (duckdb lives there): analytics.speakers of a warehouse as JSON, or an error line.
_SPEAKER_GENDERS = """
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
cols = {r[0] for r in con.execute("select column_name from information_schema.columns "
                                  "where table_schema = 'analytics' and table_name = 'speakers'").fetchall()}
if not cols:
    sys.exit("no analytics.speakers view")
if "gender" not in cols:
    sys.exit("analytics.speakers has no gender column")
src = "gender_source" if "gender_source" in cols else "null"
print(json.dumps(con.execute(f"select speaker, gender, {src} from analytics.speakers").fetchall()))
"""


def gender_line(gold: dict, warehouse: pathlib.Path) -> str | None:
    """The "gender: ..." line for one gold file's warehouse, or None without a gender gold."""
    if not GENDER_GOLD.is_file():
        return None
    try:
        labels = json.loads(GENDER_GOLD.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return f"gender: skipped (cannot read {GENDER_GOLD.name}: {e})"
    got = run([venv_python(), "-c", _SPEAKER_GENDERS, str(warehouse)])
    if got.returncode != 0:
        return f"gender: skipped ({(got.stderr.strip().splitlines() or ['query failed'])[-1]})"
    predicted = {speaker: (gender, source) for speaker, gender, source in json.loads(got.stdout)}
    speakers, aliases = set(), {}
    for art in gold.values():
        for q in art.get("quotes", []) + art.get("reported_speech", []):
            if q.get("speaker"):
                speakers.add(q["speaker"])
        for name, forms in (art.get("aliases") or {}).items():
            aliases.setdefault(name, []).extend(forms)
    right, answered, known, wrong = 0, 0, 0, []
    for name in sorted(speakers):
        gold_gender = (labels.get(name) or {}).get("gender")
        if gold_gender not in ("female", "male"):
            continue
        form = next((f for f in [name] + aliases.get(name, []) if f in predicted), None)
        if form is None:
            continue
        known += 1
        gender, source = predicted[form]
        if gender not in ("female", "male"):
            continue
        answered += 1
        if gender == gold_gender:
            right += 1
        else:
            wrong.append(f"{name}: gold {gold_gender}, got {gender} ({source})")
    accuracy = round(right / answered, 3) if answered else 0.0
    coverage = round(answered / known, 3) if known else 0.0
    return (f"gender: accuracy={accuracy} ({right}/{answered} speakers with a known gold gender), "
            f"coverage={coverage} ({answered}/{known}), wrong={wrong}")


def eval_one(gold_path: pathlib.Path, keep: bool) -> bool:
    print(f"== {gold_path.name}", flush=True)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        print(f"cannot read gold {gold_path}: {e}")
        return False
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="nw-eval-"))
    try:
        landing = tmp / "landing"
        for key in gold:
            src, day = source_for(key)
            if not src.is_file():
                print(f"source for {key} not found: {src}")
                return False
            dst = landing / day / key
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
        warehouse = tmp / "w.duckdb"
        cli = VENV_BIN / "news-warehouse"
        if not cli.exists():
            print(f"CLI not found: {cli}")
            return False
        build = run([str(cli), "run", "--landing", str(landing), "--warehouse", str(warehouse)])
        if build.returncode != 0:
            print(f"news-warehouse run failed (exit {build.returncode}):")
            print((build.stdout + build.stderr).rstrip()[-4000:])
            return False
        score = run([venv_python(), str(SHARED / "acceptance" / "score.py"),
                     "--warehouse", str(warehouse), "--gold", str(gold_path)])
        out = (score.stdout + score.stderr).rstrip()
        if out:
            print(out)
        line = gender_line(gold, warehouse)
        if line:
            print(line, flush=True)
        if score.returncode != 0:
            print(f"score.py failed (exit {score.returncode})")
            return False
        if not any(article.get("quotes") for article in gold.values()):
            return True  # an entity-only gold (PolNeAR entities): no quote for the strict scorer to read
        strict = run([venv_python(), str(REPO / "scripts" / "score_strict.py"), "--warehouse", str(warehouse),
                      "--gold", str(gold_path)])
        print((strict.stdout + strict.stderr).rstrip(), flush=True)
        if strict.returncode != 0:
            print(f"score_strict.py failed (exit {strict.returncode})")
            return False
        return True
    finally:
        if keep:
            print(f"(kept {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=pathlib.Path,
                    default=[SHARED / "acceptance" / "seed_gold.json", REPO / "tests" / "fixtures" / "bbc_dev_gold.json",
                             REPO / "tests" / "fixtures" / "html_dev_gold.json",
                             REPO / "tests" / "fixtures" / "polnear_entity_gold.json"])
    ap.add_argument("--keep", action="store_true", help="keep the temporary landing folder and warehouse")
    ap.add_argument("--no-polnear", action="store_true", help="skip the PolNeAR dev run")
    args = ap.parse_args()
    ok = True
    for g in args.gold:
        ok = eval_one(g.resolve(), args.keep) and ok
    if not args.no_polnear:
        ok = eval_polnear() and ok
    return 0 if ok else 1


def eval_polnear() -> bool:
    """PolNeAR dev (a peer-annotated corpus the rules are never tuned on): its scorer's table and summary."""
    print("== polnear dev", flush=True)
    script = SHARED / "acceptance" / "polnear.py"
    if not script.is_file():
        print(f"polnear.py not found: {script}")
        return False
    got = run([venv_python(), str(script), "--split", "dev"])
    print((got.stdout + got.stderr).rstrip(), flush=True)
    if got.returncode != 0:
        print(f"polnear.py failed (exit {got.returncode})")
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
