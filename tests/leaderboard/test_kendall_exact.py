"""Kendall tau_b is exactly +-1 for a leaderboard in (reverse) capability order, at any size."""

from __future__ import annotations

import numpy as np
import pytest

from benchgame.games.leaderboard import kendall_tau_b


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
