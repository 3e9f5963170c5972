"""Publishing a partition: its rows in every table replaced in one transaction, no other partition touched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import duckdb
import polars as pl

from pipelines.warehouse.schema import APPEND_ONLY
from pipelines.warehouse.transactions import in_transaction


class ForeignRows(ValueError):
    """A table handed to :func:`replace_partition` holds rows of another partition."""


def replace_partition(con: duckdb.DuckDBPyConnection, partition_date: dt.date, tables: Mapping[str, pl.DataFrame]) -> None:
    """Replace ``partition_date``'s rows in every table of ``tables`` in ONE transaction.

    Deletes by ``partition_date`` and inserts the given rows, nothing else:
    another partition's rows are never read, updated or deleted, so the cost
    does not grow with the warehouse and concurrent DuckLake writers of
    different partitions touch disjoint rows. Every given row must carry
    ``partition_date`` (raises :class:`ForeignRows` before writing otherwise).
    ``APPEND_ONLY`` tables get the rows added, their history kept. The frames
    reach DuckDB through Arrow without a copy (``con.register``).
    """
    for table, data in tables.items():
        if data.height and not (data["partition_date"] == partition_date).all():
            raise ForeignRows(f"{table}: rows of another partition than {partition_date}")

    def write(con: duckdb.DuckDBPyConnection) -> None:
        for i, (table, data) in enumerate(tables.items()):
            if table not in APPEND_ONLY:
                con.execute(f"DELETE FROM {table} WHERE partition_date = ?", [partition_date])
            if data.height:
                name = f"_incoming_{i}"
                con.register(name, data)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
                con.unregister(name)

    in_transaction(con, write)
