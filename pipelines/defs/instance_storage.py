"""Dagster's SQLite instance storage with the event log kept on open connections.

Dagster's stock ``SqliteEventLogStorage`` builds a new SQLAlchemy engine for every statement it writes
(``poolclass=NullPool``) and disposes of it afterwards. Closing the last connection to a WAL database
checkpoints it, so each recorded event costs a create_engine, a connect, a commit and a checkpoint; a
run of the seeds records ~630 events (the dbt build alone ~440: an output, a materialization and a
check evaluation per model and test), and ~12 s of its 36 s went there (cProfile, 2026-12-02).

:class:`PooledSqliteStorage` is the stock storage (same files, same schema, same run and schedule
storage) with :class:`PooledSqliteEventLogStorage` as its event log: one engine per shard (the run's
own database, or the cross-run index), reused while the process lives, the most recently used few kept
open. Connections use ``synchronous=NORMAL``, SQLite's recommended setting in WAL mode: a crash of the
process loses nothing, a power cut can lose the last events, never the database. It is named in the
project's ``dagster.yaml`` (``storage: custom``), which ``news-warehouse run`` and ``make dev`` copy into a
new DAGSTER_HOME; the webserver and daemon read the same files with either class.
"""

import collections
import contextlib
import os
import threading
from collections.abc import Iterator

import sqlalchemy as sa
from dagster._config import StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (  # the stock wait on a locked database
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage
from dagster._core.storage.schedules.sqlite.sqlite_schedule_storage import SqliteScheduleStorage
from dagster._core.storage.sqlite_storage import (
    DagsterSqliteStorage,
    _event_logs_directory,
    _runs_directory,
    _schedule_directory,
)

OPEN_SHARDS = 8  # engines kept open: the index, and the runs being written or read now


def _sqlite_engine(conn_string: str) -> sa.Engine:
    """An engine on one SQLite file whose connections commit with ``synchronous=NORMAL`` (WAL mode)."""
    engine = sa.create_engine(conn_string, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
                              pool_size=1, max_overflow=4)

    @sa.event.listens_for(engine, "connect")
    def _normal_sync(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    return engine


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    """``SqliteEventLogStorage`` whose connections outlive a statement: one engine per shard and process."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: collections.OrderedDict[str, sa.Engine] = collections.OrderedDict()
        self._engines_pid = os.getpid()
        self._engines_lock = threading.Lock()
        super().__init__(base_dir, inst_data=inst_data)

    def _engine(self, shard: str) -> sa.Engine:
        """The open engine of ``shard`` (a run id or the index), created and its schema checked on first use."""
        with self._engines_lock:
            if self._engines_pid != os.getpid():  # a forked child must not share the parent's connections
                self._engines, self._engines_pid = collections.OrderedDict(), os.getpid()
            engine = self._engines.get(shard)
            if engine is None:
                engine = _sqlite_engine(self.conn_string_for_shard(shard))
                if shard not in self._initialized_dbs:
                    self._initdb(engine)
                    self._initialized_dbs.add(shard)
                self._engines[shard] = engine
                while len(self._engines) > OPEN_SHARDS:
                    self._engines.popitem(last=False)[1].dispose()
            self._engines.move_to_end(shard)
            return engine

    @contextlib.contextmanager
    def _connect(self, shard: str) -> Iterator[sa.Connection]:
        """One transaction on ``shard``, as the stock ``_connect`` gives, on a pooled connection."""
        with self._db_lock:
            engine = self._engine(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def _close_engines(self) -> None:
        """Dispose of every open engine (before files are deleted, and on dispose)."""
        with self._engines_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()

    def wipe(self) -> None:
        """The stock wipe (deletes the run shards), after closing the connections held on them."""
        self._close_engines()
        super().wipe()

    def upgrade(self) -> None:
        """The stock schema migration, on fresh connections."""
        self._close_engines()
        super().upgrade()

    def dispose(self) -> None:
        """Stop the watchers, as the stock storage does, and close the connections."""
        super().dispose()
        self._close_engines()


class PooledSqliteStorage(DagsterSqliteStorage):
    """``DagsterSqliteStorage`` (runs, schedules and event log under ``base_dir``) with the pooled event log.

    Configured in dagster.yaml as ``storage: custom: {module: pipelines.defs.instance_storage, class:
    PooledSqliteStorage, config: {base_dir: {env: DAGSTER_HOME}}}``.
    """

    def __init__(self, base_dir: str, inst_data=None):  # noqa: D107 -- the stock __init__, one class changed
        self.base_dir = base_dir
        self._run_storage = SqliteRunStorage.from_local(_runs_directory(base_dir))
        self._event_log_storage = PooledSqliteEventLogStorage(_event_logs_directory(base_dir))
        self._schedule_storage = SqliteScheduleStorage.from_local(_schedule_directory(base_dir))
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def config_type(cls):
        """``base_dir``: the instance's directory (DAGSTER_HOME)."""
        return {"base_dir": StringSource}

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> "PooledSqliteStorage":
        """Built from dagster.yaml; the stock class's method would build the stock class."""
        os.makedirs(config_value["base_dir"], exist_ok=True)
        return cls(config_value["base_dir"], inst_data=inst_data)
