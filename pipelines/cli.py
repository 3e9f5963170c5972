"""``news-warehouse``: run the pipeline on a landing folder, land files, query the warehouse.

``run`` executes the same Dagster job the schedule and sensor run, in
process, one landing date at a time, then the dbt views once; it adds
arguments, progress and a summary, not a second pipeline.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import functools
import io
import json
import multiprocessing
import os
import shutil
import socket
import sys
import time
from pathlib import Path

from pipelines import landing, progress, search, settings, versions, warehouse

DEFAULT_LANDING = settings.DEFAULT_LANDING
DEFAULT_WAREHOUSE = settings.DEFAULT_WAREHOUSE
# Set by `run --ephemeral` for this process and its workers: an in-memory Dagster instance, nothing recorded.
_EPHEMERAL_ENV = "NEWS_WAREHOUSE_EPHEMERAL_INSTANCE"


class CliError(Exception):
    """A failure to report as one line and a non-zero exit."""


def _say(msg: str = "", *, quiet: bool = False) -> None:
    if not quiet:
        print(msg, flush=True)


def plan(landing_root: Path, target: str, only: list[str] | None, force: bool) -> tuple[list[str], list[str], bool]:
    """Which partitions to run, which are up to date, and whether dbt must build.

    Candidates are landing dates with files plus dates the warehouse has rows
    for (their files may be gone). A candidate is up to date when its last run
    completed with the same landing fingerprint and pipeline version; dbt is
    up to date when the dbt project has not changed since its last build and
    no partition was written after it (a ``--skip-views`` run leaves it due).
    """
    current = {d.isoformat(): fp for d, fp in landing.partitions(landing_root).items()}
    state: dict[str, tuple[str, str]] = {}
    dbt_built = None
    if warehouse.is_lake(target) or Path(target).exists():
        try:
            con = warehouse.connect(target, read_only=True)
        except Exception:  # noqa: BLE001 - an empty or unreachable target is planned as new
            con = None
        if con is not None:
            try:
                stale = ("select 'dbt', '', '' from meta.builds where name = 'dbt' "
                         "and built_at < (select max(updated_at) from meta.partition_state)")
                for sql in ("select distinct partition_date, '', '' from raw.files",
                            "select partition_date, fingerprint, pipeline_version from meta.partition_state",
                            "select 'dbt', version, '' from meta.builds where name = 'dbt'", stale):
                    try:
                        rows = con.execute(sql).fetchall()
                    except Exception:  # noqa: BLE001 - a warehouse from before this table existed
                        continue
                    for key, fp, version in rows:
                        if key == "dbt":
                            dbt_built = fp
                        else:
                            state[key.isoformat()] = (fp, version)
            finally:
                con.close()
    keys = set(current) | set(state)
    if only:
        bad = [k for k in only if not _is_date(k)]
        if bad:
            raise CliError(f"--partition expects YYYY-MM-DD, got {', '.join(bad)}")
        keys = set(only)
    empty = landing.fingerprint([])
    fresh = {k for k in keys if not force and not only
             and state.get(k) == (current.get(k, empty), versions.pipeline_version())}
    todo = sorted(keys - fresh)
    return todo, sorted(fresh), bool(todo) or force or dbt_built != versions.dbt_version()


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _target(value: str) -> str:
    """A DuckLake attach string as given, a DuckDB file as an absolute path."""
    return value if warehouse.is_lake(value) else str(Path(value).resolve())


# Step failures come back as one line (see _check); Dagster would also print the stack trace at ERROR.
_QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


def dagster_home() -> Path:
    """The Dagster instance `run` records in: DAGSTER_HOME, else .dagster_home/ (the one `make dev` opens).

    Created with the project's dagster.yaml when it does not exist yet.
    """
    home = Path(os.environ.get("DAGSTER_HOME") or settings.DEFAULT_DAGSTER_HOME).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() and settings.INSTANCE_TEMPLATE.exists():
        shutil.copyfile(settings.INSTANCE_TEMPLATE, config)
    return home


@functools.lru_cache(maxsize=1)
def _instance():
    """One Dagster instance for all runs of this process (a new instance costs ~0.2 s per run).

    The persistent instance of :func:`dagster_home`, so runs, materializations and asset-check results
    show in the UI; an in-memory one with ``--ephemeral``.
    """
    import dagster as dg

    if os.environ.get(_EPHEMERAL_ENV):
        return dg.DagsterInstance.ephemeral()
    os.environ["DAGSTER_HOME"] = str(dagster_home())  # worker processes inherit it
    instance = dg.DagsterInstance.get()
    release_abandoned_runs(instance)
    return instance


# Every run this CLI starts carries the process and host that run it, so a later run can tell a killed one.
_PID_TAG, _HOST_TAG = "news_warehouse/pid", "news_warehouse/host"


def _run_tags() -> dict[str, str]:
    return {_PID_TAG: str(os.getpid()), _HOST_TAG: socket.gethostname()}


def release_abandoned_runs(instance) -> list[str]:
    """Free the concurrency slots of runs whose `news-warehouse run` process died; return their run ids.

    A run killed mid-step (SIGKILL, out of memory) keeps its slot in the
    `warehouse_writer` pool (limit 1), and every later run would wait for it
    forever. A run of this CLI on this host whose process is gone is marked
    failed and its slots freed; runs started elsewhere (the UI, a daemon) are
    left to Dagster's own run monitoring. A finished run still holding a slot
    just has it freed.
    """
    released = []
    for run_id in instance.event_log_storage.get_concurrency_run_ids():
        run = instance.get_run_by_id(run_id)
        if run is not None and not run.is_finished:
            pid, host = run.tags.get(_PID_TAG), run.tags.get(_HOST_TAG)
            if not pid or host != socket.gethostname() or _alive(int(pid)):
                continue
            instance.report_run_failed(run, "the news-warehouse run process that ran it died")
        instance.event_log_storage.free_concurrency_slots_for_run(run_id)
        released.append(run_id)
    return released


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@functools.cache
def _defs(landing_root: str, target: str, data_path: str, processes: int = 0):
    """The Dagster definitions for this landing folder, warehouse and NLP processes, built once per process."""
    from pipelines.definitions import build_defs

    return build_defs(landing_root, target, data_path, processes)


def run_stats(result, run: str, seconds: float) -> dict:
    """Where a run's time went: each step's duration and the stage seconds its steps recorded as metadata."""
    import dagster as dg

    steps = {ev.step_key: ev.event_specific_data.duration_ms / 1000 for ev in result.all_events
             if ev.event_type == dg.DagsterEventType.STEP_SUCCESS}
    stages = {f"{ev.step_key}:{name[len('seconds_'):]}": value.value
              for ev in result.get_asset_materialization_events()
              for name, value in ev.event_specific_data.materialization.metadata.items() if name.startswith("seconds_")}
    return {"run": run, "run_s": round(seconds, 3), "steps": steps, "stages": stages}


def run_partition(landing_root: str, target: str, data_path: str, key: str,
                  processes: int = 0) -> tuple[str, str | None, dict]:
    """Materialize the Python assets of one landing date: (key, one-line error or None, :func:`run_stats`).

    A module-level function so ``--workers`` can run it in worker processes.
    """
    t = time.monotonic()
    defs = _defs(landing_root, target, data_path, processes)
    job = defs.resolve_job_def("ingest_partition")
    python_keys = [k for k in defs.resolve_all_asset_keys() if k.path[0] in ("raw", "core")]
    result = job.execute_in_process(partition_key=key, instance=_instance(), asset_selection=python_keys,
                                    run_config=_QUIET_LOGS, raise_on_error=False, tags=_run_tags())
    stats = run_stats(result, key, time.monotonic() - t)
    try:
        _check(result, key)
    except CliError as err:
        return key, str(err), stats
    return key, None, stats


def _start_worker(landing_root: str, target: str, data_path: str) -> None:
    """A ``--workers`` process loads the Dagster definitions and spaCy once, before its first partition.

    The pool keeps its processes for every partition it is given, so each
    worker pays this once per run, not once per partition.
    """
    from pipelines.dbt_child import die_with_parent
    from pipelines.text.nlp import load_nlp

    # A worker runs partitions and the dbt step: killed with the run, as the in-process steps are, so a
    # killed run leaves no worker writing (and holding the writer lock) on its own.
    die_with_parent(os.getppid())
    _defs(landing_root, target, data_path, 1)
    load_nlp()


def build_views_step(landing_root: str, target: str, data_path: str, processes: int,
                     partition_key: str) -> tuple[str | None, dict, str]:
    """Materialize the dbt assets once: (one-line error or None, :func:`run_stats`, the end of dbt's output).

    A module-level function so a ``--workers`` process can run it.
    """
    t = time.monotonic()
    defs = _defs(landing_root, target, data_path, processes)
    dbt_keys = [k for k in defs.resolve_all_asset_keys() if k.path[0] not in ("raw", "core")]
    dbt_log = io.StringIO()  # dagster-dbt echoes every dbt event to stdout; show it only on failure
    with contextlib.redirect_stdout(dbt_log):
        result = defs.resolve_job_def("ingest_partition").execute_in_process(
            partition_key=partition_key, instance=_instance(), asset_selection=dbt_keys,
            run_config=_QUIET_LOGS, raise_on_error=False, tags=_run_tags())
    stats = run_stats(result, "dbt", time.monotonic() - t)
    try:
        _check(result, "dbt build")
    except CliError as err:
        return str(err), stats, dbt_log.getvalue()[-4000:]
    return None, stats, ""


def _prepare_lake(target: str, data_path: str) -> None:
    """A DuckLake target: create its catalog and tables now, in this process, if they do not exist yet.

    In: the run's target and data path. A DuckDB file is left alone (its writers take turns on a lock).
    Otherwise the first partitions of parallel workers on a fresh lake race to create the catalog, and the
    loser opens the lake again (``warehouse.connection._open_lake``).
    """
    if warehouse.is_lake(target):
        warehouse.connect(target, data_path=data_path or None).close()


@contextlib.contextmanager
def _worker_pool(landing_root: str, target: str, data_path: str, workers: int):
    """``workers`` > 1: a pool of that many processes, each with the Dagster definitions and spaCy loaded once
    (:func:`_start_worker`), kept for every partition and the dbt step of the run. Else None."""
    if workers <= 1:
        yield None
        return
    ctx = multiprocessing.get_context("spawn")  # no forked Dagster/DuckDB state in the workers
    if os.environ.get(progress.MODE_ENV) != "off":
        os.environ[progress.MODE_ENV] = "plain"  # one live bar per terminal: workers print lines
    # One process per core parsing: one thread each for numpy/BLAS, as the NLP pool's workers have.
    for name in settings.MATH_THREAD_VARS:
        os.environ.setdefault(name, "1")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_start_worker,
                                                initargs=(landing_root, target, data_path)) as pool:
        # Start every worker now (the pool starts a process per task while none is idle): they load Dagster
        # and spaCy (~8 s) while this process creates the lake's catalog (~1 s). No partition is submitted
        # before the catalog exists.
        for _ in range(workers):
            pool.submit(os.getpid)
        _prepare_lake(target, data_path)
        try:
            yield pool
        except concurrent.futures.process.BrokenProcessPool as err:
            # The pool cannot deliver the others' results any more: stop them rather than wait
            # on workers that may block forever. Their uncommitted partitions keep their state.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            raise CliError("a worker process died (killed or out of memory); partitions not yet "
                           "committed keep their previous state; run again to finish") from err


def _run_partitions(landing_root: str, target: str, data_path: str, keys: list[str], processes: int, quiet: bool,
                    timings: list[dict], pool: concurrent.futures.ProcessPoolExecutor | None) -> list[str]:
    """Run each partition's Python assets; return the keys. Appends each run's :func:`run_stats` to ``timings``.

    Without a pool, partitions run one after another in this process and each
    parses its articles on ``processes`` cores (0: all, bounded by memory). With
    a pool of worker processes (``--workers``), as many partitions run at once,
    each in its own process parsing on one core.
    """
    if pool is None:
        for i, key in enumerate(keys, 1):
            _say(f"[{i}/{len(keys)}] {key}: ingest, clean, entities, quotes…", quiet=quiet)
            _, error, stats = run_partition(landing_root, target, data_path, key, processes)
            timings.append(stats)
            if error:
                raise CliError(error)
            _say(f"        done in {stats['run_s']:.1f}s", quiet=quiet)
        return list(keys)
    # Each worker parses its partition in its own process: the cores go to partitions, not to chunks.
    futures = [pool.submit(run_partition, landing_root, target, data_path, k, 1) for k in keys]
    for i, fut in enumerate(concurrent.futures.as_completed(futures), 1):
        key, error, stats = fut.result()
        timings.append(stats)
        if error:
            for other in futures:
                other.cancel()
            raise CliError(error)
        _say(f"[{i}/{len(keys)}] {key} done in {stats['run_s']:.1f}s", quiet=quiet)
    return list(keys)


def cmd_run(args: argparse.Namespace) -> int:
    landing_root = Path(args.landing).resolve()
    target = _target(args.warehouse)
    data_path = str(Path(args.data_path).resolve()) if args.data_path else ""
    if not landing_root.is_dir():
        raise CliError(f"landing folder {landing_root} does not exist or is not a folder")
    if args.workers < 1:
        raise CliError("--workers must be at least 1")
    if args.processes < 0:
        raise CliError("--processes must be 0 (every core) or more")
    if args.ephemeral:
        os.environ[_EPHEMERAL_ENV] = "1"
    if args.quiet:
        os.environ[progress.MODE_ENV] = "off"
    quiet = args.quiet
    _say(f"news-warehouse: {landing_root} -> {target}", quiet=quiet)
    keys, fresh, build_views = plan(landing_root, target, args.partition, args.force)
    build_views = build_views and not args.skip_views
    if fresh:
        _say(f"{len(fresh)} partition(s) unchanged since their last run: skipped (--force reruns them)", quiet=quiet)
    if not keys and not fresh:
        _say("nothing to do: no files under the landing folder", quiet=quiet)
    t0 = time.monotonic()
    timings: list[dict] = []
    try:
        ran = _run_and_build(args, landing_root, target, data_path, keys, fresh, build_views, timings)
    finally:
        if args.timings:
            Path(args.timings).write_text("".join(json.dumps(t) + "\n" for t in timings))
    _say(f"finished {len(ran)} partition(s) in {time.monotonic() - t0:.1f}s\n", quiet=quiet)
    if not quiet:
        print_summary(target)
    return 0


def _run_and_build(args, landing_root: Path, target: str, data_path: str, keys: list[str], fresh: list[str],
                   build_views: bool, timings: list[dict]) -> list[str]:
    """Run the partitions, then the dbt views once; return the partitions run."""
    quiet = args.quiet
    if keys or build_views:
        _say("loading pipeline (Dagster, dbt, spaCy)…", quiet=quiet)
    workers = min(args.workers, len(keys))
    with _worker_pool(str(landing_root), target, data_path, workers) as pool:
        if pool:
            _say(f"{len(keys)} partition(s) on {workers} worker processes", quiet=quiet)
        ran = _run_partitions(str(landing_root), target, data_path, keys, args.processes, quiet, timings, pool)
        if build_views and (ran or fresh):
            _say("building analytics views and running dbt tests…", quiet=quiet)
            # With --workers, a worker builds them: its Dagster definitions (made with processes=1, see
            # _start_worker) are loaded already, and this process never loaded them.
            step = (str(landing_root), target, data_path, 1 if pool else args.processes, (ran or fresh)[-1])
            error, stats, log_tail = pool.submit(build_views_step, *step).result() if pool else build_views_step(*step)
            timings.append(stats)
            if error:
                print(log_tail, file=sys.stderr)
                raise CliError(error)
            _say(f"        done in {stats['run_s']:.1f}s", quiet=quiet)
    if not args.skip_views:  # the index is built from the analytics tables: it follows them
        search.refresh(target, say=functools.partial(_say, quiet=quiet))  # skipped when nothing changed
    return ran


def _check(result, what: str) -> None:
    """Raise a one-line CliError for a failed step or a failed ERROR-severity asset check."""
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                err = event.step_failure_data.error
                msg = (err.cause.message if err and err.cause else (err.message if err else "failed")).strip()
                raise CliError(f"{what}: step {event.step_key} failed: {msg.splitlines()[-1] if msg else 'failed'}")
        raise CliError(f"{what}: run failed")
    for ev in result.get_asset_check_evaluations():
        if not ev.passed and ev.severity.value == "ERROR":
            raise CliError(f"{what}: asset check {ev.check_name} on {ev.asset_key.to_user_string()} failed: "
                           f"{ {k: v.value for k, v in ev.metadata.items()} }")


def print_summary(target: str) -> None:
    """Files by status, articles, mentions, quotes and the top speakers and entities, across the warehouse."""
    con = warehouse.connect(target, read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        files = dict(q("select status, count(*) from analytics.files group by status"))
        seen = sum(files.values())
        print(f"files seen {seen}: loaded {files.get('loaded', 0)}, duplicate {files.get('duplicate', 0)}, "
              f"rejected {files.get('rejected', 0)}")
        for path, reason in q("select source_path, reason from analytics.files where status = 'rejected' "
                              "order by 1 limit 10"):
            print(f"  rejected {path}: {reason}")
        (articles,), = q("select count(*) from analytics.articles")
        (mentions,), = q("select count(*) from analytics.entity_mentions")
        kinds = dict(q("select kind, count(*) from analytics.quotes group by kind"))
        print(f"articles {articles}, entity mentions {mentions}, quotes {sum(kinds.values())} "
              f"(direct {kinds.get('direct', 0)}, partial {kinds.get('partial', 0)}, reported {kinds.get('reported', 0)})")
        top_speakers = q("select speaker, quotes from analytics.speakers order by quotes desc, speaker limit 5")
        if top_speakers:
            print("top speakers: " + ", ".join(f"{s} ({n})" for s, n in top_speakers))
        top_entities = q("""select entity, label, count(*) n from analytics.entity_mentions
                            where label in ('PERSON','ORG','GPE') group by all order by n desc, entity limit 8""")
        if top_entities:
            print("top entities: " + ", ".join(f"{e} [{lbl}] ({n})" for e, lbl, n in top_entities))
    finally:
        con.close()
    print(f"\nquery it:  news-warehouse query \"select speaker, quote from analytics.quotes_with_entities limit 5\" "
          f"--warehouse '{target}'")
    print("explore:   make dev   (dagster dev on http://127.0.0.1:3000)")


def cmd_query(args: argparse.Namespace) -> int:
    target = args.warehouse
    if not warehouse.is_lake(target) and not Path(target).exists():
        raise CliError(f"no warehouse at {target}; run `news-warehouse run` first")
    try:
        con = warehouse.connect(target, read_only=True, timeout_s=args.wait,
                                on_wait=lambda m: print(m, file=sys.stderr))
    except warehouse.WarehouseBusy as err:
        raise CliError(str(err)) from err
    try:
        rel = con.sql(args.sql)
        if rel is None:
            return 0
        if args.format == "csv":
            import csv

            w = csv.writer(sys.stdout)
            w.writerow(rel.columns)
            w.writerows(rel.fetchall())
        else:
            rel.show(max_width=args.max_width, max_rows=args.max_rows)
    except Exception as err:  # duckdb errors: one line for the user
        raise CliError(str(err).splitlines()[0]) from err
    finally:
        con.close()
    return 0


def cmd_land(args: argparse.Namespace) -> int:
    """Copy files into the landing folder under today's (or --date's) partition folder."""
    date = args.date or dt.datetime.now(dt.UTC).date().isoformat()
    if not _is_date(date):
        raise CliError(f"--date expects YYYY-MM-DD, got {date}")
    target = Path(args.landing) / date
    target.mkdir(parents=True, exist_ok=True)
    for name in args.files:
        src = Path(name)
        if not src.is_file():
            raise CliError(f"{src} is not a file")
        # Copy then rename, so the sensor never sees a half-written file.
        tmp = target / f".{src.name}.part"
        shutil.copyfile(src, tmp)
        os.replace(tmp, target / src.name)
        print(f"landed {src} -> {target / src.name}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Ranked BM25 hits from analytics.search_quotes / analytics.search_articles (sql/search/build.sql)."""
    since = None
    if args.since:
        if not _is_date(args.since):
            raise CliError(f"--since expects YYYY-MM-DD, got {args.since}")
        since = dt.date.fromisoformat(args.since)
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    target = _target(args.warehouse)
    try:
        con, stale = search.open_for_search(target, on_wait=lambda m: print(m, file=sys.stderr))
    except search.SearchError as err:
        raise CliError(str(err)) from err
    try:
        if stale:
            print("note: the search index is older than the warehouse's data; the next `news-warehouse run` "
                  "rebuilds it", file=sys.stderr)
        columns, rows = search.search(con, args.query, quotes=not args.articles, since=since, limit=args.limit,
                                      all_terms=args.all)
    except Exception as err:  # duckdb errors: one line for the user
        raise CliError(str(err).splitlines()[0]) from err
    finally:
        con.close()
    if not rows:
        print(f"no {'articles' if args.articles else 'quotes'} match {args.query!r}")
        return 0
    for rank, row in enumerate(rows, 1):
        hit = dict(zip(columns, row))
        if args.articles:
            print(f"{rank:>3}. [{hit['score']:.2f}] {hit['article_date']}  {hit['title'] or '(no title)'}")
            print(f"       {hit['byline'] or ''}{' · ' if hit['byline'] else ''}{hit['source_path']}")
        else:
            print(f"{rank:>3}. [{hit['score']:.2f}] {hit['speaker'] or '(unknown speaker)'} ({hit['kind']}), "
                  f"{hit['article_date']}: \u201c{hit['quote']}\u201d")
            print(f"       in: {hit['title'] or '(no title)'}")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    """An interactive SQL session (harlequin) on the warehouse, read-only, with the project's extensions loaded."""
    import subprocess
    import tempfile

    import duckdb

    target = _target(args.warehouse)
    if not warehouse.is_lake(target) and not Path(target).exists():
        raise CliError(f"no warehouse at {target}; run `news-warehouse run` first")
    harlequin = shutil.which("harlequin", path=str(Path(sys.executable).parent)) or shutil.which("harlequin")
    if not harlequin:
        raise CliError("harlequin is not installed (it is in requirements.lock: make sql installs it)")
    # Install the extensions from their PyPI packages once, so that LOAD by name works in harlequin's session.
    with duckdb.connect() as con:
        warehouse.load_extensions(con)
        search.load_fts(con)
    init = ["LOAD fts;"]
    if warehouse.is_lake(target):
        init += ["LOAD ducklake;", "LOAD postgres_scanner;",
                 f"ATTACH '{target.replace(chr(39), chr(39) * 2)}' AS {warehouse.LAKE_ALIAS} (READ_ONLY);",
                 f"USE {warehouse.LAKE_ALIAS};"]
        conn = [":memory:"]  # in-memory session, the lake attached read-only
    else:
        conn = [target, "--read-only"]
    with tempfile.NamedTemporaryFile("w", suffix=".sql", prefix="news-warehouse-init-", delete=False) as fh:
        fh.write("\n".join(init) + "\n")
    try:
        extra = args.harlequin_args[1:] if args.harlequin_args[:1] == ["--"] else args.harlequin_args
        return subprocess.call([harlequin, *conn, "--init-path", fh.name, *extra])
    finally:
        os.unlink(fh.name)


