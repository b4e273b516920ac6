"""Leaderboard checks and metrics at scale: the C3 pairs are the nearest-in-rank pairs without an
n x n index, the sympy identity behind the symbolic C2 check, Kendall tau_b and inversion counts
without pair matrices, standings by sorting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PiecewiseLinearConcave,
    PowerCost,
    Rewards,
    check_c1,
    check_c3,
    effort_advantage,
    stabilizing,
)
from benchgame.games.leaderboard.assumptions import logit_second_derivative_identity
from benchgame.games.leaderboard.effort_advantage import _nearest_pairs
from benchgame.games.leaderboard.ranking_metrics import (
    _inversions,
    count_inversions,
    kendall_tau_b,
)
from benchgame.games.leaderboard.standings import sorted_standing


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
    assert logit_second_derivative_identity() is True


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
        assert got == pytest.approx(num / np.sqrt(float(n0 - n1) * float(n0 - n2)), rel=1e-15,
                                    abs=1e-15)


def test_fidelity_counts_on_ten_thousand_developers():
    n = 10_000
    ranks = np.arange(1, n + 1)
    ranks[[0, 1]] = [2, 1]
    assert int(count_inversions(ranks)) == 1
    assert count_inversions(np.vstack([ranks, np.arange(1, n + 1)])).tolist() == [1, 0]
    n0 = n * (n - 1) // 2
    assert kendall_tau_b(ranks, np.linspace(float(n), 1.0, n)) == pytest.approx((n0 - 2) / n0,
                                                                               rel=1e-15)


def _pairwise_standing(s, tol, key):
    diff = s[None, :] - s[:, None]
    tied = (np.abs(diff) <= tol) & ~np.eye(s.size, dtype=bool)
    return ((diff > tol).sum(-1), (tied & (key[None, :] < key[:, None])).sum(-1), tied.sum(-1))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0.1, 0.2, 0.3, 0.1 + 0.2, 0.7, 0.7 + 1e-16, 0.0, 5e-324]),
                min_size=1, max_size=25),
       st.sampled_from([0.0, 1e-16, 0.1, 0.2, 0.4]), st.randoms(use_true_random=False))
def test_sorted_standing_equals_the_pairwise_counts(values, tol, rnd):
    s = np.array(values)
    key = np.array(rnd.sample(range(s.size), s.size))
    got, ref = sorted_standing(s, tol, key), _pairwise_standing(s, tol, key)
    for a, b in zip(got, ref, strict=True):
        assert a.tolist() == b.tolist()


@pytest.mark.parametrize("tie", ["capability", "uniform", "index"])
def test_contest_ranks_and_rewards_of_many_developers_match_all_pairs(tie):
    n = 300
    rng = np.random.default_rng(3)
    theta = np.linspace(float(n), 1.0, n)
    fam = GeneralizedLogit(theta, np.linspace(2.0, -2.0, n), np.linspace(1.0, 0.5, n), 0.0, 1.0)
    prio = rng.permutation(n) if tie == "index" else None
    ct = Contest(theta, fam, PowerCost(0.01, 1.5), Rewards.geometric(n, 0.9, 1.0), tie=tie,
                 priority=prio, tie_tol=1e-3)
    e = np.round(rng.random((2, n)) * 3.0, 1)
    key = prio if prio is not None else np.arange(n)
    for row, ranks, rew in zip(e, ct.ranks(e), ct.rewards_received(e), strict=True):
        above, win, tied = _pairwise_standing(ct.scores(row), 1e-3, key)
        assert tied.sum() > 0
        assert ranks.tolist() == (1 + above + (0 if tie == "uniform" else win)).tolist()
        if tie != "uniform":
            assert rew.tolist() == ct.rewards.values[above + win].tolist()


@pytest.mark.parametrize("chunk", [1, 2, 7, 10_000])
def test_c3_blocks_of_pairs_give_the_single_block_answer(monkeypatch, chunk):
    crossing = PiecewiseLinearConcave([3.0, 2.0, 1.0], [[0, 7], [0, 7], [0, 1.75]],
                                      [[0.3, 1.0], [0.2, 0.9], [0.0, 0.35]])
    n = 30
    theta = np.linspace(float(n), 1.0, n)
    logit = GeneralizedLogit(theta, np.linspace(2.0, -2.0, n), np.linspace(1.0, 0.5, n))
    whole = (check_c3(crossing, [3.0, 2.0, 1.0]), check_c3(logit, theta))
    monkeypatch.setattr(effort_advantage, "_C3_CHUNK", chunk)
    blocks = (check_c3(crossing, [3.0, 2.0, 1.0]), check_c3(logit, theta))
    assert [b.to_dict() for b in blocks] == [w.to_dict() for w in whole]
    assert blocks[0].witness["pair"] == [1, 2] and blocks[1].holds
    assert blocks[1].certificate["pairs"] == n * (n - 1) // 2


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 12).flatmap(lambda n: st.tuples(
    st.lists(st.sampled_from([-1.0, -0.5, 0.0, 0.1 + 0.2, 0.3, 1.0]), min_size=n, max_size=n),
    st.lists(st.sampled_from([0.25, 0.5, 0.1 + 0.2, 0.3, 1.0]), min_size=n, max_size=n))))
def test_c1_symbolic_is_the_first_adjacent_pair_failing_in_exact_rationals(params):
    from fractions import Fraction

    alpha, beta = params
    n = len(alpha)
    theta = np.arange(n, 0, -1, dtype=float)
    r = check_c1(GeneralizedLogit(theta, alpha, beta), theta)
    bad = [i for i in range(n - 1) if not (Fraction(alpha[i]) - Fraction(alpha[i + 1]) > 0
                                           and Fraction(beta[i]) - Fraction(beta[i + 1]) >= 0)]
    assert r.method == "symbolic" and r.holds == (not bad)
    if bad:
        assert r.witness["pair"] == [bad[0], bad[0] + 1]
    else:
        assert r.certificate["pairs"] == n - 1


def test_c1_crossing_beyond_the_largest_float_is_reported_at_infinity():
    # beta differs in the last bit: the curves cross at t* = 0.5 / 5.6e-17, x* = e^{t*} - 1
    fam = GeneralizedLogit([2.0, 1.0], [-0.5, -1.0], [0.3, 0.1 + 0.2])
    r = check_c1(fam, [2.0, 1.0])
    assert (r.holds, r.witness["pair"], r.witness["crossing_x"]) == (False, [0, 1], np.inf)


@pytest.mark.parametrize("block", [1, 3, 10_000])
def test_stabilizing_scan_in_blocks_of_pairs_gives_the_single_block_answer(monkeypatch, block):
    n = 25
    theta = np.linspace(float(n), 1.0, n)
    fam = GeneralizedLogit(theta, np.linspace(2.0, -2.0, n), np.linspace(1.0, 0.5, n))
    ct = Contest(theta, fam, PowerCost(0.01, 1.5), Rewards.geometric(n, 0.9, 1.0))
    whole = stabilizing.stabilizing_threshold(ct, delta_max=1e8).to_dict()
    monkeypatch.setattr(stabilizing, "_SCAN_BLOCK", block)
    assert stabilizing.stabilizing_threshold(ct, delta_max=1e8).to_dict() == whole
    assert len(whole["pairs"]) == n - 1 and whole["delta_star"] > 0
