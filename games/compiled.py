"""Numerical kernels compiled on first use with numba (machine code cached on disk).

The kernels are plain Python functions on NumPy arrays (the loops of pivoting algorithms);
:func:`compiled` turns one into machine code with ``numba.njit(cache=True)`` the first time it is
needed, so ``import benchgame`` never loads numba, and later processes load the cached code
instead of compiling again.

References
----------
Lam, S. K., Pitrou, A. and Seibert, S. (2015). Numba: a LLVM-based Python JIT compiler.
*Proceedings of the Second Workshop on the LLVM Compiler Infrastructure in HPC*, 1-6.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

__all__ = ["compiled"]


@cache
def compiled(kernel: Callable) -> Callable:
    """``kernel`` compiled to machine code by numba (once per process; cached on disk).

    Parameters
    ----------
    kernel : callable
        A module-level function written in the subset of Python and NumPy that numba compiles.

    Returns
    -------
    callable
        The compiled function (same signature).

    References
    ----------
    Lam, S. K., Pitrou, A. and Seibert, S. (2015). Numba: a LLVM-based Python JIT compiler.
    *Proceedings of the Second Workshop on the LLVM Compiler Infrastructure in HPC*, 1-6.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.lemke_howson_kernel import lemke_howson_path
    >>> fast = compiled(lemke_howson_path)
    >>> fast is compiled(lemke_howson_path), fast.py_func is lemke_howson_path
    (True, True)
    """
    import numba  # deferred: heavy import, needed only by the pivoting kernels

    return numba.njit(cache=True, nogil=True)(kernel)
