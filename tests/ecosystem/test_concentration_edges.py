"""Edge values of the concentration measures (each pins a boundary of the formulas)."""

from __future__ import annotations

import pytest

from benchgame.analyses.ecosystem.concentration import (
    concentration,
    gini,
    herfindahl,
    top_fraction_share,
    top_k_share,
)
from benchgame.core.validation import InputError


@pytest.mark.parametrize("n", [3, 7, 11])
def test_gini_of_one_holder_is_exactly_its_maximum(n):
    # the float formula gives (n-1)/n + 1 ulp for these n; the clip returns the exact maximum
    assert gini([0.0] * (n - 1) + [3.0]) == (n - 1) / n


def test_top_fraction_share_accepts_the_whole_population():
    assert top_fraction_share([8, 1, 1], 1.0) == 1.0
    with pytest.raises(InputError, match="q"):
        top_fraction_share([8, 1, 1], 1.0000001)
    with pytest.raises(InputError, match="q"):
        top_fraction_share([8, 1, 1], 0.0)


def test_default_top_k_is_three():
    c = concentration([5, 4, 3, 2, 1])
    assert c.k == 3 and c.top_k_share == pytest.approx(12 / 15)
    assert c.to_dict()["k"] == 3


@pytest.mark.parametrize("fn", [gini, herfindahl, lambda x: top_k_share(x, 1),
                                lambda x: top_fraction_share(x, 0.5)])
def test_negative_holdings_are_refused(fn):
    with pytest.raises(InputError, match="nonnegative|negative"):
        fn([3.0, -1.0, 2.0])


def test_tiny_fraction_still_takes_the_top_holder():
    assert top_fraction_share([8, 1, 1], 1e-15) == pytest.approx(0.8)


def test_concentration_results_are_immutable():
    import dataclasses

    c = concentration([5, 4, 3])
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.gini = 0.0  # type: ignore[misc]
