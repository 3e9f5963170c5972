"""Connections: a DuckDB file (one writer, behind an advisory lock) or a DuckLake (catalog in PostgreSQL).

A target is either a DuckDB file path (the default) or a DuckLake attach
string (``ducklake:postgres:dbname=… host=… port=… user=…``: catalog in
PostgreSQL, data as Parquet files under a data path). The same tables live in
both. On a DuckDB file, writers serialise on an advisory file lock next to the
database (DuckDB itself would fail the second writer with "Could not set lock
on file"). DuckLake takes concurrent writers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import glob
import importlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from pipelines import retry
from pipelines.warehouse.schema import create_tables
from pipelines.warehouse.transactions import retry_conflicts


class WarehouseBusy(RuntimeError):
    pass


LAKE_ALIAS = "lake"
_EXTENSION_PACKAGES = {"ducklake": "duckdb_extension_ducklake", "postgres_scanner": "duckdb_extension_postgres_scanner"}


def _literal(value: str) -> str:
    """A SQL string literal, for ATTACH: it takes no ? parameters (DuckDB 1.5.5: "ATTACH ? AS x" is a parser
    error) and Python has no attach API. Only configuration (attach string, data path) goes through here."""
    return "'" + value.replace("'", "''") + "'"


def is_lake(target: str | Path) -> bool:
    """True for a DuckLake attach string, False for a DuckDB file path."""
    return str(target).startswith("ducklake:")


def shown(target: str | Path) -> str:
    """The warehouse as logs and run tags show it: a file's absolute path, a DuckLake attach string without
    its password. ``shown("ducklake:postgres:dbname=lake password=s3cret host=db")`` is
    ``"ducklake:postgres:dbname=lake password=*** host=db"``.
    """
    if is_lake(target):
        return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", str(target), flags=re.IGNORECASE)
    return str(Path(target).resolve())


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckLake and the PostgreSQL scanner, installing them once from their PyPI packages (no network)."""
    installed = {r[0] for r in con.execute(
        "select extension_name from duckdb_extensions() where installed").fetchall()}
    for name, package in _EXTENSION_PACKAGES.items():
        if name not in installed:
            pkg_dir = os.path.dirname(importlib.import_module(package).__file__)
            (binary,) = glob.glob(os.path.join(pkg_dir, "extensions", f"v{duckdb.__version__}", f"{name}.duckdb_extension"))
            con.install_extension(binary)
        con.load_extension(name)


# One attached DuckLake per process and target: attaching (extensions, catalog
# round trips) costs ~0.5 s, and a lake, unlike a DuckDB file, needs no
# connection closed to let other writers in. Callers get cursors of it.
_LAKES: dict[tuple[str, str | None, bool], duckdb.DuckDBPyConnection] = {}


# Two processes that attach a lake whose catalog does not exist yet both create it; PostgreSQL lets one win
# and fails the other ("duplicate key value violates unique constraint …", DuckLake 0.3). Opened anew, the
# loser finds the catalog made.
ATTACH_ATTEMPTS = 5


def _lost_creation_race(err: duckdb.Error) -> bool:
    """Whether ATTACH failed because another process created the same lake's catalog at that moment: PostgreSQL
    says so as a duplicate key (both inserted the catalog's first rows) or as a table that already exists (the
    other created the catalog's tables between this one's check and its CREATE TABLE)."""
    message = str(err)
    return "duplicate key value violates unique constraint" in message or (
        "Failed to initialize DuckLake" in message and "already exists" in message)


def _open_lake(target: str, read_only: bool, data_path: str | None,
               attempts: int = ATTACH_ATTEMPTS) -> duckdb.DuckDBPyConnection:
    """A new DuckDB connection with the lake attached as ``lake``; for a writer, its tables created.

    In: the attach string, read-only or not, the data path (needed the first time). Tries again, on a new
    connection, up to ``attempts`` times while another process is creating the same catalog at that moment.
    """
    options = []
    if data_path:
        Path(data_path).mkdir(parents=True, exist_ok=True)
        options.append(f"DATA_PATH {_literal(str(Path(data_path).resolve()) + '/')}")
    if read_only:
        options.append("READ_ONLY")
    opts = f" ({', '.join(options)})" if options else ""
    attach = f"ATTACH {_literal(target)} AS {LAKE_ALIAS}{opts}"  # ATTACH takes no parameters

    def open_once() -> duckdb.DuckDBPyConnection:
        con = duckdb.connect()
        try:
            load_extensions(con)
            con.execute(attach)
            if not read_only:
                con.execute(f"USE {LAKE_ALIAS}")
                create_tables(con)
        except BaseException:
            con.close()
            raise
        return con

    return retry_conflicts(open_once, attempts, is_conflict=_lost_creation_race)


def _connect_lake(target: str, read_only: bool, data_path: str | None) -> duckdb.DuckDBPyConnection:
    """A cursor of this process's connection to the lake (:func:`_open_lake` the first time), with USE lake."""
    key = (target, data_path, read_only)
    if key not in _LAKES:
        _LAKES[key] = _open_lake(target, read_only, data_path)
    cursor = _LAKES[key].cursor()
    cursor.execute(f"USE {LAKE_ALIAS}")
    return cursor


# Polling the writer lock while another writer holds it: every 0.2 s until the caller's timeout.
LOCK_POLL = retry.Backoff(first_s=0.2, cap_s=0.2)
# Opening a DuckDB file another process holds: waits of 0.1, 0.2, 0.4 … 2 s until the caller's timeout.
OPEN_BACKOFF = retry.Backoff(first_s=0.1, cap_s=2.0)


def _held_by_another_process(err: Exception) -> bool:
    """Whether opening the DuckDB file failed on its lock (another process has it open): worth waiting out."""
    return isinstance(err, duckdb.IOException) and "lock" in str(err).lower()


@contextlib.contextmanager
def writer_lock(db_path: str | Path, on_wait: Callable[[str], None] | None = None, timeout_s: float = 3600) -> Iterator[None]:
    """Hold the warehouse's single-writer lock (``<db>.lock``), waiting for another writer if needed.

    A DuckLake target needs no lock: it takes concurrent writers.
    """
    if is_lake(db_path):
        yield
        return
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            if on_wait:
                on_wait(f"warehouse {db_path} is being written by {holder}; waiting for it to finish")
            try:
                retry.call(lambda: fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB),
                           dataclasses.replace(LOCK_POLL, deadline_s=timeout_s), lambda err: isinstance(err, BlockingIOError))
            except BlockingIOError:
                raise WarehouseBusy(f"gave up waiting {timeout_s:.0f}s for the writer lock on {db_path}") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def connect(db_path: str | Path, *, read_only: bool = False, on_wait: Callable[[str], None] | None = None,
            timeout_s: float = 60, data_path: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying while another process (a reader, an analyst's shell) holds a DuckDB file."""
    if is_lake(db_path):
        return _connect_lake(str(db_path), read_only, data_path)
    if not read_only:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)

    def announce(attempt: int, _: float) -> None:
        if on_wait and attempt == 1:  # once, when the waiting starts
            on_wait(f"{db_path} is open in another process; retrying for up to {timeout_s:.0f}s")

    try:
        con = retry.call(lambda: duckdb.connect(str(db_path), read_only=read_only),
                         dataclasses.replace(OPEN_BACKOFF, deadline_s=timeout_s), _held_by_another_process, announce)
    except duckdb.IOException as err:
        raise WarehouseBusy(f"cannot open {db_path}: {str(err).splitlines()[0]}") from err
    if not read_only:
        create_tables(con)
    return con


