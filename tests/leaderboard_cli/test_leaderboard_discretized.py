"""Discretized leaderboard games against the continuum analysis and the spec 4.3 closed form."""

from __future__ import annotations

import numpy as np
import pytest

from benchgame.core.validation import InputError
from benchgame.games.leaderboard import (
    Contest,
    FlatStartCost,
    GeneralizedLogit,
    PowerCost,
    Substitutes,
    TuneBeforeTest,
    analyze_pure,
)
from benchgame.games.leaderboard.discretized import discretize, grid_pure_equilibria
from benchgame.games.leaderboard.grid_mixed import (
    approximate_mixed,
    grid_mixed_fidelity,
    two_player_mixed_check,
)

THETA = np.array([1.0, 0.5])


def w(cost, rewards):
    return Contest(THETA, Substitutes(), cost, rewards)


def test_w1_no_grid_pne_and_thresholds_inserted():
    dg = discretize(w(PowerCost(1.0, 1.0), [1.0, 0.0]), 0.05)
    assert dg.inserted[1].tolist() == [0.5]
    assert {0.495, 0.5, 0.505} <= {round(x, 12) for x in dg.grids[1]}
    assert dg.e_max == pytest.approx(1.0)
    res = grid_pure_equilibria(dg)
    assert res.profiles == () and res.equilibria.complete


def test_w1c_unique_zero_certified_by_continuum():
    res = grid_pure_equilibria(discretize(w(PowerCost(1.0, 1.0), [0.25, 0.0]), 0.05))
    assert len(res.profiles) == 1 and np.all(res.profiles[0] == 0)
    assert res.artifacts == () and res.continuum[0].is_equilibrium


def test_w3_grid_reproduces_105_pne_and_recheck():
    # spec 4.1 W3 / Appendix 1: exhaustive grid search with step 0.05 finds 105 PNE
    dg = discretize(w(FlatStartCost(1.0, 2.0), [0.1, 0.0]), 0.05, insert_thresholds=False)
    res = grid_pure_equilibria(dg)
    assert len(res.profiles) == 105
    prof = {tuple(np.round(p, 10)) for p in res.profiles}
    assert (1.0, 1.0) in prof and (1.0, 0.0) in prof and (0.0, 0.0) not in prof
    certified = {tuple(np.round(p, 10)) for p in res.certified}
    assert (1.0, 1.0) in certified and (1.0, 0.0) in certified
    assert len(res.certified) + len(res.artifacts) == 105


def test_w2_inverted_pne_on_grid():
    res = grid_pure_equilibria(discretize(w(FlatStartCost(1.0, 2.0), [1.0, 1.0]), 0.05))
    hits = [k for k, p in enumerate(res.profiles) if np.allclose(p, [0.0, 0.75])]
    assert len(hits) == 1 and res.continuum[hits[0]].is_equilibrium


def _random_logit_contest(rng):
    theta = np.sort(rng.uniform(0, 3, 3))[::-1] + np.array([0.02, 0.01, 0.0])
    alpha = np.cumsum(rng.uniform(0.02, 0.4, 3))[::-1]
    beta = float(rng.uniform(0.3, 1.0))
    gaps = rng.uniform(0.05, 0.4, 2)
    R = np.array([gaps.sum(), gaps[1], 0.0])
    cost = PowerCost(float(rng.uniform(0.05, 2.0)), float(rng.uniform(1.0, 2.0)))
    delta = float(rng.choice([0.0, 1.0, 5.0]))
    return Contest(theta, GeneralizedLogit(theta, alpha, beta), cost, R, TuneBeforeTest(delta))


@pytest.mark.parametrize("seed", range(8))
def test_grid_pne_subset_of_zero_and_matches_continuum(seed):
    # spec 5.3 [NUM]: grid PNE sets of random n = 3 logit instances are empty or {0}
    ct = _random_logit_contest(np.random.default_rng(seed))
    h = float(ct.cost.inverse(ct.rewards.values[0])) / 30
    res = grid_pure_equilibria(discretize(ct, h))
    assert all(np.all(p == 0) for p in res.profiles)
    assert res.artifacts == ()
    cont = analyze_pure(ct)
    if cont.status == "unique":
        assert len(res.profiles) == 1
    else:
        wit = cont.witness
        if ct.rewards.values[wit.k] - ct.rewards.values[wit.r] > float(
                ct.cost(wit.catch_up + h / 10)):
            assert res.profiles == ()


