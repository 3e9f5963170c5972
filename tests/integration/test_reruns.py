"""Reruns: a partition or everything again in any order gives the same tables; a removed copy hands its count on."""

import shutil

from tests.helpers import run_cli
from tests.integration.faults import DAYS, chaos, materialize, table_state


def test_rerunning_a_partition_or_everything_gives_identical_tables(tmp_path):
    landing = chaos.build_landing(tmp_path / "landing", 9, DAYS)
    # A byte copy of one article in another date folder: each partition's rows come from its own files,
    # so the order partitions run in changes nothing.
    src = next((landing / DAYS[0]).iterdir())
    shutil.copy(src, landing / DAYS[2] / f"copy-of-{src.name}")
    db = tmp_path / "w.duckdb"
    materialize(landing, db)
    first = table_state(db)
    assert len(first["core.quotes"]) > 10 and len(first["core.entity_mentions"]) > 100
    materialize(landing, db, [DAYS[1]])
    assert table_state(db) == first
    materialize(landing, db, DAYS[::-1])
    assert table_state(db) == first
    other = tmp_path / "reverse.duckdb"
    materialize(landing, other, DAYS[::-1])  # a fresh warehouse built in the other order
    assert table_state(other) == first


def test_removing_the_counted_copy_makes_the_next_copy_count_without_rerunning_its_partition(tmp_path):
    """The same article landed on two dates: the first counts, the second is a duplicate (analytics.files).
    When the first file is removed, only its date reruns; the other date's rows are untouched and its copy
    now counts, because which copy counts is a model over the partitions, not a write into them."""
    landing = chaos.build_landing(tmp_path / "landing", 4, DAYS[:2])
    first = next(iter(sorted((landing / DAYS[0]).iterdir())))
    shutil.copy(first, landing / DAYS[1] / f"resent-{first.name}")
    db = tmp_path / "w.duckdb"
    run_cli("run", "--landing", str(landing), "--warehouse", str(db), "--quiet")

    def status(name):
        with chaos.open_ro(db) as con:
            return con.execute("select partition_date::varchar, status, partition_status from analytics.files "
                               "where source_path like ?", [f"%/{name}"]).fetchall()

    assert status(f"resent-{first.name}") == [(DAYS[1], "duplicate", "loaded")]
    second_day = chaos.partition_snapshot(db)
    first.unlink()
    proc = run_cli("run", "--landing", str(landing), "--warehouse", str(db))
    assert f"[1/1] {DAYS[0]}" in proc.stdout
    assert status(first.name) == [] and status(f"resent-{first.name}") == [(DAYS[1], "loaded", "loaded")]
    assert {k: v for k, v in chaos.partition_snapshot(db).items() if k[1] == DAYS[1]} == {
        k: v for k, v in second_day.items() if k[1] == DAYS[1]}
    # Named w.duckdb as well, in a folder of its own: dbt keeps its parse per file name (pipelines/defs/dbt.py),
    # so a build here finds the one the first run left instead of parsing the project whole (~6 s of CPU).
    clean_db = tmp_path / "clean" / "w.duckdb"
    clean_db.parent.mkdir()
    run_cli("run", "--landing", str(landing), "--warehouse", str(clean_db), "--quiet")
    assert chaos.snapshot(db, views=True) == chaos.snapshot(clean_db, views=True)
