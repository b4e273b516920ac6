"""Exactness: symbolic payoffs keep non-integer qualities, softmax stays exact as beta grows."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace import (
    Luce,
    Market,
    Perfect,
    Softmax,
    evaluate,
    payoffs,
    replacement_table,
    symbolic_payoffs,
    welfare,
)
from benchgame.mechanisms.marketplace.thresholds import beta_sym, eps_sym, pi_sym


def test_symbolic_payoffs_keep_non_integer_qualities_exact():
    # perfect aggregation: model 0 wins A with 0.8, model 1 wins B with 0.9
    got = symbolic_payoffs([(0.8, 0.2), (0.2, 0.9)], "epsilon", "weighted_winrate", param=0)
    assert got == [sp.Rational(4, 5) * pi_sym, sp.Rational(9, 10) * (1 - pi_sym)]
    # epsilon-uniform, weighted winrate: WWR_0 = pi (1 - eps/2) 0.8 + (1 - pi) (eps/2) 0.2
    got = symbolic_payoffs([(0.8, 0.2), (0.2, 0.9)], "epsilon", "weighted_winrate")
    want = (pi_sym * (1 - eps_sym / 2) * sp.Rational(4, 5)
            + (1 - pi_sym) * eps_sym / 2 * sp.Rational(1, 5))
    assert sp.simplify(got[0] - want) == 0
    # a tie that truncation would invent: 0.3 vs 0.7 on A are not both 0
    wr = symbolic_payoffs([(0.3, 0.0), (0.7, 0.0)], "epsilon", "winrate", param=0)
    assert wr[0] == (1 - pi_sym) / 2 and wr[1] == pi_sym + (1 - pi_sym) / 2


def test_symbolic_payoffs_exact_inputs_and_numeric_agreement():
    third = symbolic_payoffs([(Fraction(1, 3), 0), (sp.Rational(2, 3), 1)], "softmax",
                             "weighted_winrate", pi=sp.Rational(1, 2), param=3)
    # softmax at beta = 3 on A: exp(1) vs exp(2)
    e1, e2 = sp.exp(1), sp.exp(2)
    want0 = sp.Rational(1, 2) * e1 / (e1 + e2) * sp.Rational(1, 3)
    assert sp.simplify(third[0] - want0) == 0
    # numbers from the float solver agree with the exact formulas at a non-integer instance
    Q = np.array([[0.8, 0.25], [0.35, 0.9], [0.5, 0.5]])
    pi = 0.6
    for mech in ("winrate", "weighted_winrate"):
        exact = symbolic_payoffs(Q.tolist(), "softmax", mech, pi=sp.Rational(3, 5), param=7)
        num = payoffs(mech, Q, [pi, 1 - pi], Softmax(7.0))
        np.testing.assert_allclose([float(x) for x in exact], num, rtol=1e-13)
    # a float that is no short decimal is kept as the rational it rounds from, never truncated
    (w,) = symbolic_payoffs([(1 / 3, 0.0)], "epsilon", "weighted_winrate", param=0)
    assert w.subs(pi_sym, 1) == sp.Rational(1, 3)


@pytest.mark.parametrize("mechanism", ["pairwise", "weighted_pairwise", "reference", "margin",
                                       "marginal", "WINRATE", "nope"])
def test_symbolic_payoffs_refuse_unsupported_mechanisms(mechanism):
    with pytest.raises(InputError) as exc:
        symbolic_payoffs([(1, 0), (0, 1)], "epsilon", mechanism)
    assert exc.value.field == "mechanism"
    assert "weighted_winrate" in str(exc.value)


@pytest.mark.parametrize(("Q", "rule", "field"), [
    ([(1, 0)], "probit", "rule"),
    ([(1, 0, 0)], "epsilon", "Q[0]"),
    ([(1, "x")], "epsilon", "Q[0][1]"),
    ([(float("inf"), 0)], "softmax", "Q[0][0]"),
    ([], "epsilon", "Q"),
])
def test_symbolic_payoffs_bad_input(Q, rule, field):
    with pytest.raises(InputError) as exc:
        symbolic_payoffs(Q, rule, "winrate", param=beta_sym)
    assert exc.value.field == field


# qualities with exact ties at the top of both tasks: the case that cancelled catastrophically
TIED = np.array([[0.9, 0.3], [0.9, 0.5], [0.2, 0.5]])
PI = np.array([0.5, 0.5])
PERFECT_W = 0.5 * 0.9 + 0.5 * 0.5  # 0.7


@pytest.mark.parametrize("beta", [1e3, 1e8, 1e17, 1e300])
def test_softmax_welfare_is_exact_for_huge_beta(beta):
    r = Softmax(beta)
    P = r.probabilities(TIED)
    np.testing.assert_allclose(P.sum(axis=0), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(P, Perfect().probabilities(TIED), rtol=0, atol=1e-15)
    W = float(welfare(TIED, PI, r))
    assert W <= float(PI @ TIED.max(axis=0)) + 1e-15   # never above the best qualities
    assert W == pytest.approx(PERFECT_W, abs=1e-15)      # the beta -> inf limit
    e = evaluate(Market(TIED, PI), r)
    assert e.residuals["column_sums"] <= 1e-15
    assert e.welfare == pytest.approx(PERFECT_W, abs=1e-15)


def test_softmax_welfare_tends_to_perfect_monotonically_in_beta():
    betas = [0.0, 1.0, 10.0, 1e3, 1e8, 1e17]
    W = [float(welfare(TIED, PI, Softmax(b))) for b in betas]
    assert all(a <= b + 1e-15 for a, b in zip(W, W[1:], strict=False))
    assert W[0] == pytest.approx(float(PI @ TIED.mean(axis=0)))
    assert W[-1] == pytest.approx(PERFECT_W, abs=1e-15)


def test_luce_is_exact_for_huge_gamma():
    P = Luce(1e17).probabilities(TIED)
    np.testing.assert_allclose(P, Perfect().probabilities(TIED), rtol=0, atol=1e-15)


def test_replacement_welfare_never_exceeds_the_best_quality_at_huge_beta():
    # replacement copies vectors, so every profile has exact ties at the top
    Q = np.array([[0.9, 0.2], [0.3, 0.8], [0.5, 0.5]])
    m = Market(Q, [0.5, 0.5])
    sharp, perfect = replacement_table(m, Softmax(1e17)), replacement_table(m, Perfect())
    for key in ("winrate", "weighted_winrate", "welfare"):
        assert np.all(np.asarray(sharp.welfare[key]) <= 0.85 + 1e-15)
        np.testing.assert_allclose(sharp.welfare[key], perfect.welfare[key], atol=1e-15)
