"""Transactions: one at a time, retried when a concurrent DuckLake writer committed first."""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable
from typing import TypeVar

import duckdb

T = TypeVar("T")


def is_commit_conflict(err: duckdb.Error) -> bool:
    """Whether ``err`` says a concurrent DuckLake writer committed first (a conflict, or a table it created)."""
    msg = str(err).lower()
    return isinstance(err, (duckdb.TransactionException, duckdb.CatalogException)) and (
        "conflict" in msg or "already exists" in msg)


def retry_conflicts(fn: Callable[[], T], attempts: int = 8,
                    is_conflict: Callable[[duckdb.Error], bool] = is_commit_conflict) -> T:
    """Run ``fn`` and return what it returns; while it fails with an error ``is_conflict`` accepts (by default
    a DuckLake commit conflict), run it again after a jittered exponential back-off, ``attempts`` times at most."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except duckdb.Error as err:
            if attempt == attempts or not is_conflict(err):
                raise
            time.sleep(min(5.0, 0.1 * 2**attempt) * (0.5 + random.random()))
    raise ValueError("attempts must be at least 1")


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
