"""Support enumeration: completeness flag and invariance."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games import NormalFormGame, all_equilibria, support_enumeration


def test_degenerate_is_marked_incomplete():
    res = support_enumeration(NormalFormGame.from_bimatrix(np.ones((2, 2)), np.ones((2, 2))))
    assert res.degenerate and not res.complete and "all_equilibria" in res.reason


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 5), st.integers(-4, 4))
def test_scale_shift_invariance(seed, scale, shift):
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-9, 10, (3, 4)), rng.integers(-9, 10, (3, 4))
    g = NormalFormGame.from_bimatrix(A, B)
    h = NormalFormGame.from_bimatrix(scale * A + shift, scale * B - shift)
    assert [e.exact for e in all_equilibria(g)] == [e.exact for e in all_equilibria(h)]
    assert [e.exact for e in support_enumeration(g)] == [e.exact for e in support_enumeration(h)]
