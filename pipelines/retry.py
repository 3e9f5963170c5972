"""Bounded retries with exponential back-off: the one retry loop of the project.

Three things are worth another try here: a DuckLake commit that lost to a
concurrent writer, a DuckDB file another process holds open, and a ``dbt
build`` that could not open the file. Each says what it retries and how long
it waits with a :class:`Backoff`; :func:`attempts` and :func:`call` run the loop.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    """How often to try and how long to wait between tries.

    The wait after failed try ``n`` (1-based) is ``first_s * 2**(n - 1)``, at
    most ``cap_s``, times a random factor in [0.5, 1.5) when ``jitter`` (so
    writers that collided do not collide again in step). Tries stop after
    ``attempts`` tries, or once ``deadline_s`` seconds have passed since the
    first, whichever comes first (None: no such limit). Example:
    ``Backoff(first_s=2, cap_s=30, attempts=6)`` waits 2, 4, 8, 16, 30 s.
    """

    first_s: float
    cap_s: float
    attempts: int | None = None
    deadline_s: float | None = None
    jitter: bool = False

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed try ``attempt`` (1-based) before the next."""
        wait = min(self.cap_s, self.first_s * 2 ** (attempt - 1))
        return wait * (0.5 + random.random()) if self.jitter else wait


class Attempt:
    """One try of a loop from :func:`attempts`: its number, and whether it is the last one allowed."""

    def __init__(self, number: int, backoff: Backoff, started: float) -> None:
        self.number, self._backoff, self._started = number, backoff, started

    @property
    def last(self) -> bool:
        """True when no further try may follow this one (attempts used up, or the deadline passed)."""
        b = self._backoff
        return ((b.attempts is not None and self.number >= b.attempts)
                or (b.deadline_s is not None and time.monotonic() - self._started > b.deadline_s))


def attempts(backoff: Backoff, on_retry: Callable[[int, float], None] | None = None) -> Iterator[Attempt]:
    """The tries of a retry loop: ``for attempt in attempts(b): ... break`` on success.

    In: the back-off, and ``on_retry(n, seconds)`` called before waiting after failed try ``n``. Out: one
    :class:`Attempt` per try; the loop body breaks when it is done, and the loop ends by itself after the
    last allowed try. Used as a loop (not :func:`call`) where a try streams results as it goes.
    """
    if backoff.attempts is not None and backoff.attempts < 1:
        raise ValueError("attempts must be at least 1")
    started = time.monotonic()
    number = 1
    while True:
        attempt = Attempt(number, backoff, started)
        yield attempt
        if attempt.last:
            return
        wait = backoff.delay(number)
        if on_retry:
            on_retry(number, wait)
        time.sleep(wait)
        number += 1


def call(fn: Callable[[], T], backoff: Backoff, retry_if: Callable[[Exception], bool],
         on_retry: Callable[[int, float], None] | None = None) -> T:
    """``fn()``'s result; while it raises an error ``retry_if`` accepts, try again after the back-off.

    The error of the last allowed try, or any error ``retry_if`` rejects, is raised as it is. Example:
    ``call(lambda: duckdb.connect(path), Backoff(0.1, 2.0, deadline_s=60), is_lock_error)``.
    """
    for attempt in attempts(backoff, on_retry):
        try:
            return fn()
        except Exception as err:
            if attempt.last or not retry_if(err):
                raise
