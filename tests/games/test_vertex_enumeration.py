"""All equilibria of known bimatrix games, with exact rational expectations."""

from fractions import Fraction as F

import numpy as np
import pytest

from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, all_equilibria, solve, vertex_enumeration

H = F(1, 2)
T = F(1, 3)

CASES = {
    "matching_pennies": ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
                         {((H, H), (H, H))}),
    "battle_of_sexes": ([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                        {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), T), (T, F(2, 3)))}),
    "rock_paper_scissors": ([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
                            [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
                            {((T, T, T), (T, T, T))}),
    # coordination on the identity: 2^3 - 1 = 7 equilibria (one per nonempty common support)
    "coordination_3x3_seven": (np.eye(3), np.eye(3),
                               {((1, 0, 0), (1, 0, 0)), ((0, 1, 0), (0, 1, 0)),
                                ((0, 0, 1), (0, 0, 1)), ((H, H, 0), (H, H, 0)),
                                ((H, 0, H), (H, 0, H)), ((0, H, H), (0, H, H)),
                                ((T, T, T), (T, T, T))}),
}


def exact_set(eqs):
    return {tuple(tuple(F(v) for v in s) for s in e.exact) for e in eqs}


@pytest.mark.parametrize("name", sorted(CASES))
def test_known_games_exact(name):
    A, B, expected = CASES[name]
    res = all_equilibria(NormalFormGame.from_bimatrix(np.array(A), np.array(B)))
    assert exact_set(res) == {tuple(tuple(F(v) for v in s) for s in p) for p in expected}
    assert res.complete and res.degenerate is False
    assert all(e.verify_exact() for e in res)
    assert res.is_unique == (len(expected) == 1)


def test_degenerate_continuum_components():
    # row player indifferent between both rows against column 0: a segment of equilibria
    A = np.array([[1, 0], [1, 2]])
    B = np.array([[1, 0], [0, 1]])  # pure (0,0) and (1,1); plus x in [1/2, 1] vs column 0
    res = all_equilibria(NormalFormGame.from_bimatrix(A, B))
    assert res.degenerate is True and res.complete
    got = exact_set(res)
    assert ((1, 0), (1, 0)) in got and ((0, 1), (0, 1)) in got
    assert ((H, H), (1, 0)) in got
    comps = [{tuple(tuple(res[k].exact)) for k in c} for c in res.components]
    assert {((1, 0), (1, 0)), ((H, H), (1, 0))} in comps
    assert "degenerate" in res.reason


def test_not_two_players_is_input_error():
    g = NormalFormGame(np.zeros((2, 2, 2, 3)))
    with pytest.raises(InputError, match="game"):
        vertex_enumeration(g)
    assert solve(g).scope == "pure"
    with pytest.raises(InputError, match="method"):
        solve(NormalFormGame.from_bimatrix(np.eye(2), np.eye(2)), method="nope")


def test_solve_methods_agree_on_battle_of_sexes():
    g = NormalFormGame.from_bimatrix(np.array([[2, 0], [0, 1]]), np.array([[1, 0], [0, 2]]))
    full = solve(g, "vertex")
    assert len(full) == 3
    assert len(solve(g, "pure")) == 2
    lh = solve(g, "lemke_howson")
    assert not lh.complete and all(full.contains(e) for e in lh)
    sup = solve(g, "support")
    assert sup.complete and [e.exact for e in sup] == [e.exact for e in full]


@pytest.mark.parametrize("method", ["regret_matching", "fictitious_play", "replicator"])
def test_solve_approximate_methods_report_exploitability(method):
    rng = np.random.default_rng(0)
    payoffs = rng.integers(-3, 4, (2, 2, 2, 3)).astype(float)
    g = NormalFormGame(payoffs)
    res = solve(g, method, max_iter=4000, rng=0)
    assert not res.complete and len(res) == 1 and res.method == method
    gap = res[0].certificate.exploitability
    assert f"{gap:.3g}" in res.reason
    # exploitability (NashConv) is the sum of the players' regrets
    assert gap == pytest.approx(float(g.regrets(res[0].strategies).sum()), abs=1e-12)


@pytest.mark.parametrize("method", ["regret_matching", "fictitious_play", "replicator"])
def test_solve_passes_the_dynamics_stopping_tolerance_as_stop_tol(method):
    g = NormalFormGame(np.random.default_rng(1).normal(size=(2, 2, 2, 3)))
    loose = solve(g, method, max_iter=20000, rng=0, stop_tol=0.5)
    tight = solve(g, method, max_iter=20000, rng=0, stop_tol=1e-9)
    assert loose.provenance["iterations"] < tight.provenance["iterations"] == 20000
