"""Leaderboard checks and metrics at scale: the C3 pairs are the nearest-in-rank pairs without an
n x n index, the sympy identity behind the symbolic C2 check, and Kendall tau_b and inversion
counts by merge counting."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games.leaderboard import GeneralizedLogit, check_c3
from benchgame.games.leaderboard.assumptions import (
    _logit_second_derivative_identity,
    _nearest_pairs,
)
from benchgame.games.leaderboard.ranking_metrics import (
    _inversions,
    count_inversions,
    kendall_tau_b,
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


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=40))
def test_inversions_by_merge_count_equal_the_pair_count(values):
    v = np.array(values, dtype=float)
    pairs = sum(1 for i in range(v.size) for j in range(i + 1, v.size) if v[i] > v[j])
    assert _inversions(v) == pairs


@settings(max_examples=200, deadline=None)
@given(st.integers(3, 12).flatmap(lambda n: st.tuples(
    st.lists(st.integers(1, 4), min_size=n, max_size=n),
    st.lists(st.integers(0, 3), min_size=n, max_size=n))))
def test_kendall_tau_b_equals_the_pairwise_definition(case):
    r, th = np.array(case[0], float), np.array(case[1], float)
    iu = np.triu_indices(r.size, 1)
    sx = np.sign(r[:, None] - r[None, :])[iu]
    sy = np.sign(th[None, :] - th[:, None])[iu]
    n0, n1, n2 = iu[0].size, int((sx == 0).sum()), int((sy == 0).sum())
    got = kendall_tau_b(r, th)
    if n1 == n0 or n2 == n0:
        assert np.isnan(got)
    else:
        num = int((sx * sy > 0).sum()) - int((sx * sy < 0).sum())
        assert got == num / np.sqrt(float(n0 - n1) * float(n0 - n2))


def test_fidelity_counts_on_ten_thousand_developers():
    n = 10_000
    ranks = np.arange(1, n + 1)
    ranks[[0, 1]] = [2, 1]
    assert int(count_inversions(ranks)) == 1
    assert count_inversions(np.vstack([ranks, np.arange(1, n + 1)])).tolist() == [1, 0]
    n0 = n * (n - 1) // 2
    assert kendall_tau_b(ranks, np.linspace(float(n), 1.0, n)) == (n0 - 2) / n0
