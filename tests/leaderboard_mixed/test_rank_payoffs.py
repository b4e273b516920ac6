"""Poisson-binomial payoffs against the full payoff tensor and exact rational arithmetic."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games.leaderboard import (
    Contest,
    PowerCost,
    RankGame,
    Substitutes,
    discretize,
    exact_action_values,
    exact_exploitability,
    exact_regrets,
    solve_mixed,
)
from benchgame.games.leaderboard.rank_counts import (
    count_distribution,
    default_grid,
    leave_one_out_counts,
)

from .instances import three_logit, w1

TIES = [("capability", None), ("index", [2, 0, 1]), ("uniform", None)]


def _close_substitutes(tie, priority):
    # close capabilities on a common step: many exact score ties across developers
    return Contest([1.0, 0.9, 0.8], Substitutes(), PowerCost(1.0), [0.6, 0.2, 0.0], tie=tie,
                   priority=priority)


def _random_profile(game, rng):
    return [rng.dirichlet(np.ones(m)) for m in game.sizes]


@pytest.mark.parametrize(("tie", "priority"), TIES)
def test_three_developers_six_levels_match_the_payoff_tensor(tie, priority):
    dg = discretize(_close_substitutes(tie, priority), 0.12, insert_thresholds=False)
    assert dg.game.shape[:3] == (6, 6, 6)
    g = RankGame.from_discretized(dg)
    rng = np.random.default_rng(1)
    for _ in range(5):
        prof = _random_profile(g, rng)
        for i in range(3):
            assert g.action_values(prof)[i] == pytest.approx(dg.game.action_values(prof, i),
                                                             abs=1e-14)
        assert g.regrets(prof) == pytest.approx(dg.game.regrets(prof), abs=1e-14)
        assert g.exploitability(prof) == pytest.approx(dg.game.regrets(prof).sum(), abs=1e-14)
        assert g.expected_payoffs(prof) == pytest.approx(dg.game.expected_payoffs(prof),
                                                         abs=1e-14)
    sol = solve_mixed(g)
    assert sol.certified
    assert sol.exploitability == pytest.approx(dg.game.regrets(list(sol.profile)).sum(),
                                               abs=1e-14)
    assert dg.game.regrets(list(sol.profile)).sum() <= sol.target


def test_thresholds_inserted_grids_match_the_tensor():
    dg = discretize(three_logit(), 0.2)           # unequal grids (thresholds inserted)
    g = RankGame.from_discretized(dg)
    assert len(set(g.sizes.tolist())) > 1
    prof = _random_profile(g, np.random.default_rng(2))
    assert g.regrets(prof) == pytest.approx(dg.game.regrets(prof), abs=1e-14)


@pytest.mark.parametrize(("tie", "priority"), TIES)
def test_exact_rational_values_match_floats(tie, priority):
    g = RankGame.from_discretized(discretize(_close_substitutes(tie, priority), 0.2,
                                             insert_thresholds=False))
    rng = np.random.default_rng(3)
    prof = [[Fraction(int(k), int(w.sum())) for k in w]
            for w in (rng.integers(0, 5, m) + 1 for m in g.sizes)]
    exact = exact_action_values(g, prof)
    fast = g.action_values([[float(x) for x in p] for p in prof])
    for e, f in zip(exact, fast, strict=True):
        assert [float(x) for x in e] == pytest.approx(f, abs=1e-14)
    assert float(exact_exploitability(g, prof)) == pytest.approx(
        g.exploitability([[float(x) for x in p] for p in prof]), abs=1e-14)


def test_exact_exploitability_of_a_solved_profile_is_tiny():
    g = RankGame.from_contest(three_logit(), levels=8)
    sol = solve_mixed(g)
    prof = []
    for p in sol.profile:               # exact rationals summing to 1
        q = [Fraction(float(x)) for x in p]
        q[int(np.argmax(p))] += 1 - sum(q)
        prof.append(q)
    regs = exact_regrets(g, prof)
    assert all(r >= 0 for r in regs)
    assert float(sum(regs)) <= 1e-12


def test_w1_grid_values_by_hand():
    g = RankGame(w1(), [[0.0, 0.5, 1.0]] * 2)
    prof = [[1.0, 0.0, 0.0], [0.5, 0.0, 0.5]]
    assert [v.tolist() for v in g.action_values(prof)] == [[0.5, 0.5, 0.0], [0.0, -0.5, 0.0]]
    levels, values = g.best_responses(prof)
    assert levels.tolist() == [0, 0] and values.tolist() == [0.5, 0.0]
    D = g.rank_distribution(g.padded(prof))
    assert np.allclose(D.sum(axis=0)[:, :3], 1.0)


@given(st.lists(st.floats(0, 1), min_size=1, max_size=7), st.integers(0, 6))
def test_count_distribution_against_enumeration(q, zero):
    q = np.array(q + [0.0])
    d = count_distribution(q)
    brute = np.zeros(q.size)
    for bits in range(2 ** q.size):
        z = np.array([(bits >> j) & 1 for j in range(q.size)])
        if z.sum() < q.size:
            brute[z.sum()] += np.prod(np.where(z == 1, q, 1 - q))
    assert d == pytest.approx(brute, abs=1e-12)
    loo = leave_one_out_counts(q)
    j = min(zero, q.size - 1)
    rest = np.delete(q, j)
    assert loo[:, j][:rest.size] == pytest.approx(count_distribution(np.r_[rest, 0.0])[:rest.size],
                                                  abs=1e-12)


def test_default_grid_and_input_errors():
    ct = w1()
    assert default_grid(ct, levels=3).tolist() == [0.0, 0.5, 1.0]
    g = RankGame.from_contest(ct, levels=3)
    with pytest.raises(InputError, match="profile"):
        g.regrets([[1.0, 0.0, 0.0]])
    with pytest.raises(InputError, match="sums to"):
        g.regrets([[0.5, 0.0, 0.0], [1.0, 0.0, 0.0]])
    with pytest.raises(InputError, match="grids"):
        RankGame(ct, [[0.0, 1.0]])
    with pytest.raises(InputError, match="step"):
        default_grid(ct, step=-1.0)
    with pytest.raises(InputError, match="exact arithmetic"):
        exact_regrets(g, [[0.3, 0.3, 0.3], [1, 0, 0]])
