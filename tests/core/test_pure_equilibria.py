"""Pure equilibria: table-driven exact expectations and a brute-force cross-check."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games import (
    NormalFormGame,
    UndecidedError,
    pure_equilibria,
    pure_equilibrium_mask,
)


def brute_force_pure(game: NormalFormGame) -> set[tuple[int, ...]]:
    U = game.payoffs
    out = set()
    for a in np.ndindex(*game.shape):
        ok = True
        for i in range(game.num_players):
            for d in range(game.shape[i]):
                b = list(a)
                b[i] = d
                if U[tuple(b) + (i,)] > U[a + (i,)]:
                    ok = False
        if ok:
            out.add(a)
    return out


@pytest.mark.parametrize(
    ("A", "B", "expected"),
    [
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], {(1, 1)}),  # prisoners' dilemma
        ([[2, 0], [0, 1]], [[1, 0], [0, 2]], {(0, 0), (1, 1)}),  # battle of the sexes
        ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], set()),  # matching pennies
        ([[0, 0], [0, 0]], [[0, 0], [0, 0]], {(0, 0), (0, 1), (1, 0), (1, 1)}),  # all ties
    ],
)
def test_table(A, B, expected):
    eqs = pure_equilibria(NormalFormGame.from_bimatrix(A, B), tol=0.0)
    assert {e.pure_profile() for e in eqs} == expected
    assert eqs.complete and eqs.scope == "pure"
    for e in eqs:
        check = e.verify_exact()
        assert check.ok and check.source == "algorithm"
        assert all(r == Fraction(0) for r in check.regrets)


def test_uniqueness_is_scoped_to_pure():
    eqs = pure_equilibria(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    assert eqs.is_unique


def test_incomplete_set_refuses_uniqueness():
    from benchgame.games import EquilibriumSet

    g = NormalFormGame.from_bimatrix([[1]], [[1]])
    s = EquilibriumSet(game=g, equilibria=(), method="x", complete=False, reason="heuristic")
    with pytest.raises(UndecidedError, match="heuristic"):
        _ = s.is_unique


@given(st.integers(0, 2**32 - 1), st.lists(st.integers(1, 4), min_size=2, max_size=3))
def test_vectorized_equals_brute_force(seed, shape):
    rng = np.random.default_rng(seed)
    n = len(shape)
    g = NormalFormGame(rng.integers(-2, 3, size=(*shape, n)).astype(float))
    assert {e.pure_profile() for e in pure_equilibria(g, tol=0.0)} == brute_force_pure(g)


def test_exact_verification_finds_violating_deviation():
    from benchgame.games import verify_exact

    g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    res = verify_exact(g, [np.array([1.0, 0.0]), np.array([1.0, 0.0])])
    assert not res.ok
    assert res.deviation.player == 0 and res.deviation.action == 1
    assert res.deviation.gain == Fraction(2)


def test_exact_verification_of_mixed_from_support():
    from benchgame.games import verify_exact

    mp = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    res = verify_exact(mp, [np.array([0.5, 0.5]), np.array([0.5, 0.5])])
    half = (Fraction(1, 2), Fraction(1, 2))
    assert res.ok and res.source == "floats" and res.nearby is None
    assert res.strategies == (half, half)
    # slightly off profile: the returned profile fails with its exact regret; the exact
    # equilibrium solved from the support is reported apart, with its distance
    off = 0.5 + 1e-12
    res2 = verify_exact(mp, [np.array([off, 1 - off]), np.array([0.5, 0.5])])
    assert not res2.ok and res2.source == "floats"
    assert res2.strategies[0] == (Fraction(off), Fraction(1 - off))
    assert res2.regrets == (Fraction(0), 2 * Fraction(off) - 1)
    assert res2.nearby.ok and res2.nearby.source == "support"
    assert res2.nearby.strategies == (half, half)
    assert res2.nearby.distance == float(Fraction(off) - Fraction(1, 2))


@pytest.mark.parametrize("tol", [-1.0, float("nan"), float("inf"), "abc"])
def test_bad_tolerance_is_input_error(tol):
    from benchgame.games.certificate import certify

    g = NormalFormGame.from_bimatrix(np.eye(2), np.eye(2))
    with pytest.raises(InputError, match="tol"):
        pure_equilibria(g, tol)
    with pytest.raises(InputError, match="tol"):
        certify(g, [np.array([1.0, 0.0]), np.array([1.0, 0.0])], tol)


def test_near_tie_is_reported_apart_not_as_equilibrium():
    g = NormalFormGame.from_bimatrix([[1, 0], [1 + 1e-10, 0]], [[1, 0], [1, 0]])
    eqs = pure_equilibria(g)  # default tolerance 1e-9 x payoff range
    assert [e.pure_profile() for e in eqs] == [(1, 0)]
    assert eqs.complete and eqs.is_unique
    (near,) = eqs.near_equilibria
    assert near.pure_profile() == (0, 0) and near.provenance["kind"] == "near_tie"
    check = near.verify_exact()
    assert not check.ok and check.regrets == (Fraction(1 + 1e-10) - 1, Fraction(0))
    assert check.deviation.player == 0 and check.deviation.action == 1
    assert pure_equilibria(g, tol=0.0).near_equilibria == ()
    assert eqs.to_dict()["count"] == 1 and eqs.to_dict()["unique"] is True
    assert [d["provenance"]["profile"] for d in eqs.to_dict()["near_equilibria"]] == [[0, 0]]


def test_mask_is_exact_by_default():
    g = NormalFormGame.from_bimatrix([[1, 0], [1 + 1e-10, 0]], [[1, 0], [1, 0]])
    assert pure_equilibrium_mask(g).tolist() == [[False, False], [True, False]]
    assert pure_equilibrium_mask(g, 1e-9).tolist() == [[True, False], [True, False]]


@given(st.integers(0, 2**32 - 1), st.lists(st.integers(1, 3), min_size=2, max_size=3))
def test_listed_profiles_are_exact_equilibria_near_ties_are_not(seed, shape):
    # payoffs of magnitude 1e12 with differences of a few units: every difference is a
    # near-tie for the default tolerance (1e-9 x range, about 1000 here)
    rng = np.random.default_rng(seed)
    n = len(shape)
    U = 1e12 * rng.integers(0, 2, size=(*shape, n)) + rng.integers(-3, 4, size=(*shape, n))
    g = NormalFormGame(U.astype(float))
    eqs = pure_equilibria(g)
    assert {e.pure_profile() for e in eqs} == brute_force_pure(g)
    assert all(e.verify_exact().ok for e in eqs)
    near = {e.pure_profile() for e in eqs.near_equilibria}
    assert not near & brute_force_pure(g)
    assert all(not e.verify_exact().ok and e.certificate.passed for e in eqs.near_equilibria)
    tol_mask = {tuple(int(k) for k in a) for a in np.argwhere(pure_equilibrium_mask(g, 1e-9))}
    assert near == tol_mask - brute_force_pure(g)
