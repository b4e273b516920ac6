"""The Lemke-Howson path on condensed tableaux: O(rows x (nonbasic + 1)) work per pivot.

Each tableau is kept in dictionary (condensed) form: for basic variables ``b`` and nonbasic
variables ``v``, ``b + D v = rhs``. The full tableau ``[I | D | rhs]`` (up to the order of its
columns) is never stored: a basic variable's column is a unit vector, so a pivot on ``D[r, c]``
exchanges the entering and the leaving variable and updates ``D`` in place:

    D[r, c] <- 1 / p,  D[r, j] <- D[r, j] / p,  D[i, c] <- -D[i, c] / p,
    D[i, j] <- D[i, j] - D[i, c] D[r, j] / p      (p = D[r, c], i != r, j != c).

The row player's tableau ``B1^T x + s = 1`` has ``n`` rows and ``m`` nonbasic columns, the column
player's ``A1 y + r = 1`` has ``m`` rows and ``n`` columns, so a pivot costs ``n (m + 1)`` or
``m (n + 1)`` multiply-adds instead of the ``n (m + n + 1)`` of the full tableau. The
lexicographic minimum-ratio test compares ``(rhs, slack columns of the full tableau) / pivot
column`` row by row, reading a basic slack's unit column from the basis; ties are kept within
``eps (1 + |ratio|)`` and resolved by the next column, then by the lowest row. This is the rule
and the row order of the full-tableau implementation, so the path (and its end) is the same.

References
----------
Lemke, C. E. and Howson, J. T., Jr. (1964). Equilibrium points of bimatrix games. *Journal of
the Society for Industrial and Applied Mathematics* 12(2), 413-423.

von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.
"""

from __future__ import annotations

import numpy as np

__all__ = ["lemke_howson_path"]


def lemke_howson_path(A1, B1, k, eps, max_pivots):
    """Follow the Lemke-Howson path with dropped label ``k`` on positive payoffs ``A1``, ``B1``.

    Parameters
    ----------
    A1, B1 : ndarray (m, n), float
        Positive payoff matrices (``positive_shift``).
    k : int
        Dropped label (``0..m-1`` rows, ``m..m+n-1`` columns).
    eps : float
        Pivot tolerance of the ratio test.
    max_pivots : int
        Largest number of pivots.

    Returns
    -------
    tuple
        ``(x, y, basis0, basis1, pivots, status)``: the unnormalised end points, the basic
        labels of both tableaux by row, the number of pivots and a status (0 done, 1 unbounded
        ray, 2 ``max_pivots`` reached).

    Examples
    --------
    Matching pennies (shifted to be positive) from label 0, in pure Python:

    >>> import numpy as np
    >>> A1 = np.array([[2.0, 1.0], [1.0, 2.0]])
    >>> x, y, b0, b1, pivots, status = lemke_howson_path(A1, 3.0 - A1, 0, 1e-12, 100)
    >>> np.round(x / x.sum(), 12).tolist(), np.round(y / y.sum(), 12).tolist(), pivots, status
    ([0.5, 0.5], [0.5, 0.5], 4, 0)
    """
    m, n = A1.shape
    L = m + n
    # tableau 0: B1^T x + s = 1 (n rows); x_i has label i, s_j label m + j
    # tableau 1: A1 y + r = 1 (m rows); y_j has label m + j, r_i label i
    D0 = np.ascontiguousarray(B1.T).copy()
    D1 = np.ascontiguousarray(A1).copy()
    rhs0 = np.ones(n)
    rhs1 = np.ones(m)
    basis0 = np.arange(m, L)  # label in each row
    basis1 = np.arange(0, m)
    where0 = np.full(L, -1, np.int64)  # nonbasic column of each label, -1 when basic
    where1 = np.full(L, -1, np.int64)
    nonbasic0 = np.arange(0, m)
    nonbasic1 = np.arange(m, L)
    for c in range(m):
        where0[c] = c
    for c in range(n):
        where1[m + c] = c
    entering = k
    side = 0 if k < m else 1
    pivots = 0
    status = 2
    rows = np.empty(max(m, n), np.int64)
    prow_buf = np.empty(max(m, n))
    while pivots < max_pivots:
        if side == 0:
            D, rhs, basis, where, nonbasic, lo, hi = D0, rhs0, basis0, where0, nonbasic0, m, L
        else:
            D, rhs, basis, where, nonbasic, lo, hi = D1, rhs1, basis1, where1, nonbasic1, 0, m
        nrow, ncol = D.shape
        c = where[entering]
        # lexicographic minimum ratio of (rhs, slack columns) / column c
        cnt = 0
        for i in range(nrow):
            if D[i, c] > eps:
                rows[cnt] = i
                cnt += 1
        if cnt == 0:
            status = 1
            break
        for lab in range(lo - 1, hi):  # lo - 1 stands for the rhs
            if cnt == 1:
                break
            best = np.inf
            for t in range(cnt):
                i = rows[t]
                if lab < lo:
                    v = rhs[i]
                elif where[lab] < 0:  # a basic slack's column is a unit vector
                    v = 1.0 if basis[i] == lab else 0.0
                else:
                    v = D[i, where[lab]]
                ratio = v / D[i, c]
                if ratio < best:
                    best = ratio
            bound = best + eps * max(1.0, abs(best))
            kept = 0
            for t in range(cnt):
                i = rows[t]
                if lab < lo:
                    v = rhs[i]
                elif where[lab] < 0:
                    v = 1.0 if basis[i] == lab else 0.0
                else:
                    v = D[i, where[lab]]
                if v / D[i, c] <= bound:
                    rows[kept] = i
                    kept += 1
            cnt = kept
        r = rows[0]
        # pivot on D[r, c]: exchange the entering and the leaving variable
        inv = 1.0 / D[r, c]
        prow = prow_buf[:ncol]
        for j in range(ncol):
            prow[j] = D[r, j] * inv
        prow[c] = inv
        D[r, :] = prow
        rhs[r] *= inv
        for i in range(nrow):
            f = D[i, c]
            if i == r or f == 0.0:
                continue
            Di = D[i]
            for j in range(ncol):
                Di[j] -= f * prow[j]
            rhs[i] -= f * rhs[r]
            Di[c] = -f * inv
        leaving = basis[r]
        basis[r] = entering
        nonbasic[c] = leaving
        where[leaving] = c
        where[entering] = -1
        pivots += 1
        if leaving == k:
            status = 0
            break
        entering = leaving
        side = 1 - side
    x = np.zeros(m)
    y = np.zeros(n)
    for r in range(n):
        if basis0[r] < m:
            x[basis0[r]] = max(rhs0[r], 0.0)
    for r in range(m):
        if basis1[r] >= m:
            y[basis1[r] - m] = max(rhs1[r], 0.0)
    return x, y, basis0, basis1, pivots, status
