"""Entry and replacement pay one producer with the rule's ``pay_one``: the answers equal the
payoffs of all models (the rule's ``pay``) at that producer, on small markets of every rule."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.mechanisms.marketplace import (
    EpsilonUniform,
    Luce,
    Market,
    Probit,
    Softmax,
    entry,
    payment_rules,
    replacement,
)
from benchgame.mechanisms.marketplace.payments import get_payment_rule
from benchgame.mechanisms.marketplace.welfare import welfare

RULES = [Softmax(7.0), EpsilonUniform(0.2), Luce(2.0), Probit(0.3)]
BUILT_IN = ["winrate", "weighted_winrate", "pairwise", "weighted_pairwise", "reference",
            "margin", "marginal"]

qualities = st.integers(1, 5).flatmap(lambda n: st.integers(1, 4).flatmap(
    lambda m: st.tuples(
        st.lists(st.lists(st.sampled_from([0.1, 0.2, 0.5, 0.7, 1.0]), min_size=m, max_size=m),
                 min_size=n, max_size=n),
        st.lists(st.lists(st.sampled_from([0.1, 0.15, 0.5, 0.9, 1.0]), min_size=m, max_size=m),
                 min_size=1, max_size=6),
        st.lists(st.floats(0.1, 1.0), min_size=m, max_size=m))))


def _all_models(market, rule, C, mechanism, position, base, options):
    """Reference: every model's payoff in each stacked market, then the producer's column."""
    pay, wel = [], []
    for c in C:
        Q = np.insert(base, position, c, axis=0)
        P = rule.probabilities(Q)
        pay.append(get_payment_rule(mechanism).pay(Q, market.omega, rule, P, **options)[position])
        wel.append(welfare(Q, market.omega, rule, P))
    return np.array(pay), np.array(wel)


def test_every_built_in_rule_has_a_one_producer_payoff():
    assert set(BUILT_IN) <= set(payment_rules())
    assert all(get_payment_rule(m).pay_one is not None for m in BUILT_IN)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: type(r).__name__)
@pytest.mark.parametrize("mechanism", BUILT_IN)
@settings(max_examples=15, deadline=None)
@given(case=qualities)
def test_entry_and_replacement_equal_the_all_model_payoffs(rule, mechanism, case):
    Qi, C, w = (np.array(x, float) for x in case)
    market = Market(Qi, w / w.sum())
    options = {"reference": 0} if mechanism == "reference" else {}
    r = entry(market, rule, C, mechanism, **options)
    pay, wel = _all_models(market, rule, C, mechanism, market.n, market.quality, options)
    np.testing.assert_allclose(r.payoff, pay, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(r.welfare, wel, rtol=1e-12, atol=1e-14)
    i = market.n - 1
    r = replacement(market, i, rule, C, mechanism, **options)
    base = np.delete(market.quality, i, axis=0)
    pay, _ = _all_models(market, rule, r.candidates, mechanism, i, base, options)
    np.testing.assert_allclose(r.payoff, pay, rtol=1e-12, atol=1e-14)


def test_marginal_entry_by_hand():
    # perfect-ish softmax on one task: the entrant 0.9 above 0.5 adds its welfare gain
    m = Market([[0.5]], [1.0])
    r = entry(m, Softmax(0.0), [[0.9]], "marginal")
    # beta = 0: uniform choice, W = (0.5 + 0.9) / 2 = 0.7 against 0.5 alone
    assert r.payoff.tolist() == pytest.approx([0.2], abs=1e-15)
