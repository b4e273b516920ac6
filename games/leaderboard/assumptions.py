"""Checkers of the score assumptions C1-C3 (Chen, Zhang and Hardt 2026, Assumption 4.2), and
:func:`check_all` of every assumption.

Each checker returns a frozen
:class:`~benchgame.games.leaderboard.assumption_check.AssumptionCheck` with ``holds``, the
``method`` used (``symbolic`` where the family has a closed form: an exact sign analysis of its
parameters, ``numeric`` on a grid otherwise) and either a certificate (grid used, smallest
margin) or a violating witness (the point and the numbers).

- **C1** ``v(theta_i, x) > v(theta_j, x)`` for ``theta_i > theta_j``.
  Symbolic for the generalized logit with common bounds: the log-odds difference of two models
  is ``d_alpha + d_beta t`` with ``t = log(1 + x) >= 0``, positive for every ``t`` iff
  ``d_alpha > 0`` and ``d_beta >= 0``; otherwise the crossing ``t* = -d_alpha / d_beta`` is the
  witness (curves that cross, so tune-before-test inverts the ranking at zero effort). Numeric
  elsewhere: adjacent pairs on an x-grid (adjacent pairs suffice:
  strict order is transitive).
- **C2** ``v(theta, .)`` non-decreasing, concave and saturating (the ceiling ``U(theta)`` is the
  finite limit; reading "saturating" as a finite limit is a reconstruction). Symbolic for the logit:
  ``v'' = (U - L) beta sigma (1 - sigma) (beta (1 - 2 sigma) - 1) / (1 + x)^2`` (the chain rule
  through ``sigma' = sigma (1 - sigma)``; sympy confirms the identity,
  :func:`logit_second_derivative_identity`), so concavity is ``beta (1 - 2 sigma(alpha)) <= 1``
  at ``x = 0`` (always for ``beta <= 1``). Numeric: first differences ``>= -tol`` and
  non-increasing chord slopes.
- **C3** ``A_ij(s) = E_j(s) - E_i(s)`` non-decreasing in ``s`` on scores attainable by ``j``,
  with ``E_theta(s)`` the training needed to reach score ``s``: every pair ``i < j`` on the
  s-grid ``s = v(theta_j, x)``. The paper states C3 in words ("the higher-capability effort
  advantage is weakly non-decreasing in every attainable target score"); this formula is a
  reconstruction. Its checker is :func:`~benchgame.games.leaderboard.effort_advantage.check_c3`.

The cost checks (convexity and (S)) are in :mod:`benchgame.games.leaderboard.cost_assumptions`;
:func:`check_all` runs all five.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Any

import numpy as np

from benchgame.core.validation import as_finite_array
from benchgame.games.leaderboard.assumption_check import (
    SATURATION,
    AssumptionCheck,
    checked_grid,
    grid_certificate,
)
from benchgame.games.leaderboard.cost_assumptions import check_convexity, check_strict_cost
from benchgame.games.leaderboard.costs import Cost
from benchgame.games.leaderboard.effort_advantage import check_c3
from benchgame.games.leaderboard.generalized_logit import GeneralizedLogit
from benchgame.games.leaderboard.score_family import ScoreFamily

__all__ = [
    "check_all",
    "check_c1",
    "check_c2",
    "logit_second_derivative_identity",
]


def _logit_common(family: ScoreFamily, theta: np.ndarray) -> tuple[np.ndarray, ...] | None:
    if not isinstance(family, GeneralizedLogit):
        return None
    a, b, lo, up = family.params(theta)
    if np.ptp(lo) != 0 or np.ptp(up) != 0:
        return None
    return a, b, lo, up


# --------------------------------------------------------------------------------------------
def check_c1(family: ScoreFamily, theta: Any, x_grid: Any = None, *, tol: float = 0.0,
             symbolic: bool = True) -> AssumptionCheck:
    """Check C1: ``v(theta_i, x) > v(theta_{i+1}, x)`` for all x (theta sorted decreasing).

    Symbolic for a generalized logit family with common bounds (exact sign analysis of the
    log-odds difference with sympy rationals), numeric on ``x_grid`` otherwise.

    Parameters
    ----------
    family : ScoreFamily
        The score family.
    theta : array_like, shape (n,)
        Capabilities, sorted decreasing.
    x_grid : array_like, optional
        Training grid of the numeric check (default: ``default_training_grid()``).
    tol : float, default 0.0
        Numeric margins must exceed ``tol``.
    symbolic : bool, default True
        Use the symbolic check when the family allows it.

    Returns
    -------
    AssumptionCheck
        With the crossing pair and point as witness when C1 fails.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2, C1.

    Examples
    --------
    Two logit curves with ``(alpha, beta) = (1, 0.4)`` and ``(0, 0.9)`` cross near ``x = 6.39``:

    >>> from benchgame.games.leaderboard import GeneralizedLogit, check_c1
    >>> fam = GeneralizedLogit([2.0, 1.0], [1.0, 0.0], [0.4, 0.9])
    >>> r = check_c1(fam, [2.0, 1.0])
    >>> r.holds, r.method, round(r.witness["crossing_x"], 4)
    (False, 'symbolic', 6.3891)
    """
    th = as_finite_array(theta, "theta", ndim=1)
    params = _logit_common(family, th) if symbolic else None
    if params is not None:
        a, b = params[0], params[1]
        # comparing two floats is exact, so the sign of each difference is exact without
        # computer algebra; the first failing pair's differences are taken as exact rationals,
        # and sympy only writes out its log-odds difference
        failing = np.flatnonzero(~((a[:-1] > a[1:]) & (b[:-1] >= b[1:])))
        if failing.size:
            i = int(failing[0])
            da = Fraction(float(a[i])) - Fraction(float(a[i + 1]))
            db = Fraction(float(b[i])) - Fraction(float(b[i + 1]))
            import sympy as sp

            t = sp.Symbol("t", nonnegative=True)
            expr = sp.Rational(da.numerator, da.denominator) + sp.Rational(
                db.numerator, db.denominator) * t
            x_star = 0.0 if da <= 0 else _crossing(da, db)
            x_w = 0.0 if da <= 0 else 2.0 * x_star + 1.0  # at / past the crossing
            v = family.value(th[[i, i + 1]], x_w)
            return AssumptionCheck(
                "C1", False, "symbolic",
                {"condition": "d_alpha > 0 and d_beta >= 0 for adjacent models"},
                {"pair": [i, i + 1], "log_odds_difference": str(expr),
                 "crossing_x": x_star, "x": x_w, "v_higher": float(v[0]),
                 "v_lower": float(v[1])}, tol)
        return AssumptionCheck("C1", True, "symbolic",
                               {"condition": "log-odds difference d_alpha + d_beta log(1+x) with "
                                "d_alpha > 0, d_beta >= 0 for every adjacent pair (common bounds)",
                                "pairs": int(th.size - 1)}, None, tol)
    g = checked_grid(x_grid, 0.0)
    v = family.value(th[:, None], g[None, :])
    d = v[:-1] - v[1:]
    # points where both scores sit at their ceilings in floating point carry no information
    U = family.ceiling(th)[:, None]
    sat = (v >= U - SATURATION)[:-1] & (v >= U - SATURATION)[1:]
    d = np.where(sat, np.inf, d)
    i, j = np.unravel_index(int(np.argmin(d)), d.shape)
    if d[i, j] <= tol:
        return AssumptionCheck("C1", False, "numeric", grid_certificate(g, d[i, j]),
                               {"pair": [int(i), int(i) + 1], "x": float(g[j]),
                                "v_higher": float(v[i, j]), "v_lower": float(v[i + 1, j])}, tol)
    return AssumptionCheck("C1", True, "numeric", grid_certificate(g, d[i, j]), None, tol)


def _crossing(da: Fraction, db: Fraction) -> float:
    """``x* = e^{t*} - 1`` at the crossing ``t* = -da / db`` (``db < 0``); ``inf`` past the
    largest float."""
    try:
        return float(math.exp(-da / db) - 1)
    except OverflowError:
        return math.inf


@functools.cache
def logit_second_derivative_identity() -> bool:
    """Whether sympy confirms the logit's ``v''``, the closed form the C2 condition reads.

    ``v'' = (U - L) beta sigma (1 - sigma) (beta (1 - 2 sigma) - 1) / y^2`` for
    ``v = L + (U - L) q / (1 + q)``, ``q = c y^beta``, ``y = 1 + x``, ``c = e^alpha`` (the
    generalized logit); after differentiating, ``y^beta`` is replaced by a symbol ``P`` so that
    the difference is a rational function, which ``cancel`` decides exactly. The identity holds
    for every parameter value, so :func:`check_c2` uses the closed form without re-deriving it.

    Returns
    -------
    bool
        True when sympy cancels the difference to 0.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2, C2
    and Proposition 5.6 (the generalized logit family).

    Examples
    --------
    >>> from benchgame.games.leaderboard.assumptions import logit_second_derivative_identity
    >>> logit_second_derivative_identity()
    True
    """
    import sympy as sp

    y, c, p = sp.symbols("y c P", positive=True)
    be, lo, up = sp.symbols("beta L U", real=True)
    q = c * y**be
    d2 = sp.expand_power_exp(sp.diff(lo + (up - lo) * q / (1 + q), y, 2)).subs(y**be, p)
    sig = c * p / (1 + c * p)
    target = (up - lo) * be * sig * (1 - sig) * (be * (1 - 2 * sig) - 1) / y**2
    return bool(sp.cancel(d2 - target) == 0)


_LOGIT_V2 = ("(U - L) beta sigma (1 - sigma) (beta (1 - 2 sigma) - 1) / (1 + x)^2, "
             "sigma = sigma(alpha + beta log(1 + x))")
"""The logit's ``v''`` as the C2 certificate states it (:func:`logit_second_derivative_identity`
confirms it with sympy)."""


def check_c2(family: ScoreFamily, theta: Any, x_grid: Any = None, *, tol: float = 1e-12,
             symbolic: bool = True) -> AssumptionCheck:
    """Check C2: ``v(theta, .)`` non-decreasing and concave.

    Saturation is built into the families (the ceiling ``U(theta)`` is the finite limit). For a
    generalized logit family the check is the sign of ``beta (1 - 2 sigma(alpha)) - 1`` in the
    closed form of ``v''`` (:func:`logit_second_derivative_identity`; ``sigma`` is increasing in
    x, so x = 0 is the worst case).
    Numeric: first differences ``>= -tol`` and chord slopes non-increasing within ``tol``.

    Parameters
    ----------
    family : ScoreFamily
        The score family.
    theta : array_like, shape (n,)
        Capabilities.
    x_grid : array_like, optional
        Training grid of the numeric check (default: ``default_training_grid()``).
    tol : float, default 1e-12
        Tolerance on decreases and on increasing slopes.
    symbolic : bool, default True
        Use the symbolic check for the logit family.

    Returns
    -------
    AssumptionCheck
        With the model and point as witness when C2 fails.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2, C2.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import GeneralizedLogit, Substitutes, check_c2
    >>> fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    >>> r = check_c2(fam, [1.0, 0.0])
    >>> r.holds, r.method, r.certificate["max_condition"]
    (True, 'symbolic', -1.0)
    >>> check_c2(Substitutes(), [1.0, 0.5]).method
    'numeric'
    """
    th = as_finite_array(theta, "theta", ndim=1)
    if symbolic and isinstance(family, GeneralizedLogit):
        a, b, _, _ = family.params(th)
        s0 = 1.0 / (1.0 + np.exp(-a))
        cond = b * (1.0 - 2.0 * s0) - 1.0
        k = int(np.argmax(cond))
        cert = {"condition": "beta (1 - 2 sigma(alpha)) <= 1 (v'' sign)",
                "second_derivative": _LOGIT_V2, "max_condition": float(cond[k])}
        if cond[k] > tol:
            return AssumptionCheck("C2", False, "symbolic", cert,
                                   {"model": k, "x": 0.0, "beta": float(b[k]),
                                    "sigma_alpha": float(s0[k]), "beta_1_minus_2sigma": float(
                                        b[k] * (1 - 2 * s0[k]))}, tol)
        return AssumptionCheck("C2", True, "symbolic", cert, None, tol)
    g = checked_grid(x_grid, 0.0)
    v = family.value(th[:, None], g[None, :])
    dv = np.diff(v, axis=1)
    k, j = np.unravel_index(int(np.argmin(dv)), dv.shape)
    if dv[k, j] < -tol:
        return AssumptionCheck("C2", False, "numeric", grid_certificate(g, dv[k, j]),
                               {"model": int(k), "property": "non-decreasing", "x": float(g[j]),
                                "x_next": float(g[j + 1]), "v": float(v[k, j]),
                                "v_next": float(v[k, j + 1])}, tol)
    slope = dv / np.diff(g)[None, :]
    inc = np.diff(slope, axis=1)
    k, j = np.unravel_index(int(np.argmax(inc)), inc.shape)
    if inc[k, j] > tol * max(1.0, float(np.abs(slope).max())):
        return AssumptionCheck("C2", False, "numeric", grid_certificate(g, -inc[k, j]),
                               {"model": int(k), "property": "concave", "x": float(g[j + 1]),
                                "slope_left": float(slope[k, j]),
                                "slope_right": float(slope[k, j + 1])}, tol)
    return AssumptionCheck("C2", True, "numeric", grid_certificate(g, -inc[k, j]), None, tol)


def check_all(family: ScoreFamily, theta: Any, cost: Cost, *, x_grid: Any = None,
              tol: float = 1e-6) -> dict[str, AssumptionCheck]:
    """Run all five checks: C1, C2, C3, cost convexity and (S).

    Parameters
    ----------
    family : ScoreFamily
        The score family.
    theta : array_like, shape (n,)
        Capabilities, sorted decreasing.
    cost : Cost
        The effort cost.
    x_grid : array_like, optional
        Training grid of the score checks.
    tol : float, default 1e-6
        Tolerance of the C3 check.

    Returns
    -------
    dict of str to AssumptionCheck
        Keyed ``C1``, ``C2``, ``C3``, ``convexity``, ``S``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumptions 4.1 and
    4.2.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import GeneralizedLogit, PowerCost, check_all
    >>> fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    >>> {k: r.holds for k, r in check_all(fam, [1.0, 0.0], PowerCost(1.0)).items()}
    {'C1': True, 'C2': True, 'C3': True, 'convexity': True, 'S': True}
    """
    return {"C1": check_c1(family, theta, x_grid),
            "C2": check_c2(family, theta, x_grid),
            "C3": check_c3(family, theta, x_grid, tol=tol),
            "convexity": check_convexity(cost),
            "S": check_strict_cost(cost)}
