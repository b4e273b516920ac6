"""C2 and C3 checks at scale: the C3 pairs are the nearest-in-rank pairs without an n x n index,
and the sympy identity behind the symbolic C2 check."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games.leaderboard import GeneralizedLogit, check_c3
from benchgame.games.leaderboard.assumptions import (
    _logit_second_derivative_identity,
    _nearest_pairs,
)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.integers(0, 900))
def test_nearest_pairs_are_the_triangle_sorted_by_rank_distance(n, limit):
    ii, jj = np.triu_indices(n, 1)
    order = np.argsort(jj - ii, kind="stable")[:limit]
    got_i, got_j = _nearest_pairs(n, limit)
    assert got_i.tolist() == ii[order].tolist()
    assert got_j.tolist() == jj[order].tolist()


def test_nearest_pairs_by_hand():
    ii, jj = _nearest_pairs(4, 5)
    assert list(zip(ii.tolist(), jj.tolist(), strict=True)) == [
        (0, 1), (1, 2), (2, 3), (0, 2), (1, 3)]


def test_c3_on_ten_thousand_developers_checks_the_first_pairs_only():
    n = 10_000
    theta = np.linspace(float(n), 1.0, n)
    fam = GeneralizedLogit(theta, np.linspace(2.0, -2.0, n), np.linspace(1.0, 0.5, n), 0.0, 1.0)
    r = check_c3(fam, theta, max_pairs=5000)
    assert r.certificate["pairs"] == 5000
    assert r.certificate["pairs_total"] == n * (n - 1) // 2
    assert r.certificate["complete"] is False


def test_logit_second_derivative_identity_holds():
    assert _logit_second_derivative_identity() is True
