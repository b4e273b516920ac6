"""Checkers of the cost assumptions: convexity (Assumption 4.1) and the condition (S).

Chen, Zhang and Hardt (2026), Assumption 4.1 asks for a non-decreasing, convex, unbounded cost
with ``c(0) = 0``; the corrected theorems of this package add (S) ``c(e) > 0 for e > 0``. Both
are decided from the closed form of a shipped cost family
(:mod:`benchgame.games.leaderboard.cost_closed_forms`, exact comparisons of its parameters),
otherwise symbolically with sympy through ``Cost.sympy_expr`` when sympy decides the sign, and
by sampling otherwise.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.games.leaderboard.assumption_check import (
    AssumptionCheck,
    checked_grid,
    grid_certificate,
)
from benchgame.games.leaderboard.cost_closed_forms import (
    closed_form_convexity,
    closed_form_strict,
)
from benchgame.games.leaderboard.costs import Cost

__all__ = ["check_convexity", "check_strict_cost"]


def _cost_grid(e_grid: Any) -> np.ndarray:
    """Default effort grid of the cost checks (linear and logarithmic parts)."""
    if e_grid is None:
        return np.unique(np.concatenate([np.linspace(0, 10, 401), np.logspace(-4, 4, 200)]))
    return checked_grid(e_grid, 0.0)


def check_strict_cost(cost: Cost, e_grid: Any = None, *, symbolic: bool = True
                      ) -> AssumptionCheck:
    """Check (S): ``c(e) > 0`` for every ``e > 0``.

    Symbolic when the closed form of a shipped cost family proves it
    (:func:`~benchgame.games.leaderboard.cost_closed_forms.closed_form_strict`), or when sympy
    decides the sign of ``c(e)`` for a positive symbol ``e`` (or of ``c'`` with ``c(0) = 0``);
    numeric on ``e_grid`` (positive points) otherwise, with the witness ``e`` where
    ``c(e) = 0``.

    Parameters
    ----------
    cost : Cost
        The effort cost.
    e_grid : array_like, optional
        Effort grid of the numeric check (default: linear on [0, 10] and logarithmic on
        ``[1e-4, 1e4]``).
    symbolic : bool, default True
        Try the closed form and sympy first.

    Returns
    -------
    AssumptionCheck
        Named ``S``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1 (the
    condition (S) strengthens it; without it Proposition 4.3 and Theorem 4.6 fail).

    Examples
    --------
    >>> from benchgame.games.leaderboard import FlatStartCost, PowerCost, check_strict_cost
    >>> r = check_strict_cost(PowerCost(1.0, 2.0))
    >>> r.holds, r.method
    (True, 'symbolic')
    >>> r = check_strict_cost(FlatStartCost(1.0, 2.0))
    >>> r.holds, r.witness["e"]
    (False, 1.0)
    """
    closed = closed_form_strict(cost) if symbolic else None
    if closed is not None:
        return AssumptionCheck("S", True, "symbolic", closed)
    if symbolic:
        import sympy as sp

        expr, e = cost.sympy_expr()
        ep = sp.Symbol("e", positive=True)
        ce = expr.subs(e, ep)
        cert = {"expression": str(expr), "condition": "c(e) > 0 for e > 0 (sympy)"}
        if ce.is_positive:
            return AssumptionCheck("S", True, "symbolic", cert)
        # c(0) = 0 and c' > 0 on (0, inf) also give c > 0 there
        if sp.simplify(expr.subs(e, 0)) == 0 and sp.diff(ce, ep).is_positive:
            cert["condition"] = "c(0) = 0 and c'(e) > 0 for e > 0 (sympy)"
            cert["derivative"] = str(sp.diff(ce, ep))
            return AssumptionCheck("S", True, "symbolic", cert)
    g = _cost_grid(e_grid)
    g = g[g > 0]
    c = cost(g)
    k = int(np.argmin(c))
    if c[k] <= 0:
        last = int(np.flatnonzero(c <= 0)[-1])
        return AssumptionCheck("S", False, "numeric", grid_certificate(g, c[k]),
                               {"e": float(g[last]), "cost": float(c[last]),
                                "note": "c vanishes on (0, e]: (S) fails"})
    return AssumptionCheck("S", True, "numeric", grid_certificate(g, c[k]))


def check_convexity(cost: Cost, e_grid: Any = None, *, tol: float = 1e-12,
                    symbolic: bool = True) -> AssumptionCheck:
    """Check the convexity of ``c``.

    ``c'' >= 0`` from the closed form of a shipped cost family
    (:func:`~benchgame.games.leaderboard.cost_closed_forms.closed_form_convexity`), else
    symbolically when sympy decides it, otherwise non-decreasing chord slopes on ``e_grid``
    (within ``tol``).

    Parameters
    ----------
    cost : Cost
        The effort cost.
    e_grid : array_like, optional
        Effort grid of the numeric check.
    tol : float, default 1e-12
        Relative tolerance on decreasing slopes.
    symbolic : bool, default True
        Try the closed form and sympy first.

    Returns
    -------
    AssumptionCheck
        Named ``convexity``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1.

    Examples
    --------
    >>> from benchgame.games.leaderboard import PowerCost, check_convexity
    >>> r = check_convexity(PowerCost(0.5, 2.0))
    >>> r.holds, r.method, r.certificate["second_derivative"]
    (True, 'symbolic', 'kappa p (p - 1) e^(p - 2)')
    """
    closed = closed_form_convexity(cost) if symbolic else None
    if closed is not None:
        return AssumptionCheck("convexity", True, "symbolic", closed, None, tol)
    if symbolic:
        import sympy as sp

        expr, e = cost.sympy_expr()
        ep = sp.Symbol("e", positive=True)
        d2 = sp.diff(expr.subs(e, ep), ep, 2)
        nonneg = d2.is_nonnegative
        if nonneg is None:  # simplify (slow) only when the sign is not read off directly
            d2 = sp.simplify(d2)
            nonneg = d2.is_nonnegative
        if nonneg is not None:
            cert = {"expression": str(expr), "second_derivative": str(d2)}
            if nonneg:
                return AssumptionCheck("convexity", True, "symbolic", cert, None, tol)
            return AssumptionCheck("convexity", False, "symbolic", cert,
                                   {"second_derivative": str(d2)}, tol)
    g = _cost_grid(e_grid)
    with np.errstate(over="ignore", invalid="ignore"):
        c = cost(g)
    g, c = g[np.isfinite(c)], c[np.isfinite(c)]
    slope = np.diff(c) / np.diff(g)
    inc = np.diff(slope)
    k = int(np.argmin(inc))
    if inc[k] < -tol * max(1.0, float(np.abs(slope).max())):
        return AssumptionCheck("convexity", False, "numeric", grid_certificate(g, inc[k]),
                               {"e": float(g[k + 1]), "slope_left": float(slope[k]),
                                "slope_right": float(slope[k + 1])}, tol)
    return AssumptionCheck("convexity", True, "numeric", grid_certificate(g, inc[k]), None, tol)
