"""Every core for one partition: persistent worker processes that parse chunks of a partition's articles.

A day's drop is one partition; parsing it in one process leaves the other
cores idle. :class:`NlpPool` keeps ``processes`` worker processes alive for the
life of the process that made it (a `news-warehouse run`, a Dagster step
process), each with the spaCy pipeline loaded once, and maps chunks of
articles over them; results come back in input order, so offsets and rows are
exactly what one process would produce. The partition's write stays one
transaction in the calling process. Small batches are parsed in the calling
process: starting workers costs more than it saves.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pipelines.process_pool import kill_process_pool
from pipelines.settings import MATH_THREAD_VARS

if TYPE_CHECKING:
    from pipelines.text.extract import Extraction

# A chunk is this many articles (or fewer, at the end): small enough to spread a partition evenly over
# the workers, large enough for spaCy's batching and to amortise pickling.
CHUNK_TEXTS = 24
# Fewer articles than this are parsed in the calling process.
MIN_POOL_TEXTS = 48
# Memory a worker needs (model, batches, glibc arenas): the default count keeps them within available memory.
WORKER_BYTES = 700 * 1024 * 1024


def default_processes() -> int:
    """Cores this process may use, bounded by available memory (one worker per ``WORKER_BYTES``)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        with open("/proc/meminfo") as fh:
            available = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("MemAvailable:"))
    except (OSError, StopIteration, ValueError):
        return cores
    return max(1, min(cores, available // WORKER_BYTES))


def _start_worker() -> None:
    """In a worker: one thread per process for the maths libraries, the heap kept, the model loaded once."""
    from pipelines.malloc import keep_freed_memory
    from pipelines.text.nlp import load_nlp

    keep_freed_memory()
    load_nlp()


def _extract_chunk(texts: list[str]) -> list[Extraction]:
    from pipelines.text.extract import extract_all

    return list(extract_all(texts))


class NlpPool:
    """``processes`` worker processes parsing chunks of articles; :meth:`extract` is a drop-in for ``extract_all``."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None

    def warm(self, texts: int) -> None:
        """Start the workers now, without waiting for them, when ``texts`` articles will use the pool: their
        model loads while the caller does other work (reading and cleaning the partition's files)."""
        if self.processes > 1 and texts >= MIN_POOL_TEXTS:
            self._executor(wait=False)

    def _executor(self, wait: bool = True) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            # Workers would each start a thread per core for numpy/BLAS: with a process per core that
            # oversubscribes the machine. The variables are read when the libraries load in the worker.
            env = {k: "1" for k in MATH_THREAD_VARS}
            saved = {k: os.environ.get(k) for k in env}
            os.environ.update(env)
            try:
                self._pool = concurrent.futures.ProcessPoolExecutor(
                    self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker)
                # Start every worker now, so they load the model side by side rather than on first use.
                started = self._pool.map(_noop, range(self.processes))
                if wait:
                    list(started)
            finally:
                for k, v in saved.items():
                    os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
        return self._pool

    def extract(self, texts: Iterable[str]) -> Iterator[Extraction]:
        """One :class:`Extraction` per text, in order, as ``extract_all`` gives them."""
        texts = list(texts)
        if self.processes <= 1 or len(texts) < MIN_POOL_TEXTS:
            # Imported here: a process that hands its texts to the workers never loads spaCy (~1 s of its start-up).
            from pipelines.text.extract import extract_all

            yield from extract_all(texts)
            return
        chunks = [texts[i:i + CHUNK_TEXTS] for i in range(0, len(texts), CHUNK_TEXTS)]
        for done in self._executor().map(_extract_chunk, chunks):
            yield from done

    def kill(self, wait: bool = False) -> None:
        """Kill the workers at once, whatever chunk they are parsing (an interrupted run must not wait for them).

        ``wait``: then wait for the pool's manager thread to see them gone (milliseconds; left running, it
        would complain at interpreter exit).
        """
        if self._pool is not None:
            kill_process_pool(self._pool)
            if wait:
                self._pool.shutdown(wait=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _noop(_: int) -> None:
    return None


_SHARED: dict[int, NlpPool] = {}


def shared_pool(processes: int) -> NlpPool:
    """One pool per process and size: partitions run one after another reuse its workers."""
    if processes not in _SHARED:
        _SHARED[processes] = NlpPool(processes)
    return _SHARED[processes]


def stop_shared_pools() -> None:
    """Kill the workers of every :func:`shared_pool`, idle once a run's partitions are parsed.

    Why kill: a worker leaving normally frees its model and batches object by object (0.4 s of CPU each on
    the BBC corpus, and the run waited for it at exit); its results are all delivered, so nothing is lost.
    The next use of a pool starts new workers.
    """
    for pool in _SHARED.values():
        pool.kill(wait=True)
