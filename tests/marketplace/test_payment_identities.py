"""Accounting identities of the payment rules, on batches of markets, and the residuals."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from benchgame.mechanisms.marketplace import (
    EpsilonUniform,
    Market,
    MarketMetrics,
    Softmax,
    evaluate,
    get_payment_rule,
    payoffs,
)

RULES = [EpsilonUniform(0.3), Softmax(4.0)]


def _batch(n: int, m: int = 3, k: int = 4, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.random((k, n, m)), np.array([0.5, 0.3, 0.4])[:m]  # weights sum to 1.2


@pytest.mark.parametrize("rule", RULES, ids=["epsilon", "softmax"])
@pytest.mark.parametrize("name", ["winrate", "weighted_winrate", "pairwise"])
@pytest.mark.parametrize("n", [1, 2, 3])
def test_identity_residuals_vanish_per_market_of_a_batch(rule, name, n):
    Q, omega = _batch(n)
    P = rule.probabilities(Q)
    pr = get_payment_rule(name)
    pay = payoffs(name, Q, omega, rule, P)
    res = pr.identity(pay, Q, omega, rule, P)
    assert res.shape == (Q.shape[0],)
    np.testing.assert_allclose(res, 0.0, atol=1e-12)
    # a payment vector that breaks the identity by 0.1 per model shows up as 0.1 n
    np.testing.assert_allclose(pr.identity(pay + 0.1, Q, omega, rule, P), 0.1 * n, rtol=1e-9)


def test_pairwise_total_is_n_over_two_times_the_task_weight():
    Q, omega = _batch(3)
    pay = payoffs("pairwise", Q, omega, RULES[0])
    np.testing.assert_allclose(pay.sum(axis=-1), 1.5 * 1.2, atol=1e-12)
    single = payoffs("pairwise", Q[:, :1], omega, RULES[0])
    np.testing.assert_array_equal(single, np.zeros((4, 1)))


def test_metrics_residuals_and_unnamed_models():
    m = Market([[0.9, 0.1], [0.2, 0.8]], [0.6, 0.4])
    e = evaluate(m, EpsilonUniform(0.2))
    assert e.residuals["column_sums"] <= 1e-15
    assert e.residuals["sum_winrate"] <= 1e-15
    assert e.residuals["sum_weighted_winrate"] <= 1e-15
    unnamed = dataclasses.replace(e, models=())
    assert list(unnamed.to_frame().index) == ["model 1", "model 2"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.welfare = 0.0  # type: ignore[misc]
    assert isinstance(e, MarketMetrics)


def test_marginal_payment_of_a_lone_model_is_its_welfare():
    Q, omega = _batch(1)
    rule = RULES[0]
    pay = payoffs("marginal", Q, omega, rule)
    W = (Q[:, 0, :] @ omega)  # a lone model serves every task
    np.testing.assert_allclose(pay[:, 0], W, atol=1e-12)


def test_payment_rules_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        get_payment_rule("winrate").name = "other"  # type: ignore[misc]
