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

SCORE_RTOL = 1e3 * np.finfo(float).eps
"""Relative rounding noise of computed scores: scores closer than this are equal up to
rounding, and their order (or attainability) is not read from the floats."""

__all__ = [
    "SCORE_RTOL",
    "CatchUp",
    "CatchUpMatrix",
    "adjacent_catch_up",
    "bracketed_inverse",
    "catch_up",
    "catch_up_matrix",
    "unreachable_by_rounding",
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
    error : numpy.ndarray or None, optional
        Bound on the rounding error of ``effort`` (absolute): the family's
        ``training_rtol`` on the crossing training plus the cancellation in ``x - x(0)``;
        a few ulps of the effort when the family has a training offset (substitutes).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    effort: np.ndarray
    ahead_at_zero: np.ndarray
    training: np.ndarray
    error: np.ndarray | None = None


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
    fam = contest.family
    x0 = proto.base_training
    eps = np.finfo(float).eps
    off = fam.training_offset(th[r], th[k])
    if off is not None:      # v(theta_r, x + d) = v(theta_k, x): no round trip through scores
        eff, ahead = proto.min_effort_beyond(ek, off, strict=strict)
        X = proto.effective_training(ek) + off
        err = 2 * eps * (np.abs(off) + np.abs(ek) + np.where(np.isfinite(eff), eff, 0.0))
        return CatchUp(np.asarray(eff, float), np.asarray(ahead), np.asarray(X, float),
                       np.asarray(err, float))
    xk = proto.effective_training(ek)
    X = fam.exceed_training(th[r], th[k], xk, strict=strict)
    ahead = X < x0 if strict else X <= x0
    eff = proto.min_effort_exceeding(X) if strict else proto.min_effort_reaching(X)
    eff = np.where(ahead, 0.0, eff)
    with np.errstate(invalid="ignore"):
        err = np.where(np.isfinite(X), (fam.training_rtol + 2 * eps) * np.abs(X) + 2 * eps * x0
                       + fam.training_atol, 0.0)
    err = np.where(unreachable_by_rounding(fam, th[r], th[k], xk, X), np.inf, err)
    return CatchUp(np.asarray(eff, float), np.asarray(ahead), np.asarray(X, float),
                   np.asarray(err, float))


def unreachable_by_rounding(family: Any, theta_r: Any, theta_k: Any, x_k: Any, X: Any
                            ) -> np.ndarray:
    """Where an unattainable target (``X = +inf``) may be a rounding artifact.

    That is where the target score lies within ``SCORE_RTOL`` of the ceiling ``U(theta_r)``;
    there the catch-up effort gets an infinite error bound (a near tie).

    Parameters
    ----------
    family : ScoreFamily
        The score family.
    theta_r, theta_k, x_k, X : array_like
        Catching and caught capabilities, the caught model's training and the computed
        crossing training (broadcast).

    Returns
    -------
    numpy.ndarray of bool
        True where the infeasibility is not certified.
    """
    X = np.asarray(X, float)
    if not np.any(np.isposinf(X)):
        return np.zeros(X.shape, bool)
    s = family.value(theta_k, x_k)
    U = family.ceiling(np.broadcast_to(np.asarray(theta_r, float), np.shape(s)))
    return np.isposinf(X) & (np.abs(U - s) <= SCORE_RTOL * np.maximum(np.abs(s), np.abs(U)))


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
