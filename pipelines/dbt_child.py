"""``news-warehouse-dbt``: dbt that dies with the process that started it.

dagster-dbt starts ``dbt`` as a child process. When the Dagster step (the
CLI, a run worker) is killed, a plain child keeps running and keeps writing
the warehouse, without the writer lock its parent held. This wrapper asks the
kernel to SIGKILL it when its parent dies (``PR_SET_PDEATHSIG``, Linux), then
replaces itself with the virtualenv's ``dbt``: same arguments, same process.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux; a no-op elsewhere).

    In: the parent's pid as seen before the call. Exits at once if the parent is already gone.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the parent died before the request took effect
            sys.exit(1)


def main() -> None:
    die_with_parent(os.getppid())
    dbt = Path(sys.prefix) / "bin" / "dbt"
    os.execv(dbt, [str(dbt), *sys.argv[1:]])


if __name__ == "__main__":
    main()
