"""Convexity and (S) of the shipped cost families, decided from their closed forms.

Each shipped :class:`~benchgame.games.leaderboard.costs.Cost` has a closed form whose second
derivative and sign on ``e > 0`` are read off its parameters:

- ``PowerCost``: ``c = kappa e^p``, ``c'' = kappa p (p - 1) e^(p - 2)``;
- ``LinearQuadraticCost``: ``c = kappa e + mu e^2``, ``c'' = 2 mu``;
- ``ExponentialCost``: ``c = scale (exp(k e) - 1)``, ``c'' = scale k^2 exp(k e)``;
- ``PiecewiseLinearCost``: ``c'' = 0`` between the breakpoints and the slope jumps at them;
- ``FlatStartCost``: ``c = max(e - a, 0)^p``, a convex non-decreasing power of a convex
  function.

The parameter conditions are compared exactly (as the rationals the stored floats are, with
:class:`fractions.Fraction`), so a check decided here is a proof on the whole domain ``e > 0``
and needs no computer algebra. A condition that does not hold returns None, and the checkers of
:mod:`benchgame.games.leaderboard.cost_assumptions` go on to sympy and to the sampled witness.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from benchgame.games.leaderboard.costs import (
    Cost,
    ExponentialCost,
    FlatStartCost,
    LinearQuadraticCost,
    PiecewiseLinearCost,
    PowerCost,
)

__all__ = ["closed_form_convexity", "closed_form_strict"]


def _q(x: Any) -> Fraction:
    """The float ``x`` as the exact rational it stores."""
    return Fraction(float(x))


def _expression(cost: Cost) -> str | None:
    """The closed form of ``cost`` with its parameters, or None for another cost."""
    if isinstance(cost, PowerCost):
        return f"kappa e^p with kappa = {cost.kappa!r}, p = {cost.p!r}"
    if isinstance(cost, LinearQuadraticCost):
        return f"kappa e + mu e^2 with kappa = {cost.kappa!r}, mu = {cost.mu!r}"
    if isinstance(cost, ExponentialCost):
        return f"scale (exp(k e) - 1) with k = {cost.k!r}, scale = {cost.scale!r}"
    if isinstance(cost, PiecewiseLinearCost):
        return (f"piecewise linear from c(0) = 0 with breakpoints "
                f"{cost.breakpoints.tolist()} and slopes {cost.slopes.tolist()}")
    if isinstance(cost, FlatStartCost):
        return f"max(e - a, 0)^p with a = {cost.a!r}, p = {cost.p!r}"
    return None


def _convexity(cost: Cost) -> tuple[str, str] | None:
    """``(second derivative, condition)`` when the closed form proves convexity, else None."""
    if isinstance(cost, PowerCost) and _q(cost.kappa) > 0 and _q(cost.p) >= 1:
        return "kappa p (p - 1) e^(p - 2)", "kappa > 0 and p >= 1"
    if isinstance(cost, LinearQuadraticCost) and _q(cost.mu) >= 0:
        return "2 mu", "mu >= 0"
    if isinstance(cost, ExponentialCost) and _q(cost.scale) >= 0:
        return "scale k^2 exp(k e)", "scale >= 0"
    if isinstance(cost, PiecewiseLinearCost):
        slopes = [_q(s) for s in cost.slopes]
        if all(a <= b for a, b in zip(slopes[:-1], slopes[1:], strict=True)):
            return ("0 between breakpoints, slope jumps >= 0 at them",
                    "slopes non-decreasing")
    if isinstance(cost, FlatStartCost) and _q(cost.p) >= 1:
        return ("0 for e < a, p (p - 1) (e - a)^(p - 2) for e > a; the slope rises from 0 at a",
                "p >= 1: t^p convex and non-decreasing on t >= 0, max(e - a, 0) convex")
    return None


def _strict(cost: Cost) -> str | None:
    """The condition under which the closed form gives ``c(e) > 0`` for ``e > 0``, or None."""
    if isinstance(cost, PowerCost) and _q(cost.kappa) > 0:
        return "c(e) = kappa e^p > 0 for e > 0: kappa > 0"
    if (isinstance(cost, LinearQuadraticCost) and _q(cost.kappa) >= 0 and _q(cost.mu) >= 0
            and (_q(cost.kappa) > 0 or _q(cost.mu) > 0)):
        return "c(e) = e (kappa + mu e) > 0 for e > 0: kappa, mu >= 0, not both 0"
    if isinstance(cost, ExponentialCost) and _q(cost.scale) > 0 and _q(cost.k) > 0:
        return "c(e) = scale (exp(k e) - 1) > 0 for e > 0: scale > 0 and k > 0"
    if isinstance(cost, PiecewiseLinearCost) and _q(cost.slopes[0]) > 0 and all(
            _q(s) >= 0 for s in cost.slopes):
        return "c(0) = 0 and every slope >= 0 with a positive first slope"
    if isinstance(cost, FlatStartCost) and _q(cost.a) == 0:
        return "c(e) = e^p > 0 for e > 0: a = 0"
    return None


def closed_form_convexity(cost: Cost) -> dict | None:
    """Certificate of the convexity of a shipped cost from its closed form.

    Parameters
    ----------
    cost : Cost
        The effort cost.

    Returns
    -------
    dict or None
        ``expression``, ``second_derivative`` and ``condition`` (parameters compared exactly)
        when the closed form proves ``c'' >= 0`` on ``e > 0``; None for another cost or when the
        condition fails.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1.

    Examples
    --------
    >>> from benchgame.games.leaderboard import PowerCost
    >>> from benchgame.games.leaderboard.cost_closed_forms import closed_form_convexity
    >>> closed_form_convexity(PowerCost(0.01, 1.5))["second_derivative"]
    'kappa p (p - 1) e^(p - 2)'
    """
    found = _convexity(cost)
    if found is None:
        return None
    return {"expression": _expression(cost), "second_derivative": found[0],
            "condition": f"{found[1]} (closed form, parameters compared exactly)"}


def closed_form_strict(cost: Cost) -> dict | None:
    """Certificate of (S), ``c(e) > 0`` for ``e > 0``, of a shipped cost from its closed form.

    Parameters
    ----------
    cost : Cost
        The effort cost.

    Returns
    -------
    dict or None
        ``expression`` and ``condition`` (parameters compared exactly) when the closed form
        proves (S); None for another cost or when (S) is not proved this way.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1 and
    the condition (S) of the corrected Proposition 4.3 and Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import FlatStartCost, PowerCost
    >>> from benchgame.games.leaderboard.cost_closed_forms import closed_form_strict
    >>> closed_form_strict(PowerCost(0.01, 1.5))["condition"]
    'c(e) = kappa e^p > 0 for e > 0: kappa > 0 (closed form, parameters compared exactly)'
    >>> closed_form_strict(FlatStartCost(1.0, 2.0)) is None
    True
    """
    found = _strict(cost)
    if found is None:
        return None
    return {"expression": _expression(cost),
            "condition": f"{found} (closed form, parameters compared exactly)"}
