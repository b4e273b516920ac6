"""Random 3x3x3 and 2x2x2x2 games built by hypothesis: every returned mixed equilibrium verifies."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from benchgame.games import NormalFormGame, logit_path, simplicial_subdivision, solve
from benchgame.games.pure import pure_equilibria


@st.composite
def games(draw, shape):
    """Generic (normal payoffs from a seed) or tie-heavy (small integers) n-player games."""
    n = len(shape)
    if draw(st.booleans()):
        seed = draw(st.integers(0, 2**32 - 1))
        U = np.random.default_rng(seed).normal(size=(*shape, n))
    else:
        span = draw(st.sampled_from([1, 3, 9]))
        U = draw(arrays(np.int64, (*shape, n), elements=st.integers(-span, span))).astype(float)
    return NormalFormGame(U)


def assert_verified(eq, tol=1e-9):
    cert = eq.certificate
    assert cert.passed and cert.max_relative_regret <= tol
    assert cert.exploitability <= tol * float(eq.game.payoff_range().sum()) + 1e-300
    check = eq.verify_exact()
    # exact_equilibrium is claimed exactly when the exact regrets are all zero
    assert eq.provenance["exact_equilibrium"] == check.ok == all(r == 0 for r in check.regrets)
    # the exact regrets of the returned floats bound the float regrets up to round-off
    exact = [Fraction(r) for r in eq.provenance["exact_regrets"]]
    scale = eq.game.regret_scale()
    for r_exact, r_float, s in zip(exact, cert.regrets, scale, strict=True):
        assert r_exact >= 0 and abs(float(r_exact) - r_float) <= 1e-12 * s
    for s in eq.strategies:  # dyadic floats that sum to exactly one
        assert sum(Fraction(float(p)) for p in s) == 1


@settings(max_examples=12, deadline=None)
@given(games((3, 3, 3)))
def test_simpdiv_3x3x3(game):
    assert_verified(simplicial_subdivision(game))


@settings(max_examples=12, deadline=None)
@given(games((2, 2, 2, 2)))
def test_simpdiv_2x2x2x2(game):
    assert_verified(simplicial_subdivision(game))


@settings(max_examples=6, deadline=None)
@given(games((3, 3, 3)) | games((2, 2, 2, 2)))
def test_logit_limit(game):
    path = logit_path(game)
    if path.provenance["stopped"] == "regret":
        assert_verified(path.equilibrium)
    assert path.lambdas[0] == 0 and np.all(path.lambdas >= 0)


@settings(max_examples=10, deadline=None)
@given(games((2, 3, 2)) | games((2, 2, 2)))
def test_auto_solve_is_pure_when_a_pure_equilibrium_exists(game):
    res = solve(game)
    pure = pure_equilibria(game)
    if len(pure):
        assert res.scope == "pure" and res.complete and len(res) == len(pure)
    else:
        assert res.scope == "mixed" and not res.complete and len(res) == 1
        assert_verified(res[0])


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(games((3, 3, 3)) | games((2, 2, 2, 2)) | games((4, 4, 4)) | games((2, 2, 2, 2, 2)))
def test_simpdiv_sweep(game):
    assert_verified(simplicial_subdivision(game))


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(games((3, 3, 3)) | games((2, 2, 2, 2)) | games((4, 4, 4)))
def test_logit_sweep(game):
    path = logit_path(game)
    assert path.provenance["stopped"] == "regret"
    assert_verified(path.equilibrium)
