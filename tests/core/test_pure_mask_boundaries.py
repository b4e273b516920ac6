"""The tolerance boundary of the pure-equilibrium mask: a gain of exactly tol x range is a tie."""

from __future__ import annotations

import pytest

from benchgame.games import NormalFormGame
from benchgame.games.pure import pure_equilibria, pure_equilibrium_mask

# row player's payoffs span 2; the column player is indifferent everywhere
G = NormalFormGame.from_bimatrix([[1, 0], [2, 0]], [[0, 0], [0, 0]])


@pytest.mark.parametrize("tol, expected", [
    (0.0, [[False, True], [True, True]]),
    (0.25, [[False, True], [True, True]]),   # gain 1 > 0.25 x 2
    (0.5, [[True, True], [True, True]]),     # gain 1 == 0.5 x 2: admitted as a near-tie
    (1.0, [[True, True], [True, True]]),
])
def test_mask_at_the_tolerance_boundary(tol, expected):
    assert pure_equilibrium_mask(G, tol).tolist() == expected


def test_near_ties_at_the_boundary_are_listed_apart():
    eqs = pure_equilibria(G, tol=0.5)
    assert sorted(e.pure_profile() for e in eqs) == [(0, 1), (1, 0), (1, 1)]
    assert [e.pure_profile() for e in eqs.near_equilibria] == [(0, 0)]
    assert not pure_equilibria(G, tol=0.0).near_equilibria
