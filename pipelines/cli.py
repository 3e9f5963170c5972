"""``news-warehouse``: run the pipeline on a landing folder, land files, query the warehouse.

``run`` executes the same Dagster job the schedule and sensor run, in
process, one landing date at a time, then the dbt views once; it adds
arguments, progress and a summary, not a second pipeline. This module parses
arguments, prints, and turns failures into one line and an exit code; what a
run does is ``pipelines.runner``'s.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import functools
import gc
import json
import os
import shlex
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pipelines import nlp_pool, runner, search, settings, warehouse

DEFAULT_LANDING = settings.DEFAULT_LANDING
DEFAULT_WAREHOUSE = settings.DEFAULT_WAREHOUSE


class CliError(Exception):
    """A failure to report as one line and a non-zero exit."""


@contextlib.contextmanager
def _one_line(*errors: type[Exception]) -> Iterator[None]:
    """Report ``errors`` (the one-line failures of the layers below) as :class:`CliError`."""
    try:
        yield
    except errors as err:
        raise CliError(str(err)) from err


def _say(msg: str = "", *, quiet: bool = False) -> None:
    if not quiet:
        print(msg, flush=True)


def _target(value: str) -> str:
    """A DuckLake attach string as given, a DuckDB file as an absolute path."""
    return value if warehouse.is_lake(value) else str(Path(value).resolve())


def _require_warehouse(target: str) -> None:
    """Fail with one line when ``target`` is a DuckDB file that does not exist (a lake is checked on attach)."""
    if not warehouse.is_lake(target) and not Path(target).exists():
        raise CliError(f"no warehouse at {target}; run `news-warehouse run` first")


def _require_writable(target: str) -> None:
    """Fail with one line, at once, when the DuckDB file ``target`` cannot be written (a lake is checked on attach).

    Its folder must exist or be creatable, and take a new file (DuckDB writes the database and its WAL
    there); an existing file must be writable. A probe file is created and removed, so a read-only mount
    fails for root too (permission bits alone do not). E.g. a path under a regular file fails with
    "cannot write the warehouse at /tmp/f/w.duckdb: /tmp/f is not a folder".
    """
    if warehouse.is_lake(target):
        return
    path = Path(target)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        existing = next((p for p in (folder, *folder.parents) if p.exists()), folder)
        reason = f"{existing} is not a folder" if not existing.is_dir() else f"cannot create {folder} ({err.strerror})"
        raise CliError(f"cannot write the warehouse at {target}: {reason}") from err
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".news-warehouse-probe-"):
            pass
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(errno.EACCES, "Permission denied")
    except OSError as err:
        what = f"cannot create a file in {folder}" if not path.exists() else f"cannot write {path}"
        raise CliError(f"cannot write the warehouse at {target}: {what} ({err.strerror or err})") from err


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> None:
    """SIGTERM (what Docker, Kubernetes and systemd send before SIGKILL) stops a run as Ctrl-C does.

    Python's default for SIGTERM ends the process on the spot: no rollback message, and worker processes
    left to notice on their own. Inside a Dagster step Dagster maps SIGTERM to its SIGINT handler, and the
    steps turn that into a stop (``runner.steps.stop_if_interrupted``); between steps this handler does.
    """
    signal.signal(signal.SIGTERM, _interrupt)


def cmd_run(args: argparse.Namespace) -> int:
    landing_root = Path(args.landing).resolve()
    target = args.warehouse
    data_path = str(Path(args.data_path).resolve()) if args.data_path else ""
    if not landing_root.is_dir():
        raise CliError(f"landing folder {landing_root} does not exist or is not a folder")
    _require_writable(target)
    if args.workers < 1:
        raise CliError("--workers must be at least 1")
    if args.processes < 0:
        raise CliError("--processes must be 0 (every core) or more")
    _stop_on_sigterm()
    quiet = args.quiet
    say = functools.partial(_say, quiet=quiet)
    config = runner.StepConfig(str(landing_root), target, data_path, args.processes, ephemeral=args.ephemeral,
                               progress="off" if quiet else "")
    say(f"news-warehouse: {landing_root} -> {target}")
    with _one_line(runner.RunError):
        plan = runner.plan(landing_root, target, args.partition, args.force)
    if plan.fresh:
        say(f"{len(plan.fresh)} partition(s) unchanged since their last run: skipped (--force reruns them)")
    if not plan.todo and not plan.fresh:
        say("nothing to do: no files under the landing folder")
    t0 = time.monotonic()
    timings: list[dict] = []
    try:
        ran = runner.execute(config, plan, workers=args.workers, skip_views=args.skip_views, say=say, timings=timings)
    except runner.ViewsFailed as err:
        print(err.log_tail, file=sys.stderr)
        raise CliError(str(err)) from err
    except (runner.RunError, search.SearchError) as err:
        raise CliError(str(err)) from err
    finally:
        if args.timings:
            Path(args.timings).write_text("".join(json.dumps(t) + "\n" for t in timings))
    say(f"finished {len(ran)} partition(s) in {time.monotonic() - t0:.1f}s\n")
    if quiet:
        return 0
    if args.skip_views:  # the views (and so the summary's counts) are those of an earlier run, or none yet
        print("views not built (--skip-views): the next run without it builds them and prints the summary")
    else:
        print_summary(target)
    return 0


def _program() -> str:
    """The command that runs news-warehouse from the user's shell, as this process was started: a hint
    printed with it can be pasted as is.

    ``news-warehouse`` when that name on PATH is this console script; else the script as invoked (e.g.
    ``.venv/bin/news-warehouse`` from ``make run``); under ``python -m pipelines.cli``, the console script
    beside that Python, by absolute path; and that Python with ``-m pipelines.cli`` when there is none.
    """
    invoked = Path(sys.argv[0]) if sys.argv and Path(sys.argv[0]).name == "news-warehouse" else None
    script = invoked or Path(sys.executable).parent / "news-warehouse"
    if not script.is_file():
        return f"{shlex.quote(sys.executable)} -m pipelines.cli"
    on_path = shutil.which("news-warehouse")
    if on_path and Path(on_path).resolve() == script.resolve():
        return "news-warehouse"
    return shlex.quote(str(script if invoked else script.absolute()))


def print_summary(target: str) -> None:
    """Files by status, articles, mentions, quotes, the most quoted people and organisations (apart) and the top
    entities, across the warehouse."""
    s = runner.summarize(target)
    print(f"files seen {sum(s.files.values())}: loaded {s.files.get('loaded', 0)}, "
          f"duplicate {s.files.get('duplicate', 0)}, rejected {s.files.get('rejected', 0)}")
    for path, reason in s.rejected:
        print(f"  rejected {path}: {reason}")
    kinds = s.quote_kinds
    print(f"articles {s.articles}, entity mentions {s.mentions}, quotes {sum(kinds.values())} "
          f"(direct {kinds.get('direct', 0)}, partial {kinds.get('partial', 0)}, reported {kinds.get('reported', 0)})")
    for kind, title in (("person", "top people quoted"), ("organisation", "top organisations quoted")):
        if s.top_speakers.get(kind):
            print(f"{title}: " + ", ".join(f"{name} ({n})" for name, n in s.top_speakers[kind]))
    if s.top_entities:
        print("top entities: " + ", ".join(f"{e} [{lbl}] ({n})" for e, lbl, n in s.top_entities))
    quoted = "'" + target.replace("'", "'\\''") + "'"  # a single-quoted shell word, whatever the path holds
    print(f"\nquery it:  {_program()} query \"select speaker, quote from analytics.quotes_with_entities limit 5\" "
          f"--warehouse {quoted}")
    print(f"explore:   {_program()} dev --warehouse {quoted}   (the Dagster UI on http://127.0.0.1:3000)")


def cmd_query(args: argparse.Namespace) -> int:
    target = args.warehouse
    with _one_line(warehouse.WarehouseBusy):
        con = warehouse.connect(target, read_only=True, timeout_s=args.wait,
                                on_wait=lambda m: print(m, file=sys.stderr))
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
    if not runner.is_date(date):
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
        if not runner.is_date(args.since):
            raise CliError(f"--since expects YYYY-MM-DD, got {args.since}")
        since = dt.date.fromisoformat(args.since)
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    with _one_line(search.SearchError):
        con, stale = search.open_for_search(args.warehouse, on_wait=lambda m: print(m, file=sys.stderr))
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

    target = args.warehouse
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


def cmd_dev(args: argparse.Namespace) -> int:
    """The Dagster UI (``dagster dev``) on one warehouse: its own instance, a code location writing it."""
    from pipelines.runner.dev import dev_command

    data_path = str(Path(args.data_path).resolve()) if args.data_path else ""
    argv, env = dev_command(args.warehouse, args.landing, data_path, args.host, args.port)
    print(f"news-warehouse: Dagster UI on http://{args.host}:{args.port} for {warehouse.shown(args.warehouse)}\n"
          f"  landing folder {env[settings.ENV_LANDING]}, instance {env['DAGSTER_HOME']}", flush=True)
    os.chdir(settings.PROJECT_ROOT)  # workspace.yaml's working directory
    os.execve(argv[0], argv, env)  # signals go to dagster dev itself


def cmd_report(args: argparse.Namespace) -> int:
    """Write one self-contained HTML page of charts (plotly.js embedded) about what the warehouse holds."""
    from pipelines import report

    days = {}
    for flag in ("since", "until"):
        value = getattr(args, flag)
        if value and not runner.is_date(value):
            raise CliError(f"--{flag} expects YYYY-MM-DD, got {value}")
        days[flag] = dt.date.fromisoformat(value) if value else None
    with _one_line(report.ReportError):
        facts = report.write_report(args.warehouse, Path(args.out), top=args.top, **days)
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} kB): {facts}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    # Every command takes --warehouse the same way: a DuckDB file (made absolute) or a DuckLake attach string.
    on = argparse.ArgumentParser(add_help=False)
    on.add_argument("--warehouse", type=_target, default=str(DEFAULT_WAREHOUSE),
                    help="DuckDB file (default: data/warehouse.duckdb) or DuckLake attach string 'ducklake:postgres:…'")
    p = argparse.ArgumentParser(prog="news-warehouse", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", parents=[on], help="process every file under the landing folder into the warehouse")
    r.add_argument("--landing", default=str(DEFAULT_LANDING), help="landing folder (default: seeds/)")
    r.add_argument("--data-path", help="DuckLake only: folder for the Parquet data files (needed the first time)")
    r.add_argument("--workers", type=int, default=1,
                   help="partitions processed in parallel in this many processes, each parsing on one core "
                        "(default 1: one partition at a time, parsed on --processes cores)")
    r.add_argument("--processes", type=int, default=0,
                   help="with one worker: processes that parse a partition's articles (default 0: every core, "
                        "bounded by available memory; 1: parse in this process)")
    r.add_argument("--partition", action="append", metavar="YYYY-MM-DD", help="only this landing date (repeatable)")
    r.add_argument("--ephemeral", action="store_true",
                   help="do not record the runs in the warehouse's Dagster instance (DAGSTER_HOME, default "
                        "a folder beside the warehouse file: WAREHOUSE.dagster/)")
    r.add_argument("--force", action="store_true", help="rerun partitions even when nothing changed")
    r.add_argument("--skip-views", action="store_true",
                   help="write the partitions only; the dbt models (and their tests) wait for the next run "
                        "without this flag (a backfill of many dates in several runs builds them once)")
    r.add_argument("--quiet", action="store_true", help="no progress or summary")
    r.add_argument("--timings", metavar="FILE",
                   help="write where each Dagster run's time went (steps, stages) to FILE, one JSON line per run")
    r.set_defaults(func=cmd_run, existing_warehouse=False)
    q = sub.add_parser("query", parents=[on], help="run a SQL query on the warehouse (read-only)")
    q.add_argument("sql")
    q.add_argument("--format", choices=["table", "csv"], default="table")
    q.add_argument("--max-rows", type=int, default=40)
    q.add_argument("--max-width", type=int, default=200)
    q.add_argument("--wait", type=float, default=120, help="seconds to wait while a run holds the file (default 120)")
    q.set_defaults(func=cmd_query, existing_warehouse=True)
    la = sub.add_parser("land", help="copy files into the landing folder (atomically) for the sensor to pick up")
    la.add_argument("files", nargs="+")
    la.add_argument("--landing", default=str(DEFAULT_LANDING))
    la.add_argument("--date", help="landing date folder (default: today, UTC)")
    la.set_defaults(func=cmd_land, existing_warehouse=False)
    se = sub.add_parser("search", parents=[on],
                        help="BM25 full-text search over quotes (default) or articles (a DuckDB file warehouse)")
    se.add_argument("query", help="words, any of which may match (no phrases, operators or wildcards)")
    kind = se.add_mutually_exclusive_group()
    kind.add_argument("--quotes", action="store_true", help="search quotes and their speakers (default)")
    kind.add_argument("--articles", action="store_true", help="search article titles and bodies")
    se.add_argument("--since", metavar="YYYY-MM-DD", help="only hits whose article date is on or after this day")
    se.add_argument("--limit", type=int, default=10, help="number of hits (default 10)")
    se.add_argument("--all", action="store_true", help="only hits containing every query word")
    se.set_defaults(func=cmd_search, existing_warehouse=True)
    sq = sub.add_parser("sql", parents=[on], help="interactive SQL session on the warehouse (harlequin, read-only)")
    sq.add_argument("harlequin_args", nargs=argparse.REMAINDER, help="passed on to harlequin (after --)")
    sq.set_defaults(func=cmd_sql, existing_warehouse=True)
    dv = sub.add_parser("dev", parents=[on], help="open the Dagster UI on the warehouse: its runs, dates and a "
                                                "code location that writes it")
    dv.add_argument("--landing", help="landing folder (default: the one the warehouse's last run read, else seeds/)")
    dv.add_argument("--data-path", help="DuckLake only: folder for the Parquet data files")
    dv.add_argument("--host", default="127.0.0.1")
    dv.add_argument("--port", type=int, default=3000)
    dv.set_defaults(func=cmd_dev, existing_warehouse=False)
    rp = sub.add_parser("report", parents=[on], help="write a self-contained HTML page of charts about the warehouse")
    rp.add_argument("--out", required=True, metavar="FILE.html")
    rp.add_argument("--top", type=int, default=12, help="rows per chart or table (default 12)")
    rp.add_argument("--since", metavar="YYYY-MM-DD", help="only articles whose article date is on or after this day")
    rp.add_argument("--until", metavar="YYYY-MM-DD", help="only articles whose article date is on or before this day")
    rp.set_defaults(func=cmd_report, existing_warehouse=True)
    return p


def main(argv: list[str] | None = None) -> int:
    """The program: ``argv`` (None: ``sys.argv``) in, the exit code out."""
    try:
        return _main(argv)
    finally:
        if argv is None:  # the program itself, about to exit (a caller in the same process passes its argv)
            # Idle parsing workers are killed rather than left to free their model at exit, which the exit
            # waited for; a caller in the same process (tests) keeps them for its next run.
            nlp_pool.stop_shared_pools()
            # The interpreter's last collections walk every object the run left (~400k, 2.5 s of a loaded
            # machine after a 200-file run); frozen, they are skipped: 0.2 s. Nothing is left to collect.
            gc.freeze()


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.existing_warehouse:  # query, search, sql, report: they read a warehouse `run` built
            _require_warehouse(args.warehouse)
        return args.func(args)
    except CliError as err:
        print(f"news-warehouse: error: {err}", file=sys.stderr)
        return 1
    except Exception as err:
        if not _interrupted(err):
            raise
        print("news-warehouse: interrupted; the warehouse keeps its last committed state", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("news-warehouse: interrupted; the warehouse keeps its last committed state", file=sys.stderr)
        return 130


def _interrupted(err: BaseException | None) -> bool:
    """Whether ``err`` was caused by SIGINT or SIGTERM: a KeyboardInterrupt in its cause or context chain.

    A signal that lands while a module is being imported can come out wrapped, e.g. Python's "Error calling
    __set_name__ on …" RuntimeError around the KeyboardInterrupt raised inside pydantic's class set-up.
    """
    seen = set()
    while err is not None and id(err) not in seen:
        if isinstance(err, KeyboardInterrupt):
            return True
        seen.add(id(err))
        err = err.__cause__ or err.__context__
    return False


if __name__ == "__main__":
    sys.exit(main())
