"""`news-warehouse run` on the bundled seeds: tables, views, scores, reruns, errors."""

import json
import os
import re
import shutil
import subprocess
import sys

import duckdb

from tests.helpers import ROOT, SHARED, copy_warehouse, rows, run_cli

CONTRACT = {
    "raw.files": {"partition_date", "source_path", "sha256", "size_bytes", "status", "reason", "encoding"},
    "core.articles": {"article_id", "partition_date", "source_path", "title", "published_date", "byline", "body", "word_count",
                      "source"},
    "core.entity_mentions": {"article_id", "partition_date", "mention", "label", "entity", "start_char", "end_char"},
    "core.quotes": {"article_id", "partition_date", "quote", "kind", "speaker", "speaker_type", "speaker_mention", "cue",
                    "start_char", "end_char"},
}
VIEWS = ["article_copies", "files", "articles", "person_names", "entity_mentions", "quotes", "entity_mentions_daily",
         "entity_cooccurrence", "speakers", "quotes_with_entities", "article_facts", "stories", "quote_clusters",
         "gender_share_daily", "gender_share_by_source"]




def test_contract_tables_and_views_exist(seeds_warehouse):
    db, _ = seeds_warehouse
    for table, cols in CONTRACT.items():
        schema, name = table.split(".")
        have = {r[0] for r in rows(db, f"select column_name from information_schema.columns "
                                        f"where table_schema = '{schema}' and table_name = '{name}'")}
        assert cols <= have, f"{table} lacks {cols - have}"
    # Views, or tables where many readers share one computation (articles, entity_mentions, quotes, …).
    views = {r[0] for r in rows(db, "select table_name from information_schema.tables "
                                     "where table_schema = 'analytics'")}
    assert set(VIEWS) <= views


def test_every_seed_file_accounted_for(seeds_warehouse):
    db, proc = seeds_warehouse
    landed = sorted(p.relative_to(ROOT / "seeds").as_posix() for p in (ROOT / "seeds").rglob("*") if p.is_file())
    assert [r[0] for r in rows(db, "select source_path from raw.files order by 1")] == landed
    status = dict(rows(db, "select source_path, status from raw.files"))
    assert status["2015-11-25/wire-export-failed.txt"] == "rejected"
    # The resent VOA file is a copy of 2015-11-26's: its own partition loads it, the warehouse counts the first.
    assert status["2015-11-27/voa-hollande-putin-resend.txt"] == "loaded"
    assert rows(db, "select status, reason from analytics.files "
                     "where source_path = '2015-11-27/voa-hollande-putin-resend.txt'") == [
        ("duplicate", "same text as 2015-11-26/000_fd20b0775c6aaf20.txt")]
    # The JSONL feed's malformed line 3 is rejected, its neighbours load.
    feed = rows(db, "select locator, status from raw.articles where source_path like '%wire-feed.jsonl' order by locator")
    assert feed == [("#1", "loaded"), ("#2", "loaded"), ("#3", "rejected"), ("#4", "loaded")]
    assert "files seen 7: loaded 5, duplicate 1, rejected 1" in proc.stdout


def test_summary_ranks_people_apart_from_organisations(seeds_warehouse):
    """The run's summary lists the most quoted people and organisations on two lines (issue 30: companies
    ranked among the top speakers), each name of the type its line says."""
    db, proc = seeds_warehouse
    lines = dict(line.split(": ", 1) for line in proc.stdout.splitlines() if line.startswith("top ") and ": " in line)
    speakers = {name: (kind, n) for name, kind, n in rows(db, "select speaker, speaker_type, quotes from analytics.speakers")}
    for title, kind in (("top people quoted", "person"), ("top organisations quoted", "organisation")):
        names = [(name, int(n)) for name, n in re.findall(r"([^,]+?) \((\d+)\)(?:, |$)", lines[title])]
        assert names and {speakers[name][0] for name, _ in names} == {kind}
        # Each count is the speaker's in analytics.speakers, most quoted first, the first the most quoted of its type.
        assert [n for _, n in names] == [speakers[name][1] for name, _ in names] == sorted((n for _, n in names), reverse=True)
        assert names[0][1] == max(n for k, n in speakers.values() if k == kind)
    assert lines["top people quoted"].startswith("Francois Hollande (")  # the seeds' most quoted person
    assert "top speakers" not in lines


def test_timings_say_where_each_run_went(seeds_warehouse):
    """`--timings`: one JSON line per Dagster run, one run per landing date, the last date's run building the
    views too, with step and stage seconds."""
    db, _ = seeds_warehouse
    runs = [json.loads(line) for line in (db.parent / "timings.jsonl").read_text().splitlines()]
    dates = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.is_dir())
    assert [r["run"] for r in runs] == dates
    for run in runs:
        assert set(run["stages"]) == {f"partition_tables:{s}" for s in ("read_state", "ingest", "ner", "write")}
        assert 0 < sum(run["stages"].values()) <= run["steps"]["partition_tables"] <= run["run_s"]
    assert [r for r in runs if "analytics_views" in r["steps"]] == runs[-1:]
    assert 0 < runs[-1]["steps"]["analytics_views"] <= runs[-1]["run_s"]


