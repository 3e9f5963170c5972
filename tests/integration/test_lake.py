"""DuckLake with a PostgreSQL catalog: the same pipeline, partitions in parallel, same rows as the DuckDB file.

A real PostgreSQL 15 server (the one on the machine) runs in a temporary
directory for this module. The landing folder is built from BBC files over
four date folders; it includes the corpus's byte-identical duplicates, some
of which straddle dates, so parallel partitions must agree on which copy wins.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import pytest

from devtools import throwaway_postgres
from pipelines import warehouse
from tests.helpers import BBC, CLI, ROOT, run_cli

DATES = ["2005-03-01", "2005-03-02", "2005-03-03", "2005-03-04"]
CORE = ["core.articles", "core.entity_mentions", "core.quotes"]
VIEWS = ["analytics.article_copies", "analytics.files", "analytics.articles", "analytics.person_names",
         "analytics.entity_mentions", "analytics.quotes", "analytics.entity_mentions_daily",
         "analytics.entity_cooccurrence", "analytics.speakers", "analytics.quotes_with_entities",
         "analytics.article_facts", "analytics.stories", "analytics.quote_clusters",
         "analytics.gender_share_daily"]
# Columns that say when or by which run a row was written, not what it holds.
VOLATILE = {"raw.files": "exclude (modified_at)"}


def _landing(root, per_date=20, skip=0):
    """BBC files spread over DATES: the first files of each folder, file i to date i % 4.

    20 files a date: enough for every date to have quotes, people, stories and copies across dates, and for
    two workers to share the dates. The lake once updated names warehouse-wide by ``rowid``, and DuckLake
    gave rows inserted and updated in one transaction rowids that a later partition's rows reused; that code
    is gone, only 100 files a date reproduced it (bacddef), and ``tests/unit/test_storage_rules.py`` now fails on any
    ``rowid`` in the pipeline's code or models, so this landing no longer pays for 400 files (~150 s of CPU).
    """
    picked = []
    for folder in ("business", "entertainment", "politics", "sport", "tech"):
        files = sorted((BBC / folder).glob("*.txt"))[skip: skip + per_date * len(DATES) // 5]
        picked += [(folder, f) for f in files]
    for i, (folder, f) in enumerate(picked):
        day = root / DATES[i % len(DATES)]
        day.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, day / f"{folder}_{f.name}")
    # Duplicates across dates: business/007 and business/253 are byte-identical in the corpus.
    shutil.copy(BBC / "business" / "007.txt", root / DATES[2] / "resent_business_007.txt")
    shutil.copy(BBC / "business" / "253.txt", root / DATES[0] / "resent_business_253.txt")
    return root


def snapshot(target, tables):
    con = warehouse.connect(target, read_only=True)
    try:
        return {t: con.execute(f"select * {VOLATILE.get(t, '')} from {t} order by all").fetchall() for t in tables}
    finally:
        con.close()


@pytest.fixture(scope="module")
def postgres():
    if not throwaway_postgres.available():
        pytest.fail("PostgreSQL server binaries not found at /usr/lib/postgresql/15/bin (see DESIGN.md)")
    # Not under pytest's tmp dir: that is private to root, and the server runs as `postgres`.
    directory = tempfile.mkdtemp(prefix="news-warehouse-pg-")
    throwaway_postgres.start(directory)
    yield directory
    throwaway_postgres.stop(directory)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    return _landing(tmp_path_factory.mktemp("lake-landing") / "landing")


@pytest.fixture(scope="module")
def file_run(landing, tmp_path_factory):
    """The reference: the DuckDB file with one worker."""
    db = tmp_path_factory.mktemp("file") / "w.duckdb"
    run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--quiet")
    return snapshot(str(db), ["raw.files", *CORE, *VIEWS])


def _consistent(con, files_per_day: dict[str, int]) -> list[str]:
    """Invariants any committed snapshot must satisfy; returns what is violated."""
    problems = []
    orphans = con.execute("select count(*) from core.entity_mentions m anti join core.articles a "
                          "using (article_id, partition_date)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} mentions without an article")
    dupes = con.execute("select count(*) - count(distinct (partition_date, article_id)) from core.articles").fetchone()[0]
    if dupes:
        problems.append(f"{dupes} duplicated articles")
    # A partition's tables come from one commit: its loaded raw articles are exactly its core articles.
    mixed = con.execute("""select count(*) from (
        (select partition_date, article_id from raw.articles where status = 'loaded'
         except select partition_date, article_id from core.articles)
        union all
        (select partition_date, article_id from core.articles
         except select partition_date, article_id from raw.articles where status = 'loaded'))""").fetchone()[0]
    if mixed:
        problems.append(f"{mixed} articles loaded in raw.articles but not in core.articles, or the reverse")
    # A partition's files are visible all at once or not at all.
    for day, n in con.execute("select partition_date::varchar, count(*) from raw.files group by 1").fetchall():
        expected = files_per_day.get(day)
        if expected is not None and n != expected:
            problems.append(f"{day}: {n} of {expected} files visible")
    return problems


@pytest.fixture(scope="module")
def lake(postgres, landing, tmp_path_factory):
    """The landing run into a new lake by two workers, an analyst reading all along.

    Out: (attach string, data path, how many reads saw the core tables, what those reads found inconsistent,
    the run's exit code and stderr). Later tests start from this lake (it ends each test equal to ``file_run``).
    """
    target = throwaway_postgres.new_database(postgres, "lake_parallel")
    data = str(tmp_path_factory.mktemp("lake") / "parquet")
    files_per_day = {d: len(list((landing / d).iterdir())) for d in DATES}
    proc = subprocess.Popen([*CLI, "run", "--landing", str(landing), "--warehouse", target, "--data-path", data,
                             "--workers", "2", "--quiet"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # An analyst reading while the workers write: every read succeeds and sees whole partitions.
    reads, problems = 0, []
    while proc.poll() is None:
        try:
            con = warehouse.connect(target, read_only=True)
        except duckdb.Error:
            time.sleep(0.5)  # the catalog does not exist until the first worker creates it
            continue
        try:
            if con.execute("select count(*) from information_schema.tables where table_schema = 'core'").fetchone()[0] >= 3:
                problems += _consistent(con, files_per_day)
                reads += 1
        finally:
            con.close()
        # One look every 2 s: each attaches the lake and scans the core tables, ~0.12 s of CPU here
        # and more in PostgreSQL, taken from the two workers; the run still gets tens of looks (3 asserted).
        time.sleep(2)
    _, err = proc.communicate()
    return target, data, reads, problems, proc.returncode, err


def test_lake_with_two_workers_equals_the_file_with_one(lake, landing, file_run):
    target, data, reads, problems, returncode, err = lake
    assert sum(len(list((landing / d).iterdir())) for d in DATES) == 82
    assert returncode == 0, err
    assert reads >= 3 and problems == []
    assert snapshot(target, ["raw.files", *CORE, *VIEWS]) == file_run
    assert list(Path(data).rglob("*.parquet")), "data files live under --data-path"

    # An analyst attaching the lake under another alias than dbt's ("lake") gets every view, without USE.
    con = duckdb.connect()
    try:
        warehouse.load_extensions(con)
        con.execute(f"ATTACH '{target}' AS newsroom (READ_ONLY)")
        for view in VIEWS:
            assert con.execute(f"select count(*) from newsroom.{view}").fetchone()[0] >= 0
    finally:
        con.close()

    # Rerunning one partition replaces exactly that partition: same rows, one new load record. (--skip-views:
    # the partition's tables are what is checked; the killed-worker test reruns dates and the views after.)
    before = snapshot(target, ["meta.partition_loads"])["meta.partition_loads"]
    run_cli("run", "--landing", str(landing), "--warehouse", target, "--partition", DATES[1], "--quiet", "--skip-views")
    assert snapshot(target, ["raw.files", *CORE]) == {t: file_run[t] for t in ["raw.files", *CORE]}
    after = snapshot(target, ["meta.partition_loads"])["meta.partition_loads"]
    new = {(r[0].isoformat(), r[1]) for r in set(after) - set(before)}
    assert {d for d, _ in new} == {DATES[1]}


def test_killed_worker_leaves_whole_partitions_and_rerun_completes(lake, landing, file_run, tmp_path):
    target = lake[0]
    # A previous good state: the same landing without its last date (a run on it empties that date;
    # --skip-views: only the core tables are compared with it, and the rerun at the end builds the views).
    partial = tmp_path / "landing"
    shutil.copytree(landing, partial)
    shutil.rmtree(partial / DATES[-1])
    run_cli("run", "--landing", str(partial), "--warehouse", target, "--quiet", "--skip-views")
    before = snapshot(target, CORE)
    con = warehouse.connect(target, read_only=True)
    try:
        dates = {d for (d,) in con.execute("select distinct partition_date::varchar from core.articles").fetchall()}
    finally:
        con.close()
    assert dates == set(DATES[:-1])

    # The last date lands; kill one worker process while the partitions are being processed. --force: every
    # date is processed again (unchanged ones would be skipped; theirs come from the extraction cache), so both
    # workers have work; --skip-views: no date waits for the others to carry the views (the rerun builds them).
    shutil.copytree(landing / DATES[-1], partial / DATES[-1])
    proc = subprocess.Popen([*CLI, "run", "--landing", str(partial), "--warehouse", target, "--workers", "2", "--quiet",
                             "--force", "--skip-views"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and time.monotonic() < deadline and proc.poll() is None:
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        workers = [c for c in children
                   if "spawn_main" in open(f"/proc/{c}/cmdline", "rb").read().decode(errors="replace")]
        if len(workers) >= 2:
            time.sleep(6)  # into the work: model loaded, partitions being written
            victim = int(workers[0])
            os.kill(victim, signal.SIGKILL)
        time.sleep(0.2)
    out, err = proc.communicate(timeout=300)
    assert victim is not None, "worker processes never appeared"
    assert proc.returncode == 1 and "news-warehouse: error:" in err

    con = warehouse.connect(target, read_only=True)
    try:
        # Every date is whole (_consistent), the new one present or absent; the others hold the rows they held
        # before, whether the killed run committed them anew (the same rows from the same files) or not.
        assert _consistent(con, {d: len(list((partial / d).iterdir())) for d in DATES}) == []
        kept = {t: con.execute(f"select * from {t} where partition_date::varchar in (?, ?, ?) order by all",
                               DATES[:-1]).fetchall() for t in CORE}
    finally:
        con.close()
    assert kept == before

    # The rerun in this process (one partition at a time): what is checked is that it completes what the killed
    # run left, not two workers again (two more processes loading Dagster and spaCy, ~18 s of CPU).
    run_cli("run", "--landing", str(partial), "--warehouse", target, "--quiet")
    assert snapshot(target, ["raw.files", *CORE, *VIEWS]) == file_run


def test_workers_start_on_a_lake_whose_catalog_exists(postgres, tmp_path, monkeypatch):
    """Why: on a fresh lake, two workers' first partitions raced to create the DuckLake catalog; one failed
    ("duplicate key … ducklake_metadata") and its step was retried 5 s later (6 s of a 114 s bench-lake run).
    The pool now creates the catalog and tables (while its workers load Dagster and spaCy) before it hands
    any worker a partition."""
    from pipelines import progress, settings
    from pipelines.process_pool import kill_process_pool
    from pipelines.runner.pool import worker_pool
    from pipelines.runner.steps import StepConfig

    for name in (progress.MODE_ENV, *settings.MATH_THREAD_VARS):
        # The pool sets these for its workers (which it now starts here): recorded unchanged, so that they are
        # restored, or removed if they were unset, afterwards. An unset one stays unset for the pool to set.
        if name in os.environ:
            monkeypatch.setenv(name, os.environ[name])
        else:
            monkeypatch.setenv(name, "unset")
            monkeypatch.delenv(name)
    target = throwaway_postgres.new_database(postgres, "lake_fresh_pool")
    with pytest.raises(duckdb.Error):  # no catalog yet
        warehouse.connect(target, read_only=True)
    with worker_pool(StepConfig(str(tmp_path), target, str(tmp_path / "parquet")), 2) as pool:
        assert pool is not None
        con = warehouse.connect(target, read_only=True)
        try:
            tables = {f"{s}.{t}" for s, t in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_catalog = current_database()").fetchall()}
        finally:
            con.close()
        # The workers are still loading Dagster and spaCy (~9 s of CPU each): what is checked happened before
        # any of them was needed, so they are stopped rather than waited for.
        kill_process_pool(pool)
    assert {"raw.files", "raw.articles", *CORE, "meta.partition_state"} <= tables


def test_connections_attaching_a_fresh_lake_at_once_all_succeed(postgres, tmp_path):
    """Why: two processes that attach a lake whose catalog does not exist yet (two `news-warehouse run`s, runs
    launched from the Dagster UI) both create it, and PostgreSQL failed one: "duplicate key value violates
    unique constraint … ducklake_metadata", in 6 of 6 trials without the retry in ``_open_lake``. Each thread
    here opens its own DuckDB instance, so the race is between two PostgreSQL sessions, as between processes."""
    from pipelines.warehouse import connection

    def attach(target: str, barrier: threading.Barrier, opened: list, errors: list) -> None:
        barrier.wait()
        try:
            opened.append(connection._open_lake(target, False, str(tmp_path / "parquet")))
        except duckdb.Error as err:
            errors.append(str(err))

    for trial in range(3):
        target = throwaway_postgres.new_database(postgres, f"lake_attach_race_{trial}")
        barrier, opened, errors = threading.Barrier(2), [], []
        threads = [threading.Thread(target=attach, args=(target, barrier, opened, errors)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        for con in opened:
            assert con.execute("select count(*) from core.entity_mentions").fetchone() == (0,)
            con.close()


def test_dagster_instance_lives_in_postgres(postgres, tmp_path):
    # deploy/dagster-postgres.yaml for real: runs of `news-warehouse run` recorded in PostgreSQL.
    import dagster as dg

    throwaway_postgres.new_database(postgres, "dagster_instance")
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "deploy" / "dagster-postgres.yaml", home / "dagster.yaml")
    port = (throwaway_postgres.Path(postgres) / "port").read_text()
    env = {"DAGSTER_HOME": str(home), "DAGSTER_PG_HOST": "127.0.0.1", "DAGSTER_PG_PORT": port,
           "DAGSTER_PG_USER": throwaway_postgres.USER, "DAGSTER_PG_PASSWORD": "unused-trust-auth",
           "DAGSTER_PG_DB": "dagster_instance"}
    landing = tmp_path / "landing"
    shutil.copytree(ROOT / "seeds" / "2015-11-26", landing / "2015-11-26")
    # --skip-views: the instance's records are what is checked (the views' materialisations are test_instance's).
    run_cli("run", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"), "--quiet", "--skip-views",
            env=env)
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with dg.DagsterInstance.get() as instance:
            runs = instance.get_runs()
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
    finally:
        for k, v in old.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    assert len(runs) == 1  # one run per landing date
    assert {r.status.value for r in runs} == {"SUCCESS"}
    assert {r.tags.get("dagster/partition") for r in runs} == {"2015-11-26"}


def test_kubernetes_configs_load():
    # No cluster here: check the Helm values parse and the executor config is valid for dagster-k8s.
    import dagster as dg
    import yaml
    from dagster_k8s import k8s_job_executor

    values = yaml.safe_load((ROOT / "deploy" / "k8s" / "values.yaml").read_text())
    deployment = values["dagster-user-deployments"]["deployments"][0]
    assert deployment["dagsterApiGrpcArgs"] == ["--module-name", "pipelines.definitions"]
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    env = {e["name"]: e["value"] for e in deployment["env"]}
    assert warehouse.is_lake(env["NEWS_WAREHOUSE_DB"])

    @dg.op
    def step():
        return 1

    @dg.job(executor_def=k8s_job_executor)
    def on_cluster():
        step()

    run_config = yaml.safe_load((ROOT / "deploy" / "k8s" / "run_config.yaml").read_text())
    assert dg.validate_run_config(on_cluster, run_config)["execution"]["k8s"]["max_concurrent"] == 4


def test_attach_takes_configuration_with_quotes_and_semicolons_intact(postgres, tmp_path):
    """ATTACH is the one statement built from a value: DuckDB binds no ? in it, so the attach string and
    data path are quoted (warehouse._literal). A data path full of SQL must be used as a path, nothing more."""
    with pytest.raises(duckdb.ParserException):  # if DuckDB ever binds ATTACH parameters, use them instead
        duckdb.connect().execute("ATTACH ? AS lake", ["ducklake:x.ducklake"])
    target = throwaway_postgres.new_database(postgres, "quoted_config")
    data = tmp_path / "it's'; DROP TABLE raw.files; --" / "parquet"
    con = warehouse.connect(target, data_path=str(data))
    try:
        # enough rows that DuckLake writes a Parquet file instead of inlining them in the catalog
        con.execute("insert into meta.builds select 'probe', 'v' || i, now()::timestamp from range(20000) t(i)")
        assert con.execute("select count(*) from meta.builds where name = 'probe'").fetchone() == (20000,)
        assert con.execute("select count(*) from raw.files").fetchone() == (0,)  # the table is still there
    finally:
        con.close()
    assert list(data.rglob("*.parquet"))  # the Parquet file went under that very folder
