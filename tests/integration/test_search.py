"""Full-text search: the index built by `news-warehouse run`, the SQL macros, `news-warehouse search` (seeds + a BBC file)."""

import os
import re
import shutil
import signal
import subprocess
import sys

import duckdb
import pytest

from pipelines import search
from tests.helpers import BBC, ROOT, copy_warehouse, run_cli

VOA_HOLLANDE_PUTIN = "2015-11-26/000_fd20b0775c6aaf20.txt"


def test_cli_prints_camerons_quote_first(seeds_warehouse):
    db, run = seeds_warehouse
    assert "building the search index" in run.stdout
    out = run_cli("search", "safe haven for ISIL", "--warehouse", str(db)).stdout.splitlines()
    assert out[0].startswith("  1. [") and "David Cameron (direct), 2015-11-26" in out[0]
    assert "We have to deny a safe haven for ISIL in Syria" in out[0]
    assert out[1].strip() == "in: Hollande Urges Russia to Join Forces to Defeat Islamic State"


def test_search_articles_macro_ranks_the_voa_article_first(seeds_warehouse):
    db, _ = seeds_warehouse
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.sql("select * from analytics.search_articles('Hollande Putin Kremlin coalition')").fetchall()
        cols = [d[0] for d in con.sql("select * from analytics.search_articles('x')").description]
    assert cols == ["article_id", "article_date", "title", "byline", "source_path", "score"]
    assert rows[0][cols.index("source_path")] == VOA_HOLLANDE_PUTIN
    scores = [r[-1] for r in rows]
    assert scores == sorted(scores, reverse=True) and len(rows) >= 2


def test_query_language_stems_drops_stopwords_keeps_digits_and_can_require_every_word(seeds_warehouse):
    db, _ = seeds_warehouse
    with duckdb.connect(str(db), read_only=True) as con:
        hits = lambda sql: con.sql(sql).fetchall()  # noqa: E731
        # "havens" stems to "haven"; "the" is a stopword and matches nothing on its own.
        assert hits("select speaker from analytics.search_quotes('havens') limit 1") == [("David Cameron",)]
        assert hits("select * from analytics.search_quotes('the')") == []
        # Digits are tokens (fts's default ignore pattern would drop them).
        assert hits("select quote from analytics.search_quotes('2013')") == [("We will not risk a repeat of 2013",)]
        # Any word may match by default; all_terms := true wants every one (the speaker is indexed with the quote).
        anyword = hits("select speaker from analytics.search_quotes('Cameron haven')")
        every = hits("select speaker, quote from analytics.search_quotes('Cameron haven', all_terms := true)")
    assert len(anyword) > len(every) == 1
    assert every[0] == ("David Cameron", "We have to deny a safe haven for ISIL in Syria")


def test_search_works_on_a_renamed_copy_and_through_the_query_command(seeds_warehouse, tmp_path):
    db, _ = seeds_warehouse
    copy = tmp_path / "renamed-elsewhere.duckdb"
    shutil.copyfile(db, copy)
    # A fresh process with nothing loaded: fts autoloads from DuckDB's extension directory, the macros
    # name no catalog, so the copy under another name answers.
    out = run_cli("query", "select speaker, round(score, 2) s from analytics.search_quotes('safe haven') limit 1",
                  "--warehouse", str(copy), "--format", "csv").stdout
    assert out.splitlines()[1].startswith("David Cameron,")
    with duckdb.connect(str(copy), read_only=True) as con:
        defs = con.sql("select macro_definition from duckdb_functions() where function_name like 'search_%'").fetchall()
    assert len(defs) == 2 and not any("warehouse" in d or "renamed" in d for (d,) in defs)


def test_since_and_limit(seeds_warehouse):
    db, _ = seeds_warehouse
    def dates(*args):
        out = run_cli("search", "Russia", "--articles", *args, "--warehouse", str(db)).stdout.splitlines()
        return [line.split("] ")[1][:10] for line in out if re.match(r"\s+\d+\. \[", line)]

    every = dates()
    assert len(every) > 2 and min(every) < "2015-11-26"
    since = dates("--since", "2015-11-26", "--limit", "2")
    assert len(since) == 2 and min(since) >= "2015-11-26"
    bad = run_cli("search", "Russia", "--since", "27/11/2015", "--warehouse", str(db), check=False)
    assert bad.returncode == 1 and bad.stderr.strip() == "news-warehouse: error: --since expects YYYY-MM-DD, got 27/11/2015"


