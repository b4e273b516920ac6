"""The mixed solver against closed forms: W1 and complete-information all-pay auctions."""

from __future__ import annotations

import numpy as np
import pytest

from benchgame.games.leaderboard import (
    RankGame,
    approximate_mixed,
    discretize,
    equilibrium_play,
    nearby_equilibrium,
    solve_mixed,
    two_player_mixed_equilibrium,
)

from .instances import identical, logit, three_logit, two_valuations, w1


@pytest.mark.parametrize("levels", [41, 101, 201])
def test_w1_tends_to_the_two_player_closed_form(levels):
    cf = two_player_mixed_equilibrium(w1())
    assert (cf.payoff_h, cf.payoff_l) == pytest.approx((0.5, 0.0), abs=1e-12)
    assert cf.p_inversion == pytest.approx(0.375, abs=1e-9)
    play = equilibrium_play(w1(), levels=levels)
    h = play.grid["step"]
    assert play.state == "mixed" and play.solution.certified
    eps = play.solution.exploitability
    pay = play.developers["payoff"]
    assert -eps <= pay[0] - cf.payoff_h <= 1.01 * h + eps  # the grid favours h by one step
    assert abs(pay[1]) <= eps + 1e-12
    p_inv = 1 - play.metrics["p_top1_correct"].value
    assert abs(p_inv - cf.p_inversion) <= 0.76 * h + 1e-3
    assert play.metrics["expected_tau"].value == pytest.approx(1 - 2 * p_inv, abs=1e-12)
    assert play.metrics["expected_total_cost"].value == pytest.approx(0.5, abs=1.01 * h + 1e-3)


def test_w1_grid_error_is_of_the_order_of_the_step():
    # the grid game can have several equilibria; each is within O(h) of the continuum one
    for lv in (21, 41, 81):
        play = equilibrium_play(w1(), levels=lv)
        err = abs(1 - play.metrics["p_top1_correct"].value - 0.375)
        assert err <= 0.76 * play.grid["step"] + 1e-3


@pytest.mark.parametrize(("n", "tie", "levels"), [
    (2, "uniform", 51), (3, "uniform", 31), (3, "capability", 31), (4, "uniform", 21),
    pytest.param(4, "uniform", 101, marks=pytest.mark.slow)])
def test_identical_developers_dissipate_the_prize(n, tie, levels):
    # Baye, Kovenock and de Vries (1996): payoffs 0, expected total bid = prize
    play = equilibrium_play(identical(n, tie), levels=levels)
    h = play.grid["step"]
    assert play.state == "mixed"
    cost = play.metrics["expected_total_cost"].value
    eps = play.solution.exploitability
    assert 1 - n * h - 1e-9 <= cost <= 1 + eps + 1e-9
    assert np.all(play.developers["payoff"] >= -eps - 1e-12)
    assert np.all(play.developers["payoff"] <= 1.01 * h)


def test_two_valuations_strong_developer_earns_the_difference():
    # Hillman and Riley (1989); Baye, Kovenock and de Vries (1996): valuations v1 > v2, the
    # strong bidder earns v1 - v2, the weak one 0; P(weak wins) = v2 / (2 v1)
    for levels in (51, 201):
        play = equilibrium_play(two_valuations(0.6), levels=levels)
        h = play.grid["step"]
        assert play.developers["payoff"] == pytest.approx([0.4, 0.0], abs=h)
        assert play.metrics["p_top1_correct"].value == pytest.approx(0.7, abs=h)
        assert play.metrics["expected_total_cost"].value == pytest.approx(0.6, abs=h)
    assert play.nearby.verified
    assert play.metrics["expected_tau"].bound < 1e-4


def test_better_than_the_full_tensor_route_on_three_developers():
    dg = discretize(three_logit(), 0.05)
    eq, _ = approximate_mixed(dg, max_iter=2000)
    ours = solve_mixed(RankGame.from_discretized(dg))
    ref = dg.game.regrets(list(ours.profile)).sum()
    assert ours.exploitability == pytest.approx(ref, abs=1e-13)
    assert ref <= eq.certificate.exploitability
    assert ours.certified


def test_five_developers_certified_with_a_nearby_exact_equilibrium():
    g = RankGame.from_contest(logit(5), levels=60)
    sol = solve_mixed(g)
    assert sol.certified and sol.exploitability <= sol.target
    near = nearby_equilibrium(g, g.padded(sol.profile))
    assert near.verified and near.radius < 1e-9
    assert "certified" in sol.summary() and "NOT" not in sol.summary()


def test_uncertified_result_says_so():
    g = RankGame.from_contest(logit(5), levels=60)
    sol = solve_mixed(g, tol=0.0, time_limit=1e-9)
    assert not sol.certified
    assert sol.summary().startswith("NOT certified")
    assert sol.to_dict()["certified"] is False
    play = equilibrium_play(logit(5), levels=60, tol=0.0, time_limit=1e-9)
    assert play.state == "uncertified" and not play.certified
    assert all(m.bound is None for m in play.metrics.values())


@pytest.mark.parametrize(("tie", "priority"), [("index", [1, 2, 0, 4, 3]), ("uniform", None)])
def test_other_tie_rules_are_certified(tie, priority):
    from benchgame.games.leaderboard import Contest

    base = logit(5)
    ct = Contest(base.theta, base.family, base.cost, base.rewards, tie=tie, priority=priority)
    sol = solve_mixed(RankGame.from_contest(ct, levels=40))
    assert sol.certified