def test_w1_mixed_closed_form_regression():
    ct = w(PowerCost(1.0, 1.0), [1.0, 0.0])
    coarse = two_player_mixed_check(ct, 0.02)
    cf = coarse.closed_form
    assert (cf.payoff_h, cf.payoff_l) == pytest.approx((0.5, 0.0), abs=1e-12)
    assert cf.p_inversion == pytest.approx(0.375, abs=1e-9)
    assert coarse.exploitability < 0.011
    assert coarse.grid_p_inversion == pytest.approx(0.375, abs=0.01)
    assert coarse.grid_payoffs == pytest.approx([0.5, 0.0], abs=0.011)
    assert coarse.solver is not None and coarse.solver_regrets.max() < 1e-9
    assert coarse.solver_payoffs == pytest.approx([0.5, 0.0], abs=0.03)
    fine = two_player_mixed_check(ct, 0.005, solve=False)
    assert fine.exploitability < 0.3 * coarse.exploitability
    assert abs(fine.grid_p_inversion - 0.375) < abs(coarse.grid_p_inversion - 0.375)


def test_logit_quadratic_mixed_converges():
    theta = np.array([2.0, 1.0])
    ct = Contest(theta, GeneralizedLogit(theta, [0.5, 0.0], [1.0, 0.5]), PowerCost(0.3, 2.0),
                 [1.0, 0.0])
    a = two_player_mixed_check(ct, 0.05, solve=False)
    b = two_player_mixed_check(ct, 0.0125, solve=False)
    assert not a.closed_form.pure
    assert b.exploitability < a.exploitability
    assert b.grid_payoffs[0] == pytest.approx(a.closed_form.payoff_h, abs=0.02)


def test_bad_step_and_too_many_profiles():
    ct = w(PowerCost(1.0, 1.0), [1.0, 0.0])
    with pytest.raises(InputError, match="step"):
        discretize(ct, 0.0)
    with pytest.raises(InputError, match="profiles"):
        discretize(ct, 1e-7)


def test_grid_mixed_fidelity_matches_inversion_probability():
    ct = w(PowerCost(1.0, 1.0), [1.0, 0.0])
    chk = two_player_mixed_check(ct, 0.02, solve=False)
    f = grid_mixed_fidelity(discretize(ct, 0.02), list(chk.profile))
    assert f.state == "mixed" and f.kendall_tau is None
    assert f.expected_inversions == pytest.approx(chk.grid_p_inversion, abs=1e-12)
    assert f.p_exact_order == pytest.approx(1 - chk.grid_p_inversion, abs=1e-12)
    assert f.expected_tau == pytest.approx(1 - 2 * chk.grid_p_inversion, abs=1e-12)


def test_three_player_approximate_mixed_certificate_and_fidelity():
    theta = np.array([3.0, 2.0, 1.0])
    ct = Contest(theta, GeneralizedLogit(theta, [0.3, 0.2, 0.1], 0.6), PowerCost(1.0, 1.0),
                 [0.6, 0.2, 0.0])
    assert analyze_pure(ct).status == "none"
    dg = discretize(ct, 0.05)
    eq, f = approximate_mixed(dg, max_iter=2000)
    regrets = dg.game.regrets(list(eq.strategies))
    assert eq.certificate.exploitability == pytest.approx(regrets.sum(), abs=1e-9)
    assert eq.certificate.exploitability < 0.02
    # strict rankings with n = 3: tau = 1 - 2 * inversions / 3
    assert f.expected_tau == pytest.approx(1 - 2 * f.expected_inversions / 3, abs=1e-9)
    assert 0 < f.p_exact_order < 1 and f.p_top1_correct >= f.p_exact_order
    with pytest.raises(InputError, match="method"):
        approximate_mixed(dg, method="simplex")


@pytest.mark.parametrize(("tie", "priority", "expected"), [
    ("capability", None, [1.0, -0.5]),
    ("index", [1, 0], [0.0, 0.5]),
    ("uniform", None, [0.5, 0.0]),
])
def test_exact_tie_at_inserted_threshold(tie, priority, expected):
    # W1: the low developer at effort 0.5 ties the high developer's zero-effort score exactly
    ct = Contest(THETA, Substitutes(), PowerCost(1.0, 1.0), [1.0, 0.0], tie=tie,
                 priority=priority)
    dg = discretize(ct, 0.05)
    j = int(np.argmin(np.abs(dg.grids[1] - 0.5)))
    assert dg.grids[1][j] == 0.5
    assert dg.game.payoffs[0, j].tolist() == pytest.approx(expected)