def cmd_report(args: argparse.Namespace) -> int:
    """Write one self-contained HTML page of charts (plotly.js embedded) about what the warehouse holds."""
    from pipelines import report

    target = _target(args.warehouse)
    if not warehouse.is_lake(target) and not Path(target).exists():
        raise CliError(f"no warehouse at {target}; run `news-warehouse run` first")
    try:
        facts = report.write_report(target, Path(args.out), top=args.top)
    except report.ReportError as err:
        raise CliError(str(err)) from err
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} kB): {facts}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="news-warehouse", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="process every file under the landing folder into the warehouse")
    r.add_argument("--landing", default=str(DEFAULT_LANDING), help="landing folder (default: seeds/)")
    r.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE),
                   help="DuckDB file (default: data/warehouse.duckdb) or DuckLake attach string 'ducklake:postgres:…'")
    r.add_argument("--data-path", help="DuckLake only: folder for the Parquet data files (needed the first time)")
    r.add_argument("--workers", type=int, default=1,
                   help="partitions processed in parallel in this many processes, each parsing on one core "
                        "(default 1: one partition at a time, parsed on --processes cores)")
    r.add_argument("--processes", type=int, default=0,
                   help="with one worker: processes that parse a partition's articles (default 0: every core, "
                        "bounded by available memory; 1: parse in this process)")
    r.add_argument("--partition", action="append", metavar="YYYY-MM-DD", help="only this landing date (repeatable)")
    r.add_argument("--ephemeral", action="store_true",
                   help="do not record the runs in the Dagster instance (DAGSTER_HOME, default .dagster_home/)")
    r.add_argument("--force", action="store_true", help="rerun partitions even when nothing changed")
    r.add_argument("--skip-views", action="store_true",
                   help="write the partitions only; the dbt models (and their tests) wait for the next run "
                        "without this flag (a backfill of many dates in several runs builds them once)")
    r.add_argument("--quiet", action="store_true", help="no progress or summary")
    r.add_argument("--timings", metavar="FILE",
                   help="write where each Dagster run's time went (steps, stages) to FILE, one JSON line per run")
    r.set_defaults(func=cmd_run)
    q = sub.add_parser("query", help="run a SQL query on the warehouse (read-only)")
    q.add_argument("sql")
    q.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file or DuckLake attach string")
    q.add_argument("--format", choices=["table", "csv"], default="table")
    q.add_argument("--max-rows", type=int, default=40)
    q.add_argument("--max-width", type=int, default=200)
    q.add_argument("--wait", type=float, default=120, help="seconds to wait while a run holds the file (default 120)")
    q.set_defaults(func=cmd_query)
    la = sub.add_parser("land", help="copy files into the landing folder (atomically) for the sensor to pick up")
    la.add_argument("files", nargs="+")
    la.add_argument("--landing", default=str(DEFAULT_LANDING))
    la.add_argument("--date", help="landing date folder (default: today, UTC)")
    la.set_defaults(func=cmd_land)
    se = sub.add_parser("search", help="BM25 full-text search over quotes (default) or articles")
    se.add_argument("query", help="words, any of which may match (no phrases, operators or wildcards)")
    kind = se.add_mutually_exclusive_group()
    kind.add_argument("--quotes", action="store_true", help="search quotes and their speakers (default)")
    kind.add_argument("--articles", action="store_true", help="search article titles and bodies")
    se.add_argument("--since", metavar="YYYY-MM-DD", help="only hits whose article date is on or after this day")
    se.add_argument("--limit", type=int, default=10, help="number of hits (default 10)")
    se.add_argument("--all", action="store_true", help="only hits containing every query word")
    se.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file (search is not available on a DuckLake)")
    se.set_defaults(func=cmd_search)
    sq = sub.add_parser("sql", help="interactive SQL session on the warehouse (harlequin, read-only)")
    sq.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file or DuckLake attach string")
    sq.add_argument("harlequin_args", nargs=argparse.REMAINDER, help="passed on to harlequin (after --)")
    sq.set_defaults(func=cmd_sql)
    rp = sub.add_parser("report", help="write a self-contained HTML page of charts about the warehouse")
    rp.add_argument("--out", required=True, metavar="FILE.html")
    rp.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file or DuckLake attach string")
    rp.add_argument("--top", type=int, default=12, help="speakers and entities per chart (default 12)")
    rp.set_defaults(func=cmd_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CliError as err:
        print(f"news-warehouse: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("news-warehouse: interrupted; the warehouse keeps its last committed state", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
