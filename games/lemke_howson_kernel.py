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

The whole solve is one compiled call: the affine map onto positive payoffs is applied while the
tableaux are filled, and the end point's certificate (each player's regret, one matrix-vector
product per player, and regret scale) is computed before returning, so the caller does no array
work of its own.

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


def lemke_howson_path(U, k, eps, max_pivots, max_payoff):
    """Lemke-Howson from dropped label ``k`` on the payoffs ``U``, with the end point's regrets.

    The payoffs are first mapped onto ``[1, 2]`` exactly as by
    :func:`~benchgame.games.best_response_polytopes.positive_shift`, ``1 + (M - min M) / s``
    with ``s`` the player's regret scale (payoff range, or 1 when it is 0); the path runs on
    these, and the regrets of the end point are computed on the given payoffs with one
    matrix-vector product per player, as :func:`~benchgame.games.certificate.certify` defines
    them.

    Parameters
    ----------
    U : ndarray (m, n, 2), float
        Finite payoff tensor of a two-player game (``NormalFormGame.payoffs``): ``U[..., 0]``
        the row player's matrix ``A``, ``U[..., 1]`` the column player's ``B``.
    k : int
        Dropped label (``0..m-1`` rows, ``m..m+n-1`` columns).
    eps : float
        Pivot tolerance of the ratio test.
    max_pivots : int
        Largest number of pivots.
    max_payoff : float
        Largest payoff magnitude accepted (``positive_shift``'s ``MAX_PAYOFF``).

    Returns
    -------
    tuple
        ``(x, y, basis0, basis1, pivots, status, regrets, scale)``: the end point's mixed
        strategies, the basic labels of both tableaux by row, the number of pivots, a status (0
        done, 1 unbounded ray, 2 ``max_pivots`` reached, 3 a payoff beyond ``max_payoff``, 4
        the path ended at a zero vector), each player's regret
        :math:`\\max_a u_i(a, \\sigma_{-i}) - u_i(\\sigma)` at ``(x, y)`` and each player's
        regret scale. With status 3 nothing else is computed.

    Examples
    --------
    Matching pennies from label 0, in pure Python:

    >>> import numpy as np
    >>> A = np.array([[1.0, -1.0], [-1.0, 1.0]])
    >>> U = np.stack([A, -A], axis=-1)
    >>> x, y, b0, b1, pivots, status, regrets, scale = lemke_howson_path(U, 0, 1e-12, 100, 1e300)
    >>> np.round(x, 12).tolist(), np.round(y, 12).tolist(), pivots, status, scale.tolist()
    ([0.5, 0.5], [0.5, 0.5], 4, 0, [2.0, 2.0])
    >>> bool(regrets.max() < 1e-15)  # regrets of rounding size: an equilibrium
    True
    """
    m, n = U.shape[0], U.shape[1]
    L = m + n
    regrets = np.zeros(2)
    scale = np.ones(2)
    x = np.zeros(m)
    y = np.zeros(n)
    basis0 = np.arange(m, L)  # label in each row
    basis1 = np.arange(0, m)
    lo_a = hi_a = U[0, 0, 0]
    lo_b = hi_b = U[0, 0, 1]
    for i in range(m):
        for j in range(n):
            a, b = U[i, j, 0], U[i, j, 1]
            lo_a, hi_a, lo_b, hi_b = min(lo_a, a), max(hi_a, a), min(lo_b, b), max(hi_b, b)
    if max(-lo_a, hi_a, -lo_b, hi_b) > max_payoff:
        return x, y, basis0, basis1, 0, 3, regrets, scale
    sa = hi_a - lo_a if hi_a - lo_a > 0 else 1.0
    sb = hi_b - lo_b if hi_b - lo_b > 0 else 1.0
    scale[0], scale[1] = sa, sb
    # tableau 0: B1^T x + s = 1 (n rows); x_i has label i, s_j label m + j
    # tableau 1: A1 y + r = 1 (m rows); y_j has label m + j, r_i label i
    D0 = np.empty((n, m))
    D1 = np.empty((m, n))
    for i in range(m):
        for j in range(n):
            D1[i, j] = 1.0 + (U[i, j, 0] - lo_a) / sa
    for j in range(n):
        for i in range(m):
            D0[j, i] = 1.0 + (U[i, j, 1] - lo_b) / sb
    rhs0 = np.ones(n)
    rhs1 = np.ones(m)
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
    for r in range(n):
        if basis0[r] < m:
            x[basis0[r]] = max(rhs0[r], 0.0)
    for r in range(m):
        if basis1[r] >= m:
            y[basis1[r] - m] = max(rhs1[r], 0.0)
    if status != 0:
        return x, y, basis0, basis1, pivots, status, regrets, scale
    sx = 0.0  # sums in index order, the same in compiled and in pure-Python runs
    for i in range(m):
        sx += x[i]
    sy = 0.0
    for j in range(n):
        sy += y[j]
    if not (sx > 0 and sy > 0):
        return x, y, basis0, basis1, pivots, 4, regrets, scale
    x /= sx
    y /= sy
    # regrets on the given payoffs: u_0(., y) = A y and u_1(x, .) = x B
    best = -np.inf
    value = 0.0
    for i in range(m):
        v = 0.0
        for j in range(n):
            v += U[i, j, 0] * y[j]
        best = max(best, v)
        value += x[i] * v
    regrets[0] = best - value
    best = -np.inf
    value = 0.0
    for j in range(n):
        v = 0.0
        for i in range(m):
            v += x[i] * U[i, j, 1]
        best = max(best, v)
        value += y[j] * v
    regrets[1] = best - value
    return x, y, basis0, basis1, pivots, status, regrets, scale
