"""Checker of the score assumption C3 (Chen, Zhang and Hardt 2026, Assumption 4.2): the effort
advantage of the more capable developer is non-decreasing in the target score.

``A_ij(s) = E_j(s) - E_i(s)``, with ``E_theta(s)`` the training needed to reach score ``s``, is
sampled for pairs ``i < j`` (nearest in rank first, at most ``max_pairs``) on the s-grid
``s = v(theta_j, x)`` below ``j``'s ceiling; the pairs are processed in blocks, so the memory
is that of one block whatever the number of pairs. The paper states C3 in words ("the
higher-capability effort advantage is weakly non-decreasing in every attainable target score");
this formula is a reconstruction.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.core.validation import as_finite_array
from benchgame.games.leaderboard.assumption_check import (
    SATURATION,
    AssumptionCheck,
    checked_grid,
    grid_certificate,
)
from benchgame.games.leaderboard.score_family import ScoreFamily

__all__ = ["check_c3"]


def _nearest_pairs(n: int, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``limit`` pairs ``i < j`` ordered by ``j - i``, then by ``i``: O(limit) memory."""
    ii, jj, left, d = [], [], max(int(limit), 0), 1
    while left > 0 and d < n:
        i = np.arange(min(n - d, left))
        ii.append(i)
        jj.append(i + d)
        left -= i.size
        d += 1
    if not ii:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    return np.concatenate(ii), np.concatenate(jj)


def check_c3(family: ScoreFamily, theta: Any, x_grid: Any = None, *, tol: float = 1e-6,
             max_pairs: int = 5000) -> AssumptionCheck:
    """Check C3: the effort advantage ``A_ij(s) = E_j(s) - E_i(s)`` is non-decreasing in ``s``.

    For every pair ``i < j`` (``theta_i > theta_j``) on the scores attainable by ``j``: the
    s-grid is ``s = v(theta_j, x)`` for ``x`` in ``x_grid`` below ``j``'s ceiling. Numeric for
    every family (the structural certificate of the family, if any, is reported alongside).

    Parameters
    ----------
    family : ScoreFamily
        The score family.
    theta : array_like, shape (n,)
        Capabilities, sorted decreasing.
    x_grid : array_like, optional
        Training grid (default: ``default_training_grid()``).
    tol : float, default 1e-6
        Decreases larger than ``tol * max(1, |A|)`` are violations.
    max_pairs : int, default 5000
        At most this many pairs are checked (adjacent pairs first); the certificate says how
        many.

    Returns
    -------
    AssumptionCheck
        With the pair and the decreasing step as witness when C3 fails.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2, C3
    (the formula is a reconstruction of the paper's statement in words).

    Examples
    --------
    Piecewise-linear curves meeting C1 and C2 on which the weakest model's advantage shrinks:

    >>> from benchgame.games.leaderboard import PiecewiseLinearConcave, check_c3
    >>> fam = PiecewiseLinearConcave([3.0, 2.0, 1.0], [[0, 7], [0, 7], [0, 1.75]],
    ...                              [[0.3, 1.0], [0.2, 0.9], [0.0, 0.35]])
    >>> r = check_c3(fam, [3.0, 2.0, 1.0])
    >>> r.holds, r.witness["pair"]
    (False, [1, 2])
    """
    th = as_finite_array(theta, "theta", ndim=1)
    g = checked_grid(x_grid, 0.0)
    n = th.size
    ii, jj = _nearest_pairs(n, max_pairs)
    worst: tuple | None = None           # (violation, pair, point, s, s_next, A, A_next)
    margin = float("inf")
    for start in range(0, max(ii.size, 1), _C3_CHUNK):
        pairs = slice(start, start + _C3_CHUNK)
        s, A, dA, viol = _c3_steps(family, th[ii[pairs]], th[jj[pairs]], g, tol)
        p, j = np.unravel_index(int(np.argmin(viol)), viol.shape)
        if worst is None or viol[p, j] < worst[0]:
            worst = (viol[p, j], start + int(p), int(j), s[p, j], s[p, j + 1], A[p, j],
                     A[p, j + 1])
        if np.isfinite(viol).any():
            margin = min(margin, float(np.nanmin(dA)))
    total = int(n * (n - 1) // 2)
    cert = grid_certificate(g, margin, pairs=int(ii.size), pairs_total=total,
                      complete=bool(ii.size == total), structural=family.c3_certificate(th))
    if worst[0] < 0:
        p = worst[1]
        return AssumptionCheck("C3", False, "numeric", cert,
                               {"pair": [int(ii[p]), int(jj[p])], "s": float(worst[3]),
                                "s_next": float(worst[4]), "A": float(worst[5]),
                                "A_next": float(worst[6])}, tol)
    return AssumptionCheck("C3", True, "numeric", cert, None, tol)


_C3_CHUNK = 256
"""Pairs per block of the C3 check: a block's arrays (pairs x grid points) stay small enough to
be reused from block to block instead of mapping fresh memory for all pairs at once."""


def _c3_steps(family: ScoreFamily, th_i: np.ndarray, th_j: np.ndarray, g: np.ndarray,
              tol: float) -> tuple[np.ndarray, ...]:
    """For pairs ``(i, j)``: ``j``'s scores ``s`` on ``g``, the advantage ``A`` (NaN where ``j``
    is saturated), its steps ``dA`` and the violations ``dA + tol max(1, |A|)`` (inf at NaN)."""
    s = family.value(th_j[:, None], g[None, :])
    ok = s < family.ceiling(th_j)[:, None] - SATURATION
    A = np.where(ok, g[None, :] - family.inverse(th_i[:, None], s), np.nan)
    dA = np.diff(A, axis=1)
    scale = tol * np.maximum(1.0, np.abs(A[:, 1:]))
    return s, A, dA, np.where(np.isnan(dA), np.inf, dA + scale)
