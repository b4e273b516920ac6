"""Lemke-Howson's certificate is computed in its compiled kernel: it is the certificate that
``certify`` gives the returned profile (to rounding), with the same scale, tolerance and verdict,
and the inputs are refused as before (tolerance, payoff magnitude)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, lemke_howson
from benchgame.games.best_response_polytopes import positive_shift
from benchgame.games.certificate import Certificate, certificate_of, certify
from benchgame.games.compiled import compiled
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.lemke_howson_kernel import lemke_howson_path

PIVOT_TOL, MAX_PIVOTS = 1e-12, 10_000


@st.composite
def bimatrix_games(draw, high=7):
    """Two-player games of 1..high strategies each, integer payoffs (few values: ties and
    degeneracy; many: generic) times a scale from 1e-3 to 1e6."""
    m, n = draw(st.integers(1, high)), draw(st.integers(1, high))
    span = draw(st.sampled_from([1, 3, 1000]))
    A, B = (draw(arrays(np.int64, (m, n), elements=st.integers(-span, span))) for _ in range(2))
    scale = draw(st.sampled_from([1e-3, 1.0, 1e6]))
    return NormalFormGame.from_bimatrix(A * scale, B * scale)


@settings(max_examples=80, deadline=None)
@given(bimatrix_games(), st.data())
def test_certificate_is_certify_of_the_returned_profile(game, data):
    k = data.draw(st.integers(0, sum(game.shape) - 1))
    tol = data.draw(st.sampled_from([1e-9, 1e-6]))
    e = lemke_howson(game, k, tol, exact=False)
    game.check_profile(e.strategies)  # a mixed profile: nonnegative, sums to 1
    ref, got, scale = certify(game, e.strategies, tol), e.certificate, game.regret_scale()
    assert got.tol == ref.tol == tol and got.passed and ref.passed
    for r, r_ref, s in zip(got.regrets, ref.regrets, scale, strict=True):
        assert r >= 0 and abs(r - r_ref) <= 1e-12 * s
    for r, r_ref in zip(got.relative_regrets, ref.relative_regrets, strict=True):
        assert abs(r - r_ref) <= 1e-12
    assert got.exploitability == sum(got.regrets)


@settings(max_examples=60, deadline=None)
@given(bimatrix_games(), st.data())
def test_kernel_scale_is_the_regret_scale_and_its_regrets_the_end_points(game, data):
    k = data.draw(st.integers(0, sum(game.shape) - 1))
    x, y, _, _, _, status, regrets, scale = compiled(lemke_howson_path)(
        game.payoffs, k, PIVOT_TOL, MAX_PIVOTS, 1e300)
    assert status == 0 and scale.tolist() == game.regret_scale().tolist()
    assert sum(x) == pytest.approx(1.0, abs=1e-15) and sum(y) == pytest.approx(1.0, abs=1e-15)
    assert np.allclose(regrets, game.regrets([x, y]), rtol=0, atol=1e-12 * scale.max())


def test_pure_and_constant_games_have_zero_certificates_exactly():
    zero = Certificate((0.0, 0.0), (0.0, 0.0), 1e-9, True, 0.0)
    g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    for k in (0, 2, 3):  # these labels end at the pure equilibrium (row 1, column 1)
        e = lemke_howson(g, k)
        assert [s.tolist() for s in e.strategies] == [[1.0, 0.0, 0.0], [1.0, 0.0]]
        assert e.certificate == zero
    flat = lemke_howson(NormalFormGame.from_bimatrix(np.ones((3, 2)), np.ones((3, 2))), 1)
    assert [s.tolist() for s in flat.strategies] == [[0.0, 0.0, 1.0], [0.0, 1.0]]
    assert flat.certificate == zero
    pennies = NormalFormGame.from_bimatrix(10 * np.array([[1, -1], [-1, 1]]))
    e = lemke_howson(pennies, 0)  # floats within rounding of 1/2, so regrets of rounding size
    assert e.exact == ((Fraction(1, 2),) * 2,) * 2 and e.certificate.passed
    assert e.certificate.max_regret <= 1e-14 and e.certificate.tol == 1e-9


def test_bad_tolerance_and_huge_payoffs_are_refused_like_before():
    g = NormalFormGame.from_bimatrix(np.eye(2), np.eye(2))
    with pytest.raises(InputError, match="^tol: is -1; give a finite tolerance"):
        lemke_howson(g, 0, tol=-1)
    A, B = np.array([[1e301, 0.0]]), np.array([[0.0, 1.0]])
    with pytest.raises(InputError) as expected:
        positive_shift(A, B)
    with pytest.raises(InputError) as got:
        lemke_howson(NormalFormGame.from_bimatrix(A, B), 0)
    assert str(got.value) == str(expected.value)
    status = compiled(lemke_howson_path)(np.stack([A, B], -1), 0, PIVOT_TOL, MAX_PIVOTS, 1e300)[5]
    assert status == 3


@pytest.mark.parametrize("where", [(0, 0, 0), (0, 1, 0), (0, 0, 1), (0, 1, 1)])
@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_a_huge_payoff_of_either_player_and_either_sign_is_refused(where, sign):
    U = np.zeros((1, 2, 2))
    U[where] = sign * 1e301
    with pytest.raises(InputError, match="^payoffs: "):
        lemke_howson(NormalFormGame(U), 0)


def test_a_loose_pivot_tolerance_ends_off_equilibrium_and_the_certificate_says_so():
    # with pivot_tol 0.5 the ratio test accepts wrong rows: the end point (row 4, column 4)
    # is no equilibrium, and both players' regrets are those of the given payoffs
    A = [[8, 6, 5, 2], [3, 0, 0, 0], [1, 8, 6, 9], [5, 6, 9, 7]]
    B = [[6, 5, 5, 9], [2, 8, 6, 0], [3, 8, 5, 0], [7, 7, 8, 1]]
    e = lemke_howson(NormalFormGame.from_bimatrix(A, B), 4, pivot_tol=0.5)
    assert [s.tolist() for s in e.strategies] == [[0, 0, 0, 1], [0, 0, 0, 1]]
    assert e.certificate.regrets == (2.0, 7.0) and not e.certificate.passed
    assert e.certificate.exploitability == 9.0


def test_certify_of_a_three_player_profile_has_the_exact_values():
    # each player is paid the index of its own action: at the uniform profile, regret 1/2 each
    U = np.zeros((2, 2, 2, 3))
    for a in np.ndindex(2, 2, 2):
        U[a] = a
    g = NormalFormGame(U)
    half = [np.array([0.5, 0.5])] * 3
    assert certify(g, half) == Certificate((0.5,) * 3, (0.5,) * 3, 1e-9, False, 1.5)
    assert certify(g, half) == certificate_of(g.regrets(half), g.regret_scale(), 1e-9)
    assert certificate_of([0.25, -1e-17], [0.5, 2.0], 0.5) == Certificate(
        (0.25, 0.0), (0.5, 0.0), 0.5, True, 0.25)


def test_from_certificate_keeps_read_only_copies_and_exact_fractions():
    g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    half = np.array([0.5, 0.5])
    cert = certificate_of([0.0, 0.0], [2.0, 2.0], 1e-9)
    e = Equilibrium.from_certificate(g, (half, half), "by hand", cert,
                                     exact=[["1/2", "1/2"], [0.5, 0.5]], provenance={"a": 1})
    half[0] = 1.0  # the caller's array is not the stored one
    assert [s.tolist() for s in e.strategies] == [[0.5, 0.5], [0.5, 0.5]]
    assert not any(s.flags.writeable for s in e.strategies)
    assert e.exact == ((Fraction(1, 2),) * 2,) * 2 and dict(e.provenance) == {"a": 1}
    assert e.certificate is cert and e.verify_exact().ok
    with pytest.raises(TypeError):
        e.provenance["a"] = 2  # type: ignore[index]
    same = Equilibrium.certified(g, [[0.5, 0.5], [0.5, 0.5]], "by hand", exact=e.exact,
                                 provenance={"a": 1})
    assert same.certificate == cert and same.exact == e.exact