def test_views_answer_analyst_questions(seeds_warehouse):
    db, _ = seeds_warehouse
    speakers = dict(rows(db, "select speaker, quotes from analytics.speakers"))
    assert speakers["David Cameron"] >= 5
    cameron = rows(db, "select quote from analytics.quotes_with_entities where speaker = 'David Cameron'")
    assert ("We have to deny a safe haven for ISIL in Syria",) in cameron
    # seeds/000: "'We have to deny …,' Cameron said, using an acronym for the group. 'The longer ISIL …'" is one
    # quotation in two rows; the second points at the first, and analytics.speakers counts it once
    first, second = rows(db, "select quote_id, continues_quote_id from analytics.quotes where speaker = 'David Cameron' "
                             "and (quote like 'We have to deny a safe haven%' or quote like 'The longer ISIL%') "
                             "order by start_char")
    assert first[1] is None and second[1] == first[0]
    parts = rows(db, "select count(*) from analytics.quotes where speaker = 'David Cameron' and continues_quote_id is not null")
    assert rows(db, "select quotes - quotations from analytics.speakers where speaker = 'David Cameron'") == parts
    pairs = rows(db, "select entity_a, entity_b from analytics.entity_cooccurrence "
                      "where entity_a = 'France' and entity_b = 'Russia'")
    assert pairs == [("France", "Russia")]
    facts = rows(db, "select title, published_date, byline from analytics.article_facts where source_path like '%000_fd20%'")
    assert facts == [("Hollande Urges Russia to Join Forces to Defeat Islamic State",
                      __import__("datetime").date(2015, 11, 26), "VOA News")]


def test_acceptance_scores_on_seed_gold(seeds_warehouse):
    db, _ = seeds_warehouse
    proc = subprocess.run([sys.executable, str(SHARED / "acceptance" / "score.py"), "--warehouse", str(db), "--json"],
                          capture_output=True, text=True, check=True)
    report = json.loads(proc.stdout[: proc.stdout.rindex("}") + 1])
    assert report["quote_f1"] >= 0.95
    assert report["speaker_accuracy"] >= 0.9
    assert report["boilerplate_removed"] == 1.0
    assert report["metadata_accuracy"] == 1.0
    assert report["alias_groups_merged"] == 1.0


def test_rerun_is_idempotent(seeds_warehouse, tmp_path):
    landing, db = copy_warehouse(seeds_warehouse[0], tmp_path)
    tables = ["raw.articles", "core.articles", "core.entity_mentions", "core.quotes"]
    before = {t: rows(db, f"select * from {t} order by all") for t in tables}
    before["raw.files"] = rows(db, "select * exclude (modified_at) from raw.files order by all")
    # --skip-views: the Python tables are what is compared (the views are dbt's, rebuilt from them).
    run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--quiet", "--force", "--skip-views")
    after = {t: rows(db, f"select * from {t} order by all") for t in tables}
    after["raw.files"] = rows(db, "select * exclude (modified_at) from raw.files order by all")
    assert after == before


def test_query_command(seeds_warehouse):
    db, _ = seeds_warehouse
    proc = run_cli("query", "select count(*) as n from analytics.articles", "--warehouse", str(db), "--format", "csv")
    assert proc.stdout.splitlines() == ["n", "7"]
    bad = run_cli("query", "select * from nope", "--warehouse", str(db), check=False)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "nope" in bad.stderr


