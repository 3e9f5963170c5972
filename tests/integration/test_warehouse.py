"""The warehouse layer: atomic partition replace that touches only its own partition, schema changes, column docs."""

import datetime as dt

import duckdb
import polars as pl
import pytest

from pipelines import warehouse
from tests.helpers import rows
from tests.unit.test_dbt_project import yml_columns

D1, D2 = dt.date(2015, 11, 24), dt.date(2015, 11, 26)


def _mention(aid, day, mention, label, entity):
    return dict(article_id=aid, partition_date=day, mention=mention, label=label, entity=entity,
                start_char=0, end_char=len(mention))


@pytest.fixture()
def con(tmp_path):
    c = warehouse.connect(tmp_path / "w.duckdb")
    yield c
    c.close()


def test_failed_write_leaves_previous_partition(con):
    rows = [_mention("a", D1, "Paris", "GPE", "Paris")]
    warehouse.replace_partition(con, D1, {"core.entity_mentions": warehouse.frame("core.entity_mentions", rows)})
    broken = pl.DataFrame({"article_id": ["b"], "partition_date": [D1], "mention": [None]},
                          schema={"article_id": pl.String, "partition_date": pl.Date, "mention": pl.String})  # NOT NULL
    with pytest.raises(duckdb.Error):
        warehouse.replace_partition(con, D1, {"core.entity_mentions": broken})
    assert con.execute("select article_id, mention from core.entity_mentions").fetchall() == [("a", "Paris")]


def test_replacing_a_partition_leaves_every_other_partition_as_it_was(con):
    # The rule of issue 14: a partition's write deletes and inserts its own rows and nothing else.
    warehouse.replace_partition(con, D1, {"core.entity_mentions": warehouse.frame(
        "core.entity_mentions", [_mention("a", D1, "Obama", "PERSON", "Obama")])})
    warehouse.replace_partition(con, D2, {"core.entity_mentions": warehouse.frame(
        "core.entity_mentions", [_mention("b", D2, "Barack Obama", "PERSON", "Barack Obama")])})
    before = con.execute("select * from core.entity_mentions where partition_date = ?", [D1]).fetchall()
    warehouse.replace_partition(con, D2, {"core.entity_mentions": warehouse.frame(
        "core.entity_mentions", [_mention("c", D2, "Hollande", "PERSON", "Hollande")])})
    assert con.execute("select * from core.entity_mentions where partition_date = ?", [D1]).fetchall() == before
    assert con.execute("select article_id from core.entity_mentions where partition_date = ?", [D2]).fetchall() == [("c",)]


def test_rows_of_another_partition_are_refused_before_anything_is_written(con):
    rows = [_mention("a", D1, "Paris", "GPE", "Paris"), _mention("b", D2, "Rome", "GPE", "Rome")]
    with pytest.raises(warehouse.ForeignRows):
        warehouse.replace_partition(con, D1, {"core.entity_mentions": warehouse.frame("core.entity_mentions", rows)})
    assert con.execute("select count(*) from core.entity_mentions").fetchone() == (0,)


def test_columns_dropped_from_a_definition_leave_the_table(tmp_path):
    # A warehouse built before a column was removed from TABLES (here core.quotes.article_speaker,
    # NOT NULL-free but no longer written) gets that column dropped, its rows kept.
    path = tmp_path / "old.duckdb"
    con = warehouse.connect(path)
    con.execute("alter table core.quotes add column article_speaker varchar")
    con.execute("insert into core.quotes (article_id, partition_date, quote_id, quote, kind, start_char, end_char, "
                "article_speaker) values ('a', DATE '2015-11-24', 'q', 'Not enough', 'direct', 0, 10, 'Obama')")
    con.close()
    con = warehouse.connect(path)
    try:
        cols = [r[0] for r in con.execute("select column_name from information_schema.columns "
                                          "where table_schema = 'core' and table_name = 'quotes'").fetchall()]
        assert cols == list(warehouse.TABLES["core.quotes"])
        assert con.execute("select quote from core.quotes").fetchall() == [("Not enough",)]
    finally:
        con.close()


def test_frames_take_the_table_definition_from_columns_or_records():
    # The write path's frames (issue 20): Polars, with exactly the table's columns and types from TABLES.
    cols = {"article_id": ["a"], "partition_date": [D1], "mention": ["Paris"], "label": ["GPE"], "entity": ["Paris"],
            "start_char": [0], "end_char": [5]}
    df = warehouse.frame("core.entity_mentions", cols)
    assert df.schema == warehouse.polars_schema("core.entity_mentions")
    assert df.schema["start_char"] == pl.Int32 and df.height == 1
    rec = warehouse.frame("core.quotes", [dict(article_id="a", partition_date=D1, quote_id="q", quote="Not enough",
                                               kind="direct", start_char=0, end_char=10, unknown="ignored")])
    assert rec.columns == list(warehouse.TABLES["core.quotes"]) and rec["speaker"].to_list() == [None]
    assert warehouse.frame("core.quotes").height == 0


def test_every_column_the_warehouse_shows_is_described(seeds_warehouse):
    # Each relation of the dbt project and of the Python assets has exactly the columns its yml lists, each of
    # which references its doc block (tests/unit/test_dbt_project.py): a column added to a model without a
    # line in its yml would be shown to analysts undescribed.
    db, _ = seeds_warehouse
    built: dict[str, list[str]] = {}
    for schema_name, table, column in rows(db, """
            select table_schema, table_name, column_name from information_schema.columns
            where table_catalog = current_database()
              and table_schema in ('raw', 'core', 'staging', 'intermediate', 'analytics', 'reference')
            order by table_schema, table_name, ordinal_position"""):
        relation = f"{schema_name}.{table}" if schema_name in ("raw", "core") else table
        built.setdefault(relation, []).append(column)
    described: dict[str, list[str]] = {}
    for relation, column, _ in yml_columns():
        described.setdefault(relation, []).append(column)
    assert {r: sorted(c) for r, c in built.items()} == {r: sorted(c) for r, c in described.items()}
