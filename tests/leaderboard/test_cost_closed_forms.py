"""Convexity and (S) of the shipped costs from their closed forms: the same decisions as sympy's
sign analysis, without computer algebra; other costs still go to sympy and to the sampled
witness."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games.leaderboard import (
    Cost,
    ExponentialCost,
    FlatStartCost,
    LinearQuadraticCost,
    PiecewiseLinearCost,
    PowerCost,
    check_convexity,
    check_strict_cost,
)
from benchgame.games.leaderboard.cost_closed_forms import (
    closed_form_convexity,
    closed_form_strict,
)

POSITIVE = st.floats(1e-3, 1e3, allow_nan=False)
EXPONENT = st.floats(1.0, 6.0, allow_nan=False)


@st.composite
def shipped_costs(draw: Any) -> Cost:
    """A shipped cost family with drawn parameters (breakpoints and slopes built sorted)."""
    kind = draw(st.sampled_from(["power", "linear_quadratic", "exponential", "piecewise",
                                 "flat_start"]))
    if kind == "power":
        return PowerCost(draw(POSITIVE), draw(EXPONENT))
    if kind == "linear_quadratic":
        kappa, mu = draw(st.sampled_from([(1, 0), (0, 1), (1, 1)]))
        return LinearQuadraticCost(kappa * draw(POSITIVE), mu * draw(POSITIVE))
    if kind == "exponential":
        return ExponentialCost(draw(POSITIVE), draw(POSITIVE))
    if kind == "piecewise":
        m = draw(st.integers(1, 4))
        gaps = draw(st.lists(st.floats(0.1, 5.0), min_size=m - 1, max_size=m - 1))
        rises = draw(st.lists(st.floats(0.0, 3.0), min_size=m, max_size=m))
        slopes = np.cumsum(rises) + (0.0 if draw(st.booleans()) else 0.5)
        slopes[-1] += 0.25                       # a positive last slope: unbounded
        return PiecewiseLinearCost(np.concatenate([[0.0], np.cumsum(gaps)]), slopes)
    return FlatStartCost(draw(st.sampled_from([0.0, 0.5, 2.0])), draw(EXPONENT))


def _sympy_convex(cost: Cost) -> bool | None:
    expr, e = cost.sympy_expr()
    ep = sp.Symbol("e", positive=True)
    return sp.simplify(sp.diff(expr.subs(e, ep), ep, 2)).is_nonnegative


def test_power_cost_certificates_by_value():
    conv = closed_form_convexity(PowerCost(0.01, 1.5))
    assert conv == {"expression": "kappa e^p with kappa = 0.01, p = 1.5",
                    "second_derivative": "kappa p (p - 1) e^(p - 2)",
                    "condition": "kappa > 0 and p >= 1 (closed form, parameters compared "
                                 "exactly)"}
    assert closed_form_strict(PowerCost(0.01, 1.5)) == {
        "expression": "kappa e^p with kappa = 0.01, p = 1.5",
        "condition": "c(e) = kappa e^p > 0 for e > 0: kappa > 0 (closed form, parameters "
                     "compared exactly)"}


def test_checkers_report_the_closed_form_as_symbolic():
    r = check_convexity(LinearQuadraticCost(1.0, 0.5))
    assert (r.holds, r.method, r.certificate["second_derivative"]) == (True, "symbolic", "2 mu")
    s = check_strict_cost(ExponentialCost(2.0, 3.0))
    assert (s.holds, s.method) == (True, "symbolic")
    assert s.certificate["expression"] == "scale (exp(k e) - 1) with k = 2.0, scale = 3.0"


@settings(max_examples=40, deadline=None)
@given(shipped_costs())
def test_closed_form_decisions_agree_with_sympy_and_the_declared_properties(cost):
    conv = closed_form_convexity(cost)
    assert conv is not None                      # every shipped cost is convex
    assert _sympy_convex(cost) in (True, None)   # never refuted by sympy
    strict = closed_form_strict(cost)
    assert (strict is not None) == cost.strict   # (S) proved exactly when the cost declares it
    if strict is None:
        r = check_strict_cost(cost)
        assert not r.holds and r.method == "numeric"
        assert float(cost(r.witness["e"])) == 0.0 and r.witness["e"] > 0


def test_flat_start_and_flat_first_piece_keep_their_witness():
    r = check_strict_cost(FlatStartCost(1.0, 2.0))
    assert (r.holds, r.method, r.witness["cost"]) == (False, "numeric", 0.0)
    r = check_strict_cost(PiecewiseLinearCost([0.0, 1.0], [0.0, 2.0]))
    assert (r.holds, r.method) == (False, "numeric")
    assert r.witness["e"] == pytest.approx(1.0)


class _Cubic(Cost):
    """A user's cost ``e^3 + e`` that the closed forms do not know: sympy decides it."""

    strict = True

    def _value(self, e: np.ndarray) -> np.ndarray:
        return e ** 3 + e

    def inverse(self, y: Any) -> np.ndarray:
        raise NotImplementedError

    def sympy_expr(self) -> tuple[Any, Any]:
        e = sp.Symbol("e", nonnegative=True)
        return e ** 3 + e, e

    def to_dict(self) -> dict:
        return {"cost": "cubic"}


def test_a_users_cost_is_still_decided_by_sympy():
    assert closed_form_convexity(_Cubic()) is None and closed_form_strict(_Cubic()) is None
    r = check_convexity(_Cubic())
    assert (r.holds, r.method, r.certificate["second_derivative"]) == (True, "symbolic", "6*e")
    s = check_strict_cost(_Cubic())
    assert (s.holds, s.method, s.certificate["expression"]) == (True, "symbolic", "e**3 + e")
