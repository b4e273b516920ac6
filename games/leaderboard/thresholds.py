"""Catch-up efforts: the effort a developer needs to pass another's score.

For developers r, k and an effort ``e_k`` of k, the *catch-up effort* of r is

    ebar_{r,k} = inf{ e >= 0 : v(theta_r, x(e)) > v(theta_k, x(e_k)) }    (+inf if unattainable)

(``strict=False``: ``>=``, the effort to tie). With ``e_k = 0`` and tune-before-test
``x(e) = Delta + e`` this is ``E^>_{theta_r}(a_k(Delta)) - Delta``; the adjacent
``e_req_r(Delta) = ebar_{r,r-1}(Delta)`` is the just-overtake effort of Chen, Zhang and Hardt
(2026), Theorem 4.6, and ``min_r e_req_r`` is the quantity of their Figure 1.

Computation: the family's ``exceed_training`` (closed form: log-odds for the logit, ``theta + x``
for substitutes, interpolation for piecewise-linear curves), then the protocol's
``min_effort_exceeding``. No grid and no root finding is needed for the shipped families; a
user family that only implements ``value`` can get its inverse from :func:`bracketed_inverse`.
``+inf`` means infeasible (``a_k >= U(theta_r)``), never non-convergence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.numeric_inverse import bracketed_inverse

__all__ = [
    "CatchUp",
    "CatchUpMatrix",
    "adjacent_catch_up",
    "bracketed_inverse",
    "catch_up",
    "catch_up_matrix",
]


@dataclass(frozen=True)
class CatchUp:
    """Vectorized catch-up result of :func:`catch_up`.

    Parameters
    ----------
    effort : numpy.ndarray
        The infimum effort (``+inf`` if unattainable).
    ahead_at_zero : numpy.ndarray of bool
        True where r already beats (``strict``) / reaches the target with zero effort; there the
        infimum 0 is attained. Elsewhere an exceeding infimum is *not* attained (the set of
        exceeding efforts is open by continuity), a tying infimum is attained when finite.
    training : numpy.ndarray
        The effective training at which the target is exceeded/reached (may be below ``x(0)``).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    effort: np.ndarray
    ahead_at_zero: np.ndarray
    training: np.ndarray


def catch_up(contest: Contest, r: Any, k: Any, opponent_effort: Any = 0.0, *,
             strict: bool = True) -> CatchUp:
    """Catch-up effort of developer(s) ``r`` against ``k`` playing ``opponent_effort``.

    Parameters
    ----------
    contest : Contest
        The contest (family, protocol and capabilities).
    r : int or array_like of int
        0-based indices of the catching developers (broadcast with ``k`` and
        ``opponent_effort``).
    k : int or array_like of int
        0-based indices of the developers to catch.
    opponent_effort : float or array_like, default 0.0
        Effort of k.
    strict : bool, default True
        True: exceed k's score; False: reach (tie) it.

    Returns
    -------
    CatchUp
        The infimum efforts (``+inf`` when unattainable), whether r is already ahead at zero
        effort, and the effective training at the crossing.

    Raises
    ------
    InputError
        If an index is out of range.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (the
    just-overtake effort ``e_req_r``) and Proposition 5.3.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, catch_up
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> float(catch_up(c, 1, 0).effort[()])           # the capability gap
    0.5
    >>> bool(catch_up(c, 0, 1).ahead_at_zero[()])
    True
    """
    r = np.asarray(r, dtype=int)
    k = np.asarray(k, dtype=int)
    ek = np.asarray(opponent_effort, dtype=float)
    require(bool(np.all((r >= 0) & (r < contest.n) & (k >= 0) & (k < contest.n))), "r",
            "developer index out of range", f"use 0 <= index < {contest.n}")
    th = contest.theta
    proto = contest.protocol
    X = contest.family.exceed_training(th[r], th[k], proto.effective_training(ek), strict=strict)
    x0 = proto.base_training
    ahead = X < x0 if strict else X <= x0
    eff = proto.min_effort_exceeding(X) if strict else proto.min_effort_reaching(X)
    eff = np.where(ahead, 0.0, eff)
    return CatchUp(np.asarray(eff, float), np.asarray(ahead), np.asarray(X, float))


def adjacent_catch_up(contest: Contest) -> np.ndarray:
    """Just-overtake efforts ``e_req_r(Delta)`` for r = 2..n at the contest's level.

    Parameters
    ----------
    contest : Contest
        The contest.

    Returns
    -------
    numpy.ndarray
        Length n - 1; entry ``j`` is the effort of developer ``j + 1`` (0-based) to strictly
        exceed the zero-effort score of developer ``j`` (``+inf`` if unattainable). O(n).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import adjacent_catch_up
    >>> c = Contest([1.0, 0.5, 0.0], Substitutes(), PowerCost(1.0), [2.0, 1.0, 0.0])
    >>> adjacent_catch_up(c).tolist()
    [0.5, 0.5]
    """
    j = np.arange(contest.n - 1)
    return catch_up(contest, j + 1, j).effort


@dataclass(frozen=True)
class CatchUpMatrix:
    """The threshold matrix ``ebar[r, k]`` (0-based) at the contest's protocol level.

    ``values[r, k]`` for ``k < r`` is the catch-up effort of r against k's zero-effort score;
    entries with ``k >= r`` are computed the same way (0 on the diagonal by definition of
    catching oneself: ``values[r, r] = 0``).

    Parameters
    ----------
    values : numpy.ndarray, shape (n, n)
        Catch-up efforts (``+inf`` where unattainable).
    delta : float
        Tune-before-test level of the contest.
    method : str
        How the efforts were computed.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    values: np.ndarray
    delta: float
    method: str

    @property
    def lower(self) -> np.ndarray:
        """The meaningful part ``k < r`` as a masked copy (upper triangle set to +inf)."""
        out = self.values.copy()
        out[np.triu_indices_from(out)] = np.inf
        return out


def catch_up_matrix(contest: Contest) -> CatchUpMatrix:
    """All pairwise catch-up efforts against zero-effort scores (O(n^2), vectorized).

    Parameters
    ----------
    contest : Contest
        The contest.

    Returns
    -------
    CatchUpMatrix
        ``values[r, k]``: effort of r to exceed k's zero-effort score.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (all pairs
    matter when C3 fails).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import catch_up_matrix
    >>> c = Contest([1.0, 0.5, 0.0], Substitutes(), PowerCost(1.0), [2.0, 1.0, 0.0])
    >>> catch_up_matrix(c).lower[2].tolist()     # developer 2 against 0 and 1
    [1.0, 0.5, inf]
    """
    n = contest.n
    r, k = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    vals = catch_up(contest, r, k).effort
    vals[np.diag_indices(n)] = 0.0
    return CatchUpMatrix(vals, contest.delta, "closed-form family inverse")
