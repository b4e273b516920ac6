"""Standings of many developers by sorting: who scores strictly higher, and who is tied.

The leaderboard's ranks and rewards need, for each developer ``i``, the number of developers
scoring strictly higher (``s_j - s_i > tol``), the number tied with it (``|s_j - s_i| <= tol``)
and, among those, the number winning the tie. Comparing all pairs takes ``n x n`` memory; here the
scores are sorted once and each count is a boundary in the sorted order. The boundaries are found
with the same floating-point predicates as the pairwise comparison (``fl(s_j - s_i)`` is
non-decreasing in ``s_j``, so each predicate holds on a suffix of the sorted scores), so the counts
are equal to the pairwise ones, not approximately equal.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["sorted_standing"]


def _first_true(v: np.ndarray, q: np.ndarray, pred: Callable[[np.ndarray, np.ndarray], np.ndarray],
                k: np.ndarray) -> np.ndarray:
    """First index of the sorted ``v`` where ``pred(v[k], q)`` holds, starting from a guess ``k``.

    ``pred`` is monotone in ``v`` (False then True); the guess is off by at most a few distinct
    values (rounding), and each step jumps over a whole group of equal values.
    """
    n = v.size
    k = k.copy()
    while True:
        down = k > 0
        down[down] = pred(v[k[down] - 1], q[down])
        up = k < n
        up[up] = ~pred(v[k[up]], q[up])
        if not (down.any() or up.any()):
            return k
        k[down] = np.searchsorted(v, v[k[down] - 1], side="left")
        k[up] = np.searchsorted(v, v[k[up]], side="right")


def sorted_standing(s: np.ndarray, tol: float,
                    tie_key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts per developer: strictly higher score, tied and winning the tie, tied in total.

    Parameters
    ----------
    s : numpy.ndarray, shape (n,)
        Finite scores.
    tol : float
        Scores with ``|s_j - s_i| <= tol`` are tied (``tol >= 0``).
    tie_key : numpy.ndarray of int, shape (n,)
        ``j`` wins a tie against ``i`` when ``tie_key[j] < tie_key[i]``.

    Returns
    -------
    above, win, tied : numpy.ndarray of int, shape (n,)
        The three counts, equal to those of the pairwise comparison ``s[None, :] - s[:, None]``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 3 (ranks and
    tie rules of the leaderboard contest).

    Examples
    --------
    >>> import numpy as np
    >>> above, win, tied = sorted_standing(np.array([0.5, 0.9, 0.5, 0.1]), 0.0,
    ...                                    np.arange(4))
    >>> above.tolist(), win.tolist(), tied.tolist()
    ([1, 0, 1, 3], [0, 0, 1, 0], [1, 0, 1, 0])
    """
    n = s.size
    order = np.argsort(s, kind="stable")
    v = s[order]
    hi = _first_true(v, s, lambda vj, q: (vj - q) > tol, np.searchsorted(v, s + tol, "right"))
    lo = _first_true(v, s, lambda vj, q: (vj - q) >= -tol, np.searchsorted(v, s - tol, "left"))
    above = n - hi
    tied = hi - lo - 1                      # the range holds i itself (s_i - s_i = 0)
    win = np.zeros(n, dtype=np.int64)
    for i in np.flatnonzero(tied):
        win[i] = int(np.count_nonzero(tie_key[order[lo[i]:hi[i]]] < tie_key[i]))
    return above, win, tied
