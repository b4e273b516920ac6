"""Preloaded by the workers of a sweep's embedded cluster: a normal close ends the process at once.

A worker process started by ``spawn`` ends with a full interpreter shutdown: every imported
module (NumPy, SciPy, numba, ...) is torn down, which takes from 0.3 s to 3 s on a busy machine
while the sweep waits for its cluster to stop. When the worker closes normally (every result
delivered), Dask calls this module's :func:`dask_teardown`, which registers an exit handler that
flushes the standard streams and ends the process with status 0, as processes made by ``fork``
end; a worker that dies otherwise never reaches it.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Any

__all__ = ["dask_teardown"]


def _end_process() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def dask_teardown(worker: Any) -> None:
    """Make the closing worker's process end without tearing down its modules.

    Parameters
    ----------
    worker : distributed.Worker
        The worker that is closing (called by Dask's preload mechanism).

    Examples
    --------
    >>> import atexit
    >>> dask_teardown(None)              # in a worker: registered for the process' exit
    >>> atexit.unregister(_end_process)  # (not in this one)
    """
    atexit.register(_end_process)
