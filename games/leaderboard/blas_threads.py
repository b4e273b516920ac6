"""One BLAS thread for the small dense solves of the mixed-equilibrium polish.

The semismooth Newton polish solves dense systems of a few hundred unknowns. A multithreaded
OpenBLAS spends more time synchronising its threads than computing on such systems, and on a busy
machine a solve can be tens of times slower than with one thread. :func:`single_blas_thread`
sets the OpenBLAS library that numpy loaded to one thread for the duration of a block (through
its ``*_set_num_threads`` entry point, as threadpoolctl does) and restores the previous count;
with another BLAS, or when the library cannot be found, it does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import os
from collections.abc import Iterator
from typing import Any

import numpy as np

__all__ = ["single_blas_thread"]

_CACHE: dict[str, Any] = {}


def _loaded_openblas() -> list[str]:
    paths: list[str] = []
    try:
        with open("/proc/self/maps") as fh:
            paths = [ln.split()[-1] for ln in fh if "openblas" in ln.lower() and "/" in ln]
    except OSError:
        pass
    libs = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
    paths += glob.glob(os.path.join(libs, "*openblas*"))
    return list(dict.fromkeys(paths))


def _controls() -> tuple[Any, Any] | None:
    if "controls" not in _CACHE:
        _CACHE["controls"] = None
        for path in _loaded_openblas():
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            for prefix in ("scipy_openblas", "openblas"):
                for suffix in ("64_", "_64_", ""):
                    get = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                    put = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                    if get is not None and put is not None:
                        get.restype = ctypes.c_int
                        put.argtypes = [ctypes.c_int]
                        _CACHE["controls"] = (get, put)
                        return _CACHE["controls"]
    return _CACHE["controls"]


@contextlib.contextmanager
def single_blas_thread() -> Iterator[bool]:
    """Run a block with one OpenBLAS thread, then restore the previous thread count.

    Yields
    ------
    bool
        Whether the thread count could be set (False: no OpenBLAS found, nothing changed).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 4 (the
    equilibria whose polish runs inside this block).

    Examples
    --------
    >>> import numpy as np
    >>> with single_blas_thread():
    ...     x = np.linalg.solve(np.eye(3), np.ones(3))
    >>> x.tolist()
    [1.0, 1.0, 1.0]
    """
    ctl = _controls()
    if ctl is None:
        yield False
        return
    get, put = ctl
    before = int(get())
    put(1)
    try:
        yield True
    finally:
        put(max(before, 1))
