"""One writer per sweep output: a lock file beside the table while a sweep runs.

``runs.parquet.lock`` is created when a sweep starts writing ``runs.parquet`` and removed when it
ends, however it ends short of being killed. It is a :class:`filelock.SoftFileLock`: the file is
created exclusively (``O_EXCL``) and records the holder's pid, host and process start time, so a
second run on the same output is refused at once with the holder's pid, and a lock left by a run
that was killed (``kill -9``, a power cut) is recognised as stale (its process is gone, or the pid
now belongs to a process started later) and taken over by the next run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import SoftFileLock, Timeout

from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.output_state import beside

__all__ = ["output_lock"]


@contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold the lock of ``output`` for the duration of the ``with`` block.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table (its folder must exist).

    Yields
    ------
    None
        While the lock is held; it is released (and its file removed) on leaving the block.

    Raises
    ------
    InputError
        If another live run holds the lock; the message names its pid and says to wait for it
        or to write elsewhere (never to overwrite: that run is writing the results).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = Path(tmp) / "lb.parquet"
    ...     with output_lock(out):
    ...         held = beside(out, "lock").exists()
    ...     print(held, beside(out, "lock").exists())
    True False
    """
    path = beside(output, "lock")
    lock = SoftFileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        pid = lock.pid
        holder = f"another run (pid {pid})" if pid is not None else "another run"
        raise InputError("output", f"{str(output)!r} is being written by {holder}, which holds "
                         f"{str(path)!r}",
                         "wait for that run to finish (then --resume adds to its results), "
                         "or write to another output") from None
    try:
        yield
    finally:
        lock.release()
