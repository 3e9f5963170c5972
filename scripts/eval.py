#!/usr/bin/env python3
"""Build a throwaway warehouse for each gold file and print the scorer's lines.

    python scripts/eval.py [GOLD ...] [--keep]

Default gold files: <shared>/acceptance/seed_gold.json, tests/fixtures/bbc_dev_gold.json and
tests/fixtures/html_dev_gold.json.
<shared> is <repo>/../shared unless NEWS_WAREHOUSE_SHARED is set.

For each gold file, in a fresh temporary directory:
- copy every article it names into <tmp>/landing/<date>/<key>:
  seeds:    <shared>/seeds/<key>                        -> landing/2015-11-26/<key>
  BBC:      <shared>/corpora/bbc/<folder>/<file> (key "<folder>_<file>") -> landing/2005-01-01/<key>
  html-dev: <shared>/corpora/html-dev/pages/<key> (key "<64 hex>.html")  -> landing/2019-11-20/<key>
- run  <repo>/.venv/bin/news-warehouse run --landing <tmp>/landing --warehouse <tmp>/w.duckdb
- run  <venv python> <shared>/acceptance/score.py --warehouse <tmp>/w.duckdb --gold <gold>
- print "== <gold file name>" and the scorer's output.
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
VENV_BIN = REPO / ".venv" / "bin"


def venv_python() -> str:
    p = VENV_BIN / "python"
    return str(p) if p.exists() else sys.executable


def source_for(key: str) -> tuple[pathlib.Path, str]:
    """Source file and landing date folder for a gold key."""
    if HTML_DEV_KEY.fullmatch(key):
        return SHARED / "corpora" / "html-dev" / "pages" / key, "2019-11-20"
    folder, _, rest = key.partition("_")
    if folder in BBC_FOLDERS and rest:
        return SHARED / "corpora" / "bbc" / folder / rest, "2005-01-01"
    return SHARED / "seeds" / key, "2015-11-26"


def run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)


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
        if score.returncode != 0:
            print(f"score.py failed (exit {score.returncode})")
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
                             REPO / "tests" / "fixtures" / "html_dev_gold.json"])
    ap.add_argument("--keep", action="store_true", help="keep the temporary landing folder and warehouse")
    args = ap.parse_args()
    ok = True
    for g in args.gold:
        ok = eval_one(g.resolve(), args.keep) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
