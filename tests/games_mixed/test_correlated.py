"""Correlated and coarse correlated equilibria: exact values, containment of Nash equilibria,
welfare ordering on random games, exact verification and a second LP solver."""

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games import (
    NormalFormGame,
    all_equilibria,
    correlated_equilibrium,
    incentive_constraints,
    simplicial_subdivision,
    verify_correlated,
)

from .catalogue import JORDAN, MAX_CUT, MCKELVEY_MCLENNAN, NAU_SEC4, exact_equilibria_2x2x2

F = Fraction
CHICKEN = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]],
                                       labels=[["C", "D"], ["C", "D"]], players=["row", "col"])


@pytest.mark.parametrize(("kind", "objective", "welfare", "distribution"), [
    # Aumann (1974): the best correlated equilibrium of chicken puts 1/2 on (C, C)
    ("ce", "max_welfare", F(21, 2), [[F(1, 2), F(1, 4)], [F(1, 4), 0]]),
    ("cce", "max_welfare", F(21, 2), [[F(1, 2), F(1, 4)], [F(1, 4), 0]]),
    # the worst one: p(C,D) = p(D,C) = 2 p(D,D), below both pure equilibria (welfare 9)
    ("ce", "min_welfare", F(36, 5), [[0, F(2, 5)], [F(2, 5), F(1, 5)]]),
])
def test_chicken(kind, objective, welfare, distribution):
    ce = correlated_equilibrium(CHICKEN, kind, objective)
    assert ce.exact_welfare == welfare and ce.exact.tolist() == distribution
    assert ce.verification.ok and ce.verification.max_violation == 0
    assert ce.optimality == "exact"
    assert ce.welfare == pytest.approx(float(welfare), abs=1e-9)


def test_aumann_uniform_distribution_is_a_correlated_equilibrium():
    third = F(1, 3)
    assert verify_correlated(CHICKEN, np.array([[third, third], [third, 0]], dtype=object))
    bad = verify_correlated(CHICKEN, np.array([[F(1), 0], [0, 0]], dtype=object))
    assert (bad.ok, bad.max_violation, bad.worst) == (False, F(1), (0, 0, 1))


def test_constraint_counts_and_names():
    A, rows = incentive_constraints(NAU_SEC4)
    assert A.shape == (3 * 2 * 1, 8) and rows[0] == (0, 0, 1)
    A, rows = incentive_constraints(NAU_SEC4, "cce")
    assert A.shape == (3 * 2, 8) and rows[0] == (0, None, 0)
    d = correlated_equilibrium(CHICKEN).to_dict()
    json.dumps(d)
    assert d["support"][0] == {"profile": {"row": "C", "col": "C"}, "probability": 0.5,
                               "exact": "1/2"}
    frame = correlated_equilibrium(CHICKEN).to_frame()
    assert list(frame.index.names) == ["row", "col"] and frame.loc[("C", "D"), "exact"] == "1/4"


def product(profile):
    out = np.array(F(1), dtype=object)
    for s in profile:
        out = np.multiply.outer(out, np.array([F(x) for x in s], dtype=object))
    return out


@pytest.mark.parametrize("game", [MCKELVEY_MCLENNAN, MAX_CUT, JORDAN], ids=repr)
def test_every_nash_equilibrium_is_a_correlated_equilibrium_three_players(game):
    eqs, _ = exact_equilibria_2x2x2(game)
    for e in eqs:  # all rational in these games
        dist = product([(F(str(p)), 1 - F(str(p))) for p in e])
        assert verify_correlated(game, dist, "ce").ok


def test_irrational_nash_equilibrium_satisfies_ce_constraints_to_round_off():
    eq = simplicial_subdivision(NAU_SEC4)
    dist = np.multiply.outer(np.multiply.outer(*eq.strategies[:2]), eq.strategies[2])
    A, _ = incentive_constraints(NAU_SEC4)
    assert (A @ dist.ravel()).max() <= 1e-14


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2), (3, 3), (2, 4)]))
def test_every_nash_equilibrium_is_a_correlated_equilibrium_two_players(seed, shape):
    rng = np.random.default_rng(seed)
    game = NormalFormGame(rng.integers(-4, 5, (*shape, 2)).astype(float))
    for e in all_equilibria(game):
        assert verify_correlated(game, product(e.exact), "ce").ok


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(3, 3, 3), (2, 2, 2, 2), (2, 3, 2)]),
       st.booleans())
def test_welfare_order_and_exact_verification_random_games(seed, shape, integer):
    rng = np.random.default_rng(seed)
    U = rng.integers(-3, 4, (*shape, len(shape))) if integer else rng.normal(size=(
        *shape, len(shape)))
    game = NormalFormGame(U.astype(float))
    ce = correlated_equilibrium(game, "ce")
    cce = correlated_equilibrium(game, "cce")
    ce_min = correlated_equilibrium(game, "ce", "min_welfare")
    for r in (ce, cce, ce_min):
        assert r.verification.ok and r.optimality == "exact"
    assert verify_correlated(game, ce.exact, "cce").ok  # every CE is a CCE
    assert cce.exact_welfare >= ce.exact_welfare >= ce_min.exact_welfare
    nash = simplicial_subdivision(game)
    nash_welfare = float(nash.payoffs.sum())
    slack = 1e-9 * float(game.payoff_range().sum())
    assert ce_min.welfare - slack <= nash_welfare <= ce.welfare + slack


@pytest.mark.parametrize("game", [NAU_SEC4, MCKELVEY_MCLENNAN, CHICKEN], ids=repr)
@pytest.mark.parametrize("kind", ["ce", "cce"])
def test_welfare_optimum_agrees_with_cvxpy(game, kind):
    cp = pytest.importorskip("cvxpy")
    A, _ = incentive_constraints(game, kind)
    p = cp.Variable(A.shape[1], nonneg=True)
    w = game.payoffs.sum(axis=-1).ravel()
    prob = cp.Problem(cp.Maximize(w @ p), [A @ p <= 0, cp.sum(p) == 1])
    prob.solve(solver=cp.CLARABEL)
    ours = correlated_equilibrium(game, kind)
    assert float(ours.exact_welfare) == pytest.approx(prob.value, abs=1e-6)
