"""Stopping a ``concurrent.futures.ProcessPoolExecutor`` at once, for the two pools of a run.

The run's partition workers (:mod:`pipelines.runner.pool`) and one partition's parsing workers
(:mod:`pipelines.nlp_pool`) are both such pools; an interrupted run or a dead worker must not wait for the
others' work to finish.
"""

from __future__ import annotations

import concurrent.futures


def kill_process_pool(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Kill ``pool``'s worker processes, whatever they are doing, and cancel what they have not started.

    ``shutdown(wait=False)`` alone lets a busy worker finish its item; the executor keeps its processes in
    ``_processes`` (an implementation detail, read defensively: absent or None once shut down).
    """
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
