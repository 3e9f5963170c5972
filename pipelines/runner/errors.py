"""The one-line failures of a run, for the CLI to print and exit on."""

from __future__ import annotations


class RunError(Exception):
    """A run that cannot go on, with one line that says why: a bad argument, a failed step, a dead worker."""


class ViewsFailed(RunError):
    """The dbt step failed; ``log_tail`` is the end of dbt's output, which the caller shows before the reason."""

    def __init__(self, message: str, log_tail: str) -> None:
        super().__init__(message)
        self.log_tail = log_tail
