"""Counting machinery of rank-order payoffs: effort grids, Poisson-binomial rank counts, regrets.

A developer's rank is one plus the number of opponents ranked ahead. Against independent mixed
opponents that number is a sum of independent Bernoulli variables (Poisson-binomial); its
distribution follows from ``P_j(K) = P_{j-1}(K) (1 - q_j) + P_{j-1}(K - 1) q_j`` in ``O(n^2)``.
Leaving one opponent out gives the derivatives of the expected reward with respect to that
opponent's mixture.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.core.validation import require

__all__ = ["count_distribution", "default_grid", "leave_one_out_counts", "regrets_padded"]


def default_grid(contest: Any, *, step: float | None = None, levels: int = 200,
                 e_max: float | None = None) -> np.ndarray:
    """Common effort grid ``{0, h, 2h, ..., e_max}`` of a contest.

    Parameters
    ----------
    contest : Contest
        The contest; ``e_max`` defaults to ``c^{-1}(R_1 - R_n)`` (no developer spends more than
        the largest reward difference).
    step : float, optional
        Grid step ``h``; ``e_max`` is then rounded up to a multiple of ``h``. Default:
        ``e_max / (levels - 1)``.
    levels : int, default 200
        Number of grid points when ``step`` is not given (``>= 2``).
    e_max : float, optional
        Largest effort.

    Returns
    -------
    numpy.ndarray
        Increasing efforts starting at 0.

    Raises
    ------
    InputError
        If ``step``, ``levels`` or ``e_max`` is invalid, or all rewards are equal.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1 (an
    effort whose cost exceeds ``R_1 - R_n`` is dominated by zero effort).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> default_grid(ct, levels=5).tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    >>> default_grid(ct, step=0.4).tolist()
    [0.0, 0.4, 0.8, 1.2000000000000002]
    """
    R = contest.rewards.values
    if e_max is None:
        e_max = float(contest.cost.inverse(float(R[0] - R[-1])))
    require(np.isfinite(e_max) and e_max > 0, "e_max", f"is {e_max}",
            "use e_max > 0 (the rewards must not all be equal)")
    if step is None:
        require(int(levels) >= 2, "levels", f"is {levels}", "use at least 2 grid levels")
        return np.linspace(0.0, e_max, int(levels))
    require(np.isfinite(step) and step > 0, "step", f"is {step}", "use a grid step h > 0")
    k = max(1, int(np.ceil(e_max / step - 1e-9)))
    return np.arange(k + 1) * float(step)


def count_distribution(q: np.ndarray) -> np.ndarray:
    """Poisson-binomial distribution of the number of successes, along the first axis.

    Parameters
    ----------
    q : numpy.ndarray
        Success probabilities, shape ``(n, ...)``: ``q[j]`` for trial ``j``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, ...)``: entry ``K`` is ``P(K successes)`` for ``K = 0..n-1`` (the event of
        ``n`` successes is dropped; it has probability 0 when one ``q`` is 0, e.g. the
        developer itself).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 3 (rank of a
    developer = 1 + number of opponents ranked ahead).

    Examples
    --------
    >>> import numpy as np
    >>> count_distribution(np.array([0.5, 0.5, 0.0])).tolist()
    [0.25, 0.5, 0.25]
    """
    n = q.shape[0]
    flat = q.reshape(n, -1)
    ones = (flat == 1.0).all(axis=1)            # always a success: shifts the count
    live = np.flatnonzero(flat.any(axis=1) & ~ones)
    shift = int(ones.sum())
    dist = np.zeros(q.shape)
    dist[min(shift, n - 1)] = 1.0
    for c, j in enumerate(live):
        top = min(shift + c + 1, n - 1)
        moved = dist[shift:top] * q[j]
        dist[shift:top + 1] *= 1.0 - q[j]
        dist[shift + 1:top + 1] += moved
    return dist


def leave_one_out_counts(q: np.ndarray) -> np.ndarray:
    """Count distributions with each trial left out in turn.

    Parameters
    ----------
    q : numpy.ndarray
        Success probabilities, shape ``(n, ...)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, n, ...)``: ``[K, j, ...]`` is ``P(K successes among the trials other than
        j)``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 3.

    Examples
    --------
    >>> import numpy as np
    >>> leave_one_out_counts(np.array([1.0, 0.5, 0.0]))[:, 1].tolist()
    [0.0, 1.0, 0.0]
    """
    n = q.shape[0]
    qx = np.broadcast_to(q[:, None], (n,) + q.shape).copy()
    qx[np.arange(n), np.arange(n)] = 0.0
    return count_distribution(qx)


def regrets_padded(P: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Regrets from a padded profile and its action values.

    Parameters
    ----------
    P : numpy.ndarray
        Padded profile, shape ``(n, M)`` (zero on padding levels).
    V : numpy.ndarray
        Action values of ``P`` (:meth:`RankGame.values_padded`), ``-inf`` on padding.

    Returns
    -------
    numpy.ndarray
        ``max_k V[i, k] - sum_k P[i, k] V[i, k]`` per developer, clipped at 0.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 4 (Nash
    equilibrium of the developers' subgame: every regret is 0).

    Examples
    --------
    >>> import numpy as np
    >>> regrets_padded(np.array([[0.5, 0.5]]), np.array([[1.0, 0.0]])).tolist()
    [0.5]
    """
    u = (P * np.where(P > 0, V, 0.0)).sum(axis=1)
    return np.maximum(V.max(axis=1) - u, 0.0)
