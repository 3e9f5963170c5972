"""Transactions: one at a time, retried when a concurrent DuckLake writer committed first."""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable

import duckdb


def retry_conflicts(fn: Callable[[], object], attempts: int = 8) -> None:
    """Run ``fn``; on a DuckLake commit conflict, retry with jittered exponential back-off (bounded)."""
    for attempt in range(1, attempts + 1):
        try:
            fn()
            return
        except (duckdb.TransactionException, duckdb.CatalogException) as err:
            msg = str(err).lower()
            if attempt == attempts or not ("conflict" in msg or "already exists" in msg):
                raise
            time.sleep(min(5.0, 0.1 * 2**attempt) * (0.5 + random.random()))


def in_transaction(con: duckdb.DuckDBPyConnection, fn: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    """Run ``fn(con)`` in one transaction; on a DuckLake commit conflict, roll back and run it again (bounded)."""

    def once() -> None:
        con.execute("BEGIN TRANSACTION")
        try:
            fn(con)
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # a failed COMMIT has already ended the transaction
                con.execute("ROLLBACK")
            raise

    retry_conflicts(once)
