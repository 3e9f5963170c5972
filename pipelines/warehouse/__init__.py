"""The warehouse: where every Python-written row goes, behind one interface.

- :mod:`~pipelines.warehouse.schema`: the table definitions (``TABLES``), Arrow schemas, DDL.
- :mod:`~pipelines.warehouse.connection`: DuckDB file or DuckLake, the single-writer lock.
- :mod:`~pipelines.warehouse.transactions`: one transaction, retried on a DuckLake conflict.
- :mod:`~pipelines.warehouse.partitions`: a partition's rows replaced in one transaction.

Nothing here spans partitions: what depends on the whole warehouse (names
across articles, which copy of a duplicate counts) is a dbt model in ``sql/``.
"""

from pipelines.warehouse.connection import LAKE_ALIAS, WarehouseBusy, connect, is_lake, load_extensions, shown, writer_lock
from pipelines.warehouse.partitions import ForeignRows, replace_partition
from pipelines.warehouse.schema import APPEND_ONLY, TABLES, Column, column_docs, create_tables, frame, polars_schema
from pipelines.warehouse.transactions import in_transaction, retry_conflicts

__all__ = [
    "APPEND_ONLY", "LAKE_ALIAS", "TABLES", "Column", "ForeignRows", "column_docs", "WarehouseBusy", "connect",
    "create_tables", "frame", "in_transaction", "is_lake", "load_extensions", "polars_schema", "replace_partition",
    "retry_conflicts", "shown", "writer_lock",
]
