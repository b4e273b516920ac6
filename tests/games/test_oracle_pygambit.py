"""Oracle cross-check: our equilibrium set equals Gambit's exact enummixed on random games."""

from fractions import Fraction

import numpy as np
import pygambit as gbt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games import NormalFormGame, all_equilibria, support_enumeration


def gambit_set(A, B):
    g = gbt.Game.from_arrays(A.astype(object), B.astype(object))
    res = gbt.nash.enummixed_solve(g, rational=True)
    return {tuple(tuple(Fraction(str(p[pl][s])) for s in pl.strategies) for pl in g.players)
            for p in res.equilibria}


def our_set(res):
    return {tuple(tuple(s) for s in e.exact) for e in res}


games_2p = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1),
                     st.sampled_from([2, 9]))


@settings(max_examples=40, deadline=None)
@given(games_2p)
def test_equals_gambit_enummixed(params):
    m, n, seed, span = params  # span 2: many ties (degenerate), span 9: mostly generic
    rng = np.random.default_rng(seed)
    A = rng.integers(-span, span + 1, (m, n))
    B = rng.integers(-span, span + 1, (m, n))
    game = NormalFormGame.from_bimatrix(A, B)
    res = all_equilibria(game)
    assert res.complete
    assert our_set(res) == gambit_set(A, B)
    assert all(e.verify_exact() for e in res)
    if not res.degenerate:
        sup = support_enumeration(game)
        assert sup.complete and our_set(sup) == our_set(res)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_superset_of_nashpy_support_enumeration(seed):
    import nashpy

    rng = np.random.default_rng(seed)
    A, B = rng.integers(-9, 10, (3, 3)), rng.integers(-9, 10, (3, 3))
    res = all_equilibria(NormalFormGame.from_bimatrix(A, B))
    if res.degenerate:
        return
    for x, y in nashpy.Game(A, B).support_enumeration():
        assert res.contains([x, y], atol=1e-7)


def test_large_payoffs_8x8_equals_gambit():
    # regression: vertices on a small scale (payoffs ~1e3) must not be merged
    rng = np.random.default_rng(0)
    for k in (4, 6, 8):
        A, B = rng.integers(-1000, 1001, (k, k)), rng.integers(-1000, 1001, (k, k))
        assert our_set(all_equilibria(NormalFormGame.from_bimatrix(A, B))) == gambit_set(A, B)


def gambit_float_set(A, B, decimals=7):
    g = gbt.Game.from_arrays(A.astype(object), B.astype(object))
    res = gbt.nash.enummixed_solve(g, rational=False)
    return {tuple(round(float(p[pl][s]), decimals) for pl in g.players for s in pl.strategies)
            for p in res.equilibria}


def our_float_set(res, decimals=7):
    return {tuple(round(float(v), decimals) for s in e.exact for v in s) for e in res}


@pytest.mark.parametrize("seed", [0, 1])
def test_10x10_equals_gambit(seed):
    # regression: a basis-by-basis enumeration once missed equilibria from size 12 on
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-1000, 1001, (10, 10)), rng.integers(-1000, 1001, (10, 10))
    res = all_equilibria(NormalFormGame.from_bimatrix(A, B))
    assert res.degenerate or len(res) % 2 == 1  # nondegenerate games have an odd number
    assert our_float_set(res) == gambit_float_set(A, B)


@pytest.mark.slow
@pytest.mark.parametrize("k", [12, 13])
def test_large_equals_gambit(k):
    rng = np.random.default_rng(k)
    A, B = rng.integers(-1000, 1001, (k, k)), rng.integers(-1000, 1001, (k, k))
    res = all_equilibria(NormalFormGame.from_bimatrix(A, B))
    assert our_float_set(res) == gambit_float_set(A, B)