def test_file_landed_later_is_found_after_the_next_run_and_a_noop_run_skips_the_index(seeds_warehouse, tmp_path):
    db, _ = seeds_warehouse
    landing, copy = copy_warehouse(db, tmp_path)
    before = run_cli("search", "G8", "--articles", "--warehouse", str(copy)).stdout
    assert before.startswith("no articles match")
    run_cli("land", str(BBC / "politics" / "024.txt"), "--landing", str(landing), "--date", "2015-11-29")
    # Landed but not run: the index (and the data) are as before.
    assert run_cli("search", "G8", "--articles", "--warehouse", str(copy)).stdout.startswith("no articles match")
    run = run_cli("run", "--landing", str(landing), "--warehouse", str(copy))
    assert "8 articles, " in run.stdout  # rebuilt, with the new article
    after = run_cli("search", "G8", "--articles", "--warehouse", str(copy)).stdout.splitlines()
    assert "Brown visits slum on Africa trip" in after[0] and "2015-11-29/024.txt" in after[1]
    quote = run_cli("search", "acceptable education", "--warehouse", str(copy)).stdout.splitlines()[0]
    assert "Gordon Brown" in quote and "It is simply not acceptable" in quote
    with duckdb.connect(str(copy), read_only=True):  # an analyst's session stays open: a no-op run only reads
        noop = run_cli("run", "--landing", str(landing), "--warehouse", str(copy))
    assert "search index" not in noop.stdout and "6 partition(s) unchanged" in noop.stdout


KILL_MID_BUILD = """
import os, signal, sys
import duckdb
from pipelines import search
con = duckdb.connect(sys.argv[1])
search.load_fts(con)
con.execute("begin transaction")
first, *_ = [s for s in search.statements(search._build_sql()) if "create_fts_index" in s]
for stmt in search.statements(search._build_sql()):
    con.execute(stmt)
    if stmt == first:  # the old articles index is dropped and a new one built, uncommitted
        con.execute("delete from search.articles")
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_build_killed_half_way_leaves_the_previous_index(seeds_warehouse, tmp_path):
    db, _ = seeds_warehouse
    _, copy = copy_warehouse(db, tmp_path)
    proc = subprocess.run([sys.executable, "-c", KILL_MID_BUILD, str(copy)], cwd=ROOT, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.sql("select count(*) from search.articles").fetchone() == (7,)
        top = con.sql("select source_path from analytics.search_articles('Hollande Putin Kremlin coalition')"
                      " limit 1").fetchone()
        assert top == (VOA_HOLLANDE_PUTIN,)
        assert search.indexed_stamp(con) == search.current_stamp(con)


def test_stale_index_is_said_and_a_missing_one_is_a_one_line_error(seeds_warehouse, tmp_path):
    db, _ = seeds_warehouse
    _, copy = copy_warehouse(db, tmp_path)
    with duckdb.connect(str(copy)) as con:  # data changed behind the index's back (as a Dagster-UI run would)
        con.execute("update meta.builds set built_at = built_at + interval 1 second where name = 'dbt'")
    stale = run_cli("search", "haven", "--warehouse", str(copy))
    assert "older than the warehouse's data" in stale.stderr and "David Cameron" in stale.stdout
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table search.state")
    missing = run_cli("search", "haven", "--warehouse", str(copy), check=False)
    assert missing.returncode == 1 and len(missing.stderr.splitlines()) == 1
    assert "has no search index yet; `news-warehouse run` builds it" in missing.stderr


def test_search_on_a_ducklake_is_a_one_line_error():
    proc = run_cli("search", "haven", "--warehouse", "ducklake:postgres:dbname=lake host=127.0.0.1 user=lake",
                   check=False)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("news-warehouse: error: full-text search is not available on a DuckLake")
    assert len(proc.stderr.splitlines()) == 1


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_sql_command_opens_harlequin_read_only_with_fts_loaded(seeds_warehouse, tmp_path):
    """`news-warehouse sql` (make sql): harlequin in a terminal runs a search macro; the file stays read-only."""
    import time

    db, _ = seeds_warehouse
    # Its own tmux server, and harlequin's saved editor buffers and history in a fresh folder.
    tmux = ["tmux", "-L", f"nwsql{os.getpid()}"]
    session = "sql"
    xdg = " ".join(f"XDG_{d}_HOME={tmp_path / d.lower()}" for d in ("CACHE", "CONFIG", "DATA", "STATE"))
    # (started a second late: the window is resized first; without a client tmux makes it 80x24)
    cmd = f"sleep 1; env PYTHONPATH={ROOT} {xdg} {sys.executable} -m pipelines.cli sql --warehouse {db}"
    subprocess.run([*tmux, "new-session", "-d", "-s", session, "-x", "160", "-y", "45", "-c", str(ROOT), cmd],
                   check=True)
    subprocess.run([*tmux, "resize-window", "-t", session, "-x", "160", "-y", "45"], check=True)

    def screen() -> str:
        return subprocess.run([*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout

    def wait_for(text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in (s := screen()):
                return s
            time.sleep(0.5)
        raise AssertionError(f"{text!r} never appeared:\n{screen()}")

    try:
        wait_for("Database Connected")
        # Read-only: another reader may open the file while harlequin holds it (a writer would exclude it).
        duckdb.connect(str(db), read_only=True).close()
        subprocess.run([*tmux, "send-keys", "-t", session,
                        "select speaker, quote from analytics.search_quotes('safe haven for ISIL') limit 1"], check=True)
        time.sleep(1)
        subprocess.run([*tmux, "send-keys", "-t", session, "C-j"], check=True)
        shown = wait_for("Query Results (1 Records)")
        assert "David Cameron" in shown and "We have to deny a safe haven" in shown, shown
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
