"""Gini, HHI and top-k shares: exact values and identities (hypothesis)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchgame.analyses.ecosystem import (
    concentration,
    gini,
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
