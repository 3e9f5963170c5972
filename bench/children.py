"""The bench's measuring children: bare spaCy (the baseline) and the entity + quote post-processing split.

Each runs in a process of its own, started by ``bench/bench.py`` as

    python -m bench.children baseline FILE_LIST [--n-process N] [--keep-going]
    python -m bench.children postsplit FILE_LIST [--sample N]

and prints one JSON line. Nothing heavy is imported before a child's clock starts: the baseline's time
includes importing and loading spaCy, as the full run's does.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import sys
import time
from pathlib import Path

from bench.common import ROOT


def product_pipe_settings() -> dict:
    """``batch_size``/``n_process``/``max_batch_chars`` the product uses: extract_all's defaults, overridden at the
    asset's call site."""
    from pipelines.text.extract import MAX_BATCH_CHARS, extract_all

    sig = inspect.signature(extract_all)
    settings = {k: sig.parameters[k].default for k in ("batch_size", "n_process", "max_batch_chars")}
    settings["max_batch_chars"] = settings["max_batch_chars"] or MAX_BATCH_CHARS
    src = (ROOT / "pipelines" / "defs" / "assets.py").read_text()
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "extract_all":
            for kw in node.keywords:
                if kw.arg in settings:
                    try:
                        settings[kw.arg] = ast.literal_eval(kw.value)
                    except ValueError:
                        settings[kw.arg + "_at_call_site"] = ast.unparse(kw.value)
    return settings


def baseline_child(file_list: Path, n_process: int | None = None, keep_going: bool = False) -> None:
    """Child mode: the bare baseline (``n_process`` overrides the product's). Prints one JSON line.

    ``keep_going``: after the timed pass (and its JSON line), parse the texts again, untimed, until
    killed, so that a run beside it (measure 1+2) has company until it ends.
    """
    t_start = time.perf_counter()
    c_start = time.process_time()
    import spacy

    from pipelines.text.decode import decode_bytes
    from pipelines.text.extract import batches
    from pipelines.text.nlp import MODEL

    t_imported = time.perf_counter()
    nlp = spacy.load(MODEL)  # bare: the stock model, every component on every token (not load_nlp())
    t_loaded = time.perf_counter()
    settings = product_pipe_settings()
    if n_process:
        settings["n_process"] = n_process
    paths = json.loads(file_list.read_text())
    texts = [decode_bytes(Path(p).read_bytes()).text for p in paths]
    t_read = time.perf_counter()
    docs = tokens = ents = 0
    if settings["n_process"] > 1:  # the product batches by count only then
        groups = [texts]
    else:  # the product's batches: at most batch_size texts and max_batch_chars characters, one pipe call each
        groups = [[t for _, _, t in g] for g in batches([(i, 0, t) for i, t in enumerate(texts)],
                                                          settings["batch_size"], settings["max_batch_chars"])]
    for group in groups:
        for doc in nlp.pipe(group, batch_size=settings["batch_size"], n_process=settings["n_process"]):
            docs += 1
            tokens += len(doc)
            ents += len(doc.ents)
    t_pipe = time.perf_counter()
    cpu = time.process_time() - c_start
    print(json.dumps({
        "settings": settings, "pipeline": nlp.pipe_names, "files": len(paths), "docs": docs,
        "words": sum(len(t.split()) for t in texts), "tokens": tokens, "ents": ents,
        "import_s": t_imported - t_start, "load_nlp_s": t_loaded - t_imported, "read_decode_s": t_read - t_loaded,
        "pipe_s": t_pipe - t_read, "timed_s": t_pipe - t_start, "timed_cpu_s": cpu,
    }), flush=True)
    while keep_going:
        for group in groups:
            for _ in nlp.pipe(group, batch_size=settings["batch_size"], n_process=settings["n_process"]):
                pass


def postsplit_child(file_list: Path, sample_n: int) -> None:
    """Child mode, not part of the baseline: nlp.pipe vs entity + quote post-processing on a sample."""
    from pipelines.text.decode import decode_bytes
    from pipelines.text.entities import extract_entities
    from pipelines.text.nlp import load_nlp
    from pipelines.text.quotes import extract_quotes

    nlp = load_nlp()
    settings = product_pipe_settings()
    paths = json.loads(file_list.read_text())
    paths = paths[:: max(1, len(paths) // sample_n)][:sample_n]
    sample = [decode_bytes(Path(p).read_bytes()).text for p in paths]
    pipe_s = post_s = 0.0
    it = iter(nlp.pipe(sample, batch_size=settings["batch_size"], n_process=1))
    while True:
        t0 = time.perf_counter()
        try:
            doc = next(it)
        except StopIteration:
            break
        t1 = time.perf_counter()
        extract_quotes(doc, extract_entities(doc))
        post_s += time.perf_counter() - t1
        pipe_s += t1 - t0
    print(json.dumps({"docs": len(sample), "words": sum(len(t.split()) for t in sample),
                      "pipe_s": pipe_s, "entities_quotes_s": post_s}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.children", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="child", required=True)
    base = sub.add_parser("baseline", help="bare spaCy over the files, timed; one JSON line")
    base.add_argument("file_list", type=Path, help="JSON list of file paths")
    base.add_argument("--n-process", type=int, help="override the product's n_process")
    base.add_argument("--keep-going", action="store_true", help="after the timed pass, parse again until killed")
    split = sub.add_parser("postsplit", help="nlp.pipe vs entity + quote post-processing on a sample; one JSON line")
    split.add_argument("file_list", type=Path, help="JSON list of file paths")
    split.add_argument("--sample", type=int, default=100, help="docs in the sample (default 100)")
    args = ap.parse_args(argv)
    if args.child == "baseline":
        baseline_child(args.file_list, args.n_process, args.keep_going)
    else:
        postsplit_child(args.file_list, args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
