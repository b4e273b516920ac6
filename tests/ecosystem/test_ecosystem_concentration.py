"""Gini, HHI and top-k shares: exact values and identities (hypothesis)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchgame.analyses.ecosystem import (
    concentration,
    gini,
    gini_last_axis,
    herfindahl,
    top_fraction_share,
    top_k_share,
)
from benchgame.core.validation import InputError

holdings = st.lists(st.floats(0.0, 1e3, allow_nan=False), min_size=1, max_size=40).filter(
    lambda x: sum(x) > 1e-6)


@pytest.mark.parametrize("x, expected", [
    ([1, 2, 3, 4], 0.25),            # 2*30/(4*10) - 5/4
    ([0, 0, 0, 5], 0.75),            # one holder of four: (n-1)/n
    ([7, 7, 7], 0.0),
    ([1, 3], 0.25),                  # |1-3| * 2 / (2 * 2^2 * 2)
    ([0, 1], 0.5),
])
def test_gini_table(x, expected):
    assert gini(x) == pytest.approx(expected, abs=1e-12)


def test_hhi_and_top_k_table():
    x = [1, 2, 3, 4]
    assert herfindahl(x) == pytest.approx((1 + 4 + 9 + 16) / 100)
    assert top_k_share(x, 1) == pytest.approx(0.4)
    assert top_k_share(x, 3) == pytest.approx(0.9)
    assert top_k_share(x, 10) == pytest.approx(1.0)       # k > n counts everyone
    assert top_fraction_share(list(range(1, 21)), 0.15) == pytest.approx((20 + 19 + 18) / 210)
    # 0.3 * 7 = 2.1 holders -> the top 3 (rounded up): (5 + 4 + 3) / 17
    assert top_fraction_share([5, 4, 3, 2, 1, 1, 1], 0.3) == pytest.approx(12 / 17)
    c = concentration(x, k=2)
    assert (c.n, c.k, c.total) == (4, 2, 10.0)
    assert c.top_k_share == pytest.approx(0.7)


@given(n=st.integers(1, 60), c=st.floats(1e-6, 1e6))
def test_equal_shares_have_gini_zero_and_hhi_one_over_n(n, c):
    x = np.full(n, c)
    assert gini(x) == pytest.approx(0.0, abs=1e-9)
    assert herfindahl(x) == pytest.approx(1.0 / n)


@given(n=st.integers(1, 60), pos=st.integers(0, 59), c=st.floats(1e-6, 1e6))
def test_one_holder_gini_is_n_minus_one_over_n(n, pos, c):
    x = np.zeros(n)
    x[pos % n] = c
    assert gini(x) == pytest.approx((n - 1) / n, abs=1e-12)
    assert herfindahl(x) == pytest.approx(1.0)
    assert top_k_share(x, 1) == pytest.approx(1.0)


@given(x=holdings, c=st.floats(1e-3, 1e3))
def test_scale_invariance(x, c):
    x = np.asarray(x)
    assert gini(c * x) == pytest.approx(gini(x), abs=1e-9)
    assert herfindahl(c * x) == pytest.approx(herfindahl(x), rel=1e-9)
    assert top_k_share(c * x, 2) == pytest.approx(top_k_share(x, 2), rel=1e-9)


@given(x=holdings)
def test_gini_equals_mean_absolute_difference_over_two_mu(x):
    x = np.asarray(x)
    n = x.size
    mad = np.abs(x[:, None] - x[None, :]).sum() / n**2
    assert gini(x) == pytest.approx(mad / (2 * x.mean()), abs=1e-9)
    assert 0.0 <= gini(x) <= (n - 1) / n + 1e-12
    assert 1.0 / n - 1e-12 <= herfindahl(x) <= 1.0 + 1e-12


@given(x=holdings)
def test_gini_is_permutation_invariant_and_top_k_monotone(x):
    x = np.asarray(x)
    assert gini(x[::-1]) == pytest.approx(gini(x), abs=1e-12)
    shares = [top_k_share(x, k) for k in range(1, x.size + 1)]
    assert all(b >= a - 1e-12 for a, b in zip(shares, shares[1:], strict=False))
    assert shares[-1] == pytest.approx(1.0)


@pytest.mark.parametrize("x, field", [([1, -1], "x"), ([0, 0], "x"), ([1, np.nan], "x"),
                                      ([[1, 2]], "x"), ([], "x")])
def test_bad_holdings(x, field):
    with pytest.raises(InputError, match=field):
        gini(x)


def test_bad_k_and_q():
    with pytest.raises(InputError, match="k"):
        top_k_share([1, 2], 0)
    with pytest.raises(InputError, match="q"):
        top_fraction_share([1, 2], 1.5)


@given(st.integers(1, 6), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_vectorized_gini_agrees_with_the_scalar_one(rows, n, seed):
    """One implementation: every row of gini_last_axis is gini of that row (up to round-off of
    the matrix product), for holdings with zeros and ties."""
    rng = np.random.default_rng(seed)
    x = rng.choice([0.0, 1.0, 2.5, 1e3], size=(rows, n)) * rng.random((rows, n)).round(1)
    x[:, 0] += 1.0  # positive sums
    vec = gini_last_axis(x)
    assert vec.shape == (rows,)
    for row, g in zip(x, vec, strict=True):
        assert g == pytest.approx(gini(row), abs=1e-12)
        assert float(gini_last_axis(np.sort(row))) == gini(row)  # gini sorts, then calls it
    # a 3-D stack: the last axis is the vector
    np.testing.assert_allclose(gini_last_axis(np.stack([x, x])), np.stack([vec, vec]),
                               rtol=0, atol=1e-12)


def test_vectorized_gini_edge_cases():
    np.testing.assert_array_equal(gini_last_axis([[0.0, 0.0], [2.0, 2.0], [0.0, 3.0]]),
                                  [np.nan, 0.0, 0.5])
    assert np.isnan(gini_last_axis(np.empty(0)))
    assert gini_last_axis(np.empty((3, 0))).shape == (3,)
    assert float(gini_last_axis([5.0])) == 0.0


def test_simulation_gini_is_the_concentration_gini():
    """The simulation's per-step Gini is gini() of the live authority vector."""
    from benchgame.analyses.ecosystem import EcosystemParams, simulate

    p = EcosystemParams(steps=15, initial_benchmarks=6, live_window=None)
    run = simulate(p, 3)
    assert run.history["gini"].iloc[-1] == gini(run.authority)
