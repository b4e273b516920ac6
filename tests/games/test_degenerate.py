"""Degeneracy detection and maximal-clique components."""

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games import NormalFormGame, all_equilibria, degeneracy, maximal_bicliques


def test_degeneracy_witness():
    d = degeneracy(NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]]))
    assert d.degenerate and d.witness[3] > d.witness[2]
    assert not degeneracy(NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))


def test_bicliques_table():
    assert maximal_bicliques([(0, 0), (0, 1), (1, 0), (1, 1)]) == [((0, 1), (0, 1))]
    assert maximal_bicliques([(0, 0), (1, 1)]) == [((0,), (0,)), ((1,), (1,))]
    assert maximal_bicliques([(0, 0), (0, 1), (1, 1)]) == [((0,), (0, 1)), ((0, 1), (1,))]


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_component_convex_combinations_are_equilibria(m, n, seed):
    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_bimatrix(rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n)))
    res = all_equilibria(game)
    every = set(range(len(res)))
    covered = set().union(*map(set, res.components)) if res.components else set()
    assert covered == every
    for comp in res.components:
        xs = np.mean([res[k].strategies[0] for k in comp], axis=0)
        ys = np.mean([res[k].strategies[1] for k in comp], axis=0)
        assert game.regrets([xs, ys]).max() <= 1e-9


def test_two_maximal_nash_subsets_form_one_connected_component():
    # row player indifferent; column 1 is always a best response, column 3 only against row 2
    game = NormalFormGame.from_bimatrix([[0, 1, 1], [0, 1, 1]], [[1, 0, 0], [1, 0, 1]])
    res = all_equilibria(game)
    assert res.degenerate and res.complete
    F = Fraction
    assert [e.exact for e in res] == [
        ((F(0), F(1)), (F(0), F(0), F(1))),
        ((F(0), F(1)), (F(1), F(0), F(0))),
        ((F(1), F(0)), (F(1), F(0), F(0))),
    ]
    assert res.components == ((0, 1), (1, 2))
    assert res.connected_components == ((0, 1, 2),)
    assert not res.is_unique


def test_disjoint_pure_equilibria_are_separate_components():
    res = all_equilibria(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    assert not res.degenerate
    assert res.components == ((0,), (1,), (2,))
    assert res.connected_components == ((0,), (1,), (2,))
