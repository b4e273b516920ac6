"""Kendall tau_b and Spearman's rho are exactly +-1 for a leaderboard in (reverse) capability
order, at any size, and scipy's values otherwise."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import kendalltau, spearmanr

from benchgame.games.leaderboard import kendall_tau_b, spearman_rho


@pytest.mark.parametrize("n", [2, 3, 7, 11, 58, 299, 1000])
def test_perfect_and_reversed_orders_are_exact(n):
    theta = np.linspace(5.0, 1.0, n)
    assert kendall_tau_b(np.arange(1, n + 1), theta) == 1.0
    assert kendall_tau_b(np.arange(n, 0, -1), theta) == -1.0


def test_one_swap_is_not_snapped():
    n = 1000
    ranks = np.arange(1, n + 1)
    ranks[[0, 1]] = ranks[[1, 0]]
    tau = kendall_tau_b(ranks, np.linspace(5.0, 1.0, n))
    assert tau == pytest.approx(1 - 4 / (n * (n - 1)), abs=1e-15) and tau < 1.0


@pytest.mark.parametrize("n", [2, 3, 5, 11, 1000])
def test_spearman_is_exact_for_strict_orders(n):
    theta = np.linspace(5.0, 1.0, n)
    assert spearman_rho(np.arange(1, n + 1), theta) == 1.0
    assert spearman_rho(np.arange(n, 0, -1), theta) == -1.0


def test_spearman_of_the_figure1_leaderboard_is_one_not_an_ulp_below():
    # scipy's spearmanr gives 0.9999999999999999 on these five developers in order
    theta = [14.0, 7.0, 3.0, 1.5, 0.5]
    assert spearmanr(-np.arange(1, 6), theta).statistic == 0.9999999999999999
    assert spearman_rho([1, 2, 3, 4, 5], theta) == 1.0


@pytest.mark.filterwarnings("ignore:An input array is constant")
@settings(max_examples=100, deadline=None)
@given(st.integers(2, 9).flatmap(lambda n: st.tuples(
    st.lists(st.integers(1, n), min_size=n, max_size=n),
    st.permutations(list(range(n))))))
def test_metrics_equal_scipy_away_from_strict_orders(case):
    ranks, perm = case
    theta = np.array(perm, float) + 1.0
    rk = np.array(ranks, float)
    order = np.argsort(-theta)
    steps = np.diff(rk[order])
    if np.all(steps > 0) or np.all(steps < 0):
        assert spearman_rho(rk, theta) == float(np.sign(steps[0]))
        return
    expected = spearmanr(-rk, theta).statistic
    got = spearman_rho(rk, theta)
    assert got == expected or (np.isnan(got) and np.isnan(expected))
    tau = kendalltau(-rk, theta, variant="b").statistic
    assert kendall_tau_b(rk, theta) == tau or (np.isnan(tau) and np.isnan(kendall_tau_b(rk, theta)))