def test_missing_landing_folder_is_a_one_line_error(tmp_path):
    proc = run_cli("run", "--landing", str(tmp_path / "absent"), "--warehouse", str(tmp_path / "w.duckdb"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith("does not exist or is not a folder")
    assert proc.stderr.count("\n") == 1


def test_unchanged_landing_is_skipped_and_a_changed_date_rerun(seeds_warehouse, tmp_path):
    landing, db = copy_warehouse(seeds_warehouse[0], tmp_path)
    noop = run_cli("run", "--landing", str(landing), "--warehouse", str(db))
    assert "5 partition(s) unchanged since their last run: skipped" in noop.stdout
    assert "loading pipeline" not in noop.stdout  # no Dagster, spaCy or dbt for a no-op
    late = landing / "2015-11-25" / "late-copy-of-eurogroup.txt"
    late.write_bytes((landing / "2015-11-25" / "eurogroup-greece-cp1252.txt").read_bytes())
    # --skip-views: what is checked is which dates run and what the changed one wrote.
    incremental = run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--skip-views")
    assert "4 partition(s) unchanged" in incremental.stdout
    assert "[1/1] 2015-11-25" in incremental.stdout
    assert ("2015-11-25/late-copy-of-eurogroup.txt", "duplicate") in rows(
        db, "select source_path, status from raw.files where partition_date = '2015-11-25'")


def test_dbt_leaves_no_per_run_target_folders(seeds_warehouse):
    # dagster-dbt's default target path is a new folder under sql/target per invocation, never
    # removed (~3 MB a run); the dbt step uses a temporary one instead.
    assert list((ROOT / "sql" / "target").glob("analytics_views-*")) == []


def test_dbt_keeps_one_parse_cache_per_warehouse_name(seeds_warehouse, tmp_path, monkeypatch):
    """dbt reparses the whole project (~7 s) when its cache was written for another profile; the warehouse's
    location is left out of what it compares (pipelines/dbt_child.py), so one cache serves every file of a name."""
    from pipelines.defs import dbt

    db, _ = seeds_warehouse
    assert dbt.parse_cache_key("dev", str(db)) == "dev-warehouse.duckdb" == dbt.parse_cache_key("dev", "/b/warehouse.duckdb")
    assert dbt.parse_cache_key("lake", "ducklake:postgres:dbname=a") == "lake"
    assert (dbt.PARSE_CACHES / "dev-warehouse.duckdb.msgpack").exists()
    # A second warehouse of that name parses nothing: dbt finds no change since the cache.
    other = tmp_path / "warehouse.duckdb"
    with dbt._target_dir(dbt.parse_cache_key("dev", str(other))) as target:
        proc = subprocess.run([dbt.dbt_executable("news-warehouse-dbt"), "--debug", "parse", "--target", "dev",
                               "--project-dir", str(dbt.DBT_DIR), "--profiles-dir", str(dbt.DBT_DIR),
                               "--target-path", str(target), "--log-path", str(target)],
                              capture_output=True, text=True, env={**os.environ, "NEWS_WAREHOUSE_DB": str(other)})
    assert proc.returncode == 0, proc.stdout
    assert "Partial parsing enabled, no changes found, skipping parsing" in proc.stdout, proc.stdout
    # Only the newest PARSE_CACHES_KEPT are kept.
    monkeypatch.setattr(dbt, "PARSE_CACHES", tmp_path)
    for i in range(dbt.PARSE_CACHES_KEPT + 3):
        old = tmp_path / f"old{i}.msgpack"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    with dbt._target_dir("dev-w.duckdb") as target:
        (target / "partial_parse.msgpack").write_bytes(b"parsed")
    kept = sorted(p.name for p in tmp_path.glob("*.msgpack"))
    assert len(kept) == dbt.PARSE_CACHES_KEPT and "dev-w.duckdb.msgpack" in kept and "old0.msgpack" not in kept
    assert (tmp_path / "dev-w.duckdb.msgpack").read_bytes() == b"parsed" and not list(tmp_path.glob(".*"))


def test_a_renamed_copy_of_the_warehouse_answers_every_view(seeds_warehouse, tmp_path):
    # dbt-duckdb would write the file's catalog name ("warehouse") into every view; the views name
    # their relations without it (sql/macros/relations.sql), so a copy under another name works.
    import shutil

    db, _ = seeds_warehouse
    copy = tmp_path / "analyst-copy.duckdb"
    shutil.copyfile(db, copy)
    names = [r[0] for r in rows(copy, "select table_name from information_schema.tables where table_schema = 'analytics'")]
    assert set(VIEWS) <= set(names)
    for name in names:
        assert rows(copy, f"select count(*) from analytics.{name}")[0][0] >= 0
    assert rows(copy, "select speaker from analytics.speakers where speaker = 'David Cameron'") == [("David Cameron",)]


def test_row_rules_name_each_broken_rule_and_fail_dbt(seeds_warehouse, tmp_path):
    """Why: a relation's not-null, accepted-value and key rules are one dbt test (sql/macros/row_rules.sql);
    it must still fail on each kind of bad row and say which rule each breaks. Three bad rows planted in a copy
    of the seeds warehouse: a quote of an unknown kind that repeats a quote's key, and one without an id."""
    from pipelines.defs.dbt import DBT_DIR, dbt_executable

    db = tmp_path / "w.duckdb"
    shutil.copy(seeds_warehouse[0], db)
    con = duckdb.connect(str(db))
    try:
        con.execute("insert into core.quotes select * replace ('shouted' as kind) from core.quotes "
                    "order by quote_id limit 1")
        # The file's DDL refuses a NULL id already; the rule is there for a lake or a table written otherwise.
        con.execute("alter table core.quotes alter column quote_id drop not null")
        con.execute("insert into core.quotes select * replace (null as quote_id) from core.quotes "
                    "where kind = 'direct' order by quote_id limit 1")
    finally:
        con.close()
    target = tmp_path / "dbt-target"
    proc = subprocess.run([dbt_executable(), "test", "--select", "core_quotes_row_rules", "--project-dir", str(DBT_DIR),
                           "--profiles-dir", str(DBT_DIR), "--target-path", str(target), "--log-path", str(target)],
                          capture_output=True, text=True, env={**os.environ, "NEWS_WAREHOUSE_DB": str(db)})
    assert proc.returncode == 1, proc.stdout
    assert "Got 3 results" in proc.stdout  # the broken rules' rows summed: one each
    (compiled,) = target.glob("compiled/**/core_quotes_row_rules.sql")
    assert sorted(rows(db, compiled.read_text())) == [
        ("duplicate (partition_date, quote_id)", 1), ("kind not in (direct, partial, reported)", 1),
        ("quote_id is null", 1)]
