"""Transactions: one at a time, retried when a concurrent DuckLake writer committed first."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from typing import TypeVar

import duckdb

from pipelines import retry

T = TypeVar("T")

# Jittered, so that writers that collided do not collide again in step: waits of 0.2, 0.4, 0.8 … 5 s (x 0.5-1.5).
CONFLICT_BACKOFF = retry.Backoff(first_s=0.2, cap_s=5.0, attempts=8, jitter=True)


def is_commit_conflict(err: duckdb.Error) -> bool:
    """Whether ``err`` says a concurrent DuckLake writer committed first (a conflict, or a table it created)."""
    msg = str(err).lower()
    return isinstance(err, (duckdb.TransactionException, duckdb.CatalogException)) and (
        "conflict" in msg or "already exists" in msg)


def retry_conflicts(fn: Callable[[], T], attempts: int = CONFLICT_BACKOFF.attempts,
                    is_conflict: Callable[[duckdb.Error], bool] = is_commit_conflict) -> T:
    """Run ``fn`` and return what it returns; while it fails with a DuckDB error ``is_conflict`` accepts (by
    default a DuckLake commit conflict), run it again after :data:`CONFLICT_BACKOFF`, ``attempts`` times at most."""
    backoff = dataclasses.replace(CONFLICT_BACKOFF, attempts=attempts)
    return retry.call(fn, backoff, lambda err: isinstance(err, duckdb.Error) and is_conflict(err))


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
