"""The Dagster assets on a temporary landing folder and DuckDB file, through dg.materialize."""

import shutil

import dagster as dg
import duckdb
import pytest

from pipelines.defs import assets
from pipelines.defs.resources import Landing, NlpProcesses, Warehouse
from tests.helpers import BBC, SHARED, materialize_date

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
DAY = "2015-11-26"
PYTHON_ASSETS = [assets.partition_tables]


def _materialize(landing, db, partition=DAY):
    result = materialize_date(
        PYTHON_ASSETS,
        partition,
        resources={"landing_folder": Landing(root=str(landing)), "warehouse_db": Warehouse(path=str(db)), "nlp": NlpProcesses()},
    )
    assert result.success
    return result


def _table(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture()
def landing(tmp_path):
    day = tmp_path / "landing" / DAY
    day.mkdir(parents=True)
    # The VOA seed (quotes, byline), a re-sent byte copy of it (must be a duplicate),
    # a BBC article (plain layout), and an image someone dropped with a .txt name.
    shutil.copy(SHARED / "seeds" / "000_fd20b0775c6aaf20.txt", day / "voa.txt")
    shutil.copy(SHARED / "seeds" / "000_fd20b0775c6aaf20.txt", day / "voa copy.txt")
    shutil.copy(BBC / "politics" / "001.txt", day / "bbc-politics-001.txt")
    (day / "photo.txt").write_bytes(PNG)
    return tmp_path / "landing"


def test_every_file_accounted_for_with_status_and_reason(landing, tmp_path):
    db = tmp_path / "w.duckdb"
    result = _materialize(landing, db)
    files = _table(db, "select source_path, status, reason from raw.files order by source_path")
    assert files == [
        (f"{DAY}/bbc-politics-001.txt", "loaded", None),
        (f"{DAY}/photo.txt", "rejected", "binary file (PNG image)"),
        (f"{DAY}/voa copy.txt", "loaded", None),
        (f"{DAY}/voa.txt", "duplicate", f"same text as {DAY}/voa copy.txt"),
    ]
    assert _table(db, "select count(*) from core.articles") == [(2,)]
    checks = {c.check_name: c.passed for c in result.get_asset_check_evaluations()}
    assert checks == {"every_landed_file_recorded": True, "partition_keeps_its_articles": True,
                      "mention_offsets_reproduce_text": True, "quote_offsets_reproduce_text": True}
    meta = result.asset_materializations_for_node("partition_tables")[0].metadata
    assert meta["files_rejected"].value == 1 and meta["files_duplicate"].value == 1


def test_rerun_gives_identical_tables(landing, tmp_path):
    db = tmp_path / "w.duckdb"
    tables = ["raw.files", "raw.articles", "core.articles", "core.entity_mentions", "core.quotes"]

    def snapshot():
        return {t: _table(db, f"select * exclude (modified_at) from {t} order by all") if t == "raw.files"
                else _table(db, f"select * from {t} order by all") for t in tables}

    _materialize(landing, db)
    first = snapshot()
    _materialize(landing, db)
    assert snapshot() == first
    assert len(first["core.quotes"]) > 5 and len(first["core.entity_mentions"]) > 50


def test_removed_file_disappears_and_other_partitions_untouched(landing, tmp_path):
    db = tmp_path / "w.duckdb"
    other = landing / "2015-11-27"
    other.mkdir()
    shutil.copy(BBC / "tech" / "001.txt", other / "tech-001.txt")
    _materialize(landing, db)
    _materialize(landing, db, "2015-11-27")
    (landing / DAY / "bbc-politics-001.txt").unlink()
    _materialize(landing, db)
    paths = [r[0] for r in _table(db, "select source_path from core.articles order by 1")]
    assert paths == ["2015-11-26/voa copy.txt", "2015-11-27/tech-001.txt"]
    # Mentions of the removed article went with it: every mention belongs to a current article.
    assert _table(db, "select count(*) from core.entity_mentions m anti join core.articles a using (article_id)") == [(0,)]


def test_offsets_reproduce_text(landing, tmp_path):
    db = tmp_path / "w.duckdb"
    _materialize(landing, db)
    con = duckdb.connect(str(db), read_only=True)
    bodies = dict(con.execute("select article_id, body from core.articles").fetchall())
    for aid, text, start, end in con.execute("select article_id, mention, start_char, end_char from core.entity_mentions "
                                             "union all select article_id, quote, start_char, end_char from core.quotes").fetchall():
        assert bodies[aid][start:end] == text
    con.close()


def test_a_copy_on_another_date_is_loaded_by_its_own_partition_whatever_the_order(tmp_path):
    # The same BBC article landed on two dates. Each partition's rows depend on its own files only:
    # both load it (which copy counts is analytics.article_copies' job), and running the dates in
    # either order gives the same rows; rerunning one leaves the other's rows as they were.
    root = tmp_path / "landing"
    for day in ("2015-11-26", "2015-11-27"):
        (root / day).mkdir(parents=True)
        shutil.copy(BBC / "business" / "007.txt", root / day / "story.txt")
    tables = ["raw.files", "raw.articles", "core.articles", "core.entity_mentions", "core.quotes"]

    def state(db):
        return {t: _table(db, f"select * exclude (modified_at) from {t} order by all") if t == "raw.files"
                else _table(db, f"select * from {t} order by all") for t in tables}

    db, other = tmp_path / "w.duckdb", tmp_path / "other.duckdb"
    _materialize(root, db, "2015-11-27")
    _materialize(root, db, "2015-11-26")
    _materialize(root, other, "2015-11-26")
    _materialize(root, other, "2015-11-27")
    assert state(db) == state(other)
    assert _table(db, "select partition_date::varchar, status, reason from raw.files order by 1") == [
        ("2015-11-26", "loaded", None), ("2015-11-27", "loaded", None)]
    assert _table(db, "select count(distinct article_id), count(*) from core.articles") == [(1, 2)]
    earlier = _table(db, "select * from core.entity_mentions where partition_date = '2015-11-26' order by all")
    _materialize(root, db, "2015-11-27")
    assert _table(db, "select * from core.entity_mentions where partition_date = '2015-11-26' order by all") == earlier


def test_unchanged_articles_skip_spacy_on_rerun(landing, tmp_path):
    # NER is the cost; an article whose text and extraction version are unchanged keeps its rows.
    db = tmp_path / "w.duckdb"
    first = _materialize(landing, db)
    rows = _table(db, "select * from core.entity_mentions order by all")
    second = _materialize(landing, db)
    (mentions,) = [m.metadata for m in second.asset_materializations_for_node("partition_tables")
                   if m.asset_key == dg.AssetKey(["core", "entity_mentions"])]
    assert mentions["articles_extracted"].value == 0 and mentions["articles_cached"].value == 2
    assert first.success and _table(db, "select * from core.entity_mentions order by all") == rows
