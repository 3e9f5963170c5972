"""Progress of a partition's language work: articles done of the total, the rate, the time left.

On a terminal a live bar (rich, MIT); otherwise plain lines on stderr at most
every ``PLAIN_EVERY_S`` seconds; and the same counts as log lines (Dagster's
``context.log``, so the UI's run view shows them) at every tenth of the way.
The mode comes as an argument: ``news-warehouse run --quiet`` turns the bar and
plain lines off (the log lines stay); with ``--workers`` each worker writes plain
lines, so bars of several processes never overwrite each other.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

# The mode when none is given: "auto" (default), "plain" or "off". An environment variable because runs
# launched from the Dagster UI, a schedule or a deployment execute in processes Dagster starts, which take
# no arguments from this project; `news-warehouse run` passes its mode as an argument instead.
MODE_ENV = "NEWS_WAREHOUSE_PROGRESS"
PLAIN_EVERY_S = 15.0
MIN_ARTICLES = 20  # smaller partitions finish before a bar would be worth drawing


def resolve_mode(requested: str = "") -> str:
    """The progress mode to use: ``requested`` when given, else :data:`MODE_ENV`, else "auto"."""
    return requested or os.environ.get(MODE_ENV, "auto")


class PartitionProgress:
    """Counts articles as they are parsed; call :meth:`advance` per article and :meth:`close` at the end.

    ``mode``: "auto" (a live bar on a terminal, plain lines otherwise), "plain" or "off"; "" = :func:`resolve_mode`.
    """

    def __init__(self, label: str, total: int, log: Callable[[str], None] | None = None, mode: str = "") -> None:
        self.label, self.total, self.log = label, total, log
        self.done = 0
        self.start = time.monotonic()
        self._next_log = max(1, total // 10)
        self._last_plain = self.start
        mode = resolve_mode(mode)
        self._bar = None
        self._plain = False
        if total >= MIN_ARTICLES and mode != "off":
            if mode == "auto" and sys.stderr.isatty():
                self._bar = _rich_bar(label, total)
            else:
                self._plain = True

    def line(self) -> str:
        """'<label>: 120/2225 articles, 14.2/s, about 148 s left'."""
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else float("nan")
        eta = f"about {left:.0f} s left" if self.done < self.total else f"done in {elapsed:.1f} s"
        return f"{self.label}: {self.done}/{self.total} articles, {rate:.1f}/s, {eta}"

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar[0].update(self._bar[1], completed=self.done)
        now = time.monotonic()
        if self._plain and (now - self._last_plain >= PLAIN_EVERY_S or self.done == self.total):
            print(self.line(), file=sys.stderr, flush=True)
            self._last_plain = now
        if self.log and self.total >= MIN_ARTICLES and (self.done >= self._next_log or self.done == self.total):
            self.log(self.line())
            self._next_log += max(1, self.total // 10)

    def close(self) -> None:
        if self._bar is not None:
            self._bar[0].stop()
            self._bar = None


def _rich_bar(label: str, total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
                   TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=Console(stderr=True),
                   transient=False)
    bar.start()
    return bar, bar.add_task(label, total=total)
