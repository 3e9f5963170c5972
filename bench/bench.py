"""Speed and memory benchmark of ``news-warehouse run`` against bare spaCy (issue 7).

Run from the repository root: ``.venv/bin/python -m bench.bench [--scale 5] [--quick] [--corpus DIR] [--keep]``

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
   warehouse's own Dagster instance, beside its file); step and stage seconds come from
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
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (
    DEFAULT_CORPUS,
    RESULTS,
    ROOT,
    build_landing,
    child_env,
    corpus_files,
    git_rev,
    machine_facts,
    partition_loads,
    recomputed,
    step_stats,
    subset,
    warehouse_facts,
    write_throughput,
)
from bench.processes import SWAP_S, run_child, run_side_by_side

VENV_BIN = Path(sys.executable).parent
CLI = VENV_BIN / "news-warehouse"
# The measuring children (bench/children.py), each in a process of its own.
CHILD = [sys.executable, "-m", "bench.children"]
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
    ap.add_argument("--one-after-the-other", action="store_true",
                    help="measures 1 and 2 one after the other, each alone on the machine (default: side by side)")
    ap.add_argument("--no-two-cores", action="store_true", help="skip measure 7 (both cores)")
    args = ap.parse_args()

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
        base_cmd = [*CHILD, "baseline", str(flist)]
        full_cmd = cli_cmd(landing, db, tmp / "full.timings.jsonl")
        side_by_side = not args.one_after_the_other and len(os.sched_getaffinity(0)) >= 2
        if side_by_side:
            say(f"1+2/7 bare baseline and full pipeline over {len(files)} files, side by side (one core each, "
                f"swapping every {SWAP_S:.0f} s)")
            full, base_res = run_side_by_side(full_cmd, child_env(), tmp / "full.log", base_cmd + ["--keep-going"],
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
        res = run_child([*CHILD, "postsplit", str(flist), "--sample", str(args.sample)],
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
            res = run_child([*CHILD, "baseline", str(flist), "--n-process", "2"],
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

