"""Certified comparisons of overtaking costs with reward gains: holds, fails, or too close to call.

Lemma B of the corrected Theorem 4.6 (Chen, Zhang and Hardt 2026) asks, for pairs k < r, whether
``c(ebar_{r,k}) >= R_k - R_r``; the stabilizing threshold asks the same of the adjacent pairs at
each tune-before-test level. In floating point a comparison is taken as decided only when the
margin exceeds its error bound:

* the catch-up effort carries the bound of
  :func:`~benchgame.games.leaderboard.thresholds.catch_up` (the family's ``training_rtol`` and
  the cancellation in ``x - Delta``, which grows with Delta), so the cost is bracketed by
  ``c(e - err) <= c(e) <= c(e + err)``;
* the comparison itself has the relative tolerance ``tol``.

A comparison inside the bound is a *near tie*. It is decided in exact rational arithmetic of the
given floats when the family has an exact training offset (substitutes: ``ebar = theta_k -
theta_r``), the protocol is tune-before-test and the cost has a rational closed form
(:func:`exact_cost`); equality counts as holding (no strict gain, Lemma B). Otherwise it stays
undecided and the callers report it as such.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.costs import Cost, FlatStartCost, LinearQuadraticCost, PowerCost
from benchgame.games.leaderboard.protocol import TuneBeforeTest

__all__ = ["classify_margins", "exact_cost", "exact_overtake_sign", "settle_near_ties"]


def classify_margins(cost: Cost, effort: Any, error: Any, gain: Any, tol: float
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Decide ``c(effort) >= gain`` elementwise where rounding cannot change the answer.

    Parameters
    ----------
    cost : Cost
        The effort cost.
    effort : array_like
        Catch-up efforts (``+inf``: unattainable, the comparison holds).
    error : array_like
        Absolute rounding-error bounds of ``effort`` (broadcast); ``+inf`` with an infinite
        effort marks an infeasibility that rounding may have produced (a near tie).
    gain : array_like
        Reward gains ``R_k - R_r`` (exact: differences of the given rewards; ``<= 0`` holds).
    tol : float
        Relative tolerance of the comparison.

    Returns
    -------
    state : numpy.ndarray of int
        ``1``: ``c(effort) >= gain`` certain; ``-1``: ``c(effort) < gain`` certain; ``0``: near
        tie.
    cost_value : numpy.ndarray
        ``c(effort)`` (``+inf`` where unattainable).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import PowerCost
    >>> state, J = classify_margins(PowerCost(1.0), [1.5, 1.0 - 1e-12, 0.5], 0.0, 1.0, 1e-9)
    >>> state.tolist(), J.tolist()
    ([1, 0, -1], [1.5, 0.999999999999, 0.5])
    """
    e, err, G = np.broadcast_arrays(np.asarray(effort, float), np.asarray(error, float),
                                    np.asarray(gain, float))
    fin = np.isfinite(e)
    safe = np.where(fin, e, 0.0)
    J = np.where(fin, cost(safe), np.inf)
    J_lo = np.where(fin, cost(np.maximum(safe - err, 0.0)), np.inf)
    J_hi = np.where(fin, cost(safe + err), np.inf)
    with np.errstate(invalid="ignore"):
        # unattainable counts only when certified (an infinite bound marks a rounding artifact)
        holds = (G <= 0) | (~fin & np.isfinite(err)) | (
            fin & (J_lo - G > tol * np.maximum(np.abs(J_lo), np.abs(G))))
        fails = ~holds & np.isfinite(J_hi) & (
            G - J_hi > tol * np.maximum(np.abs(J_hi), np.abs(G)))
    return np.where(holds, 1, np.where(fails, -1, 0)), J


def exact_cost(cost: Cost, e: Fraction) -> Fraction | None:
    """``c(e)`` in exact rational arithmetic of the cost's float parameters, or None.

    Power costs with an integer exponent, linear-quadratic costs and flat-start costs with an
    integer exponent have one; other costs return None.

    Parameters
    ----------
    cost : Cost
        The cost.
    e : fractions.Fraction
        The effort, ``>= 0``.

    Returns
    -------
    fractions.Fraction or None
        The exact cost, or None when the cost has no rational closed form.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from benchgame.games.leaderboard import PowerCost
    >>> exact_cost(PowerCost(0.5, 2.0), Fraction(3))
    Fraction(9, 2)
    """
    if isinstance(cost, PowerCost) and float(cost.p).is_integer():
        return Fraction(cost.kappa) * e ** int(cost.p)
    if isinstance(cost, LinearQuadraticCost):
        return Fraction(cost.kappa) * e + Fraction(cost.mu) * e * e
    if isinstance(cost, FlatStartCost) and float(cost.p).is_integer():
        return max(e - Fraction(cost.a), Fraction(0)) ** int(cost.p)
    return None


def exact_overtake_sign(contest: Contest, r: int, k: int) -> int | None:
    """Sign of ``c(ebar_{r,k}) - (R_k - R_r)`` from zero efforts, in exact arithmetic, or None.

    Available when the family has an exact training offset ``d`` (then ``ebar = max(d, 0)``
    under tune-before-test: the level cancels, so the sign is the same at every level) and
    :func:`exact_cost` knows the cost.

    Parameters
    ----------
    contest : Contest
        The contest.
    r, k : int
        0-based indices: r overtakes k.

    Returns
    -------
    int or None
        ``1``, ``0`` or ``-1``; None when exact arithmetic is not available.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    Capabilities (1, 0.5), substitutes, ``c(e) = e`` and the prize 0.5: the overtake costs
    exactly the prize, no strict gain.

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> exact_overtake_sign(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.5, 0.0]), 1, 0)
    0
    """
    if not isinstance(contest.protocol, TuneBeforeTest):
        return None
    th = contest.theta
    d = contest.family.training_offset(float(th[r]), float(th[k]), exact=True)
    if d is None:
        return None
    c = exact_cost(contest.cost, max(d, Fraction(0)))
    if c is None:
        return None
    R = contest.rewards.values
    gain = Fraction(float(R[k])) - Fraction(float(R[r]))
    return (c > gain) - (c < gain)


def settle_near_ties(contest: Contest, r: np.ndarray, k: np.ndarray, state: np.ndarray
                     ) -> tuple[np.ndarray, int]:
    """Decide the near ties (``state == 0``) of overtakes ``r -> k`` exactly where possible.

    Parameters
    ----------
    contest : Contest
        The contest (zero efforts).
    r, k : numpy.ndarray of int
        The pairs, same shape as ``state``.
    state : numpy.ndarray of int
        States from :func:`classify_margins`.

    Returns
    -------
    state : numpy.ndarray of int
        A copy with exactly decided near ties set to ``1`` (``c(ebar) >= gain``: equality
        means no strict gain) or ``-1``.
    settled : int
        How many near ties were decided exactly.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """
    out = np.array(state, copy=True)
    settled = 0
    for idx in zip(*np.nonzero(out == 0), strict=True):
        sign = exact_overtake_sign(contest, int(r[idx]), int(k[idx]))
        if sign is not None:
            out[idx] = 1 if sign >= 0 else -1
            settled += 1
    return out, settled
