"""Zero-sum LP: value, optimal strategies, duality gap, constant-sum, rejection."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, all_equilibria, zero_sum_equilibrium


def test_rps_constant_sum():
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    sol = zero_sum_equilibrium(NormalFormGame.from_bimatrix(A, 4 - A))
    assert abs(sol.value) < 1e-9 and sol.duality_gap < 1e-9 and sol.constant == 4
    assert sol.equilibrium.exact == ((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_value_matches_every_enumerated_equilibrium(m, n, seed):
    A = np.random.default_rng(seed).integers(-5, 6, (m, n))
    game = NormalFormGame.from_bimatrix(A, -A)
    sol = zero_sum_equilibrium(game)
    assert abs(sol.value - sol.upper) < 1e-7 and sol.duality_gap < 1e-7
    for e in all_equilibria(game):
        assert abs(float(e.payoffs[0]) - sol.value) < 1e-7


def test_general_sum_rejected():
    with pytest.raises(InputError, match="zero-sum"):
        zero_sum_equilibrium(NormalFormGame.from_bimatrix(np.eye(2), np.eye(2)))
