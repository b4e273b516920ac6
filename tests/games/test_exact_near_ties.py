"""Games whose stored floats nearly tie: decimals, near-ties, float limits and size limits.

The stored floats are exact binary rationals, so each game below is an exact game; the expected
sets are that game's equilibria (cross-checked with Gambit's exact ``enummixed`` on the same
rationals).
"""

from fractions import Fraction as F

import numpy as np
import pygambit as gbt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games import (
    NormalFormGame,
    degeneracy,
    lemke_howson,
    support_enumeration,
    vertex_enumeration,
)

DECIMAL = ([[.3, .1, .1], [.1, .3, .3]], [[.3, .1, .2], [.1, .3, .2]])
NEAR_TIE = ([[1, 0], [1 + 1e-10, 0]], [[1, 0], [1, 0]])

# 0.1 + 0.3 > 2 * 0.2 in binary: against (1/2, 1/2) column 3 is strictly worse than columns 1
# and 2, so the decimal game's continuum collapses; the row strategy mixing against (1/2, 0, 1/2)
# solves 0.3 x + 0.1 (1 - x) = 0.2 exactly in the stored binary values.
DECIMAL_SET = {
    ((F(0), F(1)), (F(0), F(1), F(0))),
    ((F(3602879701896397, 7205759403792793), F(3602879701896396, 7205759403792793)),
     (F(1, 2), F(0), F(1, 2))),
    ((F(1), F(0)), (F(1), F(0), F(0))),
}
# 1 + 1e-10 > 1: the second row strictly beats the first against column 1 (dominant)
NEAR_TIE_SET = {((F(0), F(1)), (F(1), F(0)))}


def exact(M):
    return np.array([[F(float(v)) for v in row] for row in M], dtype=object)


def gambit_set(A, B):
    g = gbt.Game.from_arrays(exact(A), exact(B))
    res = gbt.nash.enummixed_solve(g, rational=True)
    return {tuple(tuple(F(str(p[pl][s])) for s in pl.strategies) for pl in g.players)
            for p in res.equilibria}


def exact_set(res):
    return {tuple(tuple(s) for s in e.exact) for e in res}


@pytest.mark.parametrize(("payoffs", "expected", "degenerate"),
                         [(DECIMAL, DECIMAL_SET, False), (NEAR_TIE, NEAR_TIE_SET, True)],
                         ids=["decimal", "near_tie"])
def test_vertex_enumeration_near_ties_exact_sets(payoffs, expected, degenerate):
    game = NormalFormGame.from_bimatrix(*payoffs)
    res = vertex_enumeration(game)
    assert exact_set(res) == expected == gambit_set(*payoffs)
    assert res.complete and res.degenerate is degenerate
    assert res.provenance["clusters_resolved"] >= 1
    assert all(e.verify_exact() for e in res)


def test_decimal_game_times_ten_keeps_its_continuum():
    A, B = (np.array(M) * 10 for M in DECIMAL)  # integers: the ties are exact
    res = vertex_enumeration(NormalFormGame.from_bimatrix(A.round(), B.round()))
    assert res.degenerate is True and res.provenance["clusters_resolved"] == 0
    half = (F(1, 2), F(1, 2))
    assert {(half, (F(1, 2), F(1, 2), F(0))), (half, (F(1, 2), F(0), F(1, 2)))} <= exact_set(res)


@pytest.mark.parametrize("payoffs", [DECIMAL, NEAR_TIE], ids=["decimal", "near_tie"])
def test_support_enumeration_returns_only_exact_equilibria(payoffs):
    game = NormalFormGame.from_bimatrix(*payoffs)
    res = support_enumeration(game)
    assert all(e.verify_exact() for e in res)
    assert exact_set(res) <= exact_set(vertex_enumeration(game))
    assert res.provenance["dropped_inexact"] == 1 and not res.complete


def test_support_enumeration_decimal_game_set():
    res = support_enumeration(NormalFormGame.from_bimatrix(*DECIMAL))
    assert exact_set(res) == DECIMAL_SET


one_decimal = st.integers(0, 10).map(lambda k: k / 10)  # 0.0 .. 1.0: many near-ties in binary


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.data())
def test_decimal_games_equal_gambit_and_verify(m, n, data):
    A = data.draw(st.lists(st.lists(one_decimal, min_size=n, max_size=n), min_size=m,
                           max_size=m))
    B = data.draw(st.lists(st.lists(one_decimal, min_size=n, max_size=n), min_size=m,
                           max_size=m))
    game = NormalFormGame.from_bimatrix(A, B)
    res = vertex_enumeration(game)
    assert res.complete and exact_set(res) == gambit_set(A, B)
    assert all(e.verify_exact() for e in res)
    assert all(e.verify_exact() for e in support_enumeration(game))


@pytest.mark.parametrize("solver", [vertex_enumeration, support_enumeration, degeneracy,
                                    lambda g: lemke_howson(g, 0)],
                         ids=["vertex", "support", "degeneracy", "lemke_howson"])
@pytest.mark.parametrize("big", [1e308, -1.7e308, 1e301])
def test_payoffs_near_float_limits_are_input_errors(solver, big):
    game = NormalFormGame.from_bimatrix([[big, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(InputError, match=r"^payoffs: .*rescale the payoffs") as info:
        solver(game)
    assert info.value.field == "payoffs"


def test_payoffs_just_below_the_limit_are_solved():
    game = NormalFormGame.from_bimatrix([[1e300, 0.0], [0.0, 1e300]], [[1.0, 0.0], [0.0, 1.0]])
    res = vertex_enumeration(game)
    assert len(res) == 3 and all(e.verify_exact() for e in res)


def test_too_large_for_vertex_enumeration_is_an_input_error_naming_the_alternative():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.integers(-9, 10, (30, 30)),
                                        rng.integers(-9, 10, (30, 30)))
    with pytest.raises(InputError, match=r"^game: is 30 x 30: .*max_vertices=5e\+07.*"
                                         r"lemke_howson\(game\)") as info:
        vertex_enumeration(game)
    assert info.value.field == "game"
    assert lemke_howson(game, 0).verify_exact()  # the alternative it names works


def test_thirty_row_strategies_are_enumerated_when_the_other_side_is_small():
    rng = np.random.default_rng(3)
    A, B = rng.integers(-50, 51, (30, 4)), rng.integers(-50, 51, (30, 4))
    res = vertex_enumeration(NormalFormGame.from_bimatrix(A, B))
    assert res.complete and exact_set(res) == gambit_set(A, B)


def test_degeneracy_is_decided_for_the_exact_game():
    decimal = NormalFormGame.from_bimatrix(*DECIMAL)
    assert not degeneracy(decimal)  # the float ties at 1e-9 are not exact ties
    assert degeneracy(decimal).witness is None
    tens = NormalFormGame.from_bimatrix([[3, 1, 1], [1, 3, 3]], [[3, 1, 2], [1, 3, 2]])
    assert degeneracy(tens).witness == (0, (0.5, 0.5), 2, 3)
    # pure column 2 leaves both rows at payoff 0 exactly: one strategy, two best responses
    assert degeneracy(NormalFormGame.from_bimatrix(*NEAR_TIE)).witness == (1, (0.0, 1.0), 1, 2)
